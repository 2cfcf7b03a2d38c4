/**
 * Compute limits of a tenant namespace: its ResourceQuota and the LimitRange container defaults.
 */

/**
 * The hard limits of a tenant namespace (a ResourceQuota). Each field you leave out keeps its default
 * from `Tenant.DEFAULT_QUOTA`.
 *
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export interface TenantQuota {
  /**
   * Sum of CPU requests of all pods (`requests.cpu`), as a Kubernetes quantity.
   *
   * @default "4"
   */
  readonly requestsCpu?: string;
  /**
   * Sum of memory requests of all pods (`requests.memory`), as a Kubernetes quantity.
   *
   * @default "8Gi"
   */
  readonly requestsMemory?: string;
  /**
   * Sum of CPU limits of all pods (`limits.cpu`), as a Kubernetes quantity.
   *
   * @default "8"
   */
  readonly limitsCpu?: string;
  /**
   * Sum of memory limits of all pods (`limits.memory`), as a Kubernetes quantity.
   *
   * @default "16Gi"
   */
  readonly limitsMemory?: string;
  /**
   * Number of pods (`pods`).
   *
   * @default 50
   */
  readonly pods?: number;
  /**
   * Number of Services of type LoadBalancer (`services.loadbalancers`). Tenants reach clients through the
   * shared Gateway; a tenant load balancer would bypass the Application Gateway WAF, so a value above 0 fails
   * synth (`PlatformPolicy` rule AKSGW-8) unless suppressed with a reason.
   *
   * @default 0
   */
  readonly servicesLoadBalancers?: number;
  /**
   * Number of Services of type NodePort (`services.nodeports`), which would open ports on every node; a value
   * above 0 fails synth (`PlatformPolicy` rule AKSGW-8) unless suppressed with a reason.
   *
   * @default 0
   */
  readonly servicesNodePorts?: number;
}

/**
 * Container defaults of a tenant namespace (a LimitRange of type `Container`): what a container gets
 * when it declares no requests or limits, so it still fits the quota. Fields you leave out keep their
 * default from `Tenant.DEFAULT_LIMITS`.
 *
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export interface TenantLimits {
  /**
   * Default CPU request of a container (`defaultRequest.cpu`).
   *
   * @default "100m"
   */
  readonly defaultRequestCpu?: string;
  /**
   * Default memory request of a container (`defaultRequest.memory`).
   *
   * @default "128Mi"
   */
  readonly defaultRequestMemory?: string;
  /**
   * Default CPU limit of a container (`default.cpu`).
   *
   * @default "500m"
   */
  readonly defaultLimitCpu?: string;
  /**
   * Default memory limit of a container (`default.memory`).
   *
   * @default "512Mi"
   */
  readonly defaultLimitMemory?: string;
}
