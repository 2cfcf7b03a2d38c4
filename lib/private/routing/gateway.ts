/**
 * Where a request goes on a Gateway implemented by Istio (the AKS app-routing add-on's `approuting-istio` class;
 * the self-managed `istio` class behaves the same): listener, virtual host, winning route rule, filters and
 * backends, or the 404 / redirect / 500 the client gets. Pure functions over Gateway API objects, no I/O; not part
 * of the public API. Where Istio and the Gateway API spec differ, this follows Istio and says so in the steps.
 */
import { attachRoutes, AllowedNamespaces, Attachment, Detachment, hostnamesOf, routeKey } from "./attachment";
import { hostnameMatches, listenerSpecificity, selectDomain } from "./hostnames";
import { compileGrpcMatch, compileHttpMatch } from "./matches";
import { orderEntries, RouteEntry } from "./precedence";
import { HttpRequest, matchHost, requestPort } from "./request";
import { answerFor, noRoute, refused } from "./answer";

/** A Gateway listener. */
export interface ListenerModel {
  readonly name: string;
  readonly protocol: "HTTP" | "HTTPS";
  readonly port: number;
  readonly hostname?: string;
  /**
   * The listener's `allowedRoutes`, as in the manifest. Undefined: not modelled, every namespace and route kind is
   * admitted. ({@link listenersFromManifest} fills in the CRD default `{namespaces: {from: Same}}`.)
   */
  readonly allowedRoutes?: {
    readonly namespaces?: AllowedNamespaces;
    readonly kinds?: ReadonlyArray<{ readonly group?: string; readonly kind: string }>;
  };
}

/** An HTTPRoute or GRPCRoute object. */
export interface RouteObject {
  readonly manifest: any;
  /** Creation order: lower is older (Gateway API's creation-timestamp tie-break); undefined = unknown. */
  readonly created?: number;
}

/** A Gateway with the routes that may attach to it. */
export interface GatewayModel {
  readonly namespace: string;
  readonly name: string;
  readonly listeners: readonly ListenerModel[];
  readonly routes: readonly RouteObject[];
  /**
   * Labels of the namespaces routes live in, for listeners that select namespaces by label. Undefined: selectors
   * are not checked (every namespace is admitted); a namespace missing from the map is not admitted.
   */
  readonly namespaceLabels?: { readonly [namespace: string]: { readonly [key: string]: string } };
}

/** The route rule that answered. */
export interface RouteRef {
  readonly kind: "HTTPRoute" | "GRPCRoute";
  readonly namespace: string;
  readonly name: string;
  readonly rule: number;
  /** Index of the match in the rule; -1 for a rule without matches. */
  readonly match: number;
}

/** What the Gateway does with a request. */
export interface GatewayAnswer {
  /** null: forwarded to the backends; 404 no route matched; 3xx a RequestRedirect; 500 no usable backend; 200 a CORS preflight Envoy answers. */
  readonly status: number | null;
  /** Set when the request gets no HTTP answer at all (no listener on the port, no TLS certificate for the name); status is then null. */
  readonly refused?: string;
  readonly listener?: string;
  /** The virtual host that served the request: a hostname, a wildcard, or `*`. */
  readonly virtualHost?: string;
  readonly route?: RouteRef;
  readonly backends: ReadonlyArray<{ readonly service: string; readonly namespace: string; readonly port: number; readonly weight: number }>;
  /** The Location header of a RequestRedirect. */
  readonly redirect: string | null;
  /** The request as the backend receives it, after URLRewrite and RequestHeaderModifier. */
  readonly upstream?: { readonly host: string; readonly path: string; readonly query: string; readonly headers: { readonly [name: string]: string } };
  /** Set or added by ResponseHeaderModifier (and CORS). */
  readonly responseHeaders?: { readonly [name: string]: string };
  /** Removed from the response by ResponseHeaderModifier. */
  readonly responseHeadersRemoved?: readonly string[];
  /** Copies sent by RequestMirror filters. */
  readonly mirrors?: ReadonlyArray<{ readonly service: string; readonly namespace: string; readonly port: number; readonly percent: number }>;
  /** Rules that did not answer and why; rule and match are -1 when the whole route lost (not attached, other host). */
  readonly losers: ReadonlyArray<{ readonly route: string; readonly rule: number; readonly match: number; readonly why: string }>;
  /** Human-readable explanation, one line per step. */
  readonly steps: readonly string[];
}

/** The listeners of a Gateway manifest, with `allowedRoutes` defaulted as the CRD does. */
export function listenersFromManifest(gateway: any): ListenerModel[] {
  const listeners: any[] = Array.isArray(gateway?.spec?.listeners) ? gateway.spec.listeners : [];
  return listeners
    .filter((l) => l?.protocol === "HTTP" || l?.protocol === "HTTPS")
    .map((l) => ({
      name: String(l.name),
      protocol: l.protocol,
      port: Number(l.port),
      hostname: typeof l.hostname === "string" && l.hostname !== "" ? l.hostname : undefined,
      allowedRoutes: { namespaces: l.allowedRoutes?.namespaces ?? { from: "Same" }, kinds: l.allowedRoutes?.kinds },
    }));
}

/**
 * The model of a Gateway manifest with route manifests (creation order unknown) and, optionally, the labels of the
 * namespaces its listeners may select: what the `route` command and the migration's comparison evaluate.
 */
export function gatewayModelFromManifests(
  gateway: any,
  routes: readonly any[],
  namespaceLabels?: { readonly [namespace: string]: { readonly [key: string]: string } }
): GatewayModel {
  return {
    namespace: String(gateway?.metadata?.namespace ?? "default"),
    name: String(gateway?.metadata?.name ?? ""),
    listeners: listenersFromManifest(gateway),
    routes: routes.map((manifest) => ({ manifest })),
    ...(namespaceLabels !== undefined ? { namespaceLabels } : {}),
  };
}

/** Where `request`, arriving at the Gateway, goes. */
export function evaluateGateway(gateway: GatewayModel, request: HttpRequest): GatewayAnswer {
  const port = requestPort(request);
  const host = matchHost(request.host);
  const gw = `Gateway ${gateway.namespace}/${gateway.name}`;
  const protocol = request.scheme === "https" ? "HTTPS" : "HTTP";
  const onPort = gateway.listeners.filter((l) => l.port === port);
  const matching = onPort.filter((l) => l.protocol === protocol);
  if (matching.length === 0) {
    const others = onPort.map((l) => `${l.name} (${l.protocol})`).join(", ");
    return refused(
      `${gw} has no ${protocol} listener on port ${port}${others ? `; port ${port} has ${others}` : ""}: the connection fails before any HTTP answer.`
    );
  }
  const listeners = protocol === "HTTPS" ? bySni(matching, host) : matching;
  if (listeners.length === 0) {
    return refused(
      `${gw}: no HTTPS listener on port ${port} has a hostname matching ${host} (SNI), so Envoy has no certificate for it: the TLS handshake fails.`
    );
  }
  const steps = [listenerStep(gw, listeners, protocol, port)];
  const { attached, detached } = attachRoutes(gateway);
  const inScope = attached.filter((a) => listeners.includes(a.listener));
  const entries = inScope.flatMap(entriesOf);
  const domains = [...new Set(entries.map((e) => e.domain))];
  const chosen = selectDomain(domains, host);
  const outside = outsiders(detached, attached, listeners, host);
  if (!chosen) {
    steps.push(
      `No virtual host serves ${host}: no route attached to ${listeners.map((l) => l.name).join(", ")} has a hostname matching it (hosts served: ${
        domains.join(", ") || "none"
      }). Envoy answers 404.`
    );
    return noRoute(steps, outside);
  }
  steps.push(domainStep(host, chosen.domain, chosen.how));
  const ordered = orderEntries(entries.filter((e) => e.domain === chosen.domain));
  const otherHosts = entries.filter((e) => e.domain !== chosen.domain);
  return answerFor({ request, host, ordered, otherHosts, outside, steps, domain: chosen.domain });
}

/** The HTTPS listener Envoy's filter chain match picks for SNI `host`: exact name, longest wildcard, then no hostname. */
function bySni(listeners: readonly ListenerModel[], host: string): ListenerModel[] {
  const best = Math.max(...listeners.map((l) => listenerSpecificity(l.hostname, host)));
  return best > 0 ? listeners.filter((l) => listenerSpecificity(l.hostname, host) === best).slice(0, 1) : [];
}

function listenerStep(gw: string, listeners: readonly ListenerModel[], protocol: string, port: number): string {
  const names = listeners.map((l) => `${l.name}${l.hostname ? ` (hostname ${l.hostname})` : ""}`).join(", ");
  const merged = listeners.length > 1 ? "; Istio serves all HTTP listeners of one port from one route table" : "";
  return `${gw}: ${protocol} port ${port}, listener ${names}${merged}.`;
}

function domainStep(host: string, domain: string, how: string): string {
  if (how === "exact") return `Virtual host ${domain}: routes whose hostnames include ${host}.`;
  if (how === "wildcard") return `Virtual host ${domain}: the longest wildcard matching ${host} (no route names it exactly).`;
  return `Virtual host * (routes without hostnames): no route names ${host} or a wildcard matching it.`;
}

/** The Envoy routes one attachment contributes: one per match of each rule, in every hostname it serves. */
function entriesOf(a: Attachment): RouteEntry[] {
  const kind: "HTTPRoute" | "GRPCRoute" = a.route.manifest.kind;
  const specRules = a.route.manifest?.spec?.rules;
  // A route without rules gets the CRD default rule (match everything, no backends).
  const rules: any[] = Array.isArray(specRules) ? specRules : kind === "HTTPRoute" ? [{}] : [];
  return a.hostnames.flatMap((domain) =>
    rules.flatMap((spec, rule) => {
      const matches: any[] | undefined = Array.isArray(spec?.matches) && spec.matches.length > 0 ? spec.matches : undefined;
      const base = { route: a.route, kind, rule, listener: a.listener, domain, spec };
      // An absent HTTPRoute `matches` is the CRD default (PathPrefix /); an explicit empty list stays empty, and
      // Istio then programs a route without a match, which sorts last (route_collections.go, sortHTTPRoutes).
      const defaulted = kind === "HTTPRoute" && spec?.matches === undefined;
      if (!matches) return defaulted ? [{ ...base, match: 0, compiled: compileHttpMatch({}) }] : [{ ...base, match: -1 }];
      return matches.map((m, match) => ({ ...base, match, compiled: kind === "HTTPRoute" ? compileHttpMatch(m) : compileGrpcMatch(m) }));
    })
  );
}

/**
 * Routes that would cover `host` but never reach this request's virtual host: not attached to the Gateway, or
 * attached only to other listeners.
 */
function outsiders(detached: readonly Detachment[], attached: readonly Attachment[], listeners: readonly ListenerModel[], host: string) {
  const covers = (route: RouteObject) => {
    const names = hostnamesOf(route);
    return names.length === 0 || names.some((n) => hostnameMatches(n, host));
  };
  const elsewhere = [...new Set(attached.filter((a) => !listeners.includes(a.listener)).map((a) => a.route))].filter(
    (r) => !attached.some((a) => a.route === r && listeners.includes(a.listener))
  );
  return [
    ...detached.filter((d) => covers(d.route)).map((d) => ({ route: routeKey(d.route), rule: -1, match: -1, why: `not attached: ${d.why}` })),
    ...elsewhere.filter(covers).map((r) => ({
      route: routeKey(r),
      rule: -1,
      match: -1,
      why: `attached only to listener(s) ${attached
        .filter((a) => a.route === r)
        .map((a) => a.listener.name)
        .join(", ")}, not the one this request reached`,
    })),
  ];
}
