// The resources of HTTPS end to end and tenant DNS (issue 9): the Key Vault secrets provider add-on (its rules join
// the cluster's entry in aks.ts), the Gateway's workload identity (federated credential), and alias A records for
// tenant hostnames.
import { ResourceCatalogue, isSet, isUnknown } from "../model";
import { atLeastOneOf, conflictsWith, intBetween, matches, maxItems, rule } from "../rules";
import { isResourceGroupName, notEmpty } from "../validators";
import { FILES, arm, azurerm, binding, helpers } from "./sources";

const AKS = "azurerm_kubernetes_cluster";
const FIC = "azurerm_federated_identity_credential";
const DNS = "azurerm_dns_a_record";
const KVSP = "key_vault_secrets_provider";

/** Go's time.ParseDuration for the units the add-on takes (containerValidate.Duration); negative durations fail. */
const isGoDuration = (v: string) => /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(v);

/** Rules of the Key Vault secrets provider block; aks.ts lists them with the cluster's own. */
export function secretsProviderRules() {
  const k = (key: string) => azurerm(FILES.aksAddons, `schema "${KVSP}"${key}`);
  return [
    maxItems(AKS, KVSP, 1, k("")),
    atLeastOneOf(AKS, KVSP, ["secret_rotation_enabled", "secret_rotation_interval"], k(".secret_rotation_enabled/secret_rotation_interval AtLeastOneOf")),
    matches(AKS, `${KVSP}.secret_rotation_interval`, "a Go duration such as 2m", isGoDuration, k(".secret_rotation_interval (containerValidate.Duration)")),
  ];
}

/** The add-on block's attributes, reviewed against kubernetes_addons.go at commit 0102f942. */
export const SECRETS_PROVIDER_REVIEWED = [`${KVSP}.secret_rotation_enabled`, `${KVSP}.secret_rotation_interval`];

function federatedCredentialRules() {
  const f = (key: string) => azurerm(FILES.federatedCredential, key);
  return [
    matches(FIC, "name", "a credential name (3-120 letters, digits, - and _, starting with a letter or digit)",
      (v) => /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/.test(v), arm("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials name rule"), "apply"),
    matches(FIC, "resource_group_name", "a resource group name", isResourceGroupName, helpers("commonschema/resource_group.go", "ResourceGroupName")),
    matches(FIC, "issuer", "not empty", notEmpty, f('schema "issuer" (Required)')),
    matches(FIC, "subject", "not empty", notEmpty, f('schema "subject" (Required)')),
    maxItems(FIC, "audience", 1, f('schema "audience" MaxItems 1')),
    matches(FIC, "audience", "api://AzureADTokenExchange, the audience AKS workload identity exchanges tokens for", (v) => v === "api://AzureADTokenExchange",
      arm("AKS workload identity: the federated credential's audience is api://AzureADTokenExchange"), "apply"),
    rule(FIC, "provider-apply", "parent_id is a user-assigned identity ID (commonids.ParseUserAssignedIdentityID in Create)", f("Create"), "apply", (body) => {
      const parent = body.parent_id;
      if (!isSet(parent) || isUnknown(parent)) return [];
      return /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/.test(parent)
        ? []
        : [`parent_id = ${JSON.stringify(parent)} is not a user-assigned identity ID`];
    }),
  ];
}

function dnsRecordRules() {
  const d = (key: string) => azurerm(FILES.dnsARecord, key);
  return [
    matches(DNS, "name", "not empty", notEmpty, d('schema "name" (Required)')),
    matches(DNS, "zone_name", "not empty", notEmpty, d('schema "zone_name" (Required)')),
    matches(DNS, "resource_group_name", "a resource group name", isResourceGroupName, helpers("commonschema/resource_group.go", "ResourceGroupName")),
    intBetween(DNS, "ttl", 1, 2147483647, arm("Azure DNS record set TTL 1-2147483647 s (Azure Proactive Resiliency Library: dnsZones); azurerm only requires ttl"), "apply"),
    conflictsWith(DNS, "", "records", "target_resource_id", d('schema "records" ConflictsWith target_resource_id')),
    rule(DNS, "provider-apply", "one of records or target_resource_id is set", d("resourceDnsARecordCreateUpdate"), "apply", (body) =>
      isSet(body.records) || isSet(body.target_resource_id) ? [] : ["neither records nor target_resource_id is set"],
    ),
  ];
}

/** Data sources read by literal name: a name and a resource group. */
function dataSource(resource: string, source: string): ResourceCatalogue {
  return {
    resource,
    source,
    reviewed: ["name", "resource_group_name"],
    constraints: [
      matches(resource, "name", "not empty", notEmpty, source),
      matches(resource, "resource_group_name", "a resource group name", isResourceGroupName, helpers("commonschema/resource_group_name.go", "ResourceGroupNameForDataSource")),
    ],
  };
}

export const TLS_DNS_CATALOGUE: readonly ResourceCatalogue[] = [
  {
    resource: FIC,
    source: `${azurerm(FILES.federatedCredential, "Arguments")}; read at commit 088d0158 (API 2022-01-31-preview; same arguments as the 4.55.0 binding ${binding("federated-identity-credential")})`,
    reviewed: ["name", "resource_group_name", "parent_id", "issuer", "subject", "audience"],
    constraints: federatedCredentialRules(),
  },
  {
    resource: DNS,
    source: `${azurerm(FILES.dnsARecord, "schema")}; read at commit 07080b78 (recordsets 2018-05-01; same arguments as the 4.55.0 binding ${binding("dns-a-record")})`,
    reviewed: ["name", "zone_name", "resource_group_name", "ttl", "target_resource_id"],
    constraints: dnsRecordRules(),
  },
  dataSource("data.azurerm_user_assigned_identity", binding("data-azurerm-user-assigned-identity")),
  dataSource("data.azurerm_public_ip", binding("data-azurerm-public-ip")),
];
