import { countResources, deployOrder, trafficPath } from "../cli/summary";
import { Testing } from "cdktf";
import { buildFlagship } from "../examples/flagship/flagship";

describe("synth summary", () => {
  test("orders stacks after their dependencies and refuses cycles", () => {
    const s = (name: string, dependencies: string[] = []) => ({ name, synthesizedStackPath: `${name}.json`, dependencies });
    expect(deployOrder([s("traffic", ["platform"]), s("extra", ["traffic"]), s("platform")]).map((x) => x.name)).toEqual([
      "platform",
      "traffic",
      "extra",
    ]);
    expect(() => deployOrder([s("a", ["b"]), s("b", ["a"])])).toThrow(/stack dependency cycle: a -> b -> a/);
  });

  test("counts resources by type, most first", () => {
    expect(countResources({ resource: { b_type: { x: {}, y: {} }, a_type: { z: {} }, c_type: { u: {}, v: {} } } })).toEqual([
      ["b_type", 2],
      ["c_type", 2],
      ["a_type", 1],
    ]);
    expect(countResources({})).toEqual([]);
  });

  test("describes the flagship's traffic path from the synthesized stacks", () => {
    const { platform, traffic, tenants } = buildFlagship(Testing.app());
    const lines = trafficPath([platform, traffic, ...Object.values(tenants)].map((s) => JSON.parse(Testing.synth(s))));
    expect(lines).toEqual([
      "client -> public IP -> Application Gateway agw-aksgw (WAF_v2, HTTP)",
      "  -> WAF Prevention [Microsoft_DefaultRuleSet 2.1, Microsoft_BotManagerRuleSet 1.1]",
      "  -> gateway IP 10.240.4.4 (internal load balancer, HTTP:80)",
      "  -> Gateway gateway-system/shared-gateway (class approuting-istio; http:80)",
      "     app1/web: apps.contoso.example /app1 -> hello:80",
      "     app2/web: apps.contoso.example /app2 -> hello:80",
      "     gateway-health/healthz: * /healthz -> health-responder:80",
    ]);
  });

  test("with HTTPS end to end, shows the re-encrypted hop and the Gateway's https listener", () => {
    const { platform, traffic, tenants } = buildFlagship(Testing.app(), {
      tls: {
        keyVaultSecretId: "https://kv-contoso.vault.azure.net/secrets/apps-contoso",
        identityId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw",
        keyVaultId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-contoso",
      },
    });
    const lines = trafficPath([platform, traffic, ...Object.values(tenants)].map((s) => JSON.parse(Testing.synth(s))));
    expect(lines.slice(0, 4)).toEqual([
      "client -> public IP -> Application Gateway agw-aksgw (WAF_v2, HTTPS + HTTP->HTTPS redirect)",
      "  -> WAF Prevention [Microsoft_DefaultRuleSet 2.1, Microsoft_BotManagerRuleSet 1.1]",
      "  -> gateway IP 10.240.4.4 (internal load balancer, HTTPS:443, re-encrypted)",
      "  -> Gateway gateway-system/shared-gateway (class approuting-istio; http:80, https:443)",
    ]);
  });

  test("pairs each Application Gateway with its own WAF policy", () => {
    const gateway = (name: string, policy: string) => ({ name, sku: { name: "WAF_v2" }, firewall_policy_id: `\${azurerm_web_application_firewall_policy.${policy}.id}` });
    const policy = (mode: string) => ({ policy_settings: { mode }, managed_rules: { managed_rule_set: [] } });
    const lines = trafficPath([
      {
        resource: {
          azurerm_application_gateway: { A: gateway("agw-a", "PolA"), B: gateway("agw-b", "PolB") },
          azurerm_web_application_firewall_policy: { PolA: policy("Prevention"), PolB: policy("Detection") },
        },
      },
    ]);
    expect(lines.filter((l) => l.includes("WAF "))).toEqual(["  -> WAF Prevention", "  -> WAF Detection"]);
  });
});

describe("summary: tenant namespaces", () => {
  // Imports kept local so the section's test reads on its own.
  const { tenantNamespaceLines } = require("../cli/tenant-namespaces") as typeof import("../cli/tenant-namespaces");
  const { TrafficStack } = require("../stacks/traffic-stack") as typeof import("../stacks/traffic-stack");
  const { PlatformStack } = require("../stacks/platform-stack") as typeof import("../stacks/platform-stack");
  const { TenantNamespace, GuardrailRollout } = require("../lib/tenancy/tenant-namespace") as typeof import("../lib/tenancy/tenant-namespace");

  function lines(add: (traffic: InstanceType<typeof TrafficStack>) => void): string[] {
    const app = Testing.app();
    const traffic = new TrafficStack(app, "t", { platform: new PlatformStack(app, "p") });
    add(traffic);
    // toTerraform keeps the "//" metadata (construct paths) that cdktf synth writes and Testing.synth drops.
    return tenantNamespaceLines([{ name: "t", json: traffic.toTerraform() }]);
  }

  test("the flagship's tenants create their namespaces, and the summary says what destroying them deletes", () => {
    const { traffic, tenants } = buildFlagship(Testing.app());
    const stacks = [traffic, ...Object.values(tenants)].map((s) => ({ name: s.node.id, json: JSON.parse(Testing.synth(s)) }));
    expect(tenantNamespaceLines(stacks)).toEqual([
      "app1: creates namespace app1 (aksgw-tenant-app1); destroying it deletes the namespace and every workload, Secret and volume claim in it",
      "app2: creates namespace app2 (aksgw-tenant-app2); destroying it deletes the namespace and every workload, Secret and volume claim in it",
    ]);
  });

  test("an adopted namespace: what it gets, and the state rm for a namespace the tenant created or imported before", () => {
    let created = "";
    const out = lines((traffic) => {
      const tenant = traffic.addTenant({ name: "web", namespace: TenantNamespace.adopt("default"), hostnames: ["web.example.com"] });
      // The address a created namespace of the same tenant has: the construct path `<tenant>/Resource`.
      created = `kubernetes_namespace_v1.${require("cdktf/lib/private/unique").makeUniqueId([...tenant.node.path.split("/").slice(1), "Resource"])}`;
    });
    expect(out).toEqual([
      "web: adopts existing namespace default (t); never creates or deletes it, destroy removes only what the tenant added",
      "    network policy: tenant-isolation enforced (ingress only from the gateway and the namespace, egress restricted)",
      "    quota: tenant-quota enforced (running pods stay; new pods refused while use exceeds it)",
      "    Pod Security: enforce baseline (new pods breaking it are refused; a different existing level fails the apply)",
      `    created or imported by this tenant before? first run: terraform state rm '${created}' (in t)`,
    ]);
    expect(created).toMatch(/^kubernetes_namespace_v1\.Tenants_web_[0-9A-F]{8}$/);
  });

  test("deferred and audited guardrails read as such", () => {
    const out = lines((traffic) =>
      traffic.addTenant({
        name: "web",
        namespace: TenantNamespace.adopt("default", { podSecurity: GuardrailRollout.AUDIT, networkPolicy: GuardrailRollout.DEFER, quota: GuardrailRollout.DEFER }),
        hostnames: ["web.example.com"],
      }),
    );
    expect(out.slice(1, 4)).toEqual(["    network policy: none (deferred)", "    quota: none (deferred)", "    Pod Security: warn and audit baseline only, nothing enforced"]);
    const deferred = lines((traffic) =>
      traffic.addTenant({ name: "web", namespace: TenantNamespace.adopt("default", { podSecurity: GuardrailRollout.DEFER }), hostnames: ["web.example.com"] }),
    );
    expect(deferred[3]).toBe("    Pod Security: not set (deferred)");
  });
});

describe("cluster summary", () => {
  const { clusterLines } = require("../cli/cluster-summary") as typeof import("../cli/cluster-summary");
  const { PlatformStack } = require("../stacks/platform-stack") as typeof import("../stacks/platform-stack");
  const { ApiServerAccess } = require("../lib/cluster/api-server-access") as typeof import("../lib/cluster/api-server-access");
  const { TaintEffect } = require("../lib/cluster/node-pool") as typeof import("../lib/cluster/node-pool");

  test("the flagship: authorized ranges, Azure Policy on, the rest off, two pools with their OS, disk, pods and taints", () => {
    const { platform } = buildFlagship(Testing.app());
    expect(clusterLines([JSON.parse(Testing.synth(platform))])).toEqual([
      "Cluster aks-aksgw:",
      "  API server: public endpoint, authorized ranges 203.0.113.0/24",
      "  Azure Policy add-on: on",
      "  Defender for Containers sensor: off",
      "  Container Insights: off",
      "  Managed Prometheus: off",
      "  Control-plane logs: off",
      "  Node pools:",
      "    system (System), Standard_D4ds_v5, 2-3 nodes, zones 1,2,3, AzureLinux, Ephemeral OS disk 128 GiB, max pods 250 (AKS default), taints CriticalAddonsOnly=true:NoSchedule",
      "    user (User), Standard_D4ds_v5, 2-5 nodes, zones 1,2,3, AzureLinux, Ephemeral OS disk 128 GiB, max pods 250 (AKS default), taints none",
    ]);
  });

  test("everything on: private endpoint, Defender, Container Insights, Prometheus, control-plane logs and an added tainted pool", () => {
    const platform = new PlatformStack(Testing.app(), "p", {
      logAnalytics: true,
      cluster: { apiServerAccess: ApiServerAccess.privateCluster({ publicFqdn: true }), defender: true, monitoring: { managedPrometheus: true } },
    });
    platform.cluster.addNodePool("Batch", {
      name: "batch",
      vmSize: "Standard_E8bds_v5",
      minCount: 0,
      maxCount: 4,
      zones: [],
      maxPods: 30,
      taints: [{ key: "batch", effect: TaintEffect.NO_SCHEDULE }],
    });
    expect(clusterLines([JSON.parse(Testing.synth(platform))])).toEqual([
      "Cluster aks-aksgw:",
      "  API server: private endpoint only (private DNS zone System, public FQDN)",
      "  Azure Policy add-on: on",
      "  Defender for Containers sensor: on (workspace log-aksgw)",
      "  Container Insights: on (workspace log-aksgw)",
      "  Managed Prometheus: on (Azure Monitor workspace amw-aksgw)",
      "  Control-plane logs: kube-audit-admin, guard, cluster-autoscaler, kube-controller-manager (workspace log-aksgw)",
      "  Node pools:",
      "    system (System), Standard_D4ds_v5, 2-3 nodes, zones 1,2,3, AzureLinux, Ephemeral OS disk 128 GiB, max pods 250 (AKS default), taints CriticalAddonsOnly=true:NoSchedule",
      "    batch (User), Standard_E8bds_v5, 0-4 nodes, no zones, AzureLinux, Managed OS disk (AKS default size), max pods 30, taints batch:NoSchedule",
      "    user (User), Standard_D4ds_v5, 2-5 nodes, zones 1,2,3, AzureLinux, Ephemeral OS disk 128 GiB, max pods 250 (AKS default), taints none",
    ]);
  });

  test("an open API server, a literal workspace ID and escape-hatch values are shown as Terraform gets them", () => {
    const id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-central";
    const aks = {
      name: "aks-x",
      network_profile: { network_plugin_mode: "overlay" },
      api_server_access_profile: { authorized_ip_ranges: ["0.0.0.0/0"] },
      oms_agent: [{ log_analytics_workspace_id: id }],
      default_node_pool: { name: "system", vm_size: "Standard_D2s_v3", min_count: 1, max_count: 1, zones: [] },
    };
    const lines = clusterLines([{ resource: { azurerm_kubernetes_cluster: { x: aks } } }]);
    expect(lines).toEqual([
      "Cluster aks-x:",
      "  API server: public endpoint OPEN TO THE INTERNET (no authorized ranges; PlatformPolicy AKSGW-11)",
      "  Azure Policy add-on: off",
      "  Defender for Containers sensor: off",
      "  Container Insights: on (workspace log-central)",
      "  Managed Prometheus: off",
      "  Control-plane logs: off",
      "  Node pools:",
      "    system (System), Standard_D2s_v3, 1-1 nodes, no zones, Ubuntu, Managed OS disk (AKS default size), max pods 250 (AKS default), taints none",
    ]);
    const noRanges = clusterLines([{ resource: { azurerm_kubernetes_cluster: { x: { ...aks, api_server_access_profile: undefined, network_profile: {} } } } }]);
    expect(noRanges[1]).toBe("  API server: public endpoint OPEN TO THE INTERNET (no authorized ranges; PlatformPolicy AKSGW-11)");
    expect(noRanges[8]).toContain("max pods ? (AKS default)");
  });
});
