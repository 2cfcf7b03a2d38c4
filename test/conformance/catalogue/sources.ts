// Where each rule was read. The search index holds one or a few commits per file, rarely the v4.55.0 tag itself;
// each file's note says which version was read and why its facts carry over to v4.55.0 (see docs/provider-constraints.md).

const AZURERM = "azurerm v4.55.0: internal/services";

/** `azurerm v4.55.0: internal/services/<path>, <key>`. */
export const azurerm = (path: string, key: string): string => `${AZURERM}/${path}, ${key}`;

/** A go-azure-helpers function used by azurerm 4.55.0 (go-azure-helpers v0.75.1 per the 4.55.0 CHANGELOG). */
export const helpers = (path: string, key: string): string => `azurerm v4.55.0 via go-azure-helpers v0.75.1: resourcemanager/${path}, ${key}`;

/** The cdktf binding generated from the azurerm 4.55.0 provider schema. */
export const binding = (resource: string): string =>
  `@cdktf/provider-azurerm 14.23.1 (generated from the azurerm 4.55.0 schema): lib/${resource}/index.d.ts`;

/** A rule Azure Resource Manager enforces at apply; azurerm passes the value through unchecked. */
export const arm = (what: string): string => `Azure Resource Manager at apply (${what}); azurerm 4.55.0 does not check it`;

/** Azure/terraform-provider-azapi, read on the main branch (the 2.11.x tags are not in the index). */
export const azapi = (path: string, key: string): string => `azapi ~> 2.11 (read on main): ${path}, ${key}`;

/** The project's audited facts. */
export const facts = (section: string): string => `/work/shared/FACTS.md ${section}`;

export const FILES = {
  aks: "containers/kubernetes_cluster_resource.go",
  aksValidate: "containers/kubernetes_cluster_validate.go",
  nodepool: "containers/kubernetes_nodepool.go",
  nodePoolResource: "containers/kubernetes_cluster_node_pool_resource.go",
  containersValidate: "containers/validate/kubernetes.go",
  agw: "network/application_gateway_resource.go",
  waf: "network/web_application_firewall_policy_resource.go",
  wafValidate: "network/validate/web_application_firewall_policy.go",
  pip: "network/public_ip_resource.go",
  nsgRule: "network/network_security_rule_resource.go",
  subnet: "network/subnet_resource.go",
  vnet: "network/virtual_network_resource.go",
  association: "network/subnet_network_security_group_association_resource.go",
  roleAssignment: "authorization/role_assignment_resource.go",
  law: "loganalytics/log_analytics_workspace_resource.go",
  diag: "monitor/monitor_diagnostic_setting_resource.go",
  keyVaultParse: "keyvault/parse/nested_item.go",
  features: "../provider/features.go",
  federatedCredential: "managedidentity/federated_identity_credential_resource.go",
  identityDataSource: "managedidentity/user_assigned_identity_data_source.go",
  aksAddons: "containers/kubernetes_addons.go",
  dnsARecord: "dns/dns_a_record_resource.go",
  pipDataSource: "network/public_ip_data_source.go",
  monitorWorkspace: "monitor/monitor_workspace_resource.go",
  dce: "monitor/monitor_data_collection_endpoint_resource.go",
  dcr: "monitor/monitor_data_collection_rule_resource.go",
  dcra: "monitor/monitor_data_collection_rule_association_resource.go",
} as const;

/** A public source other than azurerm, as `repo: path, what` (Azure's own Terraform templates, AKS and Azure docs). */
export const doc = (repoPath: string, what: string): string => `${repoPath}, ${what}`;

/** Resource-ID templates of the go-azure-helpers / go-azure-sdk parsers azurerm uses. */
export const IDS = {
  subnet: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{}/subnets/{}",
  userAssignedIdentity: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{}",
  kubernetesCluster: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.ContainerService/managedClusters/{}",
  wafPolicy: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/applicationGatewayWebApplicationFirewallPolicies/{}",
  networkSecurityGroup: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/networkSecurityGroups/{}",
  workspace: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.OperationalInsights/workspaces/{}",
  dnsZone: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/dnsZones/{}",
  privateDnsZone: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/privateDnsZones/{}",
  publicIp: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/publicIPAddresses/{}",
  dataCollectionEndpoint: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Insights/dataCollectionEndpoints/{}",
  dataCollectionRule: "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Insights/dataCollectionRules/{}",
} as const;
