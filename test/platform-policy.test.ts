import { App, Aspects, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { PlatformPolicy } from "../lib/policy/platform-policy";
import { WafPolicy } from "../lib/edge/waf-policy";
import { WafMode } from "../lib/edge/waf-policy";
import { AksCluster } from "../lib/cluster/aks-cluster";
import { PlatformStack } from "../stacks/platform-stack";
import { TrafficStack } from "../stacks/traffic-stack";
import { documentationRanges, testNetwork, testResourceGroup, testStack } from "./util";
import { ApiServerAccess } from "../lib/cluster/api-server-access";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** Cluster props that pass AKSGW-11 (authorized ranges), for tests of other rules. */
function restrictedCluster() {
  return { resourceGroup: testResourceGroup(), network: testNetwork(), apiServerAccess: documentationRanges() };
}

/** Annotations of one kind after the policy has run over `stack` (added here unless the stack applies it itself). */
function annotations(stack: TerraformStack, type: "@cdktf/error" | "@cdktf/warn"): string[] {
  if (!Aspects.of(stack).all.some((a) => a instanceof PlatformPolicy)) Aspects.of(stack).add(new PlatformPolicy());
  Testing.synth(stack);
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === type).map((m) => `${c.node.path}: ${m.data}`));
}

/** Error annotations (findings that fail synth). */
const findings = (stack: TerraformStack): string[] => annotations(stack, "@cdktf/error");

/** Warning annotations (findings reported while synth goes on). */
const warnings = (stack: TerraformStack): string[] => annotations(stack, "@cdktf/warn");

function k8sStack(): TerraformStack {
  const stack = testStack();
  new KubernetesProvider(stack, "kubernetes", {});
  return stack;
}

function gateway(scope: Construct, from: string, annotations: Record<string, string>) {
  return new Manifest(scope, "Gateway", {
    manifest: {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: "gw", namespace: "gw" },
      spec: {
        gatewayClassName: "approuting-istio",
        infrastructure: { annotations },
        listeners: [{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from } } }],
      },
    },
  });
}

const INTERNAL = { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" };

describe("PlatformPolicy", () => {
  test("the flagship-shaped stacks have no findings", () => {
    const app = Testing.app();
    const platform = new PlatformStack(app, "p", { cluster: { apiServerAccess: documentationRanges() } });
    const traffic = new TrafficStack(app, "t", { platform });
    traffic.addTenant({ name: "a", hostnames: ["a.example.com"] });
    expect(findings(platform)).toEqual([]);
    expect(findings(traffic)).toEqual([]);
  });

  test("AKSGW-1: a WAF policy in Detection is an error; Prevention is not", () => {
    const stack = testStack();
    new WafPolicy(stack, "Good", { resourceGroup: testResourceGroup(), name: "waf-good" });
    new WafPolicy(stack, "Bad", { resourceGroup: testResourceGroup(), name: "waf-bad", mode: WafMode.DETECTION });
    const found = findings(stack);
    expect(found).toEqual([expect.stringMatching(/^test\/Bad\/.*\[AKSGW-1\] WAF policy is not enabled in Prevention mode/)]);
  });

  test("AKSGW-1 can be suppressed with a reason", () => {
    const stack = testStack();
    const waf = new WafPolicy(stack, "Tuning", { resourceGroup: testResourceGroup(), name: "waf-t", mode: WafMode.DETECTION });
    PlatformPolicy.suppress(waf, "AKSGW-1", "tuning DRS 2.1 false positives until 2026-12-15");
    expect(findings(stack)).toEqual([]);
  });

  test("a suppression with a short reason is itself an error and does not suppress", () => {
    const stack = testStack();
    const waf = new WafPolicy(stack, "Tuning", { resourceGroup: testResourceGroup(), name: "waf-t", mode: WafMode.DETECTION });
    PlatformPolicy.suppress(waf, "AKSGW-1", "tuning");
    const found = findings(stack);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\[AKSGW-1\] suppression needs a reason of at least 10 characters, got "tuning"/),
        expect.stringMatching(/\[AKSGW-1\] WAF policy is not enabled in Prevention mode/),
      ]),
    );
  });

  test("throws when suppressing an unknown rule", () => {
    expect(() => PlatformPolicy.suppress(testStack(), "AKSGW-99", "a long enough reason")).toThrow(/unknown policy rule "AKSGW-99"/);
  });

  test("AKSGW-2: a Gateway listener open to All namespaces is an error; Selector is not", () => {
    const bad = k8sStack();
    gateway(bad, "All", INTERNAL);
    expect(findings(bad)).toEqual([expect.stringMatching(/\[AKSGW-2\] Gateway listener admits routes from all namespaces/)]);
    const good = k8sStack();
    gateway(good, "Selector", INTERNAL);
    expect(findings(good)).toEqual([]);
  });

  test("AKSGW-3: a public LoadBalancer Service or Gateway is an error; internal ones are not", () => {
    const stack = k8sStack();
    new ServiceV1(stack, "Public", { metadata: { name: "pub" }, spec: { type: "LoadBalancer", port: [{ port: 80 }] } });
    new ServiceV1(stack, "Internal", { metadata: { name: "int", annotations: INTERNAL }, spec: { type: "LoadBalancer", port: [{ port: 80 }] } });
    new ServiceV1(stack, "ClusterIp", { metadata: { name: "cip" }, spec: { port: [{ port: 80 }] } });
    gateway(stack, "Selector", {});
    const found = findings(stack);
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^test\/Public.*\[AKSGW-3\] Load balancer is public/),
        expect.stringMatching(/^test\/Gateway.*\[AKSGW-3\] Load balancer is public/),
      ]),
    );
  });

  test("AKSGW-4: a tenant-labelled namespace without quota and policy is an error", () => {
    const stack = k8sStack();
    new NamespaceV1(stack, "Rogue", {
      metadata: { name: "rogue", labels: { "cdktf-aks-gateway/tenant": "rogue", "pod-security.kubernetes.io/enforce": "baseline" } },
    });
    new NamespaceV1(stack, "Plain", { metadata: { name: "plain" } });
    expect(findings(stack)).toEqual([expect.stringMatching(/^test\/Rogue.*\[AKSGW-4\] Tenant namespace has no ResourceQuota or no NetworkPolicy/)]);
  });

  test("AKSGW-5: local accounts turned back on through the escape hatch is an error", () => {
    const stack = testStack();
    const good = new AksCluster(stack, "Good", { ...restrictedCluster(), namePrefix: "good" });
    const bad = new AksCluster(stack, "Bad", { ...restrictedCluster(), namePrefix: "bad" });
    bad.resource.localAccountDisabled = false;
    expect(good.resource.localAccountDisabledInput).toBe(true);
    expect(findings(stack)).toEqual([expect.stringMatching(/^test\/Bad\/Resource.*\[AKSGW-5\] AKS cluster keeps local accounts enabled/)]);
  });

  describe("opting out of a documented security default fails synth unless suppressed with a reason", () => {
    /** A traffic stack whose only tenant is built from `options`, with its policy findings. */
    function tenantFindings(options: object, suppress?: [string, string]): string[] {
      const app = Testing.app();
      const platform = new PlatformStack(app, "p");
      const traffic = new TrafficStack(app, "t", { platform });
      const tenant = traffic.addTenant({ name: "shop", hostnames: ["shop.contoso.com"], ...options });
      if (suppress) PlatformPolicy.suppress(tenant, suppress[0], suppress[1]);
      return findings(traffic);
    }

    test("AKSGW-6: a WAF policy that does not inspect request bodies", () => {
      const stack = testStack();
      const waf = new WafPolicy(stack, "Waf", { resourceGroup: testResourceGroup(), name: "waf-x", requestBodyCheck: false });
      new WafPolicy(stack, "Ok", { resourceGroup: testResourceGroup(), name: "waf-ok" });
      expect(findings(stack)).toEqual([expect.stringMatching(/^test\/Waf\/Resource: \[AKSGW-6\] WAF policy does not inspect request bodies/)]);
      const suppressed = testStack();
      const quiet = new WafPolicy(suppressed, "Waf", { resourceGroup: testResourceGroup(), name: "waf-x", requestBodyCheck: false });
      PlatformPolicy.suppress(quiet, "AKSGW-6", "false positives on file uploads, exclusions pending until 2026-12-31");
      expect(findings(suppressed)).toEqual([]);
      expect(waf.resource).toBeDefined();
    });

    test.each([["privileged"], ["none"]])("AKSGW-7: a tenant namespace labelled Pod Security %s", (level) => {
      const labels = level === "none" ? {} : { "pod-security.kubernetes.io/enforce": level };
      const got = level === "none" ? tenantFindingsWithoutPsa() : tenantFindings({ labels });
      expect(got).toEqual([expect.stringMatching(/^t\/Tenants\/shop\/Resource: \[AKSGW-7\] Tenant namespace enforces a Pod Security level below baseline/)]);
    });

    /** A tenant whose Pod Security label was removed through the escape hatch. */
    function tenantFindingsWithoutPsa(): string[] {
      const app = Testing.app();
      const traffic = new TrafficStack(app, "t", { platform: new PlatformStack(app, "p") });
      const tenant = traffic.addTenant({ name: "shop", hostnames: ["shop.contoso.com"] });
      tenant.resource!.addOverride("metadata.labels", { "cdktf-aks-gateway/tenant": "shop" });
      return findings(traffic);
    }

    test("AKSGW-7: restricted and the baseline default pass", () => {
      expect(tenantFindings({ labels: { "pod-security.kubernetes.io/enforce": "restricted" } })).toEqual([]);
      expect(tenantFindings({})).toEqual([]);
    });

    test.each([["servicesLoadBalancers"], ["servicesNodePorts"]])("AKSGW-8: a tenant quota above 0 for %s", (field) => {
      expect(tenantFindings({ quota: { [field]: 1 } })).toEqual([
        expect.stringMatching(/^t\/Tenants\/shop\/Quota: \[AKSGW-8\] Tenant quota allows LoadBalancer or NodePort Services/),
      ]);
    });

    test("AKSGW-9: a tenant with unrestricted egress", () => {
      const { TenantEgress } = require("../lib/tenancy/tenant-egress");
      expect(tenantFindings({ egress: TenantEgress.unrestricted() })).toEqual([
        expect.stringMatching(/^t\/Tenants\/shop\/NetworkPolicy: \[AKSGW-9\] Tenant network policy leaves egress unrestricted/),
      ]);
      expect(tenantFindings({ egress: TenantEgress.restricted({ allowCidrs: ["10.20.0.0/16"] }) })).toEqual([]);
    });

    test("AKSGW-10: a Gateway on class istio with externalTrafficPolicy Cluster", () => {
      const { GatewayMode } = require("../lib/core/gateway-mode");
      const { ExternalTrafficPolicy } = require("../lib/gateway/gateway-parameters");
      const build = (mode: unknown) => {
        const app = Testing.app();
        const platform = new PlatformStack(app, "p", { cluster: { gatewayMode: mode as any } });
        const traffic = new TrafficStack(app, "t", { platform, gateway: { externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER } });
        return { traffic, found: findings(traffic) };
      };
      expect(build(GatewayMode.SELF_MANAGED_ISTIO).found).toEqual([
        expect.stringMatching(/^t\/Gateway: \[AKSGW-10\] Gateway on class istio with externalTrafficPolicy Cluster/),
      ]);
      // On approuting-istio, AKS adds the kube-proxy probe annotations for the Cluster policy itself.
      expect(build(GatewayMode.APP_ROUTING_ISTIO).found).toEqual([]);
    });

    test("a suppression with a reason accepts the opt-out for that tenant only; a short reason is itself an error", () => {
      expect(tenantFindings({ quota: { servicesLoadBalancers: 1 } }, ["AKSGW-8", "internal LB for legacy TCP service, ticket OPS-123"])).toEqual([]);
      expect(tenantFindings({ quota: { servicesLoadBalancers: 1 } }, ["AKSGW-8", "legacy"])).toEqual([
        expect.stringMatching(/^t\/Tenants\/shop: \[AKSGW-8\] suppression needs a reason of at least 10 characters, got "legacy"/),
        expect.stringMatching(/\[AKSGW-8\] Tenant quota allows LoadBalancer/),
      ]);
    });
  });

  test("a finding fails cdktf synth of the app", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "aksgw-policy-")) });
    new PlatformStack(app, "p", { edge: { waf: { mode: WafMode.DETECTION } } });
    expect(() => app.synth()).toThrow(/AKSGW-1/);
  });
});

describe("PlatformPolicy: the cluster a security review signs off", () => {
  const WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log";

  test("AKSGW-11: an API server without authorized ranges or private endpoint is an error; ranges or a private cluster pass", () => {
    const stack = testStack();
    new AksCluster(stack, "Open", { resourceGroup: testResourceGroup(), network: testNetwork(), namePrefix: "open" });
    new AksCluster(stack, "Ranges", { ...restrictedCluster(), namePrefix: "ranges" });
    new AksCluster(stack, "Private", { ...restrictedCluster(), namePrefix: "private", apiServerAccess: ApiServerAccess.privateCluster() });
    expect(findings(stack)).toEqual([
      "test/Open/Resource: [AKSGW-11] AKS API server is reachable from the whole internet (no authorized IP ranges, a 0.0.0.0/0 range, " +
        "and no private cluster). Entra ID still authenticates, but anyone can probe the control plane; set cluster.apiServerAccess to " +
        "ApiServerAccess.fromIpRanges(<your egress ranges>) or ApiServerAccess.privateCluster().",
    ]);
  });

  test("AKSGW-11: a 0.0.0.0/0 range, and ranges or privacy removed through the escape hatch, are errors", () => {
    const stack = testStack();
    new AksCluster(stack, "Everyone", { ...restrictedCluster(), namePrefix: "everyone", apiServerAccess: ApiServerAccess.fromIpRanges("198.51.100.0/24", "0.0.0.0/0") });
    const hatched = new AksCluster(stack, "Hatched", { ...restrictedCluster(), namePrefix: "hatched" });
    hatched.resource.addOverride("api_server_access_profile.authorized_ip_ranges", []);
    const unprivate = new AksCluster(stack, "Unprivate", { ...restrictedCluster(), namePrefix: "unprivate", apiServerAccess: ApiServerAccess.privateCluster() });
    unprivate.resource.addOverride("private_cluster_enabled", false);
    expect(findings(stack).map((f) => f.slice(0, f.indexOf(":") + 12))).toEqual([
      "test/Everyone/Resource: [AKSGW-11]",
      "test/Hatched/Resource: [AKSGW-11]",
      "test/Unprivate/Resource: [AKSGW-11]",
    ]);
  });

  test("AKSGW-11 can be suppressed with a reason; a token range list counts as restricted", () => {
    const stack = testStack();
    const open = new AksCluster(stack, "Open", { resourceGroup: testResourceGroup(), network: testNetwork() });
    PlatformPolicy.suppress(open, "AKSGW-11", "lab cluster without data, deleted nightly, until 2027-01-31");
    const token = new AksCluster(stack, "Token", { ...restrictedCluster(), namePrefix: "token" });
    token.resource.addOverride("api_server_access_profile.authorized_ip_ranges", "${var.ranges}");
    expect(findings(stack)).toEqual([]);
  });

  test("AKSGW-12: the Azure Policy add-on turned off is an error", () => {
    const stack = testStack();
    new AksCluster(stack, "Off", { ...restrictedCluster(), namePrefix: "off", azurePolicy: false });
    const hatched = new AksCluster(stack, "Hatched", { ...restrictedCluster(), namePrefix: "hatched" });
    hatched.resource.addOverride("azure_policy_enabled", false);
    new AksCluster(stack, "On", { ...restrictedCluster(), namePrefix: "on" });
    expect(findings(stack)).toEqual([
      expect.stringMatching(/^test\/Off\/Resource: \[AKSGW-12\] AKS cluster runs without the Azure Policy add-on\./),
      expect.stringMatching(/^test\/Hatched\/Resource: \[AKSGW-12\]/),
    ]);
  });

  test("AKSGW-13/14/15 warn (synth goes on) while Defender, audit logs and workload monitoring are off", () => {
    const stack = testStack();
    new AksCluster(stack, "Bare", { ...restrictedCluster(), namePrefix: "bare" });
    expect(warnings(stack).map((w) => w.slice(0, w.indexOf("]") + 1))).toEqual([
      "test/Bare/Resource: [AKSGW-13]",
      "test/Bare/Resource: [AKSGW-14]",
      "test/Bare/Resource: [AKSGW-15]",
    ]);
    const errors = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error"));
    expect(errors).toEqual([]);
  });

  test("Defender, the default audit categories and Container Insights silence the warnings; Prometheus alone answers AKSGW-15", () => {
    const stack = testStack();
    new AksCluster(stack, "Full", { ...restrictedCluster(), namePrefix: "full", defender: true, monitoring: { logAnalyticsWorkspaceId: WORKSPACE } });
    new AksCluster(stack, "Prom", { ...restrictedCluster(), namePrefix: "prom", monitoring: { managedPrometheus: true } });
    expect(warnings(stack).map((w) => w.slice(0, w.indexOf("]") + 1))).toEqual(["test/Prom/Resource: [AKSGW-13]", "test/Prom/Resource: [AKSGW-14]"]);
  });

  test("AKSGW-14: audit logs need kube-audit-admin (or kube-audit) and guard; a setting on another resource does not count", () => {
    const stack = testStack();
    const categories = (c: string[]) => ({ logAnalyticsWorkspaceId: WORKSPACE, containerInsights: true, controlPlaneLogs: c as any });
    new AksCluster(stack, "GuardOnly", { ...restrictedCluster(), namePrefix: "guard", defender: true, monitoring: categories(["guard"]) });
    new AksCluster(stack, "Full", { ...restrictedCluster(), namePrefix: "full", defender: true, monitoring: categories(["kube-audit", "guard"]) });
    expect(warnings(stack).map((w) => w.slice(0, w.indexOf("]") + 1))).toEqual(["test/GuardOnly/Resource: [AKSGW-14]"]);
  });

  test("warnings are suppressed like errors, with a reason", () => {
    const stack = testStack();
    const c = new AksCluster(stack, "Quiet", { ...restrictedCluster(), namePrefix: "quiet" });
    PlatformPolicy.suppress(c, "AKSGW-13", "Defender runs subscription-wide from the security team's policy, SEC-42");
    PlatformPolicy.suppress(c, "AKSGW-14", "control-plane logs go to the central SIEM through a policy-made setting");
    PlatformPolicy.suppress(c, "AKSGW-15", "metrics come from the team's own Prometheus, OBS-7");
    expect(warnings(stack)).toEqual([]);
  });
});

describe("PlatformPolicy sees escape hatches", () => {
  test("AKSGW-1 catches a WAF switched to Detection with addOverride", () => {
    const stack = testStack();
    const waf = new WafPolicy(stack, "Waf", { resourceGroup: testResourceGroup(), name: "waf" });
    waf.resource.addOverride("policy_settings.mode", "Detection");
    expect(findings(stack)).toEqual([expect.stringMatching(/\[AKSGW-1\]/)]);
  });

  test("AKSGW-5 catches local accounts re-enabled with addOverride", () => {
    const stack = testStack();
    const c = new AksCluster(stack, "Cluster", restrictedCluster());
    c.resource.addOverride("local_account_disabled", false);
    expect(findings(stack)).toEqual([expect.stringMatching(/\[AKSGW-5\]/)]);
  });

  test("AKSGW-3 catches a public LoadBalancer Service written as a raw manifest", () => {
    const stack = k8sStack();
    const service = (id: string, annotations?: Record<string, string>) =>
      new Manifest(stack, id, {
        manifest: { apiVersion: "v1", kind: "Service", metadata: { name: id.toLowerCase(), namespace: "x", annotations }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } },
      });
    service("Public");
    service("Internal", INTERNAL);
    expect(findings(stack)).toEqual([expect.stringMatching(/^test\/Public.*\[AKSGW-3\]/)]);
  });
});
