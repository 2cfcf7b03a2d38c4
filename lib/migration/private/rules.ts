/**
 * Rules of the routes of one Ingress, by host: one rule per path with the filters its annotations ask for, canary
 * backends and header rules merged in, redirects instead of backends, the app-root redirect and the www twin.
 */
import { HttpBackend } from "../../tenancy/backend";
import type { GrpcRouteMatch, GrpcRouteRule } from "../../tenancy/grpc-route";
import type { HttpRouteRule } from "../../tenancy/http-route";
import { HttpRouteFilter, PathModifier, RedirectScheme, RedirectStatusCode } from "../../tenancy/route-filter";
import { PathMatch, PathMatchType } from "../../tenancy/route-match";
import { MigrationVerdict as V } from "../finding";
import { gatewayRedirectCode } from "./annotations/redirect";
import { PathEntry, RawEntry } from "./entries";
import { CanarySetting, IngressContext, note } from "./settings";

/** A canary Ingress's entries with its setting. */
export interface Canary {
  readonly ctx: IngressContext;
  readonly setting: CanarySetting;
  readonly entries: readonly RawEntry[];
  matched: boolean;
}

/** The rules of one route kind on one host, and the prefixes they need. */
export interface HostRules {
  readonly host: string;
  readonly kind: "http" | "grpc";
  readonly rules: (HttpRouteRule | GrpcRouteRule)[];
  readonly prefixes: Set<string>;
}

/** ingress-nginx's HSTS header on HTTPS responses of hosts with a certificate (configmap.md: hsts, hsts-max-age 15724800, hsts-include-subdomains). */
export const NGINX_HSTS = { "Strict-Transport-Security": "max-age=15724800; includeSubDomains" };

/** The filters every backend rule of the Ingress gets on `host`. */
function filtersFor(ctx: IngressContext, host: string, rewrite: PathModifier | undefined, grpc: boolean): HttpRouteFilter[] {
  const s = ctx.settings;
  const out: HttpRouteFilter[] = [];
  if (Object.keys(s.requestHeaders.set).length > 0) out.push(HttpRouteFilter.requestHeaderModifier({ set: { ...s.requestHeaders.set } }));
  const hsts = !grpc && ctx.hosts.hasCertificate(host) ? NGINX_HSTS : {};
  const response = { ...hsts, ...s.responseHeaders, ...(s.corsHeaders ?? {}) };
  if (Object.keys(response).length > 0) out.push(HttpRouteFilter.responseHeaderModifier({ set: response }));
  if (!grpc && (rewrite || s.hostRewrite)) out.push(HttpRouteFilter.urlRewrite({ hostname: s.hostRewrite, path: rewrite }));
  if (s.mirror) out.push(HttpRouteFilter.requestMirror(s.mirror));
  if (!grpc && s.cors) out.push(HttpRouteFilter.cors(s.cors));
  return out;
}

/** The redirect filter of permanent-redirect or temporal-redirect. */
function redirectFilter(ctx: IngressContext): HttpRouteFilter | undefined {
  const r = ctx.settings.redirect;
  if (!r) return undefined;
  const scheme = r.url.protocol === "https:" ? RedirectScheme.HTTPS : RedirectScheme.HTTP;
  return HttpRouteFilter.requestRedirect({
    scheme,
    hostname: r.url.hostname,
    port: r.url.port ? Number(r.url.port) : undefined,
    path: r.keepPath ? undefined : PathModifier.replaceFullPath(r.url.pathname || "/"),
    statusCode: r.statusCode as RedirectStatusCode,
  });
}

/** Backends of a main path, with the canary's weight when one is merged. */
function weighted(main: HttpBackend, canary: { setting: CanarySetting; backend: HttpBackend } | undefined): HttpBackend[] {
  if (!canary || canary.setting.weight === undefined) return [main];
  const { weight, weightTotal } = canary.setting;
  return [
    { ...main, weight: weightTotal - weight },
    { ...canary.backend, weight },
  ];
}

/** The header rules of a canary: header=value, or header always/never. */
function canaryHeaderRules(setting: CanarySetting, main: HttpBackend, canary: HttpBackend): Array<{ headers: { [k: string]: string }; backend: HttpBackend }> {
  if (!setting.header) return [];
  if (setting.headerValue !== undefined) return [{ headers: { [setting.header]: setting.headerValue }, backend: canary }];
  return [
    { headers: { [setting.header]: "always" }, backend: canary },
    { headers: { [setting.header]: "never" }, backend: main },
  ];
}

/** The canary backend for an entry, marking the canary as used. */
function canaryFor(entry: PathEntry, canaries: readonly Canary[]): { setting: CanarySetting; backend: HttpBackend } | undefined {
  for (const c of canaries) {
    const e = c.entries.find((x) => x.host === entry.host && x.key === entry.key);
    if (e) {
      c.matched = true;
      return { setting: c.setting, backend: e.backend };
    }
  }
  return undefined;
}

/**
 * The 301 nginx answers for `<path>` when its location is the prefix `<path>/` (nginx docs, ngx_http_core_module
 * "location": proxy_pass special processing), as an Exact rule that outranks the PathPrefix.
 */
function slashRedirectRule(ctx: IngressContext, entry: PathEntry): HttpRouteRule[] {
  if (entry.slashRedirect === undefined) return [];
  const scheme = ctx.hosts.hasCertificate(entry.host) ? RedirectScheme.HTTPS : undefined;
  const redirect = HttpRouteFilter.requestRedirect({ scheme, path: PathModifier.replaceFullPath(`${entry.slashRedirect}/`), statusCode: RedirectStatusCode.MOVED_PERMANENTLY });
  return [{ matches: [{ path: PathMatch.exact(entry.slashRedirect) }], filters: [redirect] }];
}

/** HTTPRoute rules of one entry: its own rule and any canary header rules. */
function httpRules(ctx: IngressContext, entry: PathEntry, canaries: readonly Canary[]): HttpRouteRule[] {
  const redirect = redirectFilter(ctx);
  if (redirect) return [{ matches: [{ path: entry.match }], filters: [redirect] }];
  if (entry.backend === undefined) return [];
  const canary = canaryFor(entry, canaries);
  const filters = filtersFor(ctx, entry.host, entry.rewrite, false);
  const timeouts = ctx.settings.requestTimeout ? { request: ctx.settings.requestTimeout } : undefined;
  const rule = (headers: { [k: string]: string } | undefined, backends: HttpBackend[]): HttpRouteRule => ({
    matches: [{ path: entry.match, headers }],
    filters: filters.length > 0 ? filters : undefined,
    backends,
    timeouts,
  });
  const extra = canary ? canaryHeaderRules(canary.setting, entry.backend, canary.backend) : [];
  return [...slashRedirectRule(ctx, entry), ...extra.map((x) => rule(x.headers, [x.backend])), rule(undefined, weighted(entry.backend!, canary))];
}

/** The gRPC match an Ingress path stands for, "all" for `/`, or undefined when it names no gRPC service. */
function grpcMatch(entry: PathEntry): GrpcRouteMatch | "all" | undefined {
  if (entry.match.type === PathMatchType.REGULAR_EXPRESSION) return undefined;
  const path = entry.match.path;
  if (path === "/" && entry.match.type === PathMatchType.PREFIX) return "all";
  const m = /^\/([A-Za-z_][A-Za-z0-9_.]*)(?:\/([A-Za-z_][A-Za-z0-9_]*))?$/.exec(path);
  if (!m) return undefined;
  return m[2] === undefined ? { service: m[1] } : { service: m[1], method: m[2] };
}

/** GRPCRoute rules of one entry. */
function grpcRules(ctx: IngressContext, entry: PathEntry, canaries: readonly Canary[]): GrpcRouteRule[] {
  const match = grpcMatch(entry);
  if (match === undefined) {
    note(ctx, entry.at, V.UNSUPPORTED, `path ${entry.match.path} names no gRPC service (/package.Service or /package.Service/Method); use such a path.`);
    return [];
  }
  if (entry.backend === undefined) return [];
  const canary = canaryFor(entry, canaries);
  const filters = filtersFor(ctx, entry.host, undefined, true);
  const rule = (headers: { [k: string]: string } | undefined, backends: HttpBackend[]): GrpcRouteRule => ({
    matches: match === "all" && !headers ? undefined : [{ ...(match === "all" ? {} : match), headers }],
    filters: filters.length > 0 ? filters : undefined,
    backends,
  });
  const extra = canary ? canaryHeaderRules(canary.setting, entry.backend, canary.backend) : [];
  return [...extra.map((x) => rule(x.headers, [x.backend])), rule(undefined, weighted(entry.backend!, canary))];
}

/** Annotations a GRPCRoute cannot carry: refused when the backend protocol is GRPC. */
function refuseForGrpc(ctx: IngressContext): void {
  for (const suffix of ["rewrite-target", "app-root", "permanent-redirect", "temporal-redirect", "enable-cors", "upstream-vhost", "use-regex"]) {
    if (ctx.annotations.has(suffix)) {
      note(ctx, suffix, V.UNSUPPORTED, "GRPCRoute has no such filter or match (backend-protocol GRPC); handle it in the gRPC service.");
    }
  }
}

function add(byHost: Map<string, HostRules>, host: string, kind: "http" | "grpc", rules: (HttpRouteRule | GrpcRouteRule)[], prefix: string, first = false): void {
  if (rules.length === 0) return;
  const key = `${kind} ${host}`;
  const entry = byHost.get(key) ?? { host, kind, rules: [], prefixes: new Set<string>() };
  if (first) entry.rules.unshift(...rules);
  else entry.rules.push(...rules);
  entry.prefixes.add(prefix);
  byHost.set(key, entry);
}

/** The rules of an Ingress by host (and kind), with the app-root redirect and the www twin. */
export function rulesByHost(
  ctx: IngressContext,
  entries: readonly PathEntry[],
  canaries: readonly Canary[],
  allHosts: ReadonlySet<string> = new Set(),
): HostRules[] {
  const byHost = new Map<string, HostRules>();
  if (ctx.settings.grpc) refuseForGrpc(ctx);
  for (const entry of entries) {
    if (ctx.settings.grpc) {
      const rules = grpcRules(ctx, entry, canaries);
      const m = grpcMatch(entry);
      add(byHost, entry.host, "grpc", rules, m === "all" || m === undefined ? "/" : m.method ? `/${m.service}/${m.method}` : `/${m.service}`);
    } else {
      add(byHost, entry.host, "http", httpRules(ctx, entry, canaries), entry.ownedPrefix);
    }
  }
  if (!ctx.settings.grpc) addAppRoot(ctx, byHost, entries);
  if (!ctx.settings.grpc && ctx.settings.fromToWww) addWwwTwins(ctx, byHost, entries, allHosts);
  return [...byHost.values()].map((h) => (h.kind === "http" && ctx.hosts.regex(h.host) ? { ...h, rules: inNginxOrder(h.rules as HttpRouteRule[]) } : h));
}

/**
 * Rules of a regex host in the order ingress-nginx tried its locations (controller.go getBackendServers: longest
 * path first, ties in reverse byte order). Istio orders regular expressions by length and keeps rule order for
 * ties, so sorting the rules keeps nginx's choice among equally long paths of one Ingress.
 */
function inNginxOrder(rules: HttpRouteRule[]): HttpRouteRule[] {
  const regexOf = (r: HttpRouteRule) => {
    const path = r.matches?.[0]?.path;
    return path?.type === PathMatchType.REGULAR_EXPRESSION ? path.path : undefined;
  };
  return rules
    .map((rule, index) => ({ rule, index, regex: regexOf(rule) }))
    .sort((a, b) => {
      // Exact and PathPrefix rules (app-root, capture rewrites) rank above every regular expression in Istio anyway.
      if (a.regex === undefined || b.regex === undefined) return a.regex === b.regex ? a.index - b.index : a.regex === undefined ? -1 : 1;
      return b.regex.length - a.regex.length || (a.regex > b.regex ? -1 : a.regex < b.regex ? 1 : a.index - b.index);
    })
    .map((x) => x.rule);
}

/**
 * app-root: nginx answers every request whose path is exactly "/" on the host with 302 to the app root, before any
 * location (nginx.tmpl, server level), so the Exact "/" redirect goes first in the host's rules: it outranks the
 * Ingress's own rule for "/" (same match, earlier rule). Only the Ingress whose app-root the host uses adds it.
 */
function addAppRoot(ctx: IngressContext, byHost: Map<string, HostRules>, entries: readonly PathEntry[]): void {
  const root = ctx.settings.appRoot;
  if (!root) return;
  for (const host of new Set(entries.map((e) => e.host))) {
    if (ctx.hosts.appRootIngress(host) !== ctx.key) continue;
    const scheme = ctx.hosts.hasCertificate(host) ? RedirectScheme.HTTPS : undefined;
    const redirect = HttpRouteFilter.requestRedirect({ scheme, path: PathModifier.replaceFullPath(root), statusCode: RedirectStatusCode.FOUND });
    add(byHost, host, "http", [{ matches: [{ path: PathMatch.exact("/") }], filters: [redirect] }], "/", true);
  }
}

/**
 * from-to-www: a server for the www/non-www twin answers every path with a redirect to the host (nginx.tmpl "Build
 * server redirects"), unless an Ingress serves the twin.
 */
function addWwwTwins(ctx: IngressContext, byHost: Map<string, HostRules>, entries: readonly PathEntry[], allHosts: ReadonlySet<string>): void {
  const hosts = new Set(entries.map((e) => e.host));
  const { code } = gatewayRedirectCode(308, ctx.bundle);
  for (const host of hosts) {
    if (host.startsWith("*.")) continue;
    const twin = host.startsWith("www.") ? host.slice(4) : `www.${host}`;
    if (hosts.has(twin) || allHosts.has(twin)) continue;
    const scheme = ctx.hosts.hasCertificate(host) ? RedirectScheme.HTTPS : undefined;
    const redirect = HttpRouteFilter.requestRedirect({ scheme, hostname: host, statusCode: code as RedirectStatusCode });
    add(byHost, twin, "http", [{ matches: [{ path: PathMatch.prefix("/") }], filters: [redirect] }], "/");
  }
}
