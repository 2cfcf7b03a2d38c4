/**
 * Who runs the Istio that implements the Gateway API on the cluster.
 *
 * The enum value is the GatewayClass name that implementation provides.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 */
export enum GatewayMode {
  /**
   * AKS runs a meshless Istio for the Gateway API (application routing add-on, `approuting-istio`).
   *
   * Ingress only: no sidecars, no Istio CRDs, no mTLS between workloads. AKS upgrades it in place.
   */
  APP_ROUTING_ISTIO = "approuting-istio",
  /**
   * You run Istio ambient yourself through Helm (see `IstioAmbient`); the cluster gets only the managed
   * Gateway API CRDs. Workload-to-workload mTLS through ztunnel is available in this mode only.
   */
  SELF_MANAGED_ISTIO = "istio",
}
