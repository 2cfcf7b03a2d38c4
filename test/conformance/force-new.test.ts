// Switching a documented option on a deployed platform updates resources in place: no ForceNew attribute of a
// resource that exists before and after the switch may change (that would destroy and recreate it).
import { Testing } from "cdktf";
import { PlatformStack, PlatformStackConfig } from "../../stacks";
import {
  ApiServerAccess,
  BackendProtocol,
  ControlPlaneLogCategory,
  NodeOsSku,
  OsDiskType,
  ClusterTier,
  GatewayMode,
  HealthProbe,
  ListenerCertificate,
  NodeOsUpgradeChannel,
  TrustedRootCertificate,
  UpgradeChannel,
  WafMode,
  WeekDay,
} from "../../lib";
import { FORCE_NEW } from "./azurerm-constraints";
import { TLS_DNS_NAMES, TLS_IDENTITY_ID, TLS_SECRET_ID } from "./combinations";
import { isUnknown, valuesAt } from "./model";

function platform(config: PlatformStackConfig): any {
  return JSON.parse(Testing.synth(new PlatformStack(Testing.app(), "p", { namePrefix: "switch", ...config })));
}

const BEFORE = platform({});

function tls(): ListenerCertificate {
  return ListenerCertificate.fromKeyVault({ secretId: TLS_SECRET_ID, identity: { id: TLS_IDENTITY_ID }, dnsNames: TLS_DNS_NAMES });
}

/** Options the docs present as changes to a running platform. */
const SWITCHES: ReadonlyArray<[string, PlatformStackConfig]> = [
  ["gatewayMode APP_ROUTING_ISTIO -> SELF_MANAGED_ISTIO (README: in place)", { cluster: { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO } }],
  ["tier STANDARD -> PREMIUM", { cluster: { tier: ClusterTier.PREMIUM } }],
  ["adminGroupObjectIds added", { cluster: { adminGroupObjectIds: ["aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"] } }],
  ["maintenance window moved", { cluster: { maintenanceWindow: { dayOfWeek: WeekDay.WEDNESDAY, startTime: "02:00", durationHours: 6 } } }],
  ["upgrade channels changed", { cluster: { upgradeChannel: UpgradeChannel.STABLE, nodeOsUpgradeChannel: NodeOsUpgradeChannel.SECURITY_PATCH } }],
  ["kubernetesVersion pinned", { cluster: { kubernetesVersion: "1.34" } }],
  ["node VM size changed (pools rotate)", { cluster: { systemPool: { vmSize: "Standard_D8ds_v5" }, userPool: { vmSize: "Standard_D8ds_v5" } } }],
  ["autoscale bounds changed", { edge: { autoscale: { minCapacity: 3, maxCapacity: 20 } } }],
  ["WAF switched to Detection", { edge: { waf: { mode: WafMode.DETECTION } } }],
  ["HTTPS turned on", { edge: { tls: tls() } }],
  ["a tenant certificate added (multi-site listeners)", {
    edge: {
      tls: tls(),
      additionalCertificates: [ListenerCertificate.fromKeyVault({ secretId: `${TLS_SECRET_ID}-tenant`, identity: { id: TLS_IDENTITY_ID }, dnsNames: ["tenant.example.org"] })],
    },
  }],
  ["re-encryption turned on with a trusted root", {
    edge: {
      tls: tls(),
      backendProtocol: BackendProtocol.HTTPS,
      probe: HealthProbe.gatewayRoute({ host: "health.apps.contoso.example" }),
      trustedRootCertificate: TrustedRootCertificate.fromKeyVault({ secretId: `${TLS_SECRET_ID}-root` }),
    },
  }],
  ["logAnalytics turned on", { logAnalytics: true }],
  ["API server limited to authorized ranges", { cluster: { apiServerAccess: ApiServerAccess.fromIpRanges("203.0.113.0/24") } }],
  ["Defender, every control-plane log and managed Prometheus turned on", {
    logAnalytics: true,
    cluster: { defender: true, monitoring: { controlPlaneLogs: Object.values(ControlPlaneLogCategory), managedPrometheus: true } },
  }],
  ["Azure Policy add-on turned off", { cluster: { azurePolicy: false } }],
  ["pools moved to Ubuntu, managed OS disks, 50 pods and labels (pools rotate)", {
    cluster: {
      systemPool: { osSku: NodeOsSku.UBUNTU, osDiskType: OsDiskType.MANAGED, maxPods: 50, labels: { tier: "system" } },
      userPool: { osSku: NodeOsSku.UBUNTU, osDiskType: OsDiskType.MANAGED, maxPods: 50, labels: { tier: "apps" } },
    },
  }],
];

function replaced(before: any, after: any): string[] {
  return FORCE_NEW.flatMap(({ resource, paths, source }) =>
    Object.entries<any>(before.resource?.[resource] ?? {}).flatMap(([name, old]) => {
      const next = after.resource?.[resource]?.[name];
      if (!next) return [];
      return paths
        .filter((p) => {
          const [a, b] = [valuesAt(old, p), valuesAt(next, p)];
          return !a.concat(b).some(isUnknown) && JSON.stringify([...a].sort()) !== JSON.stringify([...b].sort());
        })
        .map((p) => `${resource}.${name}.${p}: ${JSON.stringify(valuesAt(old, p))} -> ${JSON.stringify(valuesAt(next, p))} forces replacement [${source}]`);
    }),
  );
}

describe("ForceNew: documented option switches update in place", () => {
  test.each(SWITCHES)("%s", (_name, config) => {
    expect(replaced(BEFORE, platform(config))).toEqual([]);
  });
});

describe("ForceNew: what the docs say replaces the cluster does", () => {
  test("making the cluster private replaces it (docs/configuration.md, apiServerAccess)", () => {
    const after = platform({ cluster: { apiServerAccess: ApiServerAccess.privateCluster() } });
    expect(replaced(BEFORE, after)).toEqual([
      expect.stringMatching(/azurerm_kubernetes_cluster\..*\.private_cluster_enabled: \[\] -> \[true\] forces replacement/),
      expect.stringMatching(/azurerm_kubernetes_cluster\..*\.private_dns_zone_id: \[\] -> \["System"\] forces replacement/),
    ]);
  });
});
