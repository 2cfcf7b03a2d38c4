/**
 * A Service in the tenant's namespace that receives a rule's traffic. Several backends in one rule split
 * the traffic by weight.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref
 */
export interface HttpBackend {
  /** Name of the Service, in the tenant's namespace. */
  readonly serviceName: string;
  /** Service port (1–65535); required for Services. */
  readonly port: number;
  /**
   * Share of the rule's traffic, proportional to the sum of the weights of the rule's backends
   * (not a percentage); 0 sends no traffic. Between 0 and 1,000,000.
   *
   * @default 1
   */
  readonly weight?: number;
}
