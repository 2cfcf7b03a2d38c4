import { Construct } from "constructs";
import { Annotations, Token, dependable } from "cdktf";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { IResourceGroup } from "../network/resource-group";
import { INetwork } from "../network/network-ref";
import { ValidationError, checkedId, show } from "../private/errors";
import { validateNamePrefix } from "../private/names";
import { isGuid } from "../private/validation";
import { cidrsOverlap, parseCidr } from "../private/cidr";
import { GatewayMode, gatewayClassNameOf } from "../core/gateway-mode";
import { GatewayApiEnablement } from "./gateway-api-enablement";
import { ClusterSettings, clusterConfig, userPoolConfig } from "./private/cluster-config";
import { ALL_AVAILABILITY_ZONES, AvailabilityZone } from "../network/availability-zone";
import { AddNodePoolOptions, NodePoolOptions, UserNodePoolOptions } from "./node-pool";
import { DEFAULT_VM_SIZE, checkPool, resolvePool } from "./private/node-pool-settings";
import { ApiServerAccess } from "./api-server-access";
import { ClusterMonitoring, ClusterMonitoringOptions, ControlPlaneLogCategory } from "./cluster-monitoring";
import { DEFAULT_CONTROL_PLANE_LOGS, checkGuardrails, resolveMonitoring } from "./private/guardrail-settings";

/** AKS pricing tier. @see https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers */
export enum ClusterTier {
  /** No uptime SLA; for trials. */
  FREE = "Free",
  /** Uptime SLA; for production. */
  STANDARD = "Standard",
  /** Standard plus long-term support. */
  PREMIUM = "Premium",
}

/** Cluster auto-upgrade channel. @see https://learn.microsoft.com/azure/aks/auto-upgrade-cluster */
export enum UpgradeChannel {
  /** Latest patch of the current minor version. */
  PATCH = "patch",
  /** Latest patch of minor version N-1. */
  STABLE = "stable",
  /** Latest supported patch of the latest minor version. */
  RAPID = "rapid",
  /** Node images only. */
  NODE_IMAGE = "node-image",
  /** No automatic upgrades. */
  NONE = "none",
}

/** Node OS upgrade channel. @see https://learn.microsoft.com/azure/aks/auto-upgrade-node-os-image */
export enum NodeOsUpgradeChannel {
  /** Weekly node image with OS patches. */
  NODE_IMAGE = "NodeImage",
  /** OS security patches applied to the running image. */
  SECURITY_PATCH = "SecurityPatch",
  /** The OS's own unattended upgrades. */
  UNMANAGED = "Unmanaged",
  /** No node OS upgrades. */
  NONE = "None",
}

/** Day of the week for maintenance windows. */
export enum WeekDay {
  /** Monday. */
  MONDAY = "Monday",
  /** Tuesday. */
  TUESDAY = "Tuesday",
  /** Wednesday. */
  WEDNESDAY = "Wednesday",
  /** Thursday. */
  THURSDAY = "Thursday",
  /** Friday. */
  FRIDAY = "Friday",
  /** Saturday. */
  SATURDAY = "Saturday",
  /** Sunday. */
  SUNDAY = "Sunday",
}

/** Weekly maintenance window for cluster and node OS upgrades. */
export interface MaintenanceWindowOptions {
  /**
   * Day of the window.
   *
   * @default WeekDay.SUNDAY
   */
  readonly dayOfWeek?: WeekDay;
  /**
   * Start time, `HH:MM` in `utcOffset`.
   *
   * @default "00:00"
   */
  readonly startTime?: string;
  /**
   * Length in hours (AKS requires at least 4).
   *
   * @default 4
   */
  readonly durationHours?: number;
  /**
   * UTC offset of `startTime`, `+HH:MM` or `-HH:MM`.
   *
   * @default "+00:00"
   */
  readonly utcOffset?: string;
}

/**
 * The Azure Key Vault provider for the Secrets Store CSI driver (the `azure-keyvault-secrets-provider` add-on),
 * with rotation on.
 *
 * @see https://learn.microsoft.com/azure/aks/csi-secrets-store-driver
 */
export interface KeyVaultSecretsProviderOptions {
  /**
   * How often, in whole minutes, the driver polls Key Vault for new versions of synced secrets and certificates.
   * A renewed certificate reaches the Gateway within about this time.
   *
   * @default 2 (`AksCluster.DEFAULT_ROTATION_POLL_MINUTES`, the add-on's own default)
   * @see https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options
   */
  readonly rotationPollMinutes?: number;
}

/**
 * What the Kubernetes layer needs from a cluster.
 */
export interface IAksCluster {
  /** Azure resource ID of the cluster. */
  readonly clusterId: string;
  /** Cluster name. */
  readonly clusterName: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /** GatewayClass the cluster's Gateway API implementation provides (`approuting-istio` or `istio`). */
  readonly gatewayClassName: string;
  /** Which Istio implements the Gateway API. */
  readonly gatewayMode: GatewayMode;
}

/**
 * Props for {@link AksCluster}.
 */
export interface AksClusterProps {
  /** Resource group of the cluster. */
  readonly resourceGroup: IResourceGroup;
  /** Network with the node subnet and the gateway's internal load balancer subnet. */
  readonly network: INetwork;
  /**
   * Prefix of Azure names (`aks-<prefix>`, `id-aks-<prefix>`).
   *
   * @default "aksgw"
   */
  readonly namePrefix?: string;
  /**
   * Kubernetes version (`1.34`, or a patch `1.34.2`), 1.26 or later (the Managed Gateway API needs it).
   *
   * It also tells the Kubernetes stack which Gateway API bundle AKS installs (v1.2.1 on 1.26–1.33, v1.3.0 on
   * 1.34, v1.4.1 on 1.35, v1.5.1 on 1.36+), which every Gateway API object is validated against at synth.
   *
   * @default - The AKS default version of the region at creation; then the upgrade channel moves it. Unknown at
   * synth, so Gateway API objects are held to the oldest bundle (v1.2.1).
   */
  readonly kubernetesVersion?: string;
  /**
   * Pricing tier.
   *
   * @default ClusterTier.STANDARD
   */
  readonly tier?: ClusterTier;
  /**
   * Which Istio implements the Gateway API.
   *
   * @default GatewayMode.APP_ROUTING_ISTIO
   */
  readonly gatewayMode?: GatewayMode;
  /**
   * Entra ID group object IDs that become cluster admins (Azure RBAC "Cluster Admin" via the AAD profile).
   *
   * @default - None; only the deploying principal is granted cluster admin (see `grantDeployerClusterAdmin`).
   */
  readonly adminGroupObjectIds?: string[];
  /**
   * Grant the principal running Terraform the "Azure Kubernetes Service RBAC Cluster Admin" role on the cluster,
   * so the traffic stack can create Kubernetes objects right after deploy with local accounts disabled.
   *
   * @default true
   */
  readonly grantDeployerClusterAdmin?: boolean;
  /**
   * System node pool: critical add-ons only (tainted `CriticalAddonsOnly=true:NoSchedule`); it takes no other taints.
   *
   * @default - Standard_D4ds_v5, 2 to 3 nodes, zones 1-3, Azure Linux, ephemeral 128 GiB OS disk
   */
  readonly systemPool?: NodePoolOptions;
  /**
   * User node pool where the gateway and the tenants run. Further pools: {@link AksCluster.addNodePool}.
   *
   * @default - Standard_D4ds_v5, 2 to 5 nodes, zones 1-3, Azure Linux, ephemeral 128 GiB OS disk
   */
  readonly userPool?: UserNodePoolOptions;
  /**
   * Who can reach the Kubernetes API server: authorized IPv4 ranges on its public endpoint, or a private cluster.
   * Switching a deployed cluster to or from a private cluster replaces it (`private_cluster_enabled` is ForceNew).
   *
   * @default - AKS's default, an API server reachable from the whole internet (behind Entra ID), which
   * `PlatformPolicy` rule AKSGW-11 refuses unless suppressed with a reason
   * @see https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
   */
  readonly apiServerAccess?: ApiServerAccess;
  /**
   * The Azure Policy add-on (Gatekeeper), which enforces the Azure Policy initiatives you assign to the cluster's
   * scope; the add-on itself has no charge. Before the AKS release of end of June 2026 it did not exempt
   * `aks-istio-system`, and blocked app-routing Istio's istiod there (Azure/AKS#5816); current clusters get the fix.
   *
   * @default true
   * @see https://learn.microsoft.com/azure/aks/use-azure-policy
   */
  readonly azurePolicy?: boolean;
  /**
   * The Microsoft Defender for Containers sensor on the nodes, reporting to `monitoring.logAnalyticsWorkspaceId`
   * (required with it). Defender for Containers is billed per vCore of the nodes per hour, once the subscription's
   * Defender for Containers plan is on; the plan is a subscription-wide setting this library leaves to you.
   * `PlatformPolicy` rule AKSGW-13 warns while it is off.
   *
   * @default false
   * @see https://learn.microsoft.com/azure/defender-for-cloud/defender-for-containers-introduction
   */
  readonly defender?: boolean;
  /**
   * Container Insights, control-plane logs and managed Prometheus; see {@link ClusterMonitoringOptions} for what
   * each costs. `PlatformPolicy` rules AKSGW-14 and AKSGW-15 warn while control-plane audit logs or workload
   * monitoring are off.
   *
   * @default - nothing without a Log Analytics workspace; with one, Container Insights and the AKS baseline's
   * control-plane log categories
   */
  readonly monitoring?: ClusterMonitoringOptions;
  /**
   * Kubernetes service CIDR; must not overlap the VNet or the pod CIDR.
   *
   * @default "10.0.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * Pod CIDR of the Azure CNI overlay; must not overlap the VNet or the service CIDR.
   *
   * @default "10.244.0.0/16"
   */
  readonly podCidr?: string;
  /**
   * Cluster upgrade channel. The managed istiod of app-routing Istio upgrades in place with the cluster.
   *
   * @default UpgradeChannel.PATCH
   */
  readonly upgradeChannel?: UpgradeChannel;
  /**
   * Node OS upgrade channel.
   *
   * @default NodeOsUpgradeChannel.NODE_IMAGE
   */
  readonly nodeOsUpgradeChannel?: NodeOsUpgradeChannel;
  /**
   * Maintenance window for both cluster and node OS upgrades.
   *
   * @default - Sundays 00:00 to 04:00 UTC
   */
  readonly maintenanceWindow?: MaintenanceWindowOptions;
  /**
   * Turns on the Key Vault secrets provider add-on (Secrets Store CSI driver), with rotation. The app-routing
   * add-on needs it to sync Key Vault certificates onto Gateway listeners (`GatewayTls.fromKeyVault`).
   *
   * @default - off; `PlatformStack` turns it on with `gatewayTls`
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
   */
  readonly keyVaultSecretsProvider?: KeyVaultSecretsProviderOptions;
}

/**
 * An AKS cluster with secure defaults and the Gateway API turned on.
 *
 * - A user-assigned control-plane identity holding Network Contributor on the node and gateway subnets,
 *   granted before the cluster is created (an internal load balancer in a custom subnet fails without it).
 * - Entra ID with Azure RBAC, local accounts disabled, the deploying principal granted cluster admin.
 * - OIDC issuer and workload identity; Azure CNI overlay with Cilium network policy.
 * - A system pool across zones for critical add-ons only, an autoscaling user pool, and further pools through
 *   {@link AksCluster.addNodePool}; Azure Linux nodes with ephemeral OS disks where the VM size holds them.
 * - The API server reached from authorized ranges or privately ({@link ApiServerAccess}); the Azure Policy add-on;
 *   optionally the Defender for Containers sensor, Container Insights, control-plane logs and managed Prometheus
 *   ({@link ClusterMonitoring}).
 * - Automatic patch upgrades and node image upgrades inside a maintenance window.
 * - Gateway API: the Managed Gateway API CRDs and, by default, app-routing Istio (`approuting-istio`), set
 *   through azapi (see {@link GatewayApiEnablement}); azurerm's `web_app_routing` block is declared with the
 *   NGINX controller `None` so azurerm does not try to turn app routing back off on the next plan.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 */
export class AksCluster extends Construct implements IAksCluster {
  /** Default prefix of the Azure names. */
  public static readonly DEFAULT_NAME_PREFIX = "aksgw";
  /** Default Kubernetes service CIDR. */
  public static readonly DEFAULT_SERVICE_CIDR = "10.0.0.0/16";
  /** Default pod CIDR of the Azure CNI overlay. */
  public static readonly DEFAULT_POD_CIDR = "10.244.0.0/16";
  /** Default rotation poll interval of the Key Vault secrets provider, in minutes. */
  public static readonly DEFAULT_ROTATION_POLL_MINUTES = 2;
  /** Default VM size of every node pool. */
  public static readonly DEFAULT_VM_SIZE = DEFAULT_VM_SIZE;
  /** Default availability zones of every node pool. */
  public static readonly DEFAULT_ZONES: readonly AvailabilityZone[] = ALL_AVAILABILITY_ZONES;
  /** Control-plane log categories sent when a Log Analytics workspace is given (the AKS baseline's). */
  public static readonly DEFAULT_CONTROL_PLANE_LOGS: readonly ControlPlaneLogCategory[] = DEFAULT_CONTROL_PLANE_LOGS;

  /** The azurerm cluster (escape hatch). */
  public readonly resource: KubernetesCluster;
  /** The autoscaling user node pool. */
  public readonly userNodePool: KubernetesClusterNodePool;
  /** The control-plane identity. */
  public readonly identity: UserAssignedIdentity;
  /** The azapi update that turns the Gateway API on. */
  public readonly gatewayApi: GatewayApiEnablement;
  /** Azure resource ID of the cluster. */
  public readonly clusterId: string;
  /** Cluster name (`aks-<prefix>`). */
  public readonly clusterName: string;
  /** Resource group of the cluster. */
  public readonly resourceGroupName: string;
  /** GatewayClass of the cluster's Gateway API implementation (`approuting-istio` or `istio`). */
  public readonly gatewayClassName: string;
  /** Which Istio implements the Gateway API. */
  public readonly gatewayMode: GatewayMode;
  /** Kubernetes version as configured (`undefined`: the AKS default at creation, unknown at synth). */
  public readonly kubernetesVersion?: string;
  /** OIDC issuer URL, for workload identity federated credentials. */
  public readonly oidcIssuerUrl: string;
  /** Whether the Key Vault secrets provider add-on is on (`keyVaultSecretsProvider`). */
  public readonly keyVaultSecretsProviderEnabled: boolean;
  /** The Azure Monitor resources around the cluster, when any monitoring is on. */
  public readonly monitoring?: ClusterMonitoring;
  /** Pools added with {@link AksCluster.addNodePool}, in order. */
  public readonly additionalNodePools: KubernetesClusterNodePool[] = [];

  private readonly network: INetwork;
  /** Agent pool names taken, rotation names included: AKS refuses two pools of one name. */
  private readonly poolNames = new Set(["system", "systemtmp", "user", "usertmp"]);

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const settings = resolveClusterSettings(this, props);
    this.validateSettings(props, settings);
    this.network = props.network;

    const name = `aks-${settings.prefix}`;
    this.identity = new UserAssignedIdentity(this, "Identity", {
      name: `id-aks-${settings.prefix}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
    });
    const networkRoles = this.grantNetworkContributor(props.network);
    // Who runs Terraform: its tenant is the cluster's Entra ID tenant, its object the default cluster admin.
    const deployer = new DataAzurermClientConfig(this, "Deployer", {});
    this.resource = new KubernetesCluster(this, "Resource", {
      ...clusterConfig(name, props, settings, { identityId: this.identity.id, tenantId: deployer.tenantId }),
      dependsOn: networkRoles,
    });
    this.userNodePool = new KubernetesClusterNodePool(this, "UserPool", userPoolConfig(this.resource.id, "user", settings.user, props.network));
    if (props.grantDeployerClusterAdmin ?? true) {
      new RoleAssignment(this, "DeployerClusterAdmin", {
        scope: this.resource.id,
        roleDefinitionName: "Azure Kubernetes Service RBAC Cluster Admin",
        principalId: deployer.objectId,
      });
    }
    this.gatewayApi = new GatewayApiEnablement(this, "GatewayApi", {
      clusterId: this.resource.id,
      mode: settings.mode,
      dependsOn: [this.userNodePool],
    });

    this.clusterId = this.resource.id;
    // The name as written (a literal with a literal prefix), so Kubernetes stacks can find the cluster without a
    // cross-stack reference; they deploy after the platform stack by stack dependency.
    this.clusterName = name;
    this.resourceGroupName = this.resource.resourceGroupName;
    this.gatewayMode = settings.mode;
    this.kubernetesVersion = props.kubernetesVersion;
    this.gatewayClassName = gatewayClassNameOf(settings.mode);
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
    this.keyVaultSecretsProviderEnabled = settings.rotationPollMinutes !== undefined;
    this.monitoring = this.createMonitoring(props, settings);

    this.node.addValidation({ validate: () => this.validateEscapeHatches() });
    if (settings.mode === GatewayMode.SELF_MANAGED_ISTIO) {
      Annotations.of(this).addWarning(
        "Istio ambient on AKS-managed Cilium is unverified: Istio asks Cilium for cni.exclusive=false and " +
          "bpf-lb-sock-hostns-only=true, which AKS does not let you set; without the latter, socket load balancing " +
          "can bypass ztunnel and skip mTLS. Verify mTLS on a test cluster before relying on it.",
      );
    }
  }

  /**
   * Adds an autoscaling user pool in the node subnet, for workloads that need other VM sizes, labels or taints (a
   * tainted pool runs only pods that tolerate its taints). Its construct id is `NodePools/<id>`.
   */
  public addNodePool(id: string, options: AddNodePoolOptions): KubernetesClusterNodePool {
    const scope = (this.node.tryFindChild("NodePools") as Construct | undefined) ?? new Construct(this, "NodePools");
    checkedId(scope, id, `node pool ${show(options?.name)}`);
    const name = this.freePoolName(options?.name);
    const pool = resolvePool(options, 5);
    checkPool(this, `nodePool ${show(name)}`, pool, "added");
    this.poolNames.add(name).add(`${name}tmp`);
    const created = new KubernetesClusterNodePool(scope, id, userPoolConfig(this.clusterId, name, pool, this.network));
    this.additionalNodePools.push(created);
    // Azure refuses a second operation on the cluster while a pool is created: the Gateway API update waits for it.
    const update = this.gatewayApi.resource;
    update.dependsOn = [...(update.dependsOn ?? []), dependable(created)];
    return created;
  }

  /** Every check of the props, before anything is created, in the order users meet them. */
  private validateSettings(props: AksClusterProps, settings: ClusterSettings): void {
    validateNamePrefix(this, settings.prefix);
    this.validateCidrs(props.network, settings.serviceCidr, settings.podCidr);
    checkPool(this, "systemPool", settings.system, "system");
    checkPool(this, "userPool", settings.user, "user");
    this.validateWindow(settings.window);
    this.validateUpgradeChannels(settings.upgradeChannel, settings.nodeOsUpgradeChannel);
    this.validateWindowHasEffect(props.maintenanceWindow, settings);
    checkGuardrails(this, props.monitoring, settings.defender);
    (props.adminGroupObjectIds ?? []).forEach((g) => validateGuid(this, "adminGroupObjectIds", g));
    this.validateKubernetesVersion(props.kubernetesVersion);
    this.validateRotationPoll(settings.rotationPollMinutes);
  }

  /**
   * Network Contributor for the control-plane identity on the node and gateway subnets, which the cluster waits
   * for: an internal load balancer in a custom subnet fails without it.
   */
  private grantNetworkContributor(network: INetwork): RoleAssignment[] {
    return [
      ["NodeSubnetNetworkContributor", network.nodeSubnet.subnetId],
      ["GatewaySubnetNetworkContributor", network.gatewaySubnet.subnetId],
    ].map(
      ([roleId, scopeId]) =>
        new RoleAssignment(this, roleId, {
          scope: scopeId,
          roleDefinitionName: "Network Contributor",
          principalId: this.identity.principalId,
          principalType: "ServicePrincipal",
          skipServicePrincipalAadCheck: true,
        }),
    );
  }

  /** Istio add-on and AGIC set through the escape hatch conflict with the gateway this library builds. */
  private validateEscapeHatches(): string[] {
    const errors: string[] = [];
    const raw = this.resource as unknown as { rawOverrides?: Record<string, unknown> };
    const overridden = (key: string) => raw.rawOverrides !== undefined && key in raw.rawOverrides;
    if (this.resource.serviceMeshProfileInput !== undefined || overridden("service_mesh_profile")) {
      errors.push(
        `${this.node.path}: the Istio service-mesh add-on (service_mesh_profile) was set on the cluster, but ` +
          `${this.gatewayMode === GatewayMode.APP_ROUTING_ISTIO ? "app-routing Istio cannot run beside it" : "a self-managed Istio cannot run beside it"}. ` +
          `Remove service_mesh_profile; use GatewayMode.SELF_MANAGED_ISTIO with IstioAmbient if you need a mesh.`,
      );
    }
    if (this.resource.ingressApplicationGatewayInput !== undefined || overridden("ingress_application_gateway")) {
      errors.push(
        `${this.node.path}: ingress_application_gateway (AGIC) was set on the cluster; it would take over the ` +
          `Application Gateway whose single rule points at the shared Gateway. Remove it.`,
      );
    }
    return errors;
  }


  private validateCidrs(network: INetwork, serviceCidr: string, podCidr: string): void {
    const checked: Array<[string, string]> = [];
    for (const [label, cidr] of [
      ["serviceCidr", serviceCidr],
      ["podCidr", podCidr],
    ] as const) {
      if (Token.isUnresolved(cidr)) continue;
      try {
        parseCidr(cidr);
      } catch (e) {
        throw new ValidationError(this, `${label}: ${(e as Error).message}`);
      }
      checked.push([label, cidr]);
    }
    if (checked.length === 2 && cidrsOverlap(serviceCidr, podCidr)) {
      throw new ValidationError(
        this,
        `serviceCidr ${show(serviceCidr)} overlaps podCidr ${show(podCidr)}. Choose disjoint ranges, e.g. the defaults ` +
          `${AksCluster.DEFAULT_SERVICE_CIDR} and ${AksCluster.DEFAULT_POD_CIDR}.`,
      );
    }
    const vnetRanges = network.addressSpace.filter((c) => !Token.isUnresolved(c));
    for (const [label, cidr] of checked) {
      for (const vnet of vnetRanges) {
        if (cidrsOverlap(cidr, vnet)) {
          throw new ValidationError(
            this,
            `${label} ${show(cidr)} overlaps the VNet address space ${show(vnet)}; pods and services would be ` +
              `unroutable. Choose a ${label} outside the VNet (and outside any peered network).`,
          );
        }
      }
    }
    if (checked.some(([l]) => l === "serviceCidr")) {
      if (parseCidr(serviceCidr).prefixLength > 28) {
        throw new ValidationError(
          this,
          `serviceCidr ${show(serviceCidr)} is too small to hold the DNS service IP (.10). Use at least a /28.`,
        );
      }
    }
  }

  /** A pool name AKS takes (a lower-case letter, then up to 8 letters or digits, so `<name>tmp` fits 12) and nobody has. */
  private freePoolName(name: string): string {
    if (typeof name !== "string" || !/^[a-z][a-z0-9]{0,8}$/.test(name)) {
      throw new ValidationError(
        this,
        `addNodePool name must be a lower-case letter followed by up to 8 lower-case letters or digits (the library adds "tmp" ` +
          `for the rotation pool, and AKS pool names have at most 12 characters), got ${show(name)}. Example: "gpu".`,
      );
    }
    const taken = [name, `${name}tmp`].find((n) => this.poolNames.has(n));
    if (taken !== undefined) {
      throw new ValidationError(
        this,
        `addNodePool name ${show(name)} collides with pool ${show(taken)} (the system pool, the user pool, another added pool, or ` +
          `one of their "<name>tmp" rotation pools). Choose another name.`,
      );
    }
    return name;
  }

  /** A maintenance window with both upgrade channels off schedules nothing; the user expects upgrades in it. */
  private validateWindowHasEffect(window: MaintenanceWindowOptions | undefined, settings: ClusterSettings): void {
    if (window === undefined) return;
    if (settings.upgradeChannel === UpgradeChannel.NONE && settings.nodeOsUpgradeChannel === NodeOsUpgradeChannel.NONE) {
      throw new ValidationError(
        this,
        `maintenanceWindow ${show(window)} was given, but upgradeChannel and nodeOsUpgradeChannel are both NONE, so no upgrade ` +
          `ever runs in it. Choose an upgrade channel (e.g. UpgradeChannel.PATCH, NodeOsUpgradeChannel.NODE_IMAGE), or remove maintenanceWindow.`,
      );
    }
  }

  /** The monitoring resources, when anything sends data to Azure Monitor. */
  private createMonitoring(props: AksClusterProps, settings: ClusterSettings): ClusterMonitoring | undefined {
    const m = settings.monitoring;
    const on = (m.logAnalyticsWorkspaceId !== undefined && (m.containerInsights || m.controlPlaneLogs.length > 0)) || m.managedPrometheus;
    if (!on) return undefined;
    return new ClusterMonitoring(this, "Monitoring", {
      clusterId: this.clusterId,
      resourceGroup: props.resourceGroup,
      namePrefix: settings.prefix,
      settings: m,
    });
  }

  private validateKubernetesVersion(version: string | undefined): void {
    if (version === undefined || Token.isUnresolved(version)) return;
    if (!/^\d+\.\d+(\.\d+)?$/.test(version)) {
      throw new ValidationError(
        this,
        `kubernetesVersion must be "<major>.<minor>" or "<major>.<minor>.<patch>", got ${show(version)}. Example: "1.34".`,
      );
    }
    const [major, minor] = version.split(".").map(Number);
    if (major !== 1 || minor < 26) {
      throw new ValidationError(
        this,
        `kubernetesVersion ${show(version)} is older than 1.26, the first version the AKS Managed Gateway API supports. ` +
          `Use a supported AKS version such as "1.34".`,
      );
    }
  }

  /** Whole minutes, rendered as the Go duration azurerm parses (`2m`). */
  private validateRotationPoll(minutes: number | undefined): void {
    if (minutes === undefined || Token.isUnresolved(minutes)) return;
    if (!Number.isInteger(minutes) || minutes < 1) {
      throw new ValidationError(
        this,
        `keyVaultSecretsProvider.rotationPollMinutes must be a whole number of minutes, at least 1, got ${show(minutes)}. ` +
          `Leave it out for the add-on's default of ${AksCluster.DEFAULT_ROTATION_POLL_MINUTES}.`,
      );
    }
  }

  /** azurerm v4.55.0 (kubernetes_cluster_resource.go, Create): the node-image channel needs NodeImage node OS upgrades. */
  private validateUpgradeChannels(upgradeChannel: UpgradeChannel, nodeOs: NodeOsUpgradeChannel): void {
    if (upgradeChannel === UpgradeChannel.NODE_IMAGE && nodeOs !== NodeOsUpgradeChannel.NODE_IMAGE) {
      throw new ValidationError(
        this,
        `upgradeChannel ${show(upgradeChannel)} needs nodeOsUpgradeChannel ${show(NodeOsUpgradeChannel.NODE_IMAGE)}, got ` +
          `${show(nodeOs)}; AKS refuses the pair when the cluster is created. Use NodeOsUpgradeChannel.NODE_IMAGE, or ` +
          `another upgradeChannel such as UpgradeChannel.PATCH.`,
      );
    }
  }

  private validateWindow(w: Required<MaintenanceWindowOptions>): void {
    if (!Token.isUnresolved(w.startTime) && !/^([01]\d|2[0-3]):[0-5]\d$/.test(w.startTime)) {
      throw new ValidationError(this, `maintenanceWindow.startTime must be "HH:MM", got ${show(w.startTime)}. Example: "01:30".`);
    }
    if (!Token.isUnresolved(w.durationHours) && (!Number.isInteger(w.durationHours) || w.durationHours < 4 || w.durationHours > 24)) {
      throw new ValidationError(
        this,
        `maintenanceWindow.durationHours must be a whole number from 4 to 24 (AKS minimum is 4), got ${show(w.durationHours)}.`,
      );
    }
    if (!Token.isUnresolved(w.utcOffset) && !/^[+-]([01]\d|2[0-3]):[0-5]\d$/.test(w.utcOffset)) {
      throw new ValidationError(this, `maintenanceWindow.utcOffset must be "+HH:MM" or "-HH:MM", got ${show(w.utcOffset)}.`);
    }
  }
}

/** The props with their defaults applied; the API server access is bound (and checked) for `scope`. */
function resolveClusterSettings(scope: AksCluster, props: AksClusterProps): ClusterSettings {
  return {
    prefix: props.namePrefix ?? AksCluster.DEFAULT_NAME_PREFIX,
    serviceCidr: props.serviceCidr ?? AksCluster.DEFAULT_SERVICE_CIDR,
    podCidr: props.podCidr ?? AksCluster.DEFAULT_POD_CIDR,
    mode: props.gatewayMode ?? GatewayMode.APP_ROUTING_ISTIO,
    upgradeChannel: props.upgradeChannel ?? UpgradeChannel.PATCH,
    nodeOsUpgradeChannel: props.nodeOsUpgradeChannel ?? NodeOsUpgradeChannel.NODE_IMAGE,
    // The system pool's type has no taints; a JavaScript caller's taints still reach the check that refuses them.
    system: resolvePool(props.systemPool as UserNodePoolOptions | undefined, 3),
    user: resolvePool(props.userPool, 5),
    window: {
      dayOfWeek: props.maintenanceWindow?.dayOfWeek ?? WeekDay.SUNDAY,
      startTime: props.maintenanceWindow?.startTime ?? "00:00",
      durationHours: props.maintenanceWindow?.durationHours ?? 4,
      utcOffset: props.maintenanceWindow?.utcOffset ?? "+00:00",
    },
    rotationPollMinutes: props.keyVaultSecretsProvider
      ? (props.keyVaultSecretsProvider.rotationPollMinutes ?? AksCluster.DEFAULT_ROTATION_POLL_MINUTES)
      : undefined,
    access: props.apiServerAccess?.bind(scope),
    azurePolicy: props.azurePolicy ?? true,
    defender: props.defender ?? false,
    monitoring: resolveMonitoring(props.monitoring),
  };
}

function validateGuid(scope: Construct, label: string, value: string): void {
  if (Token.isUnresolved(value) || isGuid(value)) return;
  throw new ValidationError(
    scope,
    `${label} must hold Entra ID object IDs (GUIDs), got ${show(value)}. Find one with ` +
      `"az ad group show --group <name> --query id -o tsv".`,
  );
}
