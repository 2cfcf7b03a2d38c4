/**
 * The requests a migrated Ingress's rules imply, to replay through ingress-nginx's semantics and through the
 * converted routes: each host and path, the edges of each prefix and regular expression (with and without a
 * trailing slash, one character past the path, another letter case, below it), the root and an unmatched path, a
 * query string, the canary headers and cookies, CORS preflights, the www twin, and HTTPS for hosts with TLS.
 */
import { KubeObject, objectKey } from "../objects";
import { ModelRequest } from "../nginx/answer";

const ANNOTATION = "nginx.ingress.kubernetes.io/";

/** A request to replay, with the Ingress it was derived from. */
export interface ReplayRequest {
  readonly ingress: string;
  readonly request: ModelRequest;
}

/** A concrete host for a rule host: itself, or a name below a wildcard (one and two labels deep). */
function concreteHosts(host: string): string[] {
  return host.startsWith("*.") ? [`a${host.slice(1)}`, `a.b${host.slice(1)}`] : [host];
}

/** The literal start of a path that may be a regular expression: up to its first metacharacter. */
function literalStart(path: string): string {
  const m = /^[^\\^$.|?*+()[\]{}]*/.exec(path.replace(/^\^/, ""));
  return m ? m[0] : "/";
}

/** Paths around one Ingress path: the path, its edges (slash or not, one character past it, another case), and below it. */
function pathsAround(path: string): string[] {
  const literal = literalStart(path) || "/";
  const base = literal.replace(/\/+$/, "");
  const out = [literal, base || "/", `${base}/`, `${base}x`, `${base}/sub/x`, base.toUpperCase() || "/", `${base.toUpperCase()}/sub`];
  if (literal !== path) out.push(path.replace(/[\\^$.|?*+()[\]{}]/g, ""));
  return out.map((p) => `/${p.replace(/^\/+/, "")}`.replace(/\/{2,}/g, "/"));
}

function annotation(ingress: KubeObject, key: string): string | undefined {
  return ingress.metadata?.annotations?.[ANNOTATION + key];
}

/** Headers that pick a canary's backend on `host`, from the canary Ingresses of the input that serve it. */
function canaryHeaders(ingresses: readonly KubeObject[], host: string): Array<{ [name: string]: string }> {
  const out: Array<{ [name: string]: string }> = [];
  for (const i of ingresses) {
    if ((annotation(i, "canary") ?? "").trim().toLowerCase() !== "true") continue;
    if (!(i.spec?.rules ?? []).some((r: any) => String(r?.host ?? "").toLowerCase() === host)) continue;
    const header = annotation(i, "canary-by-header");
    const value = annotation(i, "canary-by-header-value");
    if (header) out.push({ [header]: value ?? "always" }, { [header]: "never" }, { [header]: "other" });
    const cookie = annotation(i, "canary-by-cookie");
    if (cookie) out.push({ Cookie: `${cookie}=always` }, { Cookie: `${cookie}=never` });
  }
  return out;
}

const twinOf = (host: string) => (host.startsWith("www.") ? host.slice(4) : `www.${host}`);

/**
 * The requests to replay for the Ingresses converted, `tlsHosts` being the hosts with TLS in ingress-nginx (they get
 * HTTPS requests too) and `defaultHosts` the names rules without a host were converted onto.
 */
export function replayRequests(ingresses: readonly KubeObject[], tlsHosts: ReadonlySet<string>, defaultHosts: readonly string[], edgeTls: boolean): ReplayRequest[] {
  const seen = new Set<string>();
  const out: ReplayRequest[] = [];
  const push = (ingress: string, r: ModelRequest) => {
    const key = `${r.method} ${r.scheme}://${r.host}${r.path}?${r.query} ${JSON.stringify(r.headers)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ ingress, request: r });
    }
  };
  for (const i of ingresses) {
    const key = objectKey(i);
    const cors = (annotation(i, "enable-cors") ?? "").trim().toLowerCase() === "true";
    for (const rule of i.spec?.rules ?? []) {
      const hosts = rule?.host ? concreteHosts(String(rule.host).toLowerCase()) : defaultHosts;
      for (const host of hosts) {
        const tls = tlsHosts.has(host) || [...tlsHosts].some((t) => t.startsWith("*.") && host.endsWith(t.slice(1)));
        const paths = [...new Set([...(rule?.http?.paths ?? []).flatMap((p: any) => pathsAround(String(p?.path || "/"))), "/", "/zz-unmatched"])];
        // Behind an edge with a certificate every client ends on HTTPS: replay the paths over HTTPS, and HTTP only at
        // the first hop (two requests per host show the redirect); otherwise over HTTP, and HTTPS too for TLS hosts.
        const schemes: Array<"http" | "https"> = edgeTls ? ["https"] : tls ? ["http", "https"] : ["http"];
        if (edgeTls) for (const path of ["/", `${paths[0].replace(/\/$/, "")}/`]) push(key, { method: "GET", scheme: "http", host, path, query: "", headers: {} });
        const headers = [{}, ...canaryHeaders(ingresses, host)];
        for (const scheme of schemes) {
          for (const path of paths) {
            for (const h of headers) push(key, { method: "GET", scheme, host, path, query: "", headers: h });
          }
          push(key, { method: "GET", scheme, host, path: paths[0], query: "q=1", headers: {} });
          if (cors) push(key, { method: "OPTIONS", scheme, host, path: paths[0], query: "", headers: { Origin: "https://example.org", "Access-Control-Request-Method": "GET" } });
          if ((annotation(i, "from-to-www-redirect") ?? "").trim().toLowerCase() === "true" && !host.startsWith("*.")) {
            for (const path of ["/", "/a/", "/a/b?x"]) push(key, { method: "GET", scheme, host: twinOf(host), path: path.split("?")[0], query: path.split("?")[1] ?? "", headers: {} });
          }
        }
      }
      if (rule?.host && String(rule.host).startsWith("*.")) push(key, { method: "GET", scheme: "http", host: String(rule.host).slice(2), path: "/", query: "", headers: {} });
    }
  }
  return out;
}
