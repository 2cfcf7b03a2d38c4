/**
 * The azurerm configuration of the AKS cluster and its user pool, from resolved settings. Internal to the cluster
 * layer: AksCluster validates the settings first, then renders them here.
 */
import { Token } from "cdktf";
import { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePoolConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { GatewayMode } from "../../core/gateway-mode";
import { INetwork } from "../../network/network-ref";
import { parseCidr } from "../../private/cidr";
import type { AksClusterProps, MaintenanceWindowOptions, NodeOsUpgradeChannel } from "../aks-cluster";
import { ClusterTier, UpgradeChannel } from "../aks-cluster";
import type { ApiServerAccessConfig } from "../api-server-access";
import type { ClusterMonitoringSettings } from "../cluster-monitoring";
import { PoolSettings, taintText } from "./node-pool-settings";

/** AksClusterProps with defaults applied. */
export interface ClusterSettings {
  readonly prefix: string;
  readonly serviceCidr: string;
  readonly podCidr: string;
  readonly mode: GatewayMode;
  readonly upgradeChannel: UpgradeChannel;
  readonly nodeOsUpgradeChannel: NodeOsUpgradeChannel;
  readonly system: PoolSettings;
  readonly user: PoolSettings;
  readonly window: Required<MaintenanceWindowOptions>;
  /** Poll interval of the Key Vault secrets provider; `undefined` when the add-on is off. */
  readonly rotationPollMinutes?: number;
  /** How the API server is reached; `undefined`: open to the internet (AKS's default). */
  readonly access?: ApiServerAccessConfig;
  readonly azurePolicy: boolean;
  readonly defender: boolean;
  readonly monitoring: ClusterMonitoringSettings;
}

/** References the cluster needs from resources created before it. */
export interface ClusterReferences {
  readonly identityId: string;
  readonly tenantId: string;
}

/** The `azurerm_kubernetes_cluster` arguments (without `dependsOn`). */
export function clusterConfig(
  name: string,
  props: AksClusterProps,
  s: ClusterSettings,
  refs: ClusterReferences,
): KubernetesClusterConfig {
  return {
    name,
    dnsPrefix: name,
    resourceGroupName: props.resourceGroup.name,
    location: props.resourceGroup.location,
    kubernetesVersion: props.kubernetesVersion,
    skuTier: props.tier ?? ClusterTier.STANDARD,
    identity: { type: "UserAssigned", identityIds: [refs.identityId] },
    localAccountDisabled: true,
    // azurerm 4.x: tenant_id and admin_group_object_ids are AtLeastOneOf (the docs call both optional), so a
    // block with only azure_rbac_enabled fails `terraform validate`. The cluster trusts the deployer's tenant.
    azureActiveDirectoryRoleBasedAccessControl: {
      azureRbacEnabled: true,
      tenantId: refs.tenantId,
      adminGroupObjectIds: props.adminGroupObjectIds,
    },
    oidcIssuerEnabled: true,
    workloadIdentityEnabled: true,
    imageCleanerEnabled: true,
    imageCleanerIntervalHours: 48,
    networkProfile: {
      networkPlugin: "azure",
      networkPluginMode: "overlay",
      networkDataPlane: "cilium",
      networkPolicy: "cilium",
      loadBalancerSku: "standard",
      serviceCidr: s.serviceCidr,
      dnsServiceIp: Token.isUnresolved(s.serviceCidr) ? undefined : parseCidr(s.serviceCidr).nth(10),
      podCidr: s.podCidr,
    },
    defaultNodePool: {
      name: "system",
      ...poolSizing(s.system),
      vnetSubnetId: props.network.nodeSubnet.subnetId,
      onlyCriticalAddonsEnabled: true,
      temporaryNameForRotation: "systemtmp",
      upgradeSettings: { maxSurge: "10%" },
    },
    ...apiServerAttributes(s.access),
    ...guardrailAttributes(s),
    // azurerm v4.55.0 accepts only patch | rapid | stable | node-image here; leaving the attribute out is
    // how it asks AKS for no automatic upgrades ("none" fails validate).
    automaticUpgradeChannel: s.upgradeChannel === UpgradeChannel.NONE ? undefined : s.upgradeChannel,
    nodeOsUpgradeChannel: s.nodeOsUpgradeChannel,
    maintenanceWindowAutoUpgrade: weeklyWindow(s.window),
    maintenanceWindowNodeOs: weeklyWindow(s.window),
    // azurerm v4.55.0: secret_rotation_enabled and secret_rotation_interval are AtLeastOneOf; both are set.
    keyVaultSecretsProvider:
      s.rotationPollMinutes === undefined
        ? undefined
        : { secretRotationEnabled: true, secretRotationInterval: `${s.rotationPollMinutes}m` },
    // Declared so azurerm 4.55.0 does not plan `webAppRouting.enabled=false` after azapi enables app routing.
    webAppRouting: s.mode === GatewayMode.APP_ROUTING_ISTIO ? { dnsZoneIds: [], defaultNginxController: "None" } : undefined,
  };
}

/** An autoscaling user pool `name` in the node subnet; changes that need new nodes rotate through `<name>tmp`. */
export function userPoolConfig(clusterId: string, name: string, pool: PoolSettings, network: INetwork): KubernetesClusterNodePoolConfig {
  return {
    name,
    kubernetesClusterId: clusterId,
    mode: "User",
    ...poolSizing(pool),
    nodeTaints: pool.taints.length > 0 ? pool.taints.map(taintText) : undefined,
    vnetSubnetId: network.nodeSubnet.subnetId,
    temporaryNameForRotation: `${name}tmp`,
    upgradeSettings: { maxSurge: "10%" },
  };
}

/** What the default pool and the pool resource share; unset options leave AKS its default. */
function poolSizing(pool: PoolSettings) {
  return {
    vmSize: pool.vmSize,
    autoScalingEnabled: true,
    minCount: pool.minCount,
    maxCount: pool.maxCount,
    zones: pool.zones,
    osSku: pool.osSku,
    osDiskType: pool.osDiskType,
    osDiskSizeGb: pool.osDiskSizeGb,
    maxPods: pool.maxPods,
    nodeLabels: Object.keys(pool.labels).length > 0 ? pool.labels : undefined,
  };
}

/**
 * Authorized ranges on the public endpoint, or a private cluster with the AKS-managed private DNS zone. Nothing
 * when no access was chosen (AKS then opens the API server to the internet; PlatformPolicy AKSGW-11 refuses it).
 */
function apiServerAttributes(access: ApiServerAccessConfig | undefined): Partial<KubernetesClusterConfig> {
  if (access === undefined) return {};
  if (!access.privateCluster) return { apiServerAccessProfile: { authorizedIpRanges: [...access.authorizedIpRanges] } };
  return {
    privateClusterEnabled: true,
    privateDnsZoneId: "System",
    privateClusterPublicFqdnEnabled: access.publicFqdn ? true : undefined,
  };
}

/** Azure Policy add-on, Defender sensor, Container Insights agent and the Prometheus metrics add-on. */
function guardrailAttributes(s: ClusterSettings): Partial<KubernetesClusterConfig> {
  const workspaceId = s.monitoring.logAnalyticsWorkspaceId;
  return {
    azurePolicyEnabled: s.azurePolicy,
    microsoftDefender: s.defender && workspaceId !== undefined ? { logAnalyticsWorkspaceId: workspaceId } : undefined,
    omsAgent:
      s.monitoring.containerInsights && workspaceId !== undefined
        ? { logAnalyticsWorkspaceId: workspaceId, msiAuthForMonitoringEnabled: true }
        : undefined,
    monitorMetrics: s.monitoring.managedPrometheus ? {} : undefined,
  };
}

/** The same weekly window for cluster and node OS upgrades. */
function weeklyWindow(w: Required<MaintenanceWindowOptions>) {
  return {
    frequency: "Weekly",
    interval: 1,
    dayOfWeek: w.dayOfWeek,
    startTime: w.startTime,
    duration: w.durationHours,
    utcOffset: w.utcOffset,
  };
}
