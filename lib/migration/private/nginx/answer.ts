/**
 * How ingress-nginx answers one request, from the configuration of config.ts.
 *
 * Sources (kubernetes/ingress-nginx, controller v1.x, unless noted):
 * - nginx server selection: exact name (or alias), then the longest leading wildcard, then the default server
 *   (nginx docs, http/server_names "How nginx processes a request"); from-to-www twins are servers of their own that
 *   answer every path with `http-redirect-code` (308) to `$scheme://<host><request_uri without a trailing "/">`
 *   (rootfs/etc/nginx/template/nginx.tmpl, "Build server redirects").
 * - app-root: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }` at server level, before any location
 *   (nginx.tmpl, inside the server, outside the location blocks).
 * - location selection: `= path` first, then the longest plain prefix (case-sensitive); a prefix location ending in
 *   "/" answers the same URI without the slash with 301 to it (nginx docs, http/ngx_http_core_module "location",
 *   proxy_pass special processing); when the server enforces regexes, the first `~* "^path"` in order, matched
 *   case-insensitively against the normalized URI (template.go `buildLocation`).
 * - in the location: the CORS preflight `if ($request_method = 'OPTIONS') { return 204; }`, then
 *   `return <code> <url>` of permanent/temporal-redirect, then `rewrite "(?i)<path>" <target> break;`
 *   (template.go `buildProxyPass`), then (rewrite_by_lua, which runs last in the rewrite phase) the HTTPS redirect:
 *   force-ssl-redirect, or ssl-redirect (default true) when the host has a certificate, `http-redirect-code` (308) to
 *   `https://<host><request_uri>`, a trailing "/" dropped unless preserve-trailing-slash
 *   (rootfs/etc/nginx/lua/lua_ingress.lua `redirect_to_https`).
 * - canaries: header (`canary-by-header-value`, else "always"/"never"), then cookie ("always"/"never"), then weight
 *   (rootfs/etc/nginx/lua/balancer.lua `route_to_alternative_balancer`).
 * - no location, or the default backend: 404.
 */
import type { HttpRequest } from "../../../private/routing";
import { CATCH_ALL, NginxConfig, NginxLocation, NginxServer, needsRewrite } from "./config";

/** A request as a client sends it: the Gateway evaluator's request, so one request replays through both. */
export type ModelRequest = HttpRequest;

/** How a proxy answers a request: a forward to backends, a redirect, or a status of its own. */
export interface ModelAnswer {
  /** `null`: forwarded to `backends`; otherwise the status the proxy answers itself (404, 204, 3xx). */
  readonly status: number | null;
  readonly backends: ReadonlyArray<{ readonly namespace: string; readonly service: string; readonly port: number | string; readonly weight: number }>;
  /** The Location of a redirect. */
  readonly redirect: string | null;
  /** The request as the backend receives it, for a forward. */
  readonly upstream?: { readonly host: string; readonly path: string; readonly query: string };
  /** The Ingress whose settings answered, `<namespace>/<name>`. */
  readonly ingress?: string;
  /** The canary Ingresses the balancer consulted. */
  readonly canaries?: readonly string[];
  readonly steps: readonly string[];
}

/** An answer this model cannot give (a regular expression JavaScript cannot run). */
export class UnmodelledRequest extends Error {}

const HTTP_REDIRECT_CODE = 308; // ConfigMap http-redirect-code default (docs/user-guide/nginx-configuration/configmap.md)

const header = (r: ModelRequest, name: string): string | undefined =>
  Object.entries(r.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

const requestUri = (r: ModelRequest) => (r.query === "" ? r.path : `${r.path}?${r.query}`);

function stripSlash(uri: string): string {
  const [path, ...rest] = uri.split("?");
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  return rest.length > 0 ? `${trimmed}?${rest.join("?")}` : trimmed;
}

/** nginx's `$uri`: percent-decoded, `//` merged, `.` and `..` resolved (merge_slashes on). */
export function normalizedUri(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  const out: string[] = [];
  for (const segment of decoded.split("/").slice(1)) {
    if (segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  const joined = `/${out.filter((s, i) => s !== "" || i === out.length - 1).join("/")}`;
  return joined.replace(/\/{2,}/g, "/");
}

/** A PCRE path as a JavaScript regular expression (case-insensitive), or an UnmodelledRequest. */
export function pcre(source: string, anchored: boolean): RegExp {
  const body = source.replace(/^\(\?i\)/, "");
  try {
    return new RegExp(anchored ? `^(?:${body})` : body, "i");
  } catch (e) {
    throw new UnmodelledRequest(`the regular expression ${JSON.stringify(source)} does not run in JavaScript: ${(e as Error).message}`);
  }
}

function serverFor(config: NginxConfig, host: string): NginxServer {
  const servers = [...config.servers.values()];
  const exact = servers.find((s) => s.hostname === host || s.aliases.includes(host));
  if (exact) return exact;
  const wildcards = servers.filter((s) => s.hostname.startsWith("*.") && host.endsWith(s.hostname.slice(1)) && host.length > s.hostname.length - 1);
  wildcards.sort((a, b) => b.hostname.length - a.hostname.length);
  return wildcards[0] ?? config.servers.get(CATCH_ALL)!;
}

type Selected = { location: NginxLocation; how: string } | { redirectTo: string } | undefined;

function selectLocation(server: NginxServer, uri: string): Selected {
  if (server.enforceRegex) {
    const location = server.locations.find((l) => pcre(l.path, true).test(uri));
    return location && { location, how: `~* "^${location.path}"` };
  }
  const exact = server.locations.find((l) => l.pathType === "Exact" && l.path === uri);
  if (exact) return { location: exact, how: `= ${exact.path}` };
  if (server.locations.some((l) => l.pathType !== "Exact" && l.path === `${uri}/`)) return { redirectTo: `${uri}/` };
  const prefixes = server.locations.filter((l) => l.pathType !== "Exact" && uri.startsWith(l.path));
  prefixes.sort((a, b) => b.path.length - a.path.length);
  return prefixes[0] && { location: prefixes[0], how: prefixes[0].path };
}

/** The backends a location sends the request to: the canary's alone, the main alone, or both by weight. */
function backendsOf(location: NginxLocation, r: ModelRequest): ModelAnswer["backends"] {
  const main = location.backend!;
  for (const { settings, backend } of location.canaries) {
    const c = settings.canary!;
    const value = c.header ? header(r, c.header) : undefined;
    if (value !== undefined) {
      if (c.headerValue) {
        if (value === c.headerValue) return [{ ...backend, weight: 1 }];
      } else if (value === "always") return [{ ...backend, weight: 1 }];
      else if (value === "never") return [{ ...main, weight: 1 }];
    }
    const cookie = c.cookie ? /(?:^|;\s*)([^=;]+)=([^;]*)/g : undefined;
    for (const m of cookie ? (header(r, "cookie") ?? "").matchAll(cookie) : []) {
      if (m[1].trim() !== c.cookie) continue;
      if (m[2] === "always") return [{ ...backend, weight: 1 }];
      if (m[2] === "never") return [{ ...main, weight: 1 }];
    }
    if (c.weight > 0) return c.weight >= c.weightTotal ? [{ ...backend, weight: 1 }] : [{ ...main, weight: c.weightTotal - c.weight }, { ...backend, weight: c.weight }];
  }
  return [{ ...main, weight: 1 }];
}

/**
 * The path (and query) the backend gets: as the client sent it (proxy_pass without a URI passes the request URI
 * unchanged, nginx docs ngx_http_proxy_module "proxy_pass"), or after `rewrite "(?i)<path>" <target> break;`.
 */
function rewritten(location: NginxLocation, r: ModelRequest, uri: string): { path: string; query: string } {
  const query = r.query;
  if (!needsRewrite(location)) return { path: r.path, query };
  const m = pcre(location.path, false).exec(uri);
  if (!m) return { path: uri, query };
  const target = location.settings!.rewriteTarget!.replace(/\$(\d)/g, (_x, n: string) => m[Number(n)] ?? "");
  const [path, extra] = target.split("?");
  return { path, query: extra === undefined ? query : [extra, query].filter((q) => q !== "").join("&") };
}

/** How ingress-nginx answers `r` with configuration `config`. */
export function answerNginx(config: NginxConfig, r: ModelRequest): ModelAnswer {
  const host = r.host.toLowerCase().replace(/:\d+$/, "");
  const steps: string[] = [];
  const twin = config.wwwRedirects.get(host);
  if (twin !== undefined) {
    const location = `${r.scheme}://${twin}${stripSlash(requestUri(r))}`;
    return { status: HTTP_REDIRECT_CODE, backends: [], redirect: location, steps: [`from-to-www server ${host}: ${HTTP_REDIRECT_CODE} to ${location}`] };
  }
  const server = serverFor(config, host);
  steps.push(`server ${server.hostname}`);
  const uri = normalizedUri(r.path);
  const appRoot = uri === "/" ? server.locations.find((l) => l.settings?.appRoot)?.settings : undefined;
  if (appRoot) {
    const location = `${r.scheme}://${r.host}${appRoot.appRoot}`;
    return { status: 302, backends: [], redirect: location, ingress: appRoot.ingress, steps: [...steps, `app-root: 302 to ${location}`] };
  }
  const selected = selectLocation(server, uri);
  if (selected === undefined) return { status: 404, backends: [], redirect: null, steps: [...steps, "no location: 404"] };
  if ("redirectTo" in selected) {
    const location = `${r.scheme}://${r.host}${selected.redirectTo}${r.query ? `?${r.query}` : ""}`;
    return { status: 301, backends: [], redirect: location, steps: [...steps, `prefix location ${selected.redirectTo} answers ${uri} with 301 to ${location}`] };
  }
  return inLocation(server, selected.location, r, uri, [...steps, `location ${selected.how}`]);
}

function inLocation(server: NginxServer, location: NginxLocation, r: ModelRequest, uri: string, steps: string[]): ModelAnswer {
  const s = location.settings;
  const done = (status: number, redirect: string | null, why: string): ModelAnswer => ({ status, backends: [], redirect, ingress: s?.ingress, steps: [...steps, why] });
  if (s?.cors && r.method === "OPTIONS") return done(204, null, "CORS preflight: 204");
  if (s?.redirect) {
    const url = s.redirect.url.replace(/\$request_uri/g, requestUri(r)).replace(/\$scheme/g, r.scheme).replace(/\$host/g, r.host.replace(/:\d+$/, ""));
    return done(s.redirect.code, url, `redirect annotation: ${s.redirect.code} to ${url}`);
  }
  const upgrade = s && r.scheme === "http" && (s.forceSslRedirect || (s.sslRedirect && server.hasCertificate));
  if (upgrade) {
    const rest = s.preserveTrailingSlash ? requestUri(r) : stripSlash(requestUri(r));
    const url = `https://${r.host.replace(/:\d+$/, "")}${rest}`;
    return done(HTTP_REDIRECT_CODE, url, `HTTPS redirect: ${HTTP_REDIRECT_CODE} to ${url}`);
  }
  if (location.backend === undefined) return done(404, null, "default backend: 404");
  const up = rewritten(location, r, uri);
  return {
    status: null,
    backends: backendsOf(location, r),
    redirect: null,
    upstream: { host: s?.upstreamVhost ?? r.host, path: up.path, query: up.query },
    ingress: s?.ingress,
    canaries: location.canaries.map((c) => c.settings.ingress),
    steps: [...steps, `proxied${needsRewrite(location) ? ` as ${up.path}` : ""}`],
  };
}
