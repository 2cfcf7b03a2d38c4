/** Options of {@link TenantEgress.restricted}. */
export interface RestrictedEgressOptions {
  /**
   * Extra destinations, as IPv4 or IPv6 CIDR blocks (`10.20.0.0/16`), that pods may reach on any port,
   * for example a database subnet or an egress proxy.
   *
   * @default - only the tenant's own namespace and cluster DNS
   */
  readonly allowCidrs?: string[];
}

/**
 * Where the pods of a tenant may open connections to (a NetworkPolicy of type Egress).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class TenantEgress {
  /**
   * No egress policy: pods may connect anywhere the cluster network allows, other tenants included. Fails synth
   * (`PlatformPolicy` rule AKSGW-9) unless suppressed with a reason; prefer `restricted({ allowCidrs })`.
   */
  public static unrestricted(): TenantEgress {
    return new TenantEgress(false, []);
  }

  /**
   * Pods may connect only to pods of their own namespace, to cluster DNS (pods labelled
   * `k8s-app: kube-dns` in `kube-system`, UDP and TCP 53) and to `allowCidrs`.
   */
  public static restricted(options: RestrictedEgressOptions = {}): TenantEgress {
    return new TenantEgress(true, [...(options.allowCidrs ?? [])]);
  }

  private constructor(
    /** Whether an egress NetworkPolicy is created. */
    public readonly isRestricted: boolean,
    /** Extra CIDR blocks allowed when restricted. */
    public readonly allowCidrs: readonly string[],
  ) {}
}
