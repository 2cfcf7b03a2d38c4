// The cluster's Azure Monitor resources (issue 16): the Container Insights and managed Prometheus data collection
// rules, their associations with the cluster, the Prometheus data collection endpoint and Azure Monitor workspace.
// The control-plane diagnostic setting shares azurerm_monitor_diagnostic_setting with the edge (edge.ts).
import { ResourceCatalogue, blocksAt, isSet, isUnknown } from "../model";
import { armId, atLeastOneOf, exactlyOneOf, matches, maxItems, minItems, oneOf, rule } from "../rules";
import { isAzureResourceId, isJson, isResourceGroupName, notEmpty } from "../validators";
import { FILES, IDS, arm, azurerm, doc, helpers } from "./sources";

const AMW = "azurerm_monitor_workspace";
const DCE = "azurerm_monitor_data_collection_endpoint";
const DCR = "azurerm_monitor_data_collection_rule";
const DCRA = "azurerm_monitor_data_collection_rule_association";

/** Destination blocks of a data collection rule (monitor_data_collection_rule_resource.go, schema "destinations"). */
const DESTINATIONS = [
  "azure_monitor_metrics", "event_hub", "event_hub_direct", "log_analytics", "monitor_account", "storage_blob",
  "storage_blob_direct", "storage_table_direct",
];

/** Name, resource group and location, which every one of these resources has (commonschema). */
function common(resource: string, file: string) {
  return [
    matches(resource, "name", "not empty", notEmpty, azurerm(file, 'schema "name" (validation.StringIsNotEmpty)')),
    matches(resource, "resource_group_name", "a resource group name", isResourceGroupName, helpers("resourcegroups/validate.go", "ValidateName")),
    matches(resource, "location", "not empty", notEmpty, helpers("commonschema/location.go", "Location")),
  ];
}

function dataCollectionRuleRules() {
  const r = (key: string) => azurerm(FILES.dcr, `schema "${key}"`);
  return [
    ...common(DCR, FILES.dcr),
    armId(DCR, "data_collection_endpoint_id", IDS.dataCollectionEndpoint, r("data_collection_endpoint_id (datacollectionendpoints.ValidateDataCollectionEndpointID)")),
    oneOf(DCR, "kind", ["Linux", "Windows", "AgentDirectToStore", "WorkspaceTransforms", "Direct"], r("kind")),
    maxItems(DCR, "destinations", 1, r("destinations (MaxItems 1, MinItems 1)")),
    atLeastOneOf(DCR, "destinations", DESTINATIONS, r("destinations.* AtLeastOneOf")),
    armId(DCR, "destinations.log_analytics.workspace_resource_id", IDS.workspace, r("destinations.log_analytics.workspace_resource_id (workspaces.ValidateWorkspaceID)")),
    matches(DCR, "destinations.monitor_account.monitor_account_id", "an Azure resource ID", isAzureResourceId, r("destinations.monitor_account.monitor_account_id (azure.ValidateResourceID)")),
    matches(DCR, "destinations.log_analytics.name", "not empty", notEmpty, r("destinations.log_analytics.name")),
    matches(DCR, "destinations.monitor_account.name", "not empty", notEmpty, r("destinations.monitor_account.name")),
    minItems(DCR, "data_flow", 1, r("data_flow (Required, MinItems 1)")),
    minItems(DCR, "data_flow.streams", 1, r("data_flow.streams (MinItems 1)")),
    minItems(DCR, "data_flow.destinations", 1, r("data_flow.destinations (MinItems 1)")),
    matches(DCR, "data_flow.streams", "not empty", notEmpty, r("data_flow.streams (validation.StringIsNotEmpty)")),
    maxItems(DCR, "data_sources", 1, r("data_sources (MaxItems 1)")),
    matches(DCR, "data_sources.extension.name", "1 to 32 characters", (v) => v.length >= 1 && v.length <= 32, r("data_sources.extension.name (StringLenBetween(1, 32))")),
    matches(DCR, "data_sources.extension.extension_name", "not empty", notEmpty, r("data_sources.extension.extension_name")),
    matches(DCR, "data_sources.extension.extension_json", "JSON", isJson, r("data_sources.extension.extension_json (validation.StringIsJSON)")),
    minItems(DCR, "data_sources.extension.streams", 1, r("data_sources.extension.streams (MinItems 1)")),
    matches(DCR, "data_sources.prometheus_forwarder.name", "1 to 32 characters", (v) => v.length >= 1 && v.length <= 32, r("data_sources.prometheus_forwarder.name (StringLenBetween(1, 32))")),
    oneOf(DCR, "data_sources.prometheus_forwarder.streams", ["Microsoft-PrometheusMetrics"], r("data_sources.prometheus_forwarder.streams (PossibleValuesForKnownPrometheusForwarderDataSourceStreams)")),
    rule(DCR, "arm", "every data_flow destination names a destination block of the rule", arm("Microsoft.Insights/dataCollectionRules: dataFlows[].destinations refer to destinations by name"), "apply", (body) => {
      const declared = DESTINATIONS.flatMap((d) => blocksAt(body, `destinations.${d}`).map((b) => b.name));
      return blocksAt(body, "data_flow")
        .flatMap((f) => (f.destinations ?? []) as string[])
        .filter((d) => !isUnknown(d) && !declared.includes(d))
        .map((d) => `data_flow destination ${JSON.stringify(d)} names no destination`);
    }),
    rule(DCR, "arm", "a Prometheus forwarder's streams flow to an Azure Monitor workspace (monitor_account)",
      doc("Azure/prometheus-collector: AddonTerraformTemplate/main.tf", "the DCR for managed Prometheus (monitor_account destination, Microsoft-PrometheusMetrics data flow)"), "apply", (body) =>
        blocksAt(body, "data_sources.prometheus_forwarder").length > 0 && blocksAt(body, "destinations.monitor_account").length === 0
          ? ["prometheus_forwarder without a monitor_account destination"]
          : [],
    ),
  ];
}

function otherRules() {
  return [
    ...common(AMW, FILES.monitorWorkspace),
    ...common(DCE, FILES.dce),
    oneOf(DCE, "kind", ["Linux", "Windows"], azurerm(FILES.dce, 'schema "kind" (PossibleValuesForKnownDataCollectionEndpointResourceKind)')),
    matches(DCE, "name", "at most 44 characters", (v) => v.length <= 44,
      doc("microsoft/Docker-Provider: scripts/onboarding/aks/onboarding-msi-terraform/main.tf", "trims DCE names to 43 characters (inference: Azure's limit is 44)"), "apply"),
    matches(DCRA, "name", "not empty", notEmpty, azurerm(FILES.dcra, 'schema "name" (validation.StringIsNotEmpty)')),
    matches(DCRA, "target_resource_id", "an Azure resource ID", isAzureResourceId, azurerm(FILES.dcra, 'schema "target_resource_id" (azure.ValidateResourceID)')),
    exactlyOneOf(DCRA, "", ["data_collection_endpoint_id", "data_collection_rule_id"], azurerm(FILES.dcra, 'schema "data_collection_rule_id" ExactlyOneOf')),
    armId(DCRA, "data_collection_rule_id", IDS.dataCollectionRule, azurerm(FILES.dcra, 'schema "data_collection_rule_id" (datacollectionrules.ValidateDataCollectionRuleID)')),
    rule(DCRA, "relation", "data_collection_rule_id requires name (RequiredWith)", azurerm(FILES.dcra, 'schema "data_collection_rule_id" RequiredWith name'), "validate", (body) =>
      isSet(body.data_collection_rule_id) && !isSet(body.name) ? ["data_collection_rule_id without name"] : [],
    ),
  ];
}

/** The Azure Monitor workspace, data collection endpoint, rules and associations of the cluster's monitoring. */
export const MONITORING_CATALOGUE: readonly ResourceCatalogue[] = [
  {
    resource: AMW,
    source: `${azurerm(FILES.monitorWorkspace, "schema")}; read at commit 1b21c358 (insights 2023-04-03); its arguments match the 4.55.0 binding`,
    reviewed: ["name", "resource_group_name", "location"],
    constraints: otherRules().filter((c) => c.resource === AMW),
  },
  {
    resource: DCE,
    source: `${azurerm(FILES.dce, "schema and CustomizeDiff")}; read at commit 13d280f6 (insights 2023-03-11); its arguments match the 4.55.0 binding`,
    reviewed: ["name", "resource_group_name", "location", "kind"],
    constraints: otherRules().filter((c) => c.resource === DCE),
  },
  {
    resource: DCR,
    source: `${azurerm(FILES.dcr, "schema and CustomizeDiff (ForceNew on kind)")}; read at commit 047f13bd (insights 2023-03-11); its arguments match the 4.55.0 binding`,
    reviewed: [
      "name", "resource_group_name", "location", "kind", "description", "data_collection_endpoint_id",
      "destinations.log_analytics.name", "destinations.log_analytics.workspace_resource_id",
      "destinations.monitor_account.name", "destinations.monitor_account.monitor_account_id",
      "data_flow.streams", "data_flow.destinations",
      "data_sources.extension.name", "data_sources.extension.extension_name", "data_sources.extension.streams",
      "data_sources.extension.extension_json",
      "data_sources.prometheus_forwarder.name", "data_sources.prometheus_forwarder.streams",
    ],
    constraints: dataCollectionRuleRules(),
  },
  {
    resource: DCRA,
    source: `${azurerm(FILES.dcra, "schema and Create")}; read at commit 0717a4ec (insights 2023-03-11); its arguments match the 4.55.0 binding`,
    reviewed: ["name", "target_resource_id", "data_collection_rule_id", "description"],
    constraints: otherRules().filter((c) => c.resource === DCRA),
  },
];
