/**
 * The Gateway's answer once Envoy has picked a virtual host: the first matching route entry, what its filters do,
 * and where its backends are. Pure functions; not part of the public API.
 */
import { backendsOf } from "./backends";
import { applyHeaderModifier, corsOutcome, FilterInput, mirrorOf, Mirror, redirectLocation, rewritePrefix } from "./filters";
import type { GatewayAnswer } from "./gateway";
import { hostnameMatches } from "./hostnames";
import { MatchInput, mismatch } from "./matches";
import { RouteEntry, whyLater } from "./precedence";
import { routeKey, routeNamespace } from "./attachment";
import { HttpRequest, normalizedPath } from "./request";

type Loser = GatewayAnswer["losers"][number];

/** An answer without any HTTP response. */
export function refused(reason: string): GatewayAnswer {
  return { status: null, refused: reason, backends: [], redirect: null, losers: [], steps: [reason] };
}

/** Envoy's 404 when no route matches. */
export function noRoute(steps: readonly string[], losers: readonly Loser[], virtualHost?: string): GatewayAnswer {
  return { status: 404, ...(virtualHost !== undefined ? { virtualHost } : {}), backends: [], redirect: null, losers, steps };
}

/** What `answerFor` needs. */
export interface AnswerInput {
  readonly request: HttpRequest;
  /** The Host as routes match it (lower case, no port). */
  readonly host: string;
  readonly domain: string;
  /** The virtual host's entries in Envoy's order. */
  readonly ordered: readonly RouteEntry[];
  /** Entries of the other virtual hosts of the same listeners. */
  readonly otherHosts: readonly RouteEntry[];
  /** Routes that never reach this virtual host, with why. */
  readonly outside: readonly Loser[];
  readonly steps: readonly string[];
}

function loser(e: RouteEntry, why: string): Loser {
  return { route: routeKey(e.route), rule: e.rule, match: e.match, why };
}

/** Walks the ordered entries; the first that matches answers. */
export function answerFor(input: AnswerInput): GatewayAnswer {
  const { request, ordered } = input;
  const path = normalizedPath(request.path);
  const steps = [...input.steps];
  if (path !== request.path) steps.push(`Envoy normalizes the path ${request.path} to ${path} (Istio's default path normalization, RFC 3986).`);
  const match: MatchInput = { path, method: request.method, headers: request.headers, query: request.query };
  const reasons = ordered.map((e) => (e.compiled ? mismatch(e.compiled, match) : undefined));
  const index = reasons.findIndex((r) => r === undefined);
  steps.push(orderStep(ordered));
  const shadowed = input.otherHosts
    .filter((e) => hostnameMatches(e.domain, input.host) && (!e.compiled || mismatch(e.compiled, match) === undefined))
    .map((e) =>
      loser(
        e,
        `matches, but serves virtual host ${e.domain}; Envoy chose ${input.domain} and does not fall back to another virtual host (Istio does not merge routes without hostnames into a named host: istio/istio#34223, #55475)`
      )
    );
  if (index === -1) {
    steps.push(
      `No rule of virtual host ${input.domain} matches ${request.method} ${path}${request.query ? "?" + request.query : ""}: Envoy answers 404.`
    );
    if (shadowed.length > 0)
      steps.push(`Shadowed: ${shadowed.map((s) => s.route).join(", ")} would match on another virtual host, which Envoy never tries for this host.`);
    return noRoute(steps, [...ordered.map((e, i) => loser(e, reasons[i]!)), ...shadowed, ...input.outside], input.domain);
  }
  const winner = ordered[index];
  const losers = [
    ...ordered.map((e, i) =>
      i === index ? undefined : loser(e, i < index || reasons[i] !== undefined ? reasons[i]! : `also matches, but ${whyLater(winner, e)}`)
    ),
    ...shadowed,
    ...input.outside,
  ].filter((l): l is Loser => l !== undefined);
  return applyRule(winner, request, path, steps, losers);
}

function orderStep(ordered: readonly RouteEntry[]): string {
  const shown = ordered.slice(0, 12).map((e, i) => `${i + 1}. ${routeKey(e.route)} rule ${e.rule}: ${e.compiled?.text ?? "no matches"}`);
  const more = ordered.length > 12 ? `; ${ordered.length - 12} more` : "";
  return `Envoy tries ${
    ordered.length
  } rule match(es) in Istio's order (Exact, then PathPrefix longest first, then RegularExpression; then method, header count, query count; then oldest route, namespace/name, rule order): ${shown.join(
    "; "
  )}${more}.`;
}

/** The answer of the winning entry: redirect, CORS preflight, or the backends with the request as they get it. */
function applyRule(winner: RouteEntry, request: HttpRequest, path: string, steps: string[], losers: Loser[]): GatewayAnswer {
  const namespace = routeNamespace(winner.route);
  const route = { kind: winner.kind, namespace, name: String(winner.route.manifest?.metadata?.name ?? ""), rule: winner.rule, match: winner.match };
  steps.push(
    `Winner: ${winner.kind} ${namespace}/${route.name} rule ${winner.rule}${winner.match >= 0 ? ` match ${winner.match}` : ""} (${
      winner.compiled?.text ?? "no matches"
    }).`
  );
  const filters: any[] = Array.isArray(winner.spec?.filters) ? winner.spec.filters : [];
  const input: FilterInput = {
    host: request.host.toLowerCase(),
    path,
    query: request.query,
    method: request.method,
    headers: request.headers,
    listenerProtocol: winner.listener.protocol,
    listenerPort: winner.listener.port,
  };
  const base = { listener: winner.listener.name, virtualHost: winner.domain, route, losers };
  const redirect = filters.find((f) => f?.type === "RequestRedirect");
  if (redirect && winner.compiled && winner.kind === "HTTPRoute") {
    const { status, location } = redirectLocation(redirect.requestRedirect, winner.compiled, input);
    steps.push(`RequestRedirect: ${status} to ${location} (a redirect answers before any backend is used).`);
    return { ...base, status, backends: [], redirect: location, steps };
  }
  const cors = filters.find((f) => f?.type === "CORS");
  const corsResult = cors ? corsOutcome(cors.cors, input) : undefined;
  if (corsResult) steps.push(corsResult.step);
  if (corsResult?.answered) return { ...base, status: 200, backends: [], redirect: null, responseHeaders: corsResult.responseHeaders, steps };
  return forward(winner, filters, input, steps, base, corsResult?.responseHeaders ?? {});
}

/** Forwarding: rewrites, header changes, mirrors, timeouts and the weighted backends. */
function forward(
  winner: RouteEntry,
  filters: any[],
  input: FilterInput,
  steps: string[],
  base: any,
  corsHeaders: { [name: string]: string }
): GatewayAnswer {
  let upstream = { host: input.host, path: input.path, query: input.query, headers: { ...input.headers } as { [name: string]: string } };
  let responseHeaders: { [name: string]: string } = { ...corsHeaders };
  let removed: string[] = [];
  const mirrors: Mirror[] = [];
  for (const f of filters) {
    if (f?.type === "URLRewrite") upstream = urlRewrite(f.urlRewrite, winner, upstream, steps);
    else if (f?.type === "RequestHeaderModifier") {
      const m = applyHeaderModifier(upstream.headers, f.requestHeaderModifier);
      upstream = { ...upstream, headers: m.headers, host: m.host ?? upstream.host };
      steps.push(`RequestHeaderModifier: ${describeModifier(f.requestHeaderModifier)}.`);
    } else if (f?.type === "ResponseHeaderModifier") {
      const m = applyHeaderModifier(responseHeaders, f.responseHeaderModifier);
      responseHeaders = m.headers;
      removed = [...removed, ...m.removed];
      steps.push(`ResponseHeaderModifier: ${describeModifier(f.responseHeaderModifier)}.`);
    } else if (f?.type === "RequestMirror") {
      const m = mirrorOf(f.requestMirror, routeNamespace(winner.route));
      mirrors.push(m);
      steps.push(
        `RequestMirror: a copy goes to Service ${m.namespace}/${m.service} port ${m.port} for ${m.percent} % of requests; its answer is discarded.`
      );
    } else if (f?.type !== "CORS") steps.push(`Filter ${f?.type}: not modelled by this tool.`);
  }
  const timeouts = winner.spec?.timeouts;
  if (timeouts?.request || timeouts?.backendRequest)
    steps.push(`Timeouts: request ${timeouts.request ?? "none"}, backendRequest ${timeouts.backendRequest ?? "none"}.`);
  const outcome = backendsOf(winner.spec?.backendRefs, routeNamespace(winner.route));
  steps.push(...outcome.steps);
  const extra = {
    ...(Object.keys(responseHeaders).length > 0 ? { responseHeaders } : {}),
    ...(removed.length > 0 ? { responseHeadersRemoved: removed } : {}),
    ...(mirrors.length > 0 ? { mirrors } : {}),
  };
  if (outcome.status === 500) return { ...base, status: 500, backends: outcome.backends, redirect: null, steps, ...extra };
  if (upstream.path !== input.path || upstream.host !== input.host)
    steps.push(`The backend receives Host ${upstream.host}, path ${upstream.path}${upstream.query ? "?" + upstream.query : ""}.`);
  return { ...base, status: null, backends: outcome.backends, redirect: null, upstream, steps, ...extra };
}

function urlRewrite(rewrite: any, winner: RouteEntry, upstream: any, steps: string[]) {
  let path: string = upstream.path;
  if (rewrite?.path?.type === "ReplaceFullPath") path = String(rewrite.path.replaceFullPath ?? "/");
  if (rewrite?.path?.type === "ReplacePrefixMatch" && winner.compiled)
    path = rewritePrefix(winner.compiled, upstream.path, String(rewrite.path.replacePrefixMatch ?? ""));
  const host: string = rewrite?.hostname !== undefined ? String(rewrite.hostname) : upstream.host;
  steps.push(
    `URLRewrite: ${
      [rewrite?.hostname !== undefined ? `Host ${host}` : "", path !== upstream.path ? `path ${upstream.path} -> ${path}` : ""]
        .filter(Boolean)
        .join(", ") || "no change"
    }.`
  );
  return { ...upstream, host, path };
}

function describeModifier(m: any): string {
  const pairs = (list: any) => (Array.isArray(list) ? list.map((h: any) => `${h?.name}: ${h?.value}`).join(", ") : "");
  return [
    m?.set?.length ? `set ${pairs(m.set)}` : "",
    m?.add?.length ? `add ${pairs(m.add)}` : "",
    m?.remove?.length ? `remove ${m.remove.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}
