// azurerm_kubernetes_cluster, its node pool, and the identity and role resources around it.
import { ResourceCatalogue, blocksAt, isNonEmpty, isSet, isUnknown, referencedAddress, resolve } from "../model";
import {
  armId,
  atLeastOneOf,
  exactlyOneOf,
  idRegex,
  intBetween,
  matches,
  maxItems,
  oneOf,
  rule,
} from "../rules";
import {
  cidrContains,
  isAgentPoolName,
  isCidr,
  isClusterName,
  isHourMinute,
  isIpv4,
  isKubernetesDnsPrefix,
  isResourceGroupName,
  isUtcOffset,
  isUuid,
  notEmpty,
} from "../validators";
import { FILES, IDS, arm, azurerm, binding, doc, helpers } from "./sources";
import { ephemeralCapacityGiB } from "../../../lib/cluster/private/vm-local-storage";
import { SECRETS_PROVIDER_REVIEWED, secretsProviderRules } from "./tls-dns";

const AKS = "azurerm_kubernetes_cluster";
const POOL = "azurerm_kubernetes_cluster_node_pool";
const k = (key: string) => azurerm(FILES.aks, key);
const np = (key: string) => azurerm(FILES.nodepool, key);
const pool = (key: string) => azurerm(FILES.nodePoolResource, key);

/** 4.48.0 added AzureLinux3 and Ubuntu2204 (CHANGELOG-v4.md, #30719); Ubuntu2404 arrived after 4.55.0. */
const OS_SKUS = ["AzureLinux", "AzureLinux3", "Ubuntu", "Ubuntu2204", "Windows2019", "Windows2022"];
const WEEK_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const WINDOWS = ["maintenance_window_auto_upgrade", "maintenance_window_node_os"] as const;

/** Default node pool and user pool: autoscaler bounds are both set, ordered, and absent without autoscaling. */
function autoscalerBounds(block: any, where: string): string[] {
  const { auto_scaling_enabled: on, min_count: min, max_count: max } = block ?? {};
  if (isUnknown(on) || isUnknown(min) || isUnknown(max)) return [];
  if (on !== true) {
    return isSet(min) || isSet(max) ? [`${where}min_count/max_count must be null when auto_scaling_enabled is false`] : [];
  }
  if (!isSet(min) || !isSet(max)) return [`${where}min_count and max_count must be set when auto_scaling_enabled is true`];
  return min > max ? [`${where}max_count (${max}) must be >= min_count (${min})`] : [];
}

/** The temporary pool name lets azurerm rotate a pool whose vm_size, zones or os_sku change, instead of failing. */
function rotationName(block: any, where: string): string[] {
  const { name, temporary_name_for_rotation: temp } = block ?? {};
  if (!isSet(temp)) return [`${where}temporary_name_for_rotation is not set, so changing vm_size, zones or os_sku fails at apply`];
  return temp === name ? [`${where}temporary_name_for_rotation equals name ${JSON.stringify(name)}`] : [];
}

function maintenanceRules(window: (typeof WINDOWS)[number], frequencies: string[]) {
  const key = `schema "${window}"`;
  return [
    maxItems(AKS, window, 1, k(key)),
    oneOf(AKS, `${window}.frequency`, frequencies, k(`${key}.frequency`)),
    intBetween(AKS, `${window}.duration`, 4, 24, k(`${key}.duration`)),
    oneOf(AKS, `${window}.day_of_week`, WEEK_DAYS, k(`${key}.day_of_week (maintenanceconfigurations.PossibleValuesForWeekDay)`)),
    matches(AKS, `${window}.start_time`, "HH:mm", isHourMinute, arm("maintenanceConfigurations schedule startTime; azurerm has no ValidateFunc on start_time"), "apply"),
    matches(AKS, `${window}.utc_offset`, "+HH:mm or -HH:mm", isUtcOffset, arm("maintenanceConfigurations schedule utcOffset; azurerm has no ValidateFunc on utc_offset"), "apply"),
    rule(AKS, "arm", `${window}: a Weekly schedule names day_of_week and an interval of 1 to 4 weeks`, arm("maintenanceConfigurations schedule.weekly {dayOfWeek, intervalWeeks 1-4}"), "apply", (body) =>
      blocksAt(body, window)
        .filter((w) => w.frequency === "Weekly")
        .flatMap((w) => [
          ...(isSet(w.day_of_week) ? [] : [`${window}: Weekly without day_of_week`]),
          ...(isUnknown(w.interval) || (Number.isInteger(w.interval) && w.interval >= 1 && w.interval <= 4) ? [] : [`${window}.interval = ${w.interval} is outside 1..4 weeks`]),
        ]),
    ),
  ];
}

function networkProfileRules() {
  const np0 = `schema "network_profile"`;
  return [
    maxItems(AKS, "network_profile", 1, k(np0)),
    oneOf(AKS, "network_profile.network_plugin", ["azure", "kubenet", "none"], k(`${np0}.network_plugin`)),
    oneOf(AKS, "network_profile.network_plugin_mode", ["overlay"], k(`${np0}.network_plugin_mode`)),
    oneOf(AKS, "network_profile.network_policy", ["calico", "azure", "cilium"], k(`${np0}.network_policy`)),
    oneOf(AKS, "network_profile.network_data_plane", ["azure", "cilium"], k(`${np0}.network_data_plane (PossibleValuesForNetworkDataplane)`)),
    oneOf(AKS, "network_profile.load_balancer_sku", ["basic", "standard"], k(`${np0}.load_balancer_sku`)),
    matches(AKS, "network_profile.dns_service_ip", "an IPv4 address", isIpv4, k(`${np0}.dns_service_ip (validate.IPv4Address)`)),
    matches(AKS, "network_profile.service_cidr", "a CIDR", isCidr, k(`${np0}.service_cidr (validate.CIDR)`)),
    matches(AKS, "network_profile.pod_cidr", "a CIDR", isCidr, k(`${np0}.pod_cidr (validate.CIDR)`)),
    rule(AKS, "provider-apply", "network_profile: dns_service_ip and service_cidr are both set or both empty", azurerm(FILES.aksValidate, "validateKubernetesCluster"), "apply", (body) =>
      blocksAt(body, "network_profile")
        .filter((p) => isNonEmpty(p.dns_service_ip) !== (isNonEmpty(p.service_cidr) || isNonEmpty(p.service_cidrs)))
        .map(() => "dns_service_ip and service_cidr must be set together"),
    ),
    rule(AKS, "provider-apply", "network_profile: pod_cidr with network_plugin azure needs network_plugin_mode overlay", azurerm(FILES.aksValidate, "validateKubernetesCluster"), "apply", (body) =>
      blocksAt(body, "network_profile")
        .filter((p) => isNonEmpty(p.pod_cidr) && p.network_plugin === "azure" && p.network_plugin_mode !== "overlay")
        .map(() => "pod_cidr is set with network_plugin azure but without network_plugin_mode overlay"),
    ),
    rule(AKS, "arm", "network_profile.dns_service_ip lies inside service_cidr", arm("ManagedClusterNetworkProfile.dnsServiceIP must be within serviceCidr"), "apply", (body) =>
      blocksAt(body, "network_profile")
        .filter((p) => isIpv4(`${p.dns_service_ip}`) && isCidr(`${p.service_cidr}`) && isIpv4(`${p.service_cidr}`.split("/")[0]) && !cidrContains(p.service_cidr, p.dns_service_ip))
        .map((p) => `dns_service_ip ${p.dns_service_ip} is outside service_cidr ${p.service_cidr}`),
    ),
    rule(AKS, "arm", "network_profile: network_policy cilium runs only on network_data_plane cilium", arm("AKS: Azure CNI powered by Cilium, networkPolicy cilium requires networkDataplane cilium"), "apply", (body) =>
      blocksAt(body, "network_profile")
        .filter((p) => p.network_policy === "cilium" && (p.network_data_plane ?? "azure") !== "cilium")
        .map(() => "network_policy cilium without network_data_plane cilium"),
    ),
  ];
}

function defaultPoolRules() {
  const p = `SchemaDefaultNodePool`;
  return [
    maxItems(AKS, "default_node_pool", 1, np(p)),
    matches(AKS, "default_node_pool.name", "an agent pool name (^[a-z][a-z0-9]{0,11}$)", isAgentPoolName, np(`${p} "name" (validate.KubernetesAgentPoolName)`)),
    matches(AKS, "default_node_pool.temporary_name_for_rotation", "an agent pool name", isAgentPoolName, np(`${p} "temporary_name_for_rotation"`)),
    matches(AKS, "default_node_pool.vm_size", "not empty", notEmpty, np(`${p} "vm_size"`)),
    intBetween(AKS, "default_node_pool.min_count", 1, 1000, np(`${p} "min_count"`)),
    intBetween(AKS, "default_node_pool.max_count", 1, 1000, np(`${p} "max_count"`)),
    oneOf(AKS, "default_node_pool.os_sku", OS_SKUS, np(`${p} "os_sku" (4.48.0 added AzureLinux3, Ubuntu2204)`)),
    armId(AKS, "default_node_pool.vnet_subnet_id", IDS.subnet, np(`${p} "vnet_subnet_id" (commonids.ValidateSubnetID)`)),
    matches(AKS, "default_node_pool.zones", "not empty", notEmpty, helpers("commonschema/zones.go", "ZonesMultipleOptional")),
    maxItems(AKS, "default_node_pool.upgrade_settings", 1, np(`upgradeSettingsSchema`)),
    rule(AKS, "provider-apply", "default_node_pool: min_count/max_count follow auto_scaling_enabled", np("ExpandDefaultNodePool"), "apply", (body) =>
      blocksAt(body, "default_node_pool").flatMap((b) => autoscalerBounds(b, "default_node_pool.")),
    ),
    rule(AKS, "provider-apply", "default_node_pool.temporary_name_for_rotation is set and differs from name, so pool changes rotate instead of failing", k('CustomizeDiff ForceNewIf("default_node_pool.0.name") and the rotation in resourceKubernetesClusterUpdate'), "apply", (body) =>
      blocksAt(body, "default_node_pool").flatMap((b) => rotationName(b, "default_node_pool.")),
    ),
  ];
}

/** AKS docs: api-server-authorized-ip-ranges.md, "Limitations" (at most 200 ranges; not with private clusters). */
const AUTHORIZED_RANGES_DOC = doc("MicrosoftDocs/azure-aks-docs: articles/aks/api-server-authorized-ip-ranges.md", "Limitations");

function apiServerRules() {
  const block = "api_server_access_profile";
  const ranges = `${block}.authorized_ip_ranges`;
  const zones = (v: string) => v === "System" || v === "None" || idRegex(IDS.privateDnsZone).test(v);
  return [
    maxItems(AKS, block, 1, k(`schema "${block}" (MaxItems 1)`)),
    matches(AKS, ranges, "a CIDR", isCidr, k(`schema "${ranges}" (validate.CIDR)`)),
    maxItems(AKS, ranges, 200, AUTHORIZED_RANGES_DOC, "apply"),
    rule(AKS, "arm", "authorized_ip_ranges are not used with a private cluster", AUTHORIZED_RANGES_DOC, "apply", (body) =>
      body.private_cluster_enabled === true && blocksAt(body, block).some((b) => isNonEmpty(b.authorized_ip_ranges))
        ? ["authorized_ip_ranges set on a private cluster"]
        : [],
    ),
    matches(AKS, "private_dns_zone_id", "a private DNS zone ID, System or None", zones, k('schema "private_dns_zone_id" (privatezones.ValidatePrivateDnsZoneID or System/None)')),
    rule(AKS, "provider-apply", "a custom private_dns_zone_id needs a user-assigned identity (or a service principal)", k("resourceKubernetesClusterCreate"), "apply", (body) => {
      const zone = body.private_dns_zone_id;
      if (!isSet(zone) || isUnknown(zone) || zone === "System" || zone === "None") return [];
      const userAssigned = blocksAt(body, "identity").some((i) => i.type === "UserAssigned");
      return userAssigned || isSet(body.service_principal) ? [] : ["custom private_dns_zone_id without a user-assigned identity"];
    }),
    rule(AKS, "arm", "private_cluster_public_fqdn_enabled and private_dns_zone_id go with private_cluster_enabled", doc("MicrosoftDocs/azure-aks-docs: articles/aks/private-clusters.md", "public FQDN and private DNS zone options of private clusters"), "apply", (body) =>
      body.private_cluster_enabled !== true && (body.private_cluster_public_fqdn_enabled === true || isSet(body.private_dns_zone_id))
        ? ["private_cluster_public_fqdn_enabled or private_dns_zone_id on a cluster that is not private"]
        : [],
    ),
  ];
}

function guardrailRules() {
  const addons = (key: string) => azurerm(FILES.aksAddons, `schema "${key}"`);
  return [
    maxItems(AKS, "microsoft_defender", 1, k('schema "microsoft_defender" (MaxItems 1)')),
    armId(AKS, "microsoft_defender.log_analytics_workspace_id", IDS.workspace, k('schema "microsoft_defender.log_analytics_workspace_id" (workspaces.ValidateWorkspaceID)')),
    maxItems(AKS, "oms_agent", 1, addons("oms_agent (MaxItems 1)")),
    armId(AKS, "oms_agent.log_analytics_workspace_id", IDS.workspace, addons("oms_agent.log_analytics_workspace_id (workspaces.ValidateWorkspaceID)")),
    maxItems(AKS, "monitor_metrics", 1, k('schema "monitor_metrics" (MaxItems 1)')),
    matches(AKS, "monitor_metrics.annotations_allowed", "not empty", notEmpty, k('schema "monitor_metrics.annotations_allowed" (validation.StringIsNotEmpty)')),
    matches(AKS, "monitor_metrics.labels_allowed", "not empty", notEmpty, k('schema "monitor_metrics.labels_allowed" (validation.StringIsNotEmpty)')),
    rule(AKS, "arm", "Container Insights with managed-identity auth has a ContainerInsights data collection rule associated with the cluster",
      doc("microsoft/Docker-Provider: scripts/onboarding/aks/onboarding-msi-terraform/main.tf", "msi_auth_for_monitoring_enabled = true with a DCR (extension ContainerInsights) and DCRA"), "apply", (body, ctx) => {
        if (blocksAt(body, "oms_agent").every((a) => a.msi_auth_for_monitoring_enabled !== true)) return [];
        const associations = Object.values<any>(ctx.stack.json.resource?.azurerm_monitor_data_collection_rule_association ?? {});
        const name = Object.entries<any>(ctx.stack.json.resource?.[AKS] ?? {}).find(([, b]) => b === body)?.[0];
        const collectsInsights = (a: any) => {
          const address = referencedAddress(a.data_collection_rule_id);
          const dcr = address === undefined ? undefined : resolve(ctx, address);
          // A rule given as a literal ID cannot be read here; count it.
          return dcr === undefined || blocksAt(dcr, "data_sources.extension").some((e) => e.extension_name === "ContainerInsights");
        };
        return associations.some((a) => referencedAddress(a.target_resource_id) === `${AKS}.${name}` && collectsInsights(a))
          ? []
          : ["oms_agent with managed identity but no ContainerInsights DCR association targets the cluster"];
      }),
  ];
}

/** Node pool OS and disk rules, for the default pool (prefix `default_node_pool.`) and the pool resource (prefix ``). */
function poolOsRules(resource: string, prefix: string, source: (key: string) => string) {
  const at = (attr: string) => `${prefix}${attr}`;
  const pools = (body: any) => (prefix === "" ? [body] : blocksAt(body, prefix.slice(0, -1)));
  const overlay = (body: any) => resource !== AKS || blocksAt(body, "network_profile").some((n) => n.network_plugin_mode === "overlay");
  return [
    oneOf(resource, at("os_disk_type"), ["Ephemeral", "Managed"], source('"os_disk_type"')),
    rule(resource, "range", `${at("os_disk_size_gb")} is an integer of at least 1`, source('"os_disk_size_gb" (validation.IntAtLeast(1))'), "validate", (body) =>
      pools(body).filter((p) => isSet(p.os_disk_size_gb) && !isUnknown(p.os_disk_size_gb) && !(Number.isInteger(p.os_disk_size_gb) && p.os_disk_size_gb >= 1)).map((p) => `${at("os_disk_size_gb")} = ${p.os_disk_size_gb}`),
    ),
    intBetween(resource, at("os_disk_size_gb"), 30, 4095, doc("MicrosoftDocs/azure-aks-docs: articles/aks/cluster-configuration.md", "Ephemeral OS: the minimum size for AKS images is 30 GiB"), "apply"),
    rule(resource, "arm", `${at("os_disk_type")} Ephemeral fits the VM size's cache or temporary disk (known sizes)`,
      doc("MicrosoftDocs/azure-docs: articles/virtual-machines/ephemeral-os-disks.md", "Size requirements; sizes from dv3-dsv3-series.md, ddv5-ddsv5-series.md, dv5-dsv5-series.md"), "apply", (body) =>
        pools(body).flatMap((p) => {
          if (p.os_disk_type !== "Ephemeral" || isUnknown(p.vm_size)) return [];
          const capacity = ephemeralCapacityGiB(String(p.vm_size));
          const size = p.os_disk_size_gb ?? 128;
          return capacity !== undefined && capacity < size ? [`Ephemeral ${size} GiB OS disk on ${p.vm_size}, which offers ${capacity} GiB`] : [];
        }),
    ),
    rule(resource, "arm", `${at("max_pods")} is 10 to 250 with Azure CNI overlay`, doc("MicrosoftDocs/azure-aks-docs: articles/aks/azure-cni-overlay.md", "Maximum pods per node"), "apply", (body) =>
      overlay(body) ? pools(body).filter((p) => isSet(p.max_pods) && !isUnknown(p.max_pods) && (p.max_pods < 10 || p.max_pods > 250)).map((p) => `max_pods = ${p.max_pods}`) : [],
    ),
    rule(resource, "arm", `${at("node_labels")} are Kubernetes labels`, doc("kubernetes/kubernetes: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go", "IsQualifiedName / IsValidLabelValue"), "apply", (body) =>
      pools(body).flatMap((p) => Object.entries<any>(p.node_labels ?? {}).filter(([key, value]) => !isLabelKey(key) || !isLabelValue(String(value))).map(([key]) => `node label ${JSON.stringify(key)}`)),
    ),
  ];
}

/** Kubernetes label key: optional DNS subdomain prefix and `/`, then a 1–63 character name. */
const isLabelKey = (key: string): boolean => {
  const slash = key.lastIndexOf("/");
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = key.slice(slash + 1);
  return (prefix === undefined || (prefix.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) && isLabelValue(name) && name.length > 0;
};

/** Kubernetes label value: empty, or 1–63 alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
const isLabelValue = (value: string): boolean => value === "" || (value.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value));

/** `key[=value]:Effect`, the taint form AKS takes; keys in the kubernetes.azure.com domain are AKS's own. */
function taintRules() {
  const effect = /^(.+?)(?:=(.*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
  return [
    rule(POOL, "arm", "node_taints are key[=value]:Effect with a Kubernetes key and value and a Kubernetes effect",
      doc("MicrosoftDocs/azure-aks-docs: articles/aks/use-node-taints.md", "taint format key=value:effect"), "apply", (body) =>
        ((body.node_taints ?? []) as string[]).filter((t) => !isUnknown(t)).flatMap((t) => {
          const m = effect.exec(t);
          return m && isLabelKey(m[1]) && isLabelValue(m[2] ?? "") ? [] : [`node taint ${JSON.stringify(t)}`];
        }),
    ),
    rule(POOL, "arm", "node_taints keep out of the kubernetes.azure.com domain AKS reserves",
      doc("Azure/karpenter-provider-azure: hack/validation/taint.sh", "mirrors the AKS resource provider's node taints validator"), "apply", (body) =>
        ((body.node_taints ?? []) as string[]).filter((t) => /^[^/:=]*kubernetes\.azure\.com\//.test(t)).map((t) => `node taint ${JSON.stringify(t)}`),
    ),
  ];
}

function aadRules() {
  const block = "azure_active_directory_role_based_access_control";
  const key = `schema "${block}"`;
  return [
    maxItems(AKS, block, 1, k(key)),
    atLeastOneOf(AKS, block, ["tenant_id", "admin_group_object_ids"], k(`${key}.tenant_id/admin_group_object_ids AtLeastOneOf (FACTS §15)`),
      "emit tenant_id (data.azurerm_client_config.tenant_id) in the block"),
    matches(AKS, `${block}.admin_group_object_ids`, "a UUID", isUuid, k(`${key}.admin_group_object_ids (validation.IsUUID)`)),
    matches(AKS, `${block}.tenant_id`, "a UUID or empty", (v) => v === "" || isUuid(v), k(`${key}.tenant_id (validation.Any(IsUUID, StringIsEmpty))`)),
  ];
}

function clusterRules() {
  return [
    matches(AKS, "name", "not empty", notEmpty, k('schema "name"')),
    matches(AKS, "name", "an AKS cluster name (1-63, alphanumerics, - and _)", isClusterName, arm(`managedClusters name rule, as ${FILES.containersValidate} KubernetesClusterName encodes it`), "apply"),
    matches(AKS, "resource_group_name", "a resource group name", isResourceGroupName, helpers("resourcegroups/validate.go", "ValidateName")),
    matches(AKS, "location", "not empty", notEmpty, helpers("commonschema/location.go", "Location")),
    matches(AKS, "dns_prefix", "a DNS prefix (1-54, alphanumerics and hyphens)", isKubernetesDnsPrefix, k('schema "dns_prefix" (containerValidate.KubernetesDNSPrefix)')),
    exactlyOneOf(AKS, "", ["dns_prefix", "dns_prefix_private_cluster"], k('schema "dns_prefix" ExactlyOneOf')),
    matches(AKS, "kubernetes_version", "not empty", notEmpty, k('schema "kubernetes_version"')),
    oneOf(AKS, "automatic_upgrade_channel", ["patch", "rapid", "stable", "node-image"], k('schema "automatic_upgrade_channel" (omit it for no upgrades; "none" is not accepted)')),
    oneOf(AKS, "node_os_upgrade_channel", ["NodeImage", "None", "SecurityPatch", "Unmanaged"], k('schema "node_os_upgrade_channel"')),
    oneOf(AKS, "sku_tier", ["Free", "Standard", "Premium"], k('schema "sku_tier"')),
    intBetween(AKS, "image_cleaner_interval_hours", 24, 2160, k('schema "image_cleaner_interval_hours"')),
    maxItems(AKS, "identity", 1, helpers("commonschema/identity_system_or_user.go", "SystemOrUserAssignedIdentityOptional")),
    oneOf(AKS, "identity.type", ["UserAssigned", "SystemAssigned"], helpers("commonschema/identity_system_or_user.go", "SystemOrUserAssignedIdentityOptional type")),
    armId(AKS, "identity.identity_ids", IDS.userAssignedIdentity, helpers("commonids/user_assigned_identity.go", "ValidateUserAssignedIdentityID")),
    exactlyOneOf(AKS, "", ["identity", "service_principal"], k('schema "service_principal" ExactlyOneOf')),
    rule(AKS, "provider-apply", "identity.type UserAssigned lists identity_ids", helpers("identity/", "ExpandSystemOrUserAssignedMap"), "apply", (body) =>
      blocksAt(body, "identity").filter((i) => i.type === "UserAssigned" && !isNonEmpty(i.identity_ids)).map(() => "identity.type UserAssigned without identity_ids"),
    ),
    rule(AKS, "provider-apply", "workload_identity_enabled needs oidc_issuer_enabled", k("resourceKubernetesClusterCreate"), "apply", (body) =>
      body.workload_identity_enabled === true && body.oidc_issuer_enabled !== true ? ["workload_identity_enabled without oidc_issuer_enabled = true"] : [],
    ),
    rule(AKS, "provider-apply", "automatic_upgrade_channel node-image needs node_os_upgrade_channel NodeImage", k("resourceKubernetesClusterCreate"), "apply", (body) =>
      body.automatic_upgrade_channel === "node-image" && isSet(body.node_os_upgrade_channel) && body.node_os_upgrade_channel !== "NodeImage"
        ? [`node_os_upgrade_channel ${JSON.stringify(body.node_os_upgrade_channel)} with automatic_upgrade_channel node-image`]
        : [],
    ),
    rule(AKS, "arm", "local_account_disabled needs Entra ID integration (the AAD RBAC block)", arm("AKS: local accounts can only be disabled on clusters with AKS-managed Entra ID"), "apply", (body) =>
      body.local_account_disabled === true && !isSet(body.azure_active_directory_role_based_access_control) ? ["local_account_disabled without azure_active_directory_role_based_access_control"] : [],
    ),
    maxItems(AKS, "web_app_routing", 1, k('schema "web_app_routing"')),
    oneOf(AKS, "web_app_routing.default_nginx_controller", ["AnnotationControlled", "Internal", "External", "None"], k('schema "web_app_routing.default_nginx_controller"')),
    matches(AKS, "web_app_routing.dns_zone_ids", "a DNS zone ID, a private DNS zone ID or empty",
      (v) => v === "" || idRegex(IDS.dnsZone).test(v) || idRegex(IDS.privateDnsZone).test(v), k('schema "web_app_routing.dns_zone_ids"')),
  ];
}

function poolRules() {
  return [
    matches(POOL, "name", "an agent pool name (^[a-z][a-z0-9]{0,11}$)", isAgentPoolName, pool('schema "name"')),
    matches(POOL, "temporary_name_for_rotation", "an agent pool name", isAgentPoolName, pool('schema "temporary_name_for_rotation"')),
    armId(POOL, "kubernetes_cluster_id", IDS.kubernetesCluster, pool('schema "kubernetes_cluster_id" (containerValidate.ClusterID)')),
    oneOf(POOL, "mode", ["System", "User"], pool('schema "mode"')),
    matches(POOL, "vm_size", "not empty", notEmpty, pool('schema "vm_size"')),
    intBetween(POOL, "min_count", 0, 1000, pool('schema "min_count"')),
    intBetween(POOL, "max_count", 0, 1000, pool('schema "max_count"')),
    oneOf(POOL, "os_sku", OS_SKUS, pool('schema "os_sku"')),
    armId(POOL, "vnet_subnet_id", IDS.subnet, pool('schema "vnet_subnet_id" (commonids.ValidateSubnetID)')),
    matches(POOL, "zones", "not empty", notEmpty, helpers("commonschema/zones.go", "ZonesMultipleOptional")),
    maxItems(POOL, "upgrade_settings", 1, pool("upgradeSettingsSchemaNodePoolResource")),
    rule(POOL, "provider-apply", "upgrade_settings names max_surge or max_unavailable (non-Spot pools)", pool("CustomizeDiff (max_unavailable added in 4.53.0)"), "plan", (body) =>
      blocksAt(body, "upgrade_settings")
        .filter((u) => body.priority !== "Spot" && !isNonEmpty(u.max_surge) && !isNonEmpty(u.max_unavailable))
        .map(() => "upgrade_settings without max_surge or max_unavailable"),
    ),
    rule(POOL, "provider-apply", "min_count/max_count follow auto_scaling_enabled", pool("resourceKubernetesClusterNodePoolCreate"), "apply", (body) => autoscalerBounds(body, "")),
    rule(POOL, "provider-apply", "temporary_name_for_rotation is set and differs from name, so pool changes rotate instead of failing", pool('schema "temporary_name_for_rotation"'), "apply", (body) =>
      rotationName(body, ""),
    ),
  ];
}

function identityAndRoleRules() {
  const uai = "azurerm_user_assigned_identity";
  const ra = "azurerm_role_assignment";
  const r = (key: string) => azurerm(FILES.roleAssignment, key);
  return [
    matches(uai, "name", "a user-assigned identity name (3-128, alphanumerics, - and _)", (v) => /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/.test(v), arm("Microsoft.ManagedIdentity/userAssignedIdentities name rule"), "apply"),
    matches(uai, "resource_group_name", "a resource group name", isResourceGroupName, helpers("resourcegroups/validate.go", "ValidateName")),
    matches(ra, "principal_id", "a UUID", isUuid, r('schema "principal_id" (validation.IsUUID)')),
    oneOf(ra, "principal_type", ["User", "Group", "ServicePrincipal"], r('schema "principal_type"')),
    exactlyOneOf(ra, "", ["role_definition_id", "role_definition_name"], r('schema "role_definition_name" ExactlyOneOf')),
    matches(ra, "role_definition_name", "not empty", notEmpty, r('schema "role_definition_name"')),
    matches(ra, "role_definition_name", "a built-in role name, spelled as Azure lists it",
      (v) => BUILT_IN_ROLES.includes(v), r("resourceArmRoleAssignmentCreate (lists roles with a roleName filter; none found fails)"), "apply"),
    matches(ra, "scope", "not the root scope", (v) => v !== "/", r('schema "scope"')),
  ];
}

/** Built-in role names the library assigns, as Azure spells them (the Create looks them up by name). */
export const BUILT_IN_ROLES: readonly string[] = [
  "Network Contributor",
  "Azure Kubernetes Service RBAC Cluster Admin",
  "Key Vault Secrets User",
];

/** azurerm_kubernetes_cluster, azurerm_kubernetes_cluster_node_pool, identity, role assignment and AKS data sources. */
export const AKS_CATALOGUE: readonly ResourceCatalogue[] = [
  {
    resource: AKS,
    source: `${azurerm(FILES.aks, "schema")}; read at commit 00378cfc (containerservice 2025-05-01, between 4.46 and 4.48); the CHANGELOG of 4.48-4.55 changes no rule encoded here except default_node_pool.os_sku values (4.48.0)`,
    reviewed: [
      "name", "location", "resource_group_name", "dns_prefix", "kubernetes_version", "sku_tier",
      "automatic_upgrade_channel", "node_os_upgrade_channel", "local_account_disabled", "oidc_issuer_enabled",
      "workload_identity_enabled", "image_cleaner_enabled", "image_cleaner_interval_hours", "depends_on",
      "identity.type", "identity.identity_ids",
      "azure_active_directory_role_based_access_control.azure_rbac_enabled",
      "azure_active_directory_role_based_access_control.admin_group_object_ids",
      "azure_active_directory_role_based_access_control.tenant_id",
      "default_node_pool.name", "default_node_pool.vm_size", "default_node_pool.auto_scaling_enabled",
      "default_node_pool.min_count", "default_node_pool.max_count", "default_node_pool.zones",
      "default_node_pool.vnet_subnet_id", "default_node_pool.only_critical_addons_enabled", "default_node_pool.os_sku",
      "default_node_pool.temporary_name_for_rotation", "default_node_pool.upgrade_settings.max_surge",
      "network_profile.network_plugin", "network_profile.network_plugin_mode", "network_profile.network_data_plane",
      "network_profile.network_policy", "network_profile.load_balancer_sku", "network_profile.service_cidr",
      "network_profile.dns_service_ip", "network_profile.pod_cidr",
      ...WINDOWS.flatMap((w) => ["frequency", "interval", "day_of_week", "start_time", "duration", "utc_offset"].map((a) => `${w}.${a}`)),
      "web_app_routing.dns_zone_ids", "web_app_routing.default_nginx_controller",
      // kubernetes_addons.go, read at commit 0102f942 (same block in the 4.55.0 binding)
      ...SECRETS_PROVIDER_REVIEWED,
      // Issue 16: API server access, guardrails, monitoring (kubernetes_cluster_resource.go at 00378cfc, kubernetes_addons.go
      // at 0102f942) and the default pool's OS and disk (kubernetes_nodepool.go, 2024-05-01 API version)
      "api_server_access_profile.authorized_ip_ranges", "private_cluster_enabled", "private_dns_zone_id",
      "private_cluster_public_fqdn_enabled", "azure_policy_enabled", "microsoft_defender.log_analytics_workspace_id",
      "oms_agent.log_analytics_workspace_id", "oms_agent.msi_auth_for_monitoring_enabled", "monitor_metrics",
      "default_node_pool.os_disk_type", "default_node_pool.os_disk_size_gb", "default_node_pool.max_pods", "default_node_pool.node_labels",
    ],
    constraints: [
      ...clusterRules(),
      ...aadRules(),
      ...defaultPoolRules(),
      ...networkProfileRules(),
      ...maintenanceRules("maintenance_window_auto_upgrade", ["Daily", "Weekly", "RelativeMonthly", "AbsoluteMonthly"]),
      ...maintenanceRules("maintenance_window_node_os", ["Weekly", "RelativeMonthly", "AbsoluteMonthly", "Daily"]),
      ...secretsProviderRules(),
      ...apiServerRules(),
      ...guardrailRules(),
      ...poolOsRules(AKS, "default_node_pool.", (key) => np(`SchemaDefaultNodePool ${key}`)),
    ],
  },
  {
    resource: POOL,
    source: `${azurerm(FILES.nodePoolResource, "resourceKubernetesClusterNodePoolSchema")}; read at commit 028a6fd9 (containerservice 2025-10-01, after 4.55.0); attributes checked against ${binding("kubernetes-cluster-node-pool")}`,
    reviewed: [
      "name", "kubernetes_cluster_id", "mode", "vm_size", "auto_scaling_enabled", "min_count", "max_count", "zones",
      "vnet_subnet_id", "os_sku", "temporary_name_for_rotation", "upgrade_settings.max_surge",
      "os_disk_type", "os_disk_size_gb", "max_pods", "node_labels", "node_taints",
    ],
    constraints: [...poolRules(), ...poolOsRules(POOL, "", (key) => pool(`schema ${key}`)), ...taintRules()],
  },
  {
    resource: "azurerm_user_assigned_identity",
    source: `${binding("user-assigned-identity")}; name rule from the Azure naming rules`,
    reviewed: ["name", "location", "resource_group_name"],
    constraints: identityAndRoleRules().filter((c) => c.resource === "azurerm_user_assigned_identity"),
  },
  {
    resource: "azurerm_role_assignment",
    source: `${azurerm(FILES.roleAssignment, "schema")}; read at commit 03ee9d8b (2025 copyright, same schema keys as the 4.55.0 binding)`,
    reviewed: ["scope", "role_definition_name", "principal_id", "principal_type", "skip_service_principal_aad_check"],
    constraints: identityAndRoleRules().filter((c) => c.resource === "azurerm_role_assignment"),
  },
  {
    resource: "data.azurerm_client_config",
    source: binding("data-azurerm-client-config"),
    reviewed: [],
    constraints: [],
  },
  {
    resource: "data.azurerm_kubernetes_cluster",
    source: `${binding("data-azurerm-kubernetes-cluster")}; resource_group_name per commonschema.ResourceGroupNameForDataSource`,
    reviewed: ["name", "resource_group_name"],
    constraints: [
      matches("data.azurerm_kubernetes_cluster", "name", "not empty", notEmpty, binding("data-azurerm-kubernetes-cluster")),
      matches("data.azurerm_kubernetes_cluster", "resource_group_name", "a resource group name", isResourceGroupName, helpers("commonschema/resource_group_name.go", "ResourceGroupNameForDataSource")),
    ],
  },
];
