// The production-baseline options of AksCluster: API server access, node pools, guardrails and monitoring.
import { Token } from "cdktf";
import { AksCluster, AksClusterProps, NodeOsUpgradeChannel, UpgradeChannel } from "../lib/cluster/aks-cluster";
import { ApiServerAccess } from "../lib/cluster/api-server-access";
import { ControlPlaneLogCategory } from "../lib/cluster/cluster-monitoring";
import { NodeOsSku, OsDiskType, TaintEffect } from "../lib/cluster/node-pool";
import { resourcesOf, synthJson, testNetwork, testResourceGroup, testStack } from "./util";

const WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-central";

function build(props: Partial<AksClusterProps> = {}) {
  const stack = testStack();
  const cluster = new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork(), ...props });
  return { stack, cluster };
}

function synth(props: Partial<AksClusterProps> = {}) {
  const { stack, cluster } = build(props);
  return { cluster, json: synthJson(stack) };
}

const only = (json: any, type: string): any => {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};

describe("API server access", () => {
  test("authorized ranges go to api_server_access_profile; the cluster stays public otherwise", () => {
    const { json } = synth({ apiServerAccess: ApiServerAccess.fromIpRanges("203.0.113.0/24", "198.51.100.7/32") });
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.api_server_access_profile).toEqual({ authorized_ip_ranges: ["203.0.113.0/24", "198.51.100.7/32"] });
    expect(aks.private_cluster_enabled).toBeUndefined();
    expect(aks.dns_prefix).toBe("aks-aksgw");
  });

  test("a private cluster gets the AKS-managed private DNS zone and no authorized ranges", () => {
    const aks = only(synth({ apiServerAccess: ApiServerAccess.privateCluster() }).json, "azurerm_kubernetes_cluster");
    expect([aks.private_cluster_enabled, aks.private_dns_zone_id, aks.private_cluster_public_fqdn_enabled, aks.api_server_access_profile]).toEqual([
      true,
      "System",
      undefined,
      undefined,
    ]);
    const withFqdn = only(synth({ apiServerAccess: ApiServerAccess.privateCluster({ publicFqdn: true }) }).json, "azurerm_kubernetes_cluster");
    expect(withFqdn.private_cluster_public_fqdn_enabled).toBe(true);
  });

  test("no access: nothing is set (AKS's default, refused by PlatformPolicy AKSGW-11)", () => {
    const aks = only(synth().json, "azurerm_kubernetes_cluster");
    expect([aks.api_server_access_profile, aks.private_cluster_enabled]).toEqual([undefined, undefined]);
  });

  test("token ranges are left to the apply", () => {
    const range = Token.asString({ Ref: "office" });
    const aks = only(synth({ apiServerAccess: ApiServerAccess.fromIpRanges(range) }).json, "azurerm_kubernetes_cluster");
    expect(aks.api_server_access_profile.authorized_ip_ranges).toHaveLength(1);
  });

  test.each<[string, string[], string]>([
    ["no range", [], 'Cluster: apiServerAccess: ApiServerAccess.fromIpRanges() got no range, which AKS reads as "no restriction": the API server would be open to the whole internet. List the egress ranges that must reach it (e.g. "203.0.113.0/24"), or use ApiServerAccess.privateCluster().'],
    ["a bare address", ["203.0.113.7"], 'Cluster: apiServerAccess: authorized range "203.0.113.7" is an address, not a CIDR block; write "203.0.113.7/32" for one address.'],
    ["host bits", ["203.0.113.7/24"], 'Cluster: apiServerAccess: authorized range "203.0.113.7/24" has host bits set; did you mean "203.0.113.0/24"?.'],
    ["an IPv6 block", ["2001:db8::/32"], 'Cluster: apiServerAccess: authorized range "2001:db8::/32" is not an IPv4 CIDR block'],
    ["a duplicate", ["203.0.113.0/24", "203.0.113.0/24"], 'Cluster: apiServerAccess: authorized range "203.0.113.0/24" is listed twice.'],
    ["a number", [42 as unknown as string], 'Cluster: apiServerAccess: authorized range 42 is not a CIDR block such as "203.0.113.0/24".'],
  ])("throws for %s", (_what, ranges, message) => {
    expect(() => build({ apiServerAccess: ApiServerAccess.fromIpRanges(...ranges) })).toThrow(message);
  });

  test("throws past 200 ranges, AKS's limit (AKS docs: api-server-authorized-ip-ranges.md, Limitations)", () => {
    const ranges = Array.from({ length: 201 }, (_, i) => `10.${Math.floor(i / 200)}.${i % 200}.0/24`);
    expect(() => build({ apiServerAccess: ApiServerAccess.fromIpRanges(...ranges) })).toThrow(
      "Cluster: apiServerAccess: 201 authorized ranges were given; AKS accepts at most 200. Merge ranges.",
    );
  });
});

describe("node pools", () => {
  test("defaults: Azure Linux, ephemeral 128 GiB OS disks on Standard_D4ds_v5 (150 GiB temporary disk), AKS's max pods", () => {
    const { json } = synth();
    const system = only(json, "azurerm_kubernetes_cluster").default_node_pool;
    const user = only(json, "azurerm_kubernetes_cluster_node_pool");
    for (const pool of [system, user]) {
      expect([pool.vm_size, pool.os_sku, pool.os_disk_type, pool.os_disk_size_gb, pool.max_pods, pool.node_labels]).toEqual([
        "Standard_D4ds_v5",
        "AzureLinux",
        "Ephemeral",
        128,
        undefined,
        undefined,
      ]);
    }
    expect(system.only_critical_addons_enabled).toBe(true);
    expect(user.node_taints).toBeUndefined();
  });

  test("an ephemeral disk defaults to the local storage of a smaller VM size (Standard_D2s_v3: 50 GiB cache)", () => {
    // MicrosoftDocs/azure-docs: articles/virtual-machines/dv3-dsv3-series.md, "cache size in GiB" of Standard_D2s_v3.
    const pool = only(synth({ userPool: { vmSize: "Standard_D2s_v3" } }).json, "azurerm_kubernetes_cluster_node_pool");
    expect([pool.os_disk_type, pool.os_disk_size_gb]).toEqual(["Ephemeral", 50]);
  });

  test("sizes without local storage, unknown sizes and a disk too large for the storage default to a managed OS disk", () => {
    // MicrosoftDocs/azure-docs: articles/virtual-machines/dv5-dsv5-series.md, "Ephemeral OS Disks: Not Supported".
    const dsv5 = only(synth({ userPool: { vmSize: "Standard_D4s_v5" } }).json, "azurerm_kubernetes_cluster_node_pool");
    expect([dsv5.os_disk_type, dsv5.os_disk_size_gb]).toEqual(["Managed", undefined]);
    const unknown = only(synth({ userPool: { vmSize: "Standard_E8bds_v5" } }).json, "azurerm_kubernetes_cluster_node_pool");
    expect([unknown.os_disk_type, unknown.os_disk_size_gb]).toEqual(["Managed", undefined]);
    const large = only(synth({ userPool: { osDiskSizeGb: 256 } }).json, "azurerm_kubernetes_cluster_node_pool");
    expect([large.os_disk_type, large.os_disk_size_gb]).toEqual(["Managed", 256]);
    const token = only(synth({ userPool: { vmSize: Token.asString({ Ref: "size" }) } }).json, "azurerm_kubernetes_cluster_node_pool");
    expect(token.os_disk_type).toBe("Managed");
  });

  test("an explicit ephemeral disk on a size the library does not know is left to Azure, at the AKS default size", () => {
    const pool = only(synth({ userPool: { vmSize: "Standard_L8s_v3", osDiskType: OsDiskType.EPHEMERAL } }).json, "azurerm_kubernetes_cluster_node_pool");
    expect([pool.os_disk_type, pool.os_disk_size_gb]).toEqual(["Ephemeral", undefined]);
  });

  test("OS SKU, max pods, labels and PreferNoSchedule taints reach the pools", () => {
    const { json } = synth({
      systemPool: { osSku: NodeOsSku.UBUNTU, maxPods: 30, labels: { "contoso.com/pool": "system" } },
      userPool: { maxPods: 250, taints: [{ key: "contoso.com/noisy", value: "yes", effect: TaintEffect.PREFER_NO_SCHEDULE }] },
    });
    const system = only(json, "azurerm_kubernetes_cluster").default_node_pool;
    expect([system.os_sku, system.max_pods, system.node_labels]).toEqual(["Ubuntu", 30, { "contoso.com/pool": "system" }]);
    const user = only(json, "azurerm_kubernetes_cluster_node_pool");
    expect([user.max_pods, user.node_taints]).toEqual([250, ["contoso.com/noisy=yes:PreferNoSchedule"]]);
  });

  test.each<[string, Partial<AksClusterProps>, string]>([
    ["ephemeral on a size without local storage", { userPool: { vmSize: "Standard_D4s_v5", osDiskType: OsDiskType.EPHEMERAL } },
      'Cluster: userPool.osDiskType is OsDiskType.EPHEMERAL, but vmSize "Standard_D4s_v5" has no local storage for an ephemeral OS disk (no cache or temporary disk, or no Premium storage). Use OsDiskType.MANAGED, or a size with a temporary disk such as "Standard_D4ds_v5".'],
    ["an ephemeral disk larger than the local storage", { systemPool: { osDiskType: OsDiskType.EPHEMERAL, osDiskSizeGb: 200 } },
      'Cluster: systemPool.osDiskSizeGb 200 does not fit the 150 GiB of local storage of vmSize "Standard_D4ds_v5", where an ephemeral OS disk lives. Lower osDiskSizeGb to at most 150, choose a larger VM size, or use OsDiskType.MANAGED.'],
    ["an OS disk below 30 GiB", { userPool: { osDiskSizeGb: 29 } }, "Cluster: userPool.osDiskSizeGb must be a whole number of GiB, at least 30 (the smallest AKS node image), got 29."],
    ["a fractional OS disk", { userPool: { osDiskSizeGb: 64.5 } }, "Cluster: userPool.osDiskSizeGb must be a whole number of GiB, at least 30 (the smallest AKS node image), got 64.5."],
    ["max pods below 10", { userPool: { maxPods: 9 } }, "Cluster: userPool.maxPods must be a whole number from 10 to 250 (Azure CNI overlay), got 9. The AKS baseline uses 30."],
    ["max pods above 250", { systemPool: { maxPods: 251 } }, "Cluster: systemPool.maxPods must be a whole number from 10 to 250 (Azure CNI overlay), got 251."],
    ["an OS SKU as a free string", { userPool: { osSku: "Windows2022" as NodeOsSku } }, 'Cluster: userPool.osSku must be one of NodeOsSku (["AzureLinux","Ubuntu"]), got "Windows2022".'],
    ["an OS disk type as a free string", { userPool: { osDiskType: "Local" as OsDiskType } }, 'Cluster: userPool.osDiskType must be one of OsDiskType (["Ephemeral","Managed"]), got "Local".'],
    ["a label key with a space", { userPool: { labels: { "my label": "x" } } }, 'Cluster: userPool.labels key "my label" has a name part that is not 1 to 63'],
    ["a label value too long", { userPool: { labels: { tier: "x".repeat(64) } } }, "Cluster: userPool.labels value"],
    ["taints on the system pool", { systemPool: { taints: [{ key: "a", effect: TaintEffect.NO_SCHEDULE }] } as any },
      'Cluster: systemPool.taints [{"key":"a","effect":"NoSchedule"}] was given, but the system pool carries only CriticalAddonsOnly=true:NoSchedule: azurerm 4.x has no node_taints on the default node pool. Put tainted workloads on a pool of their own (addNodePool).'],
    ["a NoSchedule taint on the main user pool", { userPool: { taints: [{ key: "gpu", effect: TaintEffect.NO_SCHEDULE }] } },
      'Cluster: userPool.taints "gpu:NoSchedule" would keep the shared Gateway, the health responder and the tenants, which tolerate no taints, off the main user pool. Use TaintEffect.PREFER_NO_SCHEDULE here, or taint a pool of its own (addNodePool).'],
    ["a taint in the kubernetes.azure.com domain", { userPool: { taints: [{ key: "kubernetes.azure.com/mode", effect: TaintEffect.PREFER_NO_SCHEDULE }] } },
      'Cluster: userPool.taints key "kubernetes.azure.com/mode" is in the kubernetes.azure.com domain, which AKS reserves. Choose a key of your own.'],
    ["two taints with one key and effect", { userPool: { taints: [{ key: "a", value: "1", effect: TaintEffect.PREFER_NO_SCHEDULE }, { key: "a", value: "2", effect: TaintEffect.PREFER_NO_SCHEDULE }] } },
      'Cluster: userPool.taints has two taints with key "a" and effect "PreferNoSchedule"; Kubernetes allows one.'],
    ["a taint effect as a free string", { userPool: { taints: [{ key: "a", effect: "NoWay" as TaintEffect }] } }, 'Cluster: userPool.taints effect must be one of TaintEffect'],
    ["a taint value with a slash", { userPool: { taints: [{ key: "a", value: "x/y", effect: TaintEffect.PREFER_NO_SCHEDULE }] } }, 'Cluster: userPool.taints value "x/y" of key "a" is not'],
    ["counts below the defaulted minimum", { userPool: { maxCount: 1 } },
      'Cluster: userPool needs whole numbers 1 <= minCount <= maxCount <= 1000, got {"minCount":2,"maxCount":1} (minCount defaults to 2). Example: { minCount: 2, maxCount: 5 }.'],
  ])("throws for %s", (_what, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

describe("addNodePool", () => {
  test("adds an autoscaling user pool under NodePools/<id>, rotating through <name>tmp", () => {
    const { stack, cluster } = build();
    const pool = cluster.addNodePool("Gpu", {
      name: "gpu",
      vmSize: "Standard_D8ds_v5",
      minCount: 0,
      maxCount: 3,
      labels: { "contoso.com/accelerator": "none" },
      taints: [{ key: "contoso.com/gpu", value: "true", effect: TaintEffect.NO_SCHEDULE }],
    });
    expect(pool.node.path).toBe("test/Cluster/NodePools/Gpu");
    expect(cluster.additionalNodePools).toEqual([pool]);
    const json = synthJson(stack);
    const added = Object.values<any>(resourcesOf(json, "azurerm_kubernetes_cluster_node_pool")).find((p) => p.name === "gpu");
    expect(added).toEqual(
      expect.objectContaining({
        mode: "User",
        vm_size: "Standard_D8ds_v5",
        min_count: 0,
        max_count: 3,
        os_disk_type: "Ephemeral",
        os_disk_size_gb: 128,
        node_taints: ["contoso.com/gpu=true:NoSchedule"],
        node_labels: { "contoso.com/accelerator": "none" },
        temporary_name_for_rotation: "gputmp",
        kubernetes_cluster_id: expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.id\}$/),
        vnet_subnet_id: testNetwork().nodeSubnet.subnetId,
      }),
    );
  });

  test("two pools coexist; names must be new, short and not another pool's rotation name", () => {
    const { cluster } = build();
    cluster.addNodePool("A", { name: "batch" });
    cluster.addNodePool("B", { name: "web9" });
    const fail = (name: string, id = "X") => () => cluster.addNodePool(id, { name });
    expect(fail("batch")).toThrow('Cluster: addNodePool name "batch" collides with pool "batch"');
    expect(fail("batchtmp")).toThrow('Cluster: addNodePool name "batchtmp" collides with pool "batchtmp"');
    expect(fail("user")).toThrow('Cluster: addNodePool name "user" collides with pool "user"');
    expect(fail("system")).toThrow('collides with pool "system"');
    expect(fail("abcdefghij")).toThrow(
      'Cluster: addNodePool name must be a lower-case letter followed by up to 8 lower-case letters or digits (the library adds "tmp" for the rotation pool, and AKS pool names have at most 12 characters), got "abcdefghij". Example: "gpu".',
    );
    expect(fail("Gpu")).toThrow('got "Gpu"');
    expect(fail("new", "A")).toThrow('test/Cluster/NodePools/A: node pool "new": test/Cluster/NodePools already has a child with id "A"');
  });

  test("the pool's options are checked like the others, with min 0 allowed", () => {
    const { cluster } = build();
    expect(() => cluster.addNodePool("Z", { name: "zero", minCount: 0, maxCount: 0 })).toThrow(
      'Cluster: nodePool "zero" needs whole numbers 0 <= minCount <= maxCount <= 1000 and maxCount >= 1, got {"minCount":0,"maxCount":0}',
    );
    expect(() => cluster.addNodePool("D", { name: "disk", vmSize: "Standard_D2s_v5", osDiskType: OsDiskType.EPHEMERAL })).toThrow(
      'Cluster: nodePool "disk".osDiskType is OsDiskType.EPHEMERAL, but vmSize "Standard_D2s_v5" has no local storage',
    );
    // A refused pool leaves its name free.
    expect(cluster.addNodePool("D", { name: "disk" }).node.id).toBe("D");
  });
});

describe("guardrails and monitoring", () => {
  test("defaults: the Azure Policy add-on on; no Defender, agent, metrics add-on or monitoring resources", () => {
    const { json, cluster } = synth();
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect([aks.azure_policy_enabled, aks.microsoft_defender, aks.oms_agent, aks.monitor_metrics]).toEqual([true, undefined, undefined, undefined]);
    expect(cluster.monitoring).toBeUndefined();
    expect(Object.keys(json.resource).filter((t) => t.startsWith("azurerm_monitor"))).toEqual([]);
  });

  test("with a workspace: Container Insights (agent with managed identity, rule and association) and the baseline's control-plane logs", () => {
    const { json, cluster } = synth({ monitoring: { logAnalyticsWorkspaceId: WORKSPACE } });
    const aks = only(json, "azurerm_kubernetes_cluster");
    expect(aks.oms_agent).toEqual({ log_analytics_workspace_id: WORKSPACE, msi_auth_for_monitoring_enabled: true });
    const diag = only(json, "azurerm_monitor_diagnostic_setting");
    expect(diag).toEqual({
      name: "diag-aks-aksgw",
      target_resource_id: expect.stringMatching(/^\$\{azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.id\}$/),
      log_analytics_workspace_id: WORKSPACE,
      log_analytics_destination_type: "Dedicated",
      enabled_log: [{ category: "kube-audit-admin" }, { category: "guard" }, { category: "cluster-autoscaler" }, { category: "kube-controller-manager" }],
    });
    expect(AksCluster.DEFAULT_CONTROL_PLANE_LOGS).toEqual(["kube-audit-admin", "guard", "cluster-autoscaler", "kube-controller-manager"]);
    const rule = only(json, "azurerm_monitor_data_collection_rule");
    // microsoft/Docker-Provider: scripts/onboarding/aks/onboarding-msi-terraform/main.tf (Azure's onboarding template).
    expect(rule.destinations).toEqual({ log_analytics: [{ name: "ciworkspace", workspace_resource_id: WORKSPACE }] });
    expect(rule.data_sources.extension[0]).toEqual(expect.objectContaining({ name: "ContainerInsightsExtension", extension_name: "ContainerInsights" }));
    expect(JSON.parse(rule.data_sources.extension[0].extension_json)).toEqual({
      dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
    });
    expect(rule.data_flow[0].streams).toEqual(rule.data_sources.extension[0].streams);
    expect(rule.data_flow[0].streams).not.toContain("Microsoft-ContainerLog");
    const association = only(json, "azurerm_monitor_data_collection_rule_association");
    expect(association).toEqual(
      expect.objectContaining({ name: "ContainerInsightsExtension", data_collection_rule_id: expect.stringMatching(/^\$\{azurerm_monitor_data_collection_rule\./) }),
    );
    expect(cluster.monitoring?.containerInsightsRule).toBeDefined();
  });

  test("control-plane categories can be chosen or turned off; Container Insights can be turned off", () => {
    const chosen = synth({ monitoring: { logAnalyticsWorkspaceId: WORKSPACE, containerInsights: false, controlPlaneLogs: [ControlPlaneLogCategory.KUBE_AUDIT, ControlPlaneLogCategory.GUARD] } }).json;
    expect(only(chosen, "azurerm_monitor_diagnostic_setting").enabled_log).toEqual([{ category: "kube-audit" }, { category: "guard" }]);
    expect([resourcesOf(chosen, "azurerm_monitor_data_collection_rule"), only(chosen, "azurerm_kubernetes_cluster").oms_agent]).toEqual([{}, undefined]);
    const none = synth({ monitoring: { logAnalyticsWorkspaceId: WORKSPACE, containerInsights: false, controlPlaneLogs: [] } });
    expect(none.cluster.monitoring).toBeUndefined();
  });

  test("Defender reports to the workspace; the Azure Policy add-on can be turned off", () => {
    const aks = only(synth({ defender: true, azurePolicy: false, monitoring: { logAnalyticsWorkspaceId: WORKSPACE } }).json, "azurerm_kubernetes_cluster");
    expect([aks.microsoft_defender, aks.azure_policy_enabled]).toEqual([{ log_analytics_workspace_id: WORKSPACE }, false]);
  });

  test("managed Prometheus: workspace, endpoint, rule and association as Azure/prometheus-collector's template, and the metrics add-on", () => {
    const { json, cluster } = synth({ monitoring: { managedPrometheus: true } });
    expect(only(json, "azurerm_kubernetes_cluster").monitor_metrics).toEqual({});
    expect(only(json, "azurerm_monitor_workspace").name).toBe("amw-aksgw");
    expect(only(json, "azurerm_monitor_data_collection_endpoint")).toEqual(expect.objectContaining({ name: "dce-aksgw", kind: "Linux" }));
    const rule = only(json, "azurerm_monitor_data_collection_rule");
    expect(rule).toEqual(
      expect.objectContaining({
        name: "dcr-prom-aksgw",
        kind: "Linux",
        data_collection_endpoint_id: expect.stringMatching(/^\$\{azurerm_monitor_data_collection_endpoint\./),
        destinations: { monitor_account: [{ name: "MonitoringAccount1", monitor_account_id: expect.stringMatching(/^\$\{azurerm_monitor_workspace\./) }] },
        data_flow: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }],
        data_sources: { prometheus_forwarder: [{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"] }] },
      }),
    );
    expect(only(json, "azurerm_monitor_data_collection_rule_association").name).toBe("dcra-prom-aksgw");
    expect(cluster.monitoring?.prometheusWorkspace).toBeDefined();
  });

  test.each<[string, Partial<AksClusterProps>, string]>([
    ["Container Insights without a workspace", { monitoring: { containerInsights: true } },
      "Cluster: monitoring.containerInsights is true, but Container Insights sends its data to a Log Analytics workspace and none was given. Give monitoring.logAnalyticsWorkspaceId (with PlatformStack: logAnalytics: true, or existingLogAnalyticsWorkspaceId), or leave containerInsights out."],
    ["control-plane logs without a workspace", { monitoring: { controlPlaneLogs: [ControlPlaneLogCategory.GUARD] } },
      'Cluster: monitoring.controlPlaneLogs ["guard"] were given, but the diagnostic setting needs a Log Analytics workspace to send them to and none was given.'],
    ["Defender without a workspace", { defender: true },
      "Cluster: defender is true, but Microsoft Defender for Containers reports to a Log Analytics workspace and none was given. Give monitoring.logAnalyticsWorkspaceId"],
    ["a workspace ID with a lower-case segment", { monitoring: { logAnalyticsWorkspaceId: WORKSPACE.replace("Microsoft.OperationalInsights", "microsoft.operationalinsights") } },
      'Cluster: monitoring.logAnalyticsWorkspaceId "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/microsoft.operationalinsights/workspaces/log-central" spells "microsoft.operationalinsights" where azurerm requires "Microsoft.OperationalInsights"'],
    ["an unknown category", { monitoring: { logAnalyticsWorkspaceId: WORKSPACE, controlPlaneLogs: ["kube-everything" as ControlPlaneLogCategory] } },
      'Cluster: monitoring.controlPlaneLogs has "kube-everything", which is not a ControlPlaneLogCategory'],
    ["a category twice", { monitoring: { logAnalyticsWorkspaceId: WORKSPACE, controlPlaneLogs: [ControlPlaneLogCategory.GUARD, ControlPlaneLogCategory.GUARD] } },
      'Cluster: monitoring.controlPlaneLogs lists a category twice: ["guard","guard"]. List each category once.'],
    ["a maintenance window with every upgrade channel off", { upgradeChannel: UpgradeChannel.NONE, nodeOsUpgradeChannel: NodeOsUpgradeChannel.NONE, maintenanceWindow: { startTime: "02:00" } },
      'Cluster: maintenanceWindow {"startTime":"02:00"} was given, but upgradeChannel and nodeOsUpgradeChannel are both NONE, so no upgrade ever runs in it.'],
  ])("throws for %s", (_what, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test("a token workspace ID is accepted; both upgrade channels off without a window is fine", () => {
    const workspace = Token.asString({ Ref: "workspace" });
    expect(() => build({ defender: true, monitoring: { logAnalyticsWorkspaceId: workspace } })).not.toThrow();
    expect(() => build({ upgradeChannel: UpgradeChannel.NONE, nodeOsUpgradeChannel: NodeOsUpgradeChannel.NONE })).not.toThrow();
  });
});
