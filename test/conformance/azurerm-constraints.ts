// The reviewed constraint catalogue: every resource type, data source and provider block the library emits, each
// with the attributes whose schema was read (at azurerm v4.55.0 or azapi ~> 2.11) and the rules encoded from it.
import { Constraint, Family, ResourceCatalogue } from "./model";
import { AKS_CATALOGUE } from "./catalogue/aks";
import { EDGE_CATALOGUE } from "./catalogue/edge";
import { NETWORK_CATALOGUE } from "./catalogue/network";
import { PROVIDER_CATALOGUE } from "./catalogue/providers";
import { TLS_DNS_CATALOGUE } from "./catalogue/tls-dns";
import { MONITORING_CATALOGUE } from "./catalogue/monitoring";

/** Every reviewed resource type, data source (`data.`), provider block (`provider.`) and the `terraform` block. */
export const CATALOGUE: readonly ResourceCatalogue[] = [
  ...AKS_CATALOGUE, ...EDGE_CATALOGUE, ...NETWORK_CATALOGUE, ...PROVIDER_CATALOGUE, ...TLS_DNS_CATALOGUE, ...MONITORING_CATALOGUE,
];

/** All constraints, flattened. */
export const CONSTRAINTS: readonly Constraint[] = CATALOGUE.flatMap((c) => c.constraints);

/** The families in the order the tests report them, with what each enforces. */
export const FAMILIES: ReadonlyArray<{ readonly family: Family; readonly title: string }> = [
  { family: "required", title: "Required arguments the binding cannot express" },
  { family: "enum", title: "ValidateFunc enums (StringInSlice, case-sensitive unless noted)" },
  { family: "range", title: "ValidateFunc integer ranges" },
  { family: "format", title: "ValidateFunc string formats (names, CIDRs, IPs, UUIDs, URLs)" },
  { family: "resource-id", title: "resource-ID parsers (case-sensitive segment names)" },
  { family: "items", title: "MaxItems / MinItems" },
  { family: "relation", title: "AtLeastOneOf / ExactlyOneOf / ConflictsWith / RequiredWith" },
  { family: "provider-apply", title: "checks inside the provider's Create, Update and CustomizeDiff (fail at plan or apply)" },
  { family: "arm", title: "rules Azure Resource Manager enforces at apply (azurerm passes the value through)" },
  { family: "version", title: "terraform.required_providers" },
];

/**
 * Resource types of other providers, reviewed elsewhere (the Kubernetes stack's objects). Anything that is neither
 * in the catalogue nor matched here is a new provider and fails the inventory test.
 */
export const OUT_OF_SCOPE_PREFIXES: readonly string[] = ["kubernetes_", "helm_", "provider.kubernetes", "provider.helm"];

/** Terraform meta-arguments, which belong to no provider schema. */
export const META_ARGUMENTS: readonly string[] = ["depends_on", "lifecycle", "provider", "count", "for_each", "//"];

/**
 * ForceNew attributes (schema `ForceNew: true`, or CustomizeDiff `ForceNewIf…` that fires on any change of a set
 * value). Changing one replaces the resource, so switching a documented option on a deployed platform must not.
 */
export const FORCE_NEW: ReadonlyArray<{ readonly resource: string; readonly paths: readonly string[]; readonly source: string }> = [
  {
    resource: "azurerm_kubernetes_cluster",
    paths: [
      "name", "location", "resource_group_name", "dns_prefix", "default_node_pool.name", "network_profile.network_plugin",
      "network_profile.network_plugin_mode", "network_profile.network_policy", "network_profile.network_data_plane",
      "network_profile.dns_service_ip", "network_profile.service_cidr", "network_profile.pod_cidr", "network_profile.load_balancer_sku",
      "private_cluster_enabled", "private_dns_zone_id",
    ],
    source: "azurerm v4.55.0: internal/services/containers/kubernetes_cluster_resource.go, schema ForceNew and CustomizeDiff ForceNewIfChange",
  },
  {
    resource: "azurerm_kubernetes_cluster_node_pool",
    paths: ["name", "kubernetes_cluster_id"],
    source: "azurerm v4.55.0: internal/services/containers/kubernetes_cluster_node_pool_resource.go, schema ForceNew",
  },
  {
    resource: "azurerm_application_gateway",
    paths: ["name", "location", "resource_group_name", "zones"],
    source: "azurerm v4.55.0: internal/services/network/application_gateway_resource.go, schema ForceNew (zones: ZonesMultipleOptionalForceNew)",
  },
  {
    resource: "azurerm_public_ip",
    paths: ["name", "location", "resource_group_name", "zones"],
    source: "azurerm v4.55.0: internal/services/network/public_ip_resource.go, schema ForceNew",
  },
  {
    resource: "azurerm_web_application_firewall_policy",
    paths: ["name", "location", "resource_group_name"],
    source: "azurerm v4.55.0: internal/services/network/web_application_firewall_policy_resource.go, schema ForceNew",
  },
  {
    resource: "azurerm_role_assignment",
    paths: ["scope", "role_definition_name", "principal_id", "principal_type"],
    source: "azurerm v4.55.0: internal/services/authorization/role_assignment_resource.go, schema ForceNew",
  },
  {
    resource: "azurerm_monitor_diagnostic_setting",
    paths: ["name", "target_resource_id"],
    source: "azurerm v4.55.0: internal/services/monitor/monitor_diagnostic_setting_resource.go, schema ForceNew",
  },
  {
    resource: "azurerm_monitor_data_collection_rule",
    paths: ["name", "location", "resource_group_name", "kind"],
    source: "azurerm v4.55.0: internal/services/monitor/monitor_data_collection_rule_resource.go, Arguments ForceNew (commonschema) and CustomizeDiff (kind)",
  },
  {
    resource: "azurerm_monitor_data_collection_rule_association",
    paths: ["name", "target_resource_id"],
    source: "azurerm v4.55.0: internal/services/monitor/monitor_data_collection_rule_association_resource.go, Arguments ForceNew",
  },
  {
    resource: "azurerm_monitor_data_collection_endpoint",
    paths: ["name", "location", "resource_group_name"],
    source: "azurerm v4.55.0: internal/services/monitor/monitor_data_collection_endpoint_resource.go, Arguments ForceNew (commonschema)",
  },
  {
    resource: "azurerm_monitor_workspace",
    paths: ["name", "location", "resource_group_name"],
    source: "azurerm v4.55.0: internal/services/monitor/monitor_workspace_resource.go, Arguments ForceNew (commonschema)",
  },
  {
    resource: "azurerm_user_assigned_identity",
    paths: ["name", "location", "resource_group_name"],
    source: "@cdktf/provider-azurerm 14.23.1 / commonschema.Location and ResourceGroupName (ForceNew)",
  },
];
