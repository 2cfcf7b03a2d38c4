/**
 * Whether a tenant creates its namespace or adopts one that already runs workloads, and how the tenant's
 * guardrails reach an adopted namespace.
 */

/**
 * How one of a tenant's guardrails (Pod Security, the deny-by-default NetworkPolicy, the quota and container
 * defaults) is applied to a namespace that already runs workloads, so it can be phased in.
 */
export enum GuardrailRollout {
  /** Applied and enforced from the first apply. */
  ENFORCE = "enforce",
  /**
   * Reported, not enforced. Only Pod Security has such a mode: the namespace gets the `warn` and `audit` labels of
   * the level instead of `enforce`, so pods that break it are admitted with a warning and an audit event.
   * `PlatformPolicy` rule AKSGW-7 fails synth until it is suppressed with a reason.
   */
  AUDIT = "audit",
  /**
   * Not applied yet. The corresponding `PlatformPolicy` rule (AKSGW-7 for Pod Security, AKSGW-4 for the network
   * policy and the quota) fails synth until it is suppressed on the tenant with a reason, such as the date the
   * guardrail will be switched on.
   */
  DEFER = "defer",
}

/** How the guardrails of a tenant reach a namespace it adopts. */
export interface AdoptedNamespaceOptions {
  /**
   * How the Pod Security level (`pod-security.kubernetes.io/enforce`, `baseline` unless the tenant's `labels` say
   * otherwise) is applied. Pods already running are never evicted; with `ENFORCE`, new pods that break the level
   * (a rollout of a privileged Deployment) are refused.
   *
   * The level is applied without forcing (server-side apply, field manager `cdktf-aks-gateway-pod-security`): if
   * the namespace already has another level, the apply fails with a field manager conflict instead of weakening or
   * tightening it silently; give the tenant that level in `labels` to keep it.
   *
   * @default GuardrailRollout.ENFORCE
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   */
  readonly podSecurity?: GuardrailRollout;
  /**
   * How the `tenant-isolation` NetworkPolicy (ingress only from the gateway and the namespace itself; egress as
   * the tenant's `egress` says) is applied. With `ENFORCE`, connections from other namespaces to the namespace's
   * pods (and, with restricted egress, from its pods to other namespaces) stop at the first apply.
   * `AUDIT` is refused: a Kubernetes NetworkPolicy has no audit or dry-run mode.
   *
   * @default GuardrailRollout.ENFORCE
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   */
  readonly networkPolicy?: GuardrailRollout;
  /**
   * How the ResourceQuota (`tenant-quota`) and the LimitRange (`tenant-limits`) are applied. Neither evicts running
   * pods; with `ENFORCE`, while current use exceeds the quota, new pods and scale-ups are refused until use drops.
   * `AUDIT` is refused: a ResourceQuota has no audit mode.
   *
   * @default GuardrailRollout.ENFORCE
   * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
   */
  readonly quota?: GuardrailRollout;
}

/**
 * The namespace of a tenant: created by the tenant (the default), or adopted from what the cluster already runs.
 *
 * A created namespace is a `kubernetes_namespace_v1`: destroying the tenant's stack, or removing the tenant from the
 * code, deletes the namespace and everything in it (Deployments, Secrets, volume claims).
 *
 * An adopted namespace is never created nor deleted by the tenant: it manages only its own labels and annotations on
 * it (the kubernetes provider's `kubernetes_labels` and `kubernetes_annotations`, server-side apply with field
 * manager `cdktf-aks-gateway`) plus the quota, limits, network policy, RBAC and routes it adds. Destroying the stack
 * removes exactly those, and the namespace and its workloads stay. `default` may be adopted; Kubernetes and AKS
 * system namespaces may not.
 */
export class TenantNamespace {
  /**
   * A namespace the tenant creates (and deletes with its stack).
   *
   * @param name - the namespace name (a DNS-1123 label); defaults to the tenant name
   */
  public static create(name?: string): TenantNamespace {
    return new TenantNamespace(name, false, {});
  }

  /**
   * A namespace that already exists, such as `default` or the namespace of a running app: the tenant adds its
   * labels, annotations, guardrails, RBAC and routes, and never deletes the namespace. The apply fails with
   * "The resource ... does not exist" if it does not exist.
   *
   * @param name - the existing namespace (a DNS-1123 label)
   * @param options - how the tenant's guardrails are phased in
   */
  public static adopt(name: string, options: AdoptedNamespaceOptions = {}): TenantNamespace {
    return new TenantNamespace(name, true, options);
  }

  private constructor(
    /** The namespace name; undefined for `create()` without a name (the tenant name is used). */
    public readonly name: string | undefined,
    /** Whether the namespace exists already and is adopted rather than created. */
    public readonly adopted: boolean,
    /** How the guardrails reach an adopted namespace (empty for a created one). */
    public readonly rollout: AdoptedNamespaceOptions,
  ) {}
}
