// Every stack, example and documented option combination, synthesized once per test file.
import { App, TerraformStack, Testing } from "cdktf";
import { buildFlagship } from "../../examples/flagship/flagship";
import { buildHttpbin } from "../../examples/httpbin/httpbin";
import { PlatformStack, PlatformStackConfig, StateBackend, TenantStack, TrafficStack } from "../../stacks";
import {
  ApiServerAccess,
  ControlPlaneLogCategory,
  NodeOsSku,
  OsDiskType,
  TaintEffect,
  ApplicationGatewayTlsPolicy,
  AvailabilityZone,
  BackendProtocol,
  ClusterTier,
  GatewayMode,
  HealthProbe,
  ListenerCertificate,
  ManagedRuleSet,
  NodeOsUpgradeChannel,
  TrustedRootCertificate,
  UpgradeChannel,
  WafCustomRule,
  WafMatchCondition,
  WafMode,
  WeekDay,
} from "../../lib";

/** One synthesized stack of one combination. */
export interface SynthesizedStack {
  /** `<combination>/<stack id>`, used in failure messages. */
  readonly label: string;
  /** The parsed `cdk.tf.json` of the stack. */
  readonly json: any;
}

/** A named way of using the library, and the stacks it produces. */
export interface Combination {
  /** Short kebab-case name. */
  readonly name: string;
  /** What the combination exercises. */
  readonly description: string;
  /** Builds the stacks in a fresh app. */
  readonly build: (app: App) => TerraformStack[];
  /**
   * For an input Terraform or Azure would refuse: the library must refuse it at synth with this message.
   *
   * @default - the input must synthesize Terraform that satisfies every constraint
   */
  readonly refusedAtSynth?: RegExp;
}

/** A subscription ID, a literal because the azurerm resource-ID parsers need one. */
export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
const VNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
/** A Key Vault secret ID as `examples/flagship/flagship.ts` documents it (unversioned). */
export const TLS_SECRET_ID = "https://kv-contoso.vault.azure.net/secrets/apps-contoso";
/** The DNS names the flagship's certificate covers (its default hostname). */
export const TLS_DNS_NAMES = ["apps.contoso.example"];
/** A user-assigned identity resource ID, spelled as Azure returns it. */
export const TLS_KEY_VAULT_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-contoso`;
export const TLS_IDENTITY_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw`;

/** A Key Vault certificate of the platform identity covering `dnsNames`, stored as secret `name`. */
function edgeCertificate(name: string, dnsNames: string[], identityId = TLS_IDENTITY_ID): ListenerCertificate {
  return ListenerCertificate.fromKeyVault({
    secretId: `https://kv-contoso.vault.azure.net/secrets/${name}`,
    identity: { id: identityId },
    dnsNames,
  });
}

/** The platform certificate: the apps domain and every host one label under it. */
const platformCertificate = () => edgeCertificate("apps-contoso", ["apps.contoso.example", "*.apps.contoso.example"]);

/** A tenant bringing its own domain: 7 names (exact and wildcard), so more than one listener. */
const tenantCertificate = () =>
  edgeCertificate("tenant-fabrikam", [
    "fabrikam.example",
    "www.fabrikam.example",
    "shop.fabrikam.example",
    "api.fabrikam.example",
    "status.fabrikam.example",
    "*.eu.fabrikam.example",
    "*.fabrikam.example",
  ]);

const existingNetwork = {
  virtualNetworkId: VNET,
  virtualNetworkName: "vnet-hub",
  addressSpace: ["10.50.0.0/16"],
  nodeSubnet: { subnetId: `${VNET}/subnets/snet-aks`, subnetName: "snet-aks", cidr: "10.50.0.0/22" },
  appGatewaySubnet: { subnetId: `${VNET}/subnets/snet-agw`, subnetName: "snet-agw", cidr: "10.50.4.0/24" },
  gatewaySubnet: { subnetId: `${VNET}/subnets/snet-ilb`, subnetName: "snet-ilb", cidr: "10.50.5.0/28" },
};

function platformOnly(id: string, config: PlatformStackConfig): (app: App) => TerraformStack[] {
  return (app) => [new PlatformStack(app, id, config)];
}

function platformAndTraffic(id: string, config: PlatformStackConfig): (app: App) => TerraformStack[] {
  return (app) => {
    const platform = new PlatformStack(app, `${id}-platform`, config);
    const traffic = new TrafficStack(app, `${id}-traffic`, { platform });
    traffic.addTenant({ name: "shop", hostnames: ["shop.example.com"] });
    return [platform, traffic];
  };
}

/** The documented ways to use the library; each must synthesize Terraform that azurerm 4.55.0 and azapi accept. */
/** Every stack of the flagship: platform, traffic and the tenant stacks. */
function flagshipStacks(f: ReturnType<typeof buildFlagship>): TerraformStack[] {
  return [f.platform, f.traffic, ...Object.values(f.tenants)];
}

export const COMBINATIONS: readonly Combination[] = [
  {
    name: "flagship",
    description: "examples/flagship with its defaults (HTTP only)",
    build: (app) => flagshipStacks(buildFlagship(app)),
  },
  {
    name: "flagship-tls",
    description: "examples/flagship with HTTPS end to end (Key Vault certificate at the edge and on the Gateway), tenant owners, state in Azure Storage",
    build: (app) =>
      flagshipStacks(
        buildFlagship(app, {
          namePrefix: "tls",
          tls: { keyVaultSecretId: TLS_SECRET_ID, identityId: TLS_IDENTITY_ID, keyVaultId: TLS_KEY_VAULT_ID },
          tenantOwners: { app1: ["11111111-2222-3333-4444-555555555555"] },
          backend: StateBackend.azureStorage({ resourceGroupName: "rg-state", storageAccountName: "ststate", containerName: "tfstate" }),
        }),
      ),
  },
  {
    name: "edge-waf-custom-rules",
    description: "WAF custom rules as the migration produces them: an allow-list match rule and a per-client rate limit",
    build: platformOnly("waf-rules", {
      edge: {
        waf: {
          customRules: [
            WafCustomRule.match({
              name: "AllowOfficeOnlyShop",
              priority: 1,
              conditions: [WafMatchCondition.hostIs(["shop.example.com"]), WafMatchCondition.remoteAddressIn(["203.0.113.0/24"], { negate: true })],
            }),
            WafCustomRule.rateLimit({
              name: "RateLimitApi",
              priority: 100,
              threshold: 600,
              conditions: [WafMatchCondition.hostIs(["*.api.example.com"])],
            }),
          ],
        },
      },
    }),
  },
  {
    name: "tenant-dns",
    description: "TrafficStack dnsZone: alias A records for tenant hostnames, in the traffic stack and in a tenant stack",
    build: (app) => {
      const platform = new PlatformStack(app, "dns-platform", { namePrefix: "dns" });
      const traffic = new TrafficStack(app, "dns-traffic", { platform, dnsZone: { zoneName: "apps.example.com", resourceGroupName: "rg-dns", ttl: 60 } });
      traffic.addTenant({ name: "web", hostnames: ["web.apps.example.com", "apps.example.com"] });
      const tenant = new TenantStack(app, "dns-tenant-shop", { traffic });
      tenant.addTenant({ name: "shop", hostnames: ["*.shop.apps.example.com"] });
      return [platform, traffic, tenant];
    },
  },
  {
    name: "httpbin",
    description: "examples/httpbin",
    build: (app) => Object.values(buildHttpbin(app)),
  },
  {
    name: "log-analytics",
    description: "PlatformStack with logAnalytics: true (workspace and diagnostic setting)",
    build: platformOnly("logs", { logAnalytics: true, namePrefix: "logs" }),
  },
  {
    name: "existing-network",
    description: "PlatformStack on an existing VNet and subnets, plus its traffic stack",
    build: platformAndTraffic("byo", { existingNetwork, namePrefix: "byo" }),
  },
  {
    name: "envoy-probe",
    description: "edge.probe = HealthProbe.envoyStatusPort() with every timing option",
    build: platformOnly("envoy", {
      namePrefix: "envoy",
      edge: { probe: HealthProbe.envoyStatusPort({ host: "health.internal.example", interval: 10, timeout: 5, unhealthyThreshold: 2 }) },
    }),
  },
  {
    name: "route-probe-options",
    description: "edge.probe = HealthProbe.gatewayRoute() with a custom path and timings at their bounds",
    build: platformOnly("route", {
      namePrefix: "route",
      edge: { probe: HealthProbe.gatewayRoute({ path: "/healthz/live", interval: 86400, timeout: 86400, unhealthyThreshold: 20 }) },
    }),
  },
  {
    name: "self-managed-istio",
    description: "cluster.gatewayMode = SELF_MANAGED_ISTIO, with the traffic stack (Helm)",
    build: platformAndTraffic("mesh", { namePrefix: "mesh", cluster: { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO } }),
  },
  {
    name: "cluster-options",
    description: "admin groups, no deployer grant, no zones, custom window, Free tier, pinned version, subscription and tags",
    build: platformOnly("opts", {
      namePrefix: "opts",
      location: "westeurope",
      subscriptionId: SUBSCRIPTION,
      tags: { env: "test", owner: "platform-team" },
      cluster: {
        adminGroupObjectIds: ["aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"],
        grantDeployerClusterAdmin: false,
        systemPool: { zones: [], vmSize: "Standard_D2ds_v5", minCount: 1, maxCount: 1 },
        userPool: { zones: [AvailabilityZone.ONE], minCount: 1, maxCount: 1000 },
        maintenanceWindow: { dayOfWeek: WeekDay.SATURDAY, startTime: "22:30", durationHours: 24, utcOffset: "-05:00" },
        tier: ClusterTier.FREE,
        kubernetesVersion: "1.34",
        serviceCidr: "172.16.0.0/28",
        podCidr: "192.168.0.0/16",
      },
      edge: { zones: [] },
    }),
  },
  {
    name: "cluster-premium",
    description: "Premium tier, patch-level version, stable channel with SecurityPatch node OS upgrades",
    build: platformOnly("prem", {
      namePrefix: "prem",
      cluster: {
        tier: ClusterTier.PREMIUM,
        kubernetesVersion: "1.33.2",
        upgradeChannel: UpgradeChannel.STABLE,
        nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH,
      },
    }),
  },
  {
    name: "cluster-rapid-unmanaged",
    description: "rapid channel with Unmanaged node OS upgrades",
    build: platformOnly("rapid", {
      namePrefix: "rapid",
      cluster: { upgradeChannel: UpgradeChannel.RAPID, nodeOsUpgradeChannel: NodeOsUpgradeChannel.UNMANAGED },
    }),
  },
  {
    name: "cluster-node-image-channel",
    description: "node-image channel with the default NodeImage node OS channel",
    build: platformOnly("nimg", { namePrefix: "nimg", cluster: { upgradeChannel: UpgradeChannel.NODE_IMAGE } }),
  },
  {
    name: "cluster-no-upgrades",
    description: "upgradeChannel NONE and nodeOsUpgradeChannel NONE (documented values)",
    build: platformOnly("noup", {
      namePrefix: "noup",
      cluster: { upgradeChannel: UpgradeChannel.NONE, nodeOsUpgradeChannel: NodeOsUpgradeChannel.NONE },
    }),
  },
  {
    name: "edge-autoscale-bounds",
    description: "edge.autoscale at its bounds (0..125), no zones, HTTPS with TLS policy 20170401S, longest request timeout",
    build: platformOnly("scale", {
      namePrefix: "scale",
      edge: {
        autoscale: { minCapacity: 0, maxCapacity: 125 },
        zones: [],
        tls: platformCertificate(),
        tlsPolicy: ApplicationGatewayTlsPolicy.APPGW_SSL_POLICY_20170401S,
        requestTimeout: 86400,
      },
    }),
  },
  {
    name: "edge-waf-detection",
    description: "edge.waf in Detection, DRS 2.1 + Bot Manager 1.0, body check off, largest limits",
    build: platformOnly("detect", {
      namePrefix: "detect",
      edge: {
        waf: {
          mode: WafMode.DETECTION,
          managedRuleSets: [ManagedRuleSet.defaultRuleSet("2.1"), ManagedRuleSet.botManager("1.0")],
          requestBodyCheck: false,
          maxRequestBodySizeKb: 2000,
          fileUploadLimitMb: 4000,
        },
        tls: platformCertificate(),
        tlsPolicy: ApplicationGatewayTlsPolicy.APPGW_SSL_POLICY_20220101,
      },
    }),
  },
  {
    name: "edge-waf-minimal",
    description: "edge.waf with DRS only and the smallest limits",
    build: platformOnly("wafmin", {
      namePrefix: "wafmin",
      edge: { waf: { managedRuleSets: [ManagedRuleSet.defaultRuleSet()], maxRequestBodySizeKb: 8, fileUploadLimitMb: 1 } },
    }),
  },
  {
    name: "edge-waf-bot-0-1",
    description: "edge.waf with Bot Manager 0.1 and TLS with a versioned secret",
    build: platformOnly("bot01", {
      namePrefix: "bot01",
      edge: {
        waf: { managedRuleSets: [ManagedRuleSet.botManager("0.1"), ManagedRuleSet.defaultRuleSet()] },
        tls: ListenerCertificate.fromKeyVault({
          secretId: `${TLS_SECRET_ID}/0123456789abcdef0123456789abcdef`,
          identity: { id: TLS_IDENTITY_ID },
          dnsNames: TLS_DNS_NAMES,
        }),
      },
    }),
  },
  {
    name: "edge-multi-site",
    description: "edge.tls plus additionalCertificates (a tenant domain with 7 exact and wildcard names, and a second tenant), HTTP to the Gateway",
    build: platformOnly("multi", {
      namePrefix: "multi",
      edge: { tls: platformCertificate(), additionalCertificates: [tenantCertificate(), edgeCertificate("tenant-adatum", ["adatum.example"])] },
    }),
  },
  {
    name: "edge-reencrypt-private-ca",
    description: "edge.backendProtocol HTTPS with a Key Vault trusted root, a named probe host and an additional certificate",
    build: platformOnly("e2e", {
      namePrefix: "e2e",
      edge: {
        tls: platformCertificate(),
        additionalCertificates: [tenantCertificate()],
        backendProtocol: BackendProtocol.HTTPS,
        probe: HealthProbe.gatewayRoute({ host: "health.apps.contoso.example" }),
        trustedRootCertificate: TrustedRootCertificate.fromKeyVault({ secretId: "https://kv-contoso.vault.azure.net/secrets/gateway-root-ca" }),
      },
    }),
  },
  {
    name: "edge-reencrypt-public-ca",
    description: "edge.backendProtocol HTTPS without a trusted root (the Gateway's certificate chains to a public CA), custom probe timings",
    build: platformOnly("e2epub", {
      namePrefix: "e2epub",
      edge: {
        tls: platformCertificate(),
        backendProtocol: BackendProtocol.HTTPS,
        probe: HealthProbe.gatewayRoute({ host: "health.apps.contoso.example", path: "/healthz", interval: 10, timeout: 5 }),
      },
    }),
  },
  {
    name: "custom-network",
    description: "PlatformStack with a custom address plan and gateway address",
    build: platformOnly("net", {
      namePrefix: "net",
      network: {
        addressSpace: "10.60.0.0/16",
        nodeSubnetCidr: "10.60.0.0/24",
        gatewaySubnetCidr: "10.60.1.0/29",
        appGatewaySubnetCidr: "10.60.2.0/24",
        gatewayAddress: "10.60.1.6",
      },
    }),
  },
  {
    name: "cluster-baseline-pools",
    description: "authorized API ranges; Ubuntu system pool with 30 pods, labels and an ephemeral disk filling a Standard_D8s_v3's 200 GiB cache; an added tainted scale-to-zero pool on a size the library does not know",
    build: (app) => {
      const platform = new PlatformStack(app, "pools", {
        namePrefix: "pools",
        cluster: {
          apiServerAccess: ApiServerAccess.fromIpRanges("203.0.113.0/24", "198.51.100.7/32"),
          systemPool: { vmSize: "Standard_D8s_v3", osDiskType: OsDiskType.EPHEMERAL, osDiskSizeGb: 200, osSku: NodeOsSku.UBUNTU, maxPods: 30, labels: { "contoso.com/pool": "system" } },
          userPool: { maxPods: 110, taints: [{ key: "contoso.com/shared", value: "true", effect: TaintEffect.PREFER_NO_SCHEDULE }] },
        },
      });
      platform.cluster.addNodePool("Batch", {
        name: "batch",
        vmSize: "Standard_E8bds_v5",
        minCount: 0,
        maxCount: 10,
        zones: [],
        osDiskType: OsDiskType.MANAGED,
        osDiskSizeGb: 64,
        taints: [{ key: "contoso.com/batch", value: "true", effect: TaintEffect.NO_SCHEDULE }, { key: "spot", effect: TaintEffect.NO_EXECUTE }],
      });
      platform.cluster.addNodePool("Dsv5", { name: "dsv5", vmSize: "Standard_D4s_v5" });
      return [platform];
    },
  },
  {
    name: "cluster-private",
    description: "a private cluster with the AKS-managed private DNS zone and a public FQDN",
    build: platformOnly("priv", { namePrefix: "priv", cluster: { apiServerAccess: ApiServerAccess.privateCluster({ publicFqdn: true }) } }),
  },
  {
    name: "cluster-full-monitoring",
    description: "logAnalytics with Defender, Container Insights, every control-plane category and managed Prometheus",
    build: platformOnly("mon", {
      namePrefix: "mon",
      logAnalytics: true,
      cluster: {
        apiServerAccess: ApiServerAccess.fromIpRanges("203.0.113.0/24"),
        defender: true,
        monitoring: { controlPlaneLogs: Object.values(ControlPlaneLogCategory), managedPrometheus: true },
      },
    }),
  },
  {
    name: "cluster-existing-workspace",
    description: "an existing Log Analytics workspace, control-plane audit logs only (no Container Insights), the Azure Policy add-on off",
    build: platformOnly("exws", {
      namePrefix: "exws",
      existingLogAnalyticsWorkspaceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central`,
      cluster: {
        azurePolicy: false,
        monitoring: { containerInsights: false, controlPlaneLogs: [ControlPlaneLogCategory.KUBE_AUDIT_ADMIN, ControlPlaneLogCategory.GUARD] },
      },
    }),
  },
  {
    name: "traffic-existing-platform",
    description: "TrafficStack on an ExistingPlatform (app-routing Istio)",
    build: (app) => {
      const traffic = new TrafficStack(app, "ext-traffic", {
        platform: {
          clusterName: "aks-payments",
          resourceGroupName: "rg-payments",
          gatewayAddress: "10.50.4.4",
          gatewaySubnetName: "snet-aks-ingress",
          subscriptionId: SUBSCRIPTION,
        },
      });
      traffic.addTenant({ name: "checkout", hostnames: ["pay.contoso.com"] });
      return [traffic];
    },
  },
  {
    name: "traffic-existing-self-managed",
    description: "TrafficStack on an ExistingPlatform in SELF_MANAGED_ISTIO (Helm provider)",
    build: (app) => [
      new TrafficStack(app, "extmesh-traffic", {
        platform: {
          clusterName: "aks-mesh",
          resourceGroupName: "rg-mesh",
          gatewayAddress: "10.50.4.4",
          gatewaySubnetName: "snet-aks-ingress",
          gatewayMode: GatewayMode.SELF_MANAGED_ISTIO,
        },
      }),
    ],
  },
];

/**
 * Inputs the library accepts today although azurerm or Azure refuse what they synthesize to: the library should
 * reject each at synth (or emit something valid). One test each in accepted-inputs.test.ts.
 */
export const EDGE_INPUTS: readonly Combination[] = [
  {
    name: "input-identity-lowercase-resourcegroups",
    description: "a TLS identity ID spelled with `resourcegroups` (Azure CLI output sometimes is)",
    refusedAtSynth: /lcid\/Edge: tls identity\.id ".*" spells "resourcegroups" where azurerm requires "resourceGroups"/,
    build: (app) => [
      new PlatformStack(app, "lcid", {
        namePrefix: "lcid",
        edge: { tls: ListenerCertificate.fromKeyVault({ secretId: TLS_SECRET_ID, identity: { id: TLS_IDENTITY_ID.replace("/resourceGroups/", "/resourcegroups/") }, dnsNames: TLS_DNS_NAMES }) },
      }),
    ],
  },
  {
    name: "input-secret-uppercase-segment",
    description: "a Key Vault secret ID spelled with `/Secrets/`",
    refusedAtSynth: /ucsec\/Edge: tls secretId ".*" spells "Secrets" where Key Vault and azurerm require "secrets"/,
    build: (app) => [
      new PlatformStack(app, "ucsec", {
        namePrefix: "ucsec",
        edge: { tls: ListenerCertificate.fromKeyVault({ secretId: TLS_SECRET_ID.replace("/secrets/", "/Secrets/"), identity: { id: TLS_IDENTITY_ID }, dnsNames: TLS_DNS_NAMES }) },
      }),
    ],
  },
  {
    name: "input-existing-network-lowercase-ids",
    description: "existingNetwork subnet IDs spelled with `resourcegroups` and `microsoft.network`",
    refusedAtSynth: /lcnet\/Network: nodeSubnet\.subnetId ".*" spells "resourcegroups" where azurerm requires "resourceGroups"/,
    build: (app) => {
      const lower = (id: string) => id.replace("/resourceGroups/", "/resourcegroups/").replace("Microsoft.Network", "microsoft.network");
      const sub = (s: { subnetId: string; subnetName: string; cidr: string }) => ({ ...s, subnetId: lower(s.subnetId) });
      return [
        new PlatformStack(app, "lcnet", {
          namePrefix: "lcnet",
          existingNetwork: {
            ...existingNetwork,
            virtualNetworkId: lower(existingNetwork.virtualNetworkId),
            nodeSubnet: sub(existingNetwork.nodeSubnet),
            appGatewaySubnet: sub(existingNetwork.appGatewaySubnet),
            gatewaySubnet: sub(existingNetwork.gatewaySubnet),
          },
        }),
      ];
    },
  },
  {
    name: "input-node-image-with-security-patch",
    description: "upgradeChannel NODE_IMAGE with nodeOsUpgradeChannel SECURITY_PATCH",
    refusedAtSynth: /nisp\/Cluster: upgradeChannel "node-image" needs nodeOsUpgradeChannel "NodeImage", got "SecurityPatch"/,
    build: platformOnly("nisp", {
      namePrefix: "nisp",
      cluster: { upgradeChannel: UpgradeChannel.NODE_IMAGE, nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH },
    }),
  },
  {
    name: "input-additional-certificates-at-limit",
    description: "99 additional certificates: 100 SSL certificates and 100 active listeners, Application Gateway v2's limits",
    build: platformOnly("max", {
      namePrefix: "max",
      edge: {
        tls: platformCertificate(),
        additionalCertificates: Array.from({ length: 99 }, (_v, i) => edgeCertificate(`tenant-${i + 1}`, [`tenant${i + 1}.example.org`])),
      },
    }),
  },
  {
    name: "input-additional-certificates-past-limit",
    description: "100 additional certificates: 101 SSL certificates",
    refusedAtSynth: /past\/Edge: this configuration needs 101 SSL certificates, but Application Gateway v2 allows 100/,
    build: platformOnly("past", {
      namePrefix: "past",
      edge: {
        tls: platformCertificate(),
        additionalCertificates: Array.from({ length: 100 }, (_v, i) => edgeCertificate(`tenant-${i + 1}`, [`tenant${i + 1}.example.org`])),
      },
    }),
  },
  {
    name: "input-https-backend-default-probe",
    description: "edge.backendProtocol HTTPS with the default probe, whose host is the backend IP (no SNI, no name to check)",
    refusedAtSynth: /ipprobe\/Edge: probe host ".*" \(the default: backendAddress\) is an IP address/,
    build: platformOnly("ipprobe", { namePrefix: "ipprobe", edge: { tls: platformCertificate(), backendProtocol: BackendProtocol.HTTPS } }),
  },
  {
    name: "input-tenant-certificate-other-identity",
    description: "an additional certificate read by another identity than tls (Application Gateway takes one identity)",
    refusedAtSynth: /twoid\/Edge: additionalCertificates\[0\] identity.id ".*" differs from tls identity.id/,
    build: platformOnly("twoid", {
      namePrefix: "twoid",
      edge: {
        tls: platformCertificate(),
        additionalCertificates: [edgeCertificate("tenant", ["tenant.example.org"], TLS_IDENTITY_ID.replace("id-agw", "id-tenant"))],
      },
    }),
  },
  {
    name: "input-probe-unserved-path",
    description: "a route probe on a path the health responder answers with 404",
    refusedAtSynth: /probe\/Edge: probe path "\/health" is not served by the health responder/,
    build: platformOnly("probe", { namePrefix: "probe", edge: { probe: HealthProbe.gatewayRoute({ path: "/health" }) } }),
  },
  {
    name: "input-tls-policy-without-tls",
    description: "a TLS policy on an edge without TLS (HTTP only)",
    refusedAtSynth: /nossl\/Edge: tlsPolicy "AppGwSslPolicy20220101" is set but tls is not/,
    build: platformOnly("nossl", { namePrefix: "nossl", edge: { tlsPolicy: ApplicationGatewayTlsPolicy.APPGW_SSL_POLICY_20220101 } }),
  },
  {
    name: "input-ephemeral-on-dsv5",
    description: "an ephemeral OS disk on Standard_D4s_v5, which has no local storage",
    refusedAtSynth: /eph\/Cluster: userPool.osDiskType is OsDiskType.EPHEMERAL, but vmSize "Standard_D4s_v5" has no local storage/,
    build: platformOnly("eph", { namePrefix: "eph", cluster: { userPool: { vmSize: "Standard_D4s_v5", osDiskType: OsDiskType.EPHEMERAL } } }),
  },
  {
    name: "input-defender-without-workspace",
    description: "Defender without a Log Analytics workspace (microsoft_defender requires one)",
    refusedAtSynth: /def\/Cluster: defender is true, but Microsoft Defender for Containers reports to a Log Analytics workspace and none was given/,
    build: platformOnly("def", { namePrefix: "def", cluster: { defender: true } }),
  },
  {
    name: "input-api-ranges-201",
    description: "201 authorized ranges, one past AKS's limit",
    refusedAtSynth: /many\/Cluster: apiServerAccess: 201 authorized ranges were given; AKS accepts at most 200/,
    build: platformOnly("many", {
      namePrefix: "many",
      cluster: { apiServerAccess: ApiServerAccess.fromIpRanges(...Array.from({ length: 201 }, (_, i) => `10.${Math.floor(i / 200)}.${i % 200}.0/24`)) },
    }),
  },
  {
    name: "input-longest-name-prefix",
    description: "a 40-character name prefix, the longest the library accepts",
    build: platformOnly("long", { namePrefix: `a${"b".repeat(38)}c` }),
  },
];

/** Synthesizes every combination once; a combination that throws is reported as a failing stack. */
export function synthesizeAll(combinations: readonly Combination[] = COMBINATIONS): SynthesizedStack[] {
  const out: SynthesizedStack[] = [];
  for (const combination of combinations) {
    const stacks = combination.build(Testing.app());
    for (const stack of stacks) {
      out.push({ label: `${combination.name}/${stack.node.id}`, json: JSON.parse(Testing.synth(stack)) });
    }
  }
  return out;
}
