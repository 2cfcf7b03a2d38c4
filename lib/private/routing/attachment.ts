/**
 * Which routes attach to which listeners of a Gateway: parentRefs, sectionName and port, allowedRoutes (kinds and
 * namespaces) and the hostname intersection. Pure functions; not part of the public API.
 */
import { intersectHostnames } from "./hostnames";
import type { GatewayModel, ListenerModel, RouteObject } from "./gateway";

/** A route attached to one listener, serving these hostnames through it. */
export interface Attachment {
  readonly route: RouteObject;
  readonly listener: ListenerModel;
  readonly hostnames: readonly string[];
}

/** A route that attaches to none of the listeners, and why. */
export interface Detachment {
  readonly route: RouteObject;
  readonly why: string;
}

const GATEWAY_GROUP = "gateway.networking.k8s.io";
/** The route kinds Istio admits on HTTP and HTTPS listeners when `allowedRoutes.kinds` is empty. */
const DEFAULT_KINDS = ["HTTPRoute", "GRPCRoute"];

/** `namespace/name` of a route object. */
export function routeKey(route: RouteObject): string {
  return `${routeNamespace(route)}/${route.manifest?.metadata?.name ?? "(unnamed)"}`;
}

/** The route's namespace (`default` when the manifest names none, as the API server would). */
export function routeNamespace(route: RouteObject): string {
  return String(route.manifest?.metadata?.namespace ?? "default");
}

/**
 * Every HTTPRoute and GRPCRoute of the model against every listener. A parentRef defaults to kind Gateway in group
 * gateway.networking.k8s.io and the route's namespace (CRD defaults; Istio toInternalParentReference); with
 * `sectionName` or `port` it names only those listeners (Istio referenceAllowed: "sectionName %q not found",
 * "port %v not found"). Each listener then checks the kind, the namespace and that the hostnames intersect.
 */
export function attachRoutes(gateway: GatewayModel): { attached: Attachment[]; detached: Detachment[] } {
  const attached: Attachment[] = [];
  const detached: Detachment[] = [];
  for (const route of gateway.routes) {
    if (!["HTTPRoute", "GRPCRoute"].includes(route.manifest?.kind)) continue;
    const reasons: string[] = [];
    const seen = new Set<ListenerModel>();
    for (const ref of parentRefsOf(route)) {
      const refNamespace = ref?.namespace ?? routeNamespace(route);
      if ((ref?.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (ref?.kind ?? "Gateway") !== "Gateway") continue;
      if (ref?.name !== gateway.name || refNamespace !== gateway.namespace) continue;
      const listeners = gateway.listeners.filter(
        (l) => (ref.sectionName === undefined || ref.sectionName === l.name) && (ref.port === undefined || Number(ref.port) === l.port)
      );
      if (listeners.length === 0)
        reasons.push(`parentRef ${ref.sectionName !== undefined ? `sectionName ${ref.sectionName}` : `port ${ref.port}`} names no listener`);
      for (const listener of listeners) {
        if (seen.has(listener)) continue;
        seen.add(listener);
        const why = refusal(gateway, listener, route);
        if (why) reasons.push(`listener ${listener.name}: ${why}`);
        else attached.push({ route, listener, hostnames: intersectHostnames(hostnamesOf(route), listener.hostname) });
      }
    }
    if (!attached.some((a) => a.route === route)) {
      detached.push({ route, why: reasons.length > 0 ? reasons.join("; ") : `no parentRef names Gateway ${gateway.namespace}/${gateway.name}` });
    }
  }
  return { attached, detached };
}

function parentRefsOf(route: RouteObject): any[] {
  const refs = route.manifest?.spec?.parentRefs;
  return Array.isArray(refs) ? refs : [];
}

/** The route's `spec.hostnames`, lower case. */
export function hostnamesOf(route: RouteObject): string[] {
  const hostnames = route.manifest?.spec?.hostnames;
  return Array.isArray(hostnames) ? hostnames.map((h: any) => String(h).toLowerCase()) : [];
}

/** Why `listener` does not take `route`, or undefined when it does. */
function refusal(gateway: GatewayModel, listener: ListenerModel, route: RouteObject): string | undefined {
  const kind: string = route.manifest.kind;
  const allowed = listener.allowedRoutes;
  if (allowed !== undefined) {
    const kinds = Array.isArray(allowed.kinds) && allowed.kinds.length > 0 ? allowed.kinds : DEFAULT_KINDS.map((k) => ({ kind: k }));
    if (!kinds.some((k) => k.kind === kind && (k.group ?? GATEWAY_GROUP) === GATEWAY_GROUP)) return `allowedRoutes.kinds does not list ${kind}`;
    const why = namespaceRefusal(gateway, allowed.namespaces, routeNamespace(route));
    if (why) return why;
  }
  if (intersectHostnames(hostnamesOf(route), listener.hostname).length === 0) {
    return `none of the route's hostnames (${hostnamesOf(route).join(", ")}) matches the listener hostname ${listener.hostname}`;
  }
  return undefined;
}

/** Why `allowedRoutes.namespaces` keeps routes of `namespace` out (CRD default `from: Same`), or undefined. */
function namespaceRefusal(gateway: GatewayModel, namespaces: AllowedNamespaces | undefined, namespace: string): string | undefined {
  const from = namespaces?.from ?? "Same";
  if (from === "All") return undefined;
  if (from === "Same")
    return namespace === gateway.namespace ? undefined : `allowedRoutes admits only routes of the Gateway's namespace ${gateway.namespace}`;
  if (gateway.namespaceLabels === undefined) return undefined; // labels not modelled: the selector is not checked
  const labels = gateway.namespaceLabels[namespace];
  if (labels === undefined) return `allowedRoutes selects namespaces by label and the labels of namespace ${namespace} are unknown`;
  return selectorMatches(namespaces?.selector ?? {}, labels) ? undefined : `namespace ${namespace} does not carry the labels allowedRoutes selects`;
}

/** A Kubernetes label selector (matchLabels AND matchExpressions). */
export function selectorMatches(selector: LabelSelector, labels: { readonly [key: string]: string }): boolean {
  const pairs = Object.entries(selector.matchLabels ?? {});
  if (!pairs.every(([k, v]) => labels[k] === v)) return false;
  return (selector.matchExpressions ?? []).every((e) => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case "In":
        return has && (e.values ?? []).includes(labels[e.key]);
      case "NotIn":
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case "Exists":
        return has;
      case "DoesNotExist":
        return !has;
      default:
        return false;
    }
  });
}

/** A Kubernetes label selector. */
export interface LabelSelector {
  readonly matchLabels?: { readonly [key: string]: string };
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: string; readonly values?: readonly string[] }>;
}

/** `allowedRoutes.namespaces` of a listener. */
export interface AllowedNamespaces {
  readonly from?: "Same" | "All" | "Selector";
  readonly selector?: LabelSelector;
}
