/**
 * Where a matched rule sends the request: its backendRefs as Istio turns them into Envoy clusters. Pure
 * functions; not part of the public API.
 */

/** One backend of a rule, with the CRD defaults applied (weight 1, kind Service, the route's namespace). */
export interface Backend {
  readonly service: string;
  readonly namespace: string;
  readonly port: number;
  /** As written (default 1). Weights are proportions: Gateway API HTTPBackendRef.Weight. 0 gets no traffic. */
  readonly weight: number;
}

/** What the rule's backends do with the request. */
export interface BackendOutcome {
  readonly backends: readonly Backend[];
  /** 500 when no backend can take traffic; null when the request is forwarded. */
  readonly status: 500 | null;
  readonly steps: readonly string[];
}

/**
 * The rule's backends. Istio drops weight-0 backends and, when the weights of all backendRefs add up to 0 (none
 * listed, or all 0), answers 500 itself: "The spec requires us to return 500 when there are no >0 weight
 * backends" (istio/istio pilot/pkg/config/kube/gateway/conversion.go, convertHTTPRoute; Gateway API
 * HTTPRouteRule.BackendRefs). A backendRef that is not a Service, or names another namespace, is still listed:
 * Istio answers 500 for its share when it cannot be resolved (route.go: `ClusterNotFoundResponseCode` 500), which
 * needs the cluster to know; the steps say so.
 */
export function backendsOf(refs: any, routeNamespace: string): BackendOutcome {
  const list: any[] = Array.isArray(refs) ? refs : [];
  const backends: Backend[] = list.map((ref) => ({
    service: String(ref?.name ?? ""),
    namespace: String(ref?.namespace ?? routeNamespace),
    port: Number(ref?.port),
    weight: ref?.weight === undefined || ref?.weight === null ? 1 : Number(ref.weight),
  }));
  const total = backends.reduce((sum, b) => sum + (b.weight > 0 ? b.weight : 0), 0);
  if (total === 0) {
    const why = list.length === 0 ? "the rule has no backendRefs" : "every backendRef has weight 0";
    return { backends, status: 500, steps: [`Istio answers 500: ${why} and no redirect (Gateway API: 500 when no backend can take traffic).`] };
  }
  const steps = backends.map((b, i) => {
    const share = b.weight > 0 ? `${formatShare((100 * b.weight) / total)} % of requests` : "no traffic (weight 0)";
    return `Backend Service ${b.namespace}/${b.service} port ${Number.isFinite(b.port) ? b.port : "(none)"}, weight ${
      b.weight
    }: ${share}.${backendNote(list[i], routeNamespace)}`;
  });
  return { backends, status: null, steps };
}

function backendNote(ref: any, routeNamespace: string): string {
  const notes: string[] = [];
  const kind = ref?.kind ?? "Service";
  const group = ref?.group ?? "";
  if (kind !== "Service" || group !== "")
    notes.push(` ${group}/${kind} is not a Service: Istio answers 500 for this share unless it supports the kind.`);
  if (ref?.port === undefined) notes.push(' No port: Istio rejects the backendRef ("port is required in backendRef").');
  if (ref?.namespace !== undefined && ref.namespace !== routeNamespace) {
    notes.push(` In another namespace: needs a ReferenceGrant in ${ref.namespace}, or Istio answers 500 for this share.`);
  }
  if (Array.isArray(ref?.filters) && ref.filters.length > 0) notes.push(` Its own filters: ${ref.filters.map((f: any) => f?.type).join(", ")}.`);
  return notes.join("");
}

function formatShare(percent: number): string {
  return Number.isInteger(percent) ? String(percent) : percent.toFixed(1);
}
