/**
 * Replays the requests each converted Ingress implies through ingress-nginx's semantics (the nginx model) and through
 * the platform that replaces it (the Application Gateway's HTTP-to-HTTPS redirect, then the shared Gateway with the
 * converted routes, as Istio answers), and lists every request whose answer differs (status, backend, path, Host,
 * Location) with the findings that explain it. A difference no finding explains is a conversion defect.
 */
import { MigrationFinding, MigrationVerdict } from "../../finding";
import { KubeObject, isIngress, objectKey } from "../objects";
import { nginxConfig } from "../nginx/config";
import { ModelAnswer, ModelRequest, UnmodelledRequest, answerNginx } from "../nginx/answer";
import { GatewayModel, evaluateGateway } from "../../../private/routing";
import { ReplayRequest, replayRequests } from "./requests";

/** What the platform is assumed to do in front of the Gateway. */
export interface PlatformAssumptions {
  /** The Application Gateway has a certificate, so it answers HTTP with 301 to HTTPS for every hostname. */
  readonly edgeTls: boolean;
  /** The scheme the Gateway receives (`https` with gatewayTls, else `http`). */
  readonly gatewayScheme: "http" | "https";
}

/** One request answered differently. */
export interface ReplayDifference {
  /** `GET http://host/path?query` with any header. */
  readonly request: string;
  /** The Ingress the request was derived from. */
  readonly ingress: string;
  /** The answer of ingress-nginx, in one line. */
  readonly nginx: string;
  /** The answer of the platform, in one line. */
  readonly platform: string;
  /** Findings (`<ingress> <annotation or spec part>`) or assumptions that explain it; empty: a conversion defect. */
  readonly explainedBy: readonly string[];
}

/** The result of a replay. */
export interface ReplayResult {
  readonly requests: number;
  readonly differences: readonly ReplayDifference[];
  /** What was assumed of the platform, in words. */
  readonly assumptions: readonly string[];
}

/** What the input of a replay holds. */
export interface ReplayInput {
  readonly objects: readonly KubeObject[];
  /** `<namespace>/<name>` of the Ingresses converted. */
  readonly converted: readonly string[];
  readonly findings: readonly MigrationFinding[];
  /** The Gateway with every route synthesized for the migration (and the platform's own, such as the health route). */
  readonly gateway: GatewayModel;
  /** Route `<namespace>/<name>` → the Ingress it comes from. */
  readonly routeIngress: ReadonlyMap<string, string>;
  readonly defaultHosts: readonly string[];
  readonly platform?: PlatformAssumptions;
}

/** An answer in one line: `-> ns/svc:80 /path` (weights when several, `Host` when rewritten), `301 https://…`, `404`. */
export function brief(a: Pick<ModelAnswer, "status" | "backends" | "redirect" | "upstream">, requestHost?: string): string {
  if (a.status !== null) return a.redirect ? `${a.status} ${a.redirect}` : String(a.status);
  if (a.backends.length === 0) return "no answer";
  const backends = a.backends.map((b) => `${b.namespace}/${b.service}:${b.port}${a.backends.length > 1 ? ` w${b.weight}` : ""}`).join(" + ");
  const up = a.upstream;
  const host = up && requestHost !== undefined && up.host.replace(/:\d+$/, "") !== requestHost.replace(/:\d+$/, "") ? ` Host ${up.host}` : "";
  return `-> ${backends}${up ? ` ${up.path}${up.query ? `?${up.query}` : ""}` : ""}${host}`;
}

/** Weights as fractions, so 80/20 and 4/1 compare equal. */
function normalized(a: ModelAnswer): ModelAnswer {
  const total = a.backends.reduce((n, b) => n + b.weight, 0) || 1;
  const backends = [...a.backends]
    .filter((b) => b.weight > 0)
    .map((b) => ({ ...b, weight: Math.round((b.weight / total) * 1000) / 1000 }))
    .sort((x, y) => `${x.namespace}/${x.service}`.localeCompare(`${y.namespace}/${y.service}`));
  const redirect = a.redirect === null ? null : a.redirect.replace(/^(https?:\/\/[^/?#]+)(?=\?|$)/, "$1/");
  return { ...a, backends, redirect };
}

/** The platform's answer: the edge's HTTPS redirect, else the Gateway's. */
export function platformAnswer(gateway: GatewayModel, r: ModelRequest, p: PlatformAssumptions): ModelAnswer & { route?: string } {
  const host = r.host.replace(/:\d+$/, "");
  if (r.scheme === "http" && p.edgeTls) {
    // application-gateway-render.ts: redirect configuration Permanent (301), includePath and includeQueryString.
    const location = `https://${host}${r.path}${r.query ? `?${r.query}` : ""}`;
    return { status: 301, backends: [], redirect: location, steps: ["edge: HTTP listener redirects to HTTPS"] };
  }
  const g = evaluateGateway(gateway, { ...r, scheme: p.gatewayScheme, port: p.gatewayScheme === "https" ? 443 : 80, host });
  const route = g.route ? `${g.route.namespace}/${g.route.name}` : undefined;
  if (g.refused) return { status: 0, backends: [], redirect: null, steps: [g.refused], route };
  return { status: g.status, backends: g.backends, redirect: g.redirect, upstream: g.upstream, steps: g.steps, route };
}

function sameAnswer(a: ModelAnswer, b: ModelAnswer, requestHost: string): boolean {
  return brief(normalized(a), requestHost) === brief(normalized(b), requestHost);
}

function describe(r: ModelRequest): string {
  const headers = Object.entries(r.headers).map(([k, v]) => ` -H '${k}: ${v}'`).join("");
  return `${r.method} ${r.scheme}://${r.host}${r.path}${r.query ? `?${r.query}` : ""}${headers}`;
}

/** The findings of `ingresses` that say a request may be answered differently. */
function explanations(findings: readonly MigrationFinding[], ingresses: readonly (string | undefined)[]): string[] {
  const differing = [MigrationVerdict.APPROXIMATED, MigrationVerdict.UNSUPPORTED, MigrationVerdict.EDGE];
  return findings
    .filter((f) => ingresses.includes(f.ingress) && differing.includes(f.verdict))
    .map((f) => `${f.ingress} ${f.annotation.replace("nginx.ingress.kubernetes.io/", "")} (${f.verdict})`);
}

/** Replays every request the converted Ingresses imply and lists those answered differently. */
export function replay(input: ReplayInput): ReplayResult {
  const ingresses = input.objects.filter((o) => isIngress(o) && input.converted.includes(objectKey(o)));
  const services = new Map(input.objects.filter((o) => o.kind === "Service").map((o) => [objectKey(o), o] as const));
  const config = nginxConfig(ingresses, services);
  const tlsHosts = new Set([...config.servers.values()].filter((s) => s.hasCertificate).map((s) => s.hostname));
  const platform = input.platform ?? { edgeTls: tlsHosts.size > 0, gatewayScheme: "http" as const };
  const requests = replayRequests(ingresses, tlsHosts, input.defaultHosts, platform.edgeTls);
  const differences = requests.flatMap((q) => differenceOf(q, input, config, platform));
  return { requests: requests.length, differences, assumptions: assumptionsOf(platform) };
}

function differenceOf(q: ReplayRequest, input: ReplayInput, config: ReturnType<typeof nginxConfig>, p: PlatformAssumptions): ReplayDifference[] {
  let expected: ModelAnswer;
  try {
    expected = answerNginx(config, q.request);
  } catch (e) {
    if (e instanceof UnmodelledRequest) return [];
    throw e;
  }
  const got = platformAnswer(input.gateway, q.request, p);
  if (sameAnswer(expected, got, q.request.host)) return [];
  const byRoute = got.route ? input.routeIngress.get(got.route) : undefined;
  const explainedBy = explanations(input.findings, [q.ingress, expected.ingress, byRoute, ...(expected.canaries ?? [])]);
  if (q.request.scheme === "http" && p.edgeTls) explainedBy.push("edge: the Application Gateway redirects HTTP to HTTPS for every hostname (assumption)");
  return [{ request: describe(q.request), ingress: q.ingress, nginx: brief(expected, q.request.host), platform: brief(got, q.request.host), explainedBy }];
}

function assumptionsOf(p: PlatformAssumptions): string[] {
  return [
    p.edgeTls
      ? "the Application Gateway has a certificate (some Ingress has TLS), so it redirects HTTP to HTTPS (301) for every hostname"
      : "the Application Gateway serves HTTP (no Ingress has TLS)",
    `the Gateway receives ${p.gatewayScheme.toUpperCase()} from the Application Gateway, with the client's Host`,
    "ingress-nginx ran with its default ConfigMap (ssl-redirect, http-redirect-code 308, hsts) and created the Ingresses oldest first",
  ];
}
