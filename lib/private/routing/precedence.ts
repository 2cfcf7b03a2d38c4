/**
 * The order in which Envoy tries the routes of one virtual host, as Istio builds it. Pure functions; not part of
 * the public API.
 *
 * Istio merges every HTTPRoute attached to a listener for one hostname into one VirtualService: the routes sorted by
 * creation time, then namespace, then name (istio/istio pilot/pkg/config/kube/gateway/route_collections.go
 * mergeHTTPRoutes, conversion.go sortRoutesByCreationTime), their rules in order, each rule split into one route per
 * match, then stable-sorted by conversion.go sortHTTPRoutes. GRPCRoutes are merged into a VirtualService of their
 * own for the same hostname, and Envoy's virtual host takes the VirtualServices' routes one VirtualService after the
 * other, oldest first (pilot/pkg/networking/core/gateway.go vHostDedupMap; pilot/pkg/model/push_context.go
 * initVirtualServices, sortConfigByCreationTime). Envoy then uses the first route that matches.
 */
import type { CompiledMatch } from "./matches";
import type { ListenerModel, RouteObject } from "./gateway";
import { routeKey, routeNamespace } from "./attachment";

/** One Envoy route: one match of one rule of one route, in one virtual host. */
export interface RouteEntry {
  readonly route: RouteObject;
  readonly kind: "HTTPRoute" | "GRPCRoute";
  readonly rule: number;
  /** Index of the match in the rule; -1 for a GRPCRoute rule without matches (it matches every request). */
  readonly match: number;
  /** Undefined for a rule without matches: Istio puts such routes last (sortHTTPRoutes). */
  readonly compiled?: CompiledMatch;
  readonly listener: ListenerModel;
  /** The virtual host domain (an effective hostname, or `*`). */
  readonly domain: string;
  readonly spec: any;
}

/** Creation order with "unknown" as the newest: a route not yet created sorts after every created one. */
function created(route: RouteObject): number {
  return route.created ?? Number.POSITIVE_INFINITY;
}

/** Istio's order of routes inside one merged VirtualService (sortRoutesByCreationTime). */
export function compareRoutes(a: RouteObject, b: RouteObject): number {
  return (
    created(a) - created(b) || cmp(routeNamespace(a), routeNamespace(b)) || cmp(a.manifest?.metadata?.name ?? "", b.manifest?.metadata?.name ?? "")
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Istio's sortHTTPRoutes as a comparator: routes without a match last; then the path rank (Exact 3 > Prefix 2 >
 * RegularExpression 1 > none), the path length, a method match, the number of header matches, the number of
 * query-param matches; 0 leaves the merged order (creation, namespace/name, rule, match) in place.
 */
export function compareEntries(a: RouteEntry, b: RouteEntry): number {
  if (!a.compiled || !b.compiled) return (a.compiled ? 0 : 1) - (b.compiled ? 0 : 1);
  const m1 = a.compiled;
  const m2 = b.compiled;
  return (
    m2.rank - m1.rank ||
    m2.length - m1.length ||
    (m1.method !== undefined ? 0 : 1) - (m2.method !== undefined ? 0 : 1) ||
    m2.headers.length - m1.headers.length ||
    m2.queryParams.length - m1.queryParams.length
  );
}

/**
 * The entries of one virtual host in the order Envoy tries them: per kind, routes in creation/namespace/name
 * order, rules and matches in order, stable-sorted by {@link compareEntries}; the HTTPRoute and GRPCRoute groups
 * then follow each other by their oldest route (creation time, then namespace). On a full tie Istio's order is
 * undefined (sort.Slice); HTTPRoutes are assumed first.
 */
export function orderEntries(entries: readonly RouteEntry[]): RouteEntry[] {
  const group = (kind: string) => {
    const list = entries.filter((e) => e.kind === kind);
    const routes = [...new Set(list.map((e) => e.route))].sort(compareRoutes);
    const merged = routes.flatMap((r) => list.filter((e) => e.route === r));
    return { base: routes[0], sorted: [...merged].sort(compareEntries) };
  };
  const http = group("HTTPRoute");
  const grpc = group("GRPCRoute");
  if (!http.base || !grpc.base) return [...http.sorted, ...grpc.sorted];
  const byAge = created(http.base) - created(grpc.base) || cmp(routeNamespace(http.base), routeNamespace(grpc.base));
  return byAge <= 0 ? [...http.sorted, ...grpc.sorted] : [...grpc.sorted, ...http.sorted];
}

const RANK_NAMES: { [rank: number]: string } = { 3: "an Exact path", 2: "a PathPrefix", 1: "a RegularExpression path", [-1]: "no path condition" };

/** Why `loser`, which also matches the request, comes after `winner` in Envoy's list. */
export function whyLater(winner: RouteEntry, loser: RouteEntry): string {
  if (winner.kind !== loser.kind) {
    return `the ${winner.kind}s of this host come before its ${loser.kind}s whatever their matches (Istio merges each kind into a VirtualService of its own; Envoy takes the older one first)`;
  }
  const a = winner.compiled;
  const b = loser.compiled;
  if (a && !b) return "a rule without matches comes after every rule with matches (Istio sortHTTPRoutes)";
  if (a && b) {
    if (a.rank !== b.rank) {
      const regexNote =
        b.rank === 1 && a.rank === 2
          ? "; Istio ranks every PathPrefix above every RegularExpression, whatever their lengths (the spec leaves regex precedence to implementations)"
          : "";
      return `${RANK_NAMES[a.rank]} match ranks above ${RANK_NAMES[b.rank]} match${regexNote}`;
    }
    if (a.length !== b.length) return `the winning path match is longer (${a.length} characters, this one ${b.length})`;
    if ((a.method !== undefined) !== (b.method !== undefined)) return "the winning match has a method match";
    if (a.headers.length !== b.headers.length) return `the winning match has more header matches (${a.headers.length} vs ${b.headers.length})`;
    if (a.queryParams.length !== b.queryParams.length)
      return `the winning match has more query param matches (${a.queryParams.length} vs ${b.queryParams.length})`;
  }
  return tieBreak(winner, loser);
}

function tieBreak(winner: RouteEntry, loser: RouteEntry): string {
  if (winner.route === loser.route)
    return "same precedence; an earlier rule or match of the same route wins (Gateway API: first matching rule in list order)";
  const [wc, lc] = [winner.route.created, loser.route.created];
  if (wc !== undefined && lc !== undefined && wc !== lc)
    return `same precedence; ${routeKey(winner.route)} is older (Gateway API: oldest route wins ties)`;
  const unknown = wc === undefined || lc === undefined ? "creation times unknown offline, so " : "";
  return `same precedence; ${unknown}${routeKey(winner.route)} comes first by namespace/name (Gateway API: alphabetical {namespace}/{name})`;
}
