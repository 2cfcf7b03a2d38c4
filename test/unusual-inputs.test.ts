/**
 * No false positives: valid but unusual inputs must keep synthesizing, with validations on and no policy
 * error. Each row is something a real platform does; a check that starts refusing one of them is a bug.
 */
import { App, TerraformStack, Testing } from "cdktf";
import { HealthProbe } from "../lib/edge/health-probe";
import { HttpRouteRule } from "../lib/tenancy/http-route";
import { HttpRouteFilter, RedirectScheme } from "../lib/tenancy/route-filter";
import { PathMatch } from "../lib/tenancy/route-match";
import { TenantEgress } from "../lib/tenancy/tenant-egress";
import { PlatformStack, PlatformStackConfig } from "../stacks/platform-stack";
import { ApiServerAccess } from "../lib/cluster/api-server-access";
import { NodeOsSku, OsDiskType, TaintEffect } from "../lib/cluster/node-pool";
import { ControlPlaneLogCategory } from "../lib/cluster/cluster-monitoring";
import { documentationRanges } from "./util";
import { TrafficStack } from "../stacks/traffic-stack";

/** Synthesizes every stack of the app with validations and returns the error annotations (policy findings). */
function errorsOf(app: App): string[] {
  const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
  for (const stack of stacks) Testing.synth(stack, true);
  return stacks.flatMap((s) =>
    s.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => `${c.node.path}: ${m.data}`)),
  );
}

function stacks(config: PlatformStackConfig = {}) {
  const app = Testing.app();
  // Authorized ranges unless the case says otherwise: an API server open to the internet is a policy error (AKSGW-11).
  const cluster = { apiServerAccess: documentationRanges(), ...config.cluster };
  const platform = new PlatformStack(app, "p", { ...config, cluster });
  const traffic = new TrafficStack(app, "t", { platform });
  return { app, platform, traffic };
}

const WEB = { serviceName: "web", port: 8080 };

const CASES: Array<[string, () => App]> = [
  ["a private cluster (no authorized ranges)", () => stacks({ cluster: { apiServerAccess: ApiServerAccess.privateCluster({ publicFqdn: true }) } }).app],
  [
    "200 authorized ranges, the most AKS accepts, among them single addresses",
    () => {
      const ranges = Array.from({ length: 200 }, (_, i) => `198.51.${Math.floor(i / 100)}.${i % 100}/32`);
      return stacks({ cluster: { apiServerAccess: ApiServerAccess.fromIpRanges(...ranges) } }).app;
    },
  ],
  [
    "a scale-to-zero tainted pool, Ubuntu nodes, 30 pods per node and a managed OS disk on a size the library does not know",
    () => {
      const { app, platform } = stacks({
        cluster: { userPool: { osSku: NodeOsSku.UBUNTU, maxPods: 30, labels: { "contoso.com/tier": "web" } } },
      });
      platform.cluster.addNodePool("Batch", {
        name: "batch",
        vmSize: "Standard_E8bds_v5",
        minCount: 0,
        maxCount: 1,
        osDiskType: OsDiskType.MANAGED,
        osDiskSizeGb: 30,
        taints: [{ key: "contoso.com/batch", value: "true", effect: TaintEffect.NO_SCHEDULE }, { key: "spot", effect: TaintEffect.NO_EXECUTE }],
      });
      return app;
    },
  ],
  [
    "an ephemeral OS disk as large as the VM size's local storage, and one on a size the library does not know",
    () => {
      const { app, platform } = stacks({ cluster: { systemPool: { vmSize: "Standard_D8s_v3", osDiskSizeGb: 200, osDiskType: OsDiskType.EPHEMERAL } } });
      platform.cluster.addNodePool("Fast", { name: "fast", vmSize: "Standard_L8s_v3", osDiskType: OsDiskType.EPHEMERAL });
      return app;
    },
  ],
  [
    "every guardrail on: Defender, all control-plane categories, Container Insights and managed Prometheus on an existing workspace",
    () =>
      stacks({
        existingLogAnalyticsWorkspaceId:
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central",
        cluster: { defender: true, monitoring: { controlPlaneLogs: Object.values(ControlPlaneLogCategory), managedPrometheus: true } },
      }).app,
  ],
  [
    "wildcard tenants beside an exact hostname of another domain, routes on deeper subdomains",
    () => {
      const { app, traffic } = stacks();
      const apps = traffic.addTenant({ name: "apps", hostnames: ["*.apps.contoso.com"] });
      apps.addRoute("Web", { hostnames: ["shop.apps.contoso.com", "*.eu.apps.contoso.com"], rules: [{ backends: [WEB] }] });
      traffic.addTenant({ name: "www", hostnames: ["www.contoso.com"] });
      return app;
    },
  ],
  [
    "a tenant owning / of a whole hostname, another sharing a hostname by prefixes",
    () => {
      const { app, traffic } = stacks();
      traffic.addTenant({ name: "site", hostnames: ["contoso.com"] }).addRoute("All", { rules: [{ backends: [WEB] }] });
      traffic.addTenant({ name: "cart", hostnames: ["shop.contoso.com"], pathPrefixes: ["/cart/"] });
      traffic.addTenant({ name: "catalog", hostnames: ["shop.contoso.com"], pathPrefixes: ["/catalog", "/cart-legacy"] });
      traffic.addRouteCheck({ name: "site", host: "contoso.com", path: "/" });
      traffic.addRouteCheck({ name: "cart", host: "shop.contoso.com", path: "/cart/items?page=2" });
      return app;
    },
  ],
  ["the last usable gateway IP of the subnet", () => stacks({ network: { gatewaySubnetCidr: "10.240.4.0/28", gatewayAddress: "10.240.4.14" } }).app],
  [
    "a tenant with no routes, a 63-character name and an IPv6 egress block",
    () => {
      const { app, traffic } = stacks();
      traffic.addTenant({
        name: `t${"x".repeat(61)}z`,
        hostnames: ["long.contoso.com"],
        egress: TenantEgress.restricted({ allowCidrs: ["10.20.0.0/16", "fd00::/8"] }),
      });
      return app;
    },
  ],
  [
    "routes at the Gateway API limits: 16 hostnames, 16 rules, 64 matches in a rule, 128 in the route, 16 backends, 16 headers",
    () => {
      const { app, traffic } = stacks();
      const hostnames = Array.from({ length: 16 }, (_, i) => `h${i}.contoso.com`);
      const tenant = traffic.addTenant({ name: "big", hostnames });
      const matches = (n: number, base: string) => Array.from({ length: n }, (_, i) => ({ path: PathMatch.exact(`/${base}/${i}`) }));
      const headers = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`x-h${i}`, "1"]));
      const rules: HttpRouteRule[] = [
        { matches: matches(64, "a"), backends: Array.from({ length: 16 }, (_, i) => ({ serviceName: `s${i}`, port: 80 })) },
        { matches: [...matches(49, "b"), { path: PathMatch.prefix("/h"), headers }], backends: [WEB] }, // 64 + 50 + 14 = 128
        ...Array.from({ length: 14 }, (_, i) => ({ matches: [{ path: PathMatch.prefix(`/r${i}`) }], backends: [WEB] })),
      ];
      tenant.addRoute("Big", { hostnames, rules });
      return app;
    },
  ],
  [
    "a canary at weight 0 beside a live backend, a redirect-only rule and long timeouts",
    () => {
      const { app, traffic } = stacks();
      traffic.addTenant({ name: "shop", hostnames: ["shop.contoso.com"] }).addRoute("Web", {
        rules: [
          { matches: [{ path: PathMatch.prefix("/") }], backends: [{ ...WEB, weight: 100 }, { serviceName: "canary", port: 8080, weight: 0 }], timeouts: { request: "1h", backendRequest: "59m59s" } },
          { matches: [{ path: PathMatch.exact("/old") }], filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS })] },
        ],
      });
      return app;
    },
  ],
  [
    "a region written as its display name, the oldest and newest supported Kubernetes versions",
    () => {
      const app = Testing.app();
      const p = new PlatformStack(app, "p", { location: "West Europe", cluster: { kubernetesVersion: "1.26", apiServerAccess: documentationRanges() } });
      new TrafficStack(app, "t", { platform: p });
      const q = new PlatformStack(app, "q", {
        namePrefix: "q",
        location: "Sweden Central",
        cluster: { kubernetesVersion: "1.36.2", apiServerAccess: documentationRanges() },
      });
      new TrafficStack(app, "u", { platform: q });
      return app;
    },
  ],
  [
    "a probe on Envoy's status port with a hostname no tenant owns",
    () => stacks({ edge: { probe: HealthProbe.envoyStatusPort({ host: "probe.internal.contoso.com" }) } }).app,
  ],
  ["a 40-character name prefix", () => stacks({ namePrefix: `a${"b".repeat(38)}c` }).app],
];

describe("valid but unusual inputs still synthesize", () => {
  test.each(CASES)("%s", (_what, build) => {
    expect(errorsOf(build())).toEqual([]);
  });
});
