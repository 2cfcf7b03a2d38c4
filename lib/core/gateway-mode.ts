/**
 * Who runs the Istio that implements the Gateway API on the cluster.
 *
 * The mode decides the GatewayClass (see {@link gatewayClassNameOf}), how the cluster is enabled, and
 * whether a mesh exists. It is shared vocabulary of the cluster, gateway and stack layers.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 */
export enum GatewayMode {
  /**
   * AKS runs a meshless Istio for the Gateway API (application routing add-on, GatewayClass
   * `approuting-istio`).
   *
   * Ingress only: no sidecars, no Istio CRDs, no mTLS between workloads. AKS upgrades it in place.
   */
  APP_ROUTING_ISTIO = "AppRoutingIstio",
  /**
   * You run Istio ambient yourself through Helm (see `IstioAmbient`, GatewayClass `istio`); the cluster gets
   * only the managed Gateway API CRDs. Workload-to-workload mTLS through ztunnel is available in this mode only.
   */
  SELF_MANAGED_ISTIO = "SelfManagedIstio",
}

/**
 * The GatewayClass the mode's Gateway API implementation provides: `approuting-istio` (AKS docs:
 * app-routing-gateway-api.md) or `istio` (created by istiod).
 */
export function gatewayClassNameOf(mode: GatewayMode): string {
  switch (mode) {
    case GatewayMode.APP_ROUTING_ISTIO:
      return "approuting-istio";
    case GatewayMode.SELF_MANAGED_ISTIO:
      return "istio";
    default:
      throw new Error(`unknown GatewayMode ${JSON.stringify(mode)}; use GatewayMode.APP_ROUTING_ISTIO or GatewayMode.SELF_MANAGED_ISTIO`);
  }
}
