/**
 * Renders an HttpRoute's options into the Gateway API HTTPRoute object. Pure functions over checked input: the
 * checks live in http-route-checks.ts.
 */
import { ISharedGateway } from "../../gateway/gateway-ref";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../../core/tenant-metadata";
import { HttpRouteRule } from "../http-route";
import { CorsOptions, HeaderModifierOptions, HttpRouteFilter, HttpRouteFilterType, PathModifier, RedirectStatusCode } from "../route-filter";
import { HttpRouteMatch, PathMatch } from "../route-match";

/** What an HTTPRoute object is made of. */
export interface HttpRouteSpec {
  readonly name: string;
  readonly namespace: string;
  readonly gateway: ISharedGateway;
  readonly hostnames: readonly string[];
  readonly rules: readonly HttpRouteRule[];
}

/** The HTTPRoute, attached to every listener of the gateway (one `parentRefs` entry per `sectionName`). */
export function renderHttpRoute(route: HttpRouteSpec): { [key: string]: any } {
  const gateway = route.gateway;
  const sections: (string | undefined)[] = gateway.listenerNames.length > 0 ? gateway.listenerNames : [undefined];
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: route.name, namespace: route.namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
    spec: {
      parentRefs: sections.map((sectionName) => ({
        group: "gateway.networking.k8s.io",
        kind: "Gateway",
        name: gateway.gatewayName,
        namespace: gateway.gatewayNamespace,
        sectionName,
      })),
      hostnames: [...route.hostnames],
      rules: route.rules.map(renderRule),
    },
  };
}

export function nameValues(entries: { readonly [name: string]: string } | undefined): { name: string; value: string }[] | undefined {
  const pairs = Object.entries(entries ?? {});
  return pairs.length > 0 ? pairs.map(([name, value]) => ({ name, value })) : undefined;
}

function renderMatch(match: HttpRouteMatch) {
  const path = match.path ?? PathMatch.prefix("/");
  return {
    path: { type: path.type, value: path.path },
    headers: nameValues(match.headers)?.map((h) => ({ type: "Exact" as const, ...h })),
    queryParams: nameValues(match.queryParams)?.map((q) => ({ type: "Exact" as const, ...q })),
    method: match.method,
  };
}

function renderHeaderModifier(options: HeaderModifierOptions) {
  return {
    set: nameValues(options.set),
    add: nameValues(options.add),
    remove: options.remove && options.remove.length > 0 ? [...options.remove] : undefined,
  };
}

function renderPathModifier(path: PathModifier | undefined) {
  if (!path) return undefined;
  return path.type === "ReplaceFullPath"
    ? { type: path.type, replaceFullPath: path.path }
    : { type: path.type, replacePrefixMatch: path.path };
}

function renderCors(cors: CorsOptions) {
  const list = <T>(values: readonly T[] | undefined) => (values && values.length > 0 ? [...values] : undefined);
  return {
    allowOrigins: list(cors.allowOrigins),
    allowMethods: list(cors.allowMethods),
    allowHeaders: list(cors.allowHeaders),
    exposeHeaders: list(cors.exposeHeaders),
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAgeSeconds,
  };
}

/** A filter as Gateway API spells it; shared by HTTPRoute and GRPCRoute (which take a subset). */
export function renderFilter(filter: HttpRouteFilter) {
  switch (filter.type) {
    case HttpRouteFilterType.REQUEST_MIRROR: {
      const m = filter.mirror!;
      return { type: filter.type, requestMirror: { backendRef: { name: m.serviceName, port: m.port }, percent: m.percent } };
    }
    case HttpRouteFilterType.CORS:
      return { type: filter.type, cors: renderCors(filter.cors!) };
    case HttpRouteFilterType.REQUEST_HEADER_MODIFIER:
      return { type: filter.type, requestHeaderModifier: renderHeaderModifier(filter.headers ?? {}) };
    case HttpRouteFilterType.RESPONSE_HEADER_MODIFIER:
      return { type: filter.type, responseHeaderModifier: renderHeaderModifier(filter.headers ?? {}) };
    case HttpRouteFilterType.REQUEST_REDIRECT: {
      const r = filter.redirect ?? {};
      return {
        type: filter.type,
        requestRedirect: {
          scheme: r.scheme,
          hostname: r.hostname,
          path: renderPathModifier(r.path),
          port: r.port,
          statusCode: r.statusCode ?? RedirectStatusCode.FOUND,
        },
      };
    }
    case HttpRouteFilterType.URL_REWRITE: {
      const w = filter.rewrite ?? {};
      return { type: filter.type, urlRewrite: { hostname: w.hostname, path: renderPathModifier(w.path) } };
    }
  }
}

function renderRule(rule: HttpRouteRule) {
  const backends = rule.backends ?? [];
  const filters = rule.filters ?? [];
  return {
    matches: rule.matches && rule.matches.length > 0 ? rule.matches.map(renderMatch) : undefined,
    filters: filters.length > 0 ? filters.map(renderFilter) : undefined,
    backendRefs: backends.length > 0 ? backends.map((b) => ({ name: b.serviceName, port: b.port, weight: b.weight })) : undefined,
    timeouts: rule.timeouts ? { request: rule.timeouts.request, backendRequest: rule.timeouts.backendRequest } : undefined,
  };
}
