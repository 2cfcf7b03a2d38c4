/**
 * Labels and annotations that mark tenant namespaces. The hostname admission policy reads them, so they
 * are part of the contract between `Tenant` and `HostnameAdmissionPolicy`.
 */

/** Label set on every namespace and object this library manages. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/** Value of {@link MANAGED_BY_LABEL}. */
export const MANAGED_BY_VALUE = "cdktf-aks-gateway";

/** Label carrying the tenant name on a tenant namespace; the admission policy selects namespaces by it. */
export const TENANT_LABEL = "cdktf-aks-gateway/tenant";

/** Namespace annotation: comma-separated hostnames the tenant owns (wildcards as `*.example.com`). */
export const OWNED_HOSTNAMES_ANNOTATION = "cdktf-aks-gateway/owned-hostnames";

/** Namespace annotation: comma-separated path prefixes the tenant owns on its hostnames. */
export const OWNED_PATH_PREFIXES_ANNOTATION = "cdktf-aks-gateway/owned-path-prefixes";

/**
 * Namespace annotation: comma-separated Entra ID group object IDs of the tenant's owners. The guardrail
 * policy denies them changes to the namespace's NetworkPolicies, ResourceQuotas and LimitRanges.
 */
export const OWNER_GROUPS_ANNOTATION = "cdktf-aks-gateway/owner-groups";

/** Namespace label that opts the namespace into the Istio ambient data plane. */
export const AMBIENT_LABEL = "istio.io/dataplane-mode";

/**
 * Namespace label that admits the namespace's routes to a shared Gateway; its value names the Gateway as
 * `<gateway namespace>.<gateway name>`. The Gateway's listeners select namespaces by it, so adding a tenant never
 * edits the Gateway. Only the platform sets it: the namespaces this library creates carry it, and
 * `TenantGuardrailPolicy` denies ServiceAccounts and tenant owners adding, changing or removing it (Gateway API
 * security guide: select on labels tenants cannot set).
 */
export const GATEWAY_ADMISSION_LABEL = "cdktf-aks-gateway/gateway";
