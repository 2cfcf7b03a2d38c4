/**
 * The Kubernetes built-in user-facing ClusterRole granted to a tenant's owners in its namespace.
 *
 * There is deliberately no `admin`: it lets owners create RoleBindings, so they could hand `edit` to a
 * ServiceAccount or another group and, through it, remove the namespace's NetworkPolicies and quota, which
 * `TenantGuardrailPolicy` denies only to the owners themselves and the namespace's ServiceAccounts.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */
export enum TenantRole {
  /** `edit`: read/write on most namespaced objects, no Roles or RoleBindings. */
  EDIT = "edit",
  /** `view`: read-only, no Secrets. */
  VIEW = "view",
}

/**
 * The people who run a tenant: Microsoft Entra ID groups, bound in the tenant namespace to a built-in
 * ClusterRole and to a Role over HTTPRoutes (read/write, or read-only for {@link TenantRole.VIEW}).
 *
 * Requires AKS with Microsoft Entra ID integration, where group subjects are group object ids.
 *
 * @see https://learn.microsoft.com/azure/aks/azure-ad-rbac
 */
export interface TenantOwners {
  /** Object ids (GUIDs) of the Entra ID groups whose members own the tenant. */
  readonly groupObjectIds: string[];
  /**
   * The ClusterRole the groups get in the tenant namespace.
   *
   * @default TenantRole.EDIT
   */
  readonly role?: TenantRole;
}
