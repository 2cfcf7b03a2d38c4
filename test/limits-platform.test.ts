/**
 * Platform limits at the boundary (issue 12 item 3): the cluster (maintenance window, node pool counts, secret
 * rotation, service and pod CIDRs against the VNet), the gateway (autoscaling, disruption budget, listener ports,
 * the names derived from its name and namespace), Azure tags, route checks, workload identity names, policy
 * suppression reasons and the names of an existing platform and state backend. Each is accepted exactly at the
 * limit (the value reaches the synthesized JSON) and refused one past it with its message.
 *
 * Sides already tested elsewhere are named in the test titles and not repeated: test/aks-cluster.test.ts
 * (durationHours 2, minCount > maxCount, a /29 service CIDR, rotation 0, 60), test/gateway-parameters.test.ts
 * (minReplicas 1, cpuUtilization 0 and 150, minAvailable -1, 0 and equal to minReplicas, port 70000),
 * test/shared-gateway.test.ts (9 infrastructure annotations, a 71-character admission label),
 * test/health-responder.test.ts (2 and 1 replicas), test/istio-ambient.test.ts (istiodReplicas 1 and 0),
 * test/bad-input.test.ts (51 tags, expectStatus 99), test/workload-identity.test.ts (identity names of 2 and 128)
 * and test/platform-policy.test.ts (a 6-character reason).
 */
import { Aspects, TerraformStack, Testing } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { AksCluster, AksClusterProps } from "../lib/cluster/aks-cluster";
import { WorkloadIdentity } from "../lib/cluster/workload-identity";
import { GatewayMode } from "../lib/core/gateway-mode";
import { WafMode, WafPolicy } from "../lib/edge/waf-policy";
import { GatewayParameters, GatewayParametersProps } from "../lib/gateway/gateway-parameters";
import { SharedGateway, SharedGatewayProps } from "../lib/gateway/shared-gateway";
import { PlatformPolicy } from "../lib/policy/platform-policy";
import { PlatformStack } from "../stacks/platform-stack";
import { StateBackend } from "../stacks/state-backend";
import { ExistingPlatform, TrafficStack } from "../stacks/traffic-stack";
import { resourcesOf, synthJson, testNetwork, testResourceGroup, testStack } from "./util";

const only = (json: any, type: string): any => {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
};

describe("AksCluster", () => {
  function accepted(props: Partial<AksClusterProps>): any {
    const stack = testStack();
    new AksCluster(stack, "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork(), ...props });
    return synthJson(stack);
  }
  const refused = (props: Partial<AksClusterProps>) => () =>
    new AksCluster(testStack(), "Cluster", { resourceGroup: testResourceGroup(), network: testNetwork(), ...props });

  test.each([4, 24])("a maintenance window of %d hours is accepted", (durationHours) => {
    const aks = only(accepted({ maintenanceWindow: { durationHours } }), "azurerm_kubernetes_cluster");
    expect([aks.maintenance_window_auto_upgrade.duration, aks.maintenance_window_node_os.duration]).toEqual([durationHours, durationHours]);
  });

  test.each([3, 25])("a maintenance window of %d hours is refused", (durationHours) => {
    expect(refused({ maintenanceWindow: { durationHours } })).toThrow(
      new RegExp(`test/Cluster: maintenanceWindow\\.durationHours must be a whole number from 4 to 24 \\(AKS minimum is 4\\), got ${durationHours}\\.`),
    );
  });

  test("node pools of 1–1 and 1000–1000 nodes are accepted", () => {
    const json = accepted({ systemPool: { minCount: 1, maxCount: 1 }, userPool: { minCount: 1000, maxCount: 1000 } });
    const system = only(json, "azurerm_kubernetes_cluster").default_node_pool;
    const user = only(json, "azurerm_kubernetes_cluster_node_pool");
    expect([system.min_count, system.max_count, user.min_count, user.max_count]).toEqual([1, 1, 1000, 1000]);
  });

  test.each<[string, Partial<AksClusterProps>, string]>([
    ["a minimum of 0", { systemPool: { minCount: 0, maxCount: 3 } }, 'systemPool needs whole numbers 1 <= minCount <= maxCount <= 1000, got {"minCount":0,"maxCount":3}'],
    ["a maximum of 1001", { userPool: { minCount: 2, maxCount: 1001 } }, 'userPool needs whole numbers 1 <= minCount <= maxCount <= 1000, got {"minCount":2,"maxCount":1001}'],
    ["a maximum one below the minimum", { userPool: { minCount: 3, maxCount: 2 } }, 'userPool needs whole numbers 1 <= minCount <= maxCount <= 1000, got {"minCount":3,"maxCount":2}'],
  ])("a node pool with %s is refused", (_what, props, message) => {
    expect(refused(props)).toThrow(message);
  });

  test("Kubernetes 1.26 (the first with the Managed Gateway API) is accepted, 1.25 refused", () => {
    expect(only(accepted({ kubernetesVersion: "1.26" }), "azurerm_kubernetes_cluster").kubernetes_version).toBe("1.26");
    expect(refused({ kubernetesVersion: "1.25" })).toThrow(
      /kubernetesVersion "1\.25" is older than 1\.26, the first version the AKS Managed Gateway API supports\./,
    );
  });

  test("a secret rotation poll of 1 minute is accepted (0 and 60 in aks-cluster.test.ts)", () => {
    const aks = only(accepted({ keyVaultSecretsProvider: { rotationPollMinutes: 1 } }), "azurerm_kubernetes_cluster");
    expect(aks.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "1m" });
  });

  test("a /28 service CIDR is accepted (a /29 is refused in aks-cluster.test.ts)", () => {
    const aks = only(accepted({ serviceCidr: "10.0.0.0/28" }), "azurerm_kubernetes_cluster");
    expect(aks.network_profile).toMatchObject({ service_cidr: "10.0.0.0/28", dns_service_ip: "10.0.0.10" });
  });

  // testNetwork(): VNet 10.240.0.0/16.
  test("service and pod CIDRs right below and right above the VNet are accepted", () => {
    const below = only(accepted({ serviceCidr: "10.239.255.0/24", podCidr: "10.241.0.0/16" }), "azurerm_kubernetes_cluster");
    expect(below.network_profile).toMatchObject({ service_cidr: "10.239.255.0/24", pod_cidr: "10.241.0.0/16" });
    const above = only(accepted({ serviceCidr: "10.241.0.0/24", podCidr: "10.224.0.0/12" }), "azurerm_kubernetes_cluster");
    expect(above.network_profile).toMatchObject({ service_cidr: "10.241.0.0/24", pod_cidr: "10.224.0.0/12" });
  });

  test.each<[string, Partial<AksClusterProps>, RegExp]>([
    ["a service CIDR on the VNet's first block", { serviceCidr: "10.240.0.0/24" }, /serviceCidr "10\.240\.0\.0\/24" overlaps the VNet address space "10\.240\.0\.0\/16"/],
    ["a service CIDR on the VNet's last block", { serviceCidr: "10.240.255.0/24" }, /serviceCidr "10\.240\.255\.0\/24" overlaps the VNet address space "10\.240\.0\.0\/16"/],
    ["a pod CIDR containing the VNet", { podCidr: "10.240.0.0/15" }, /podCidr "10\.240\.0\.0\/15" overlaps the VNet address space "10\.240\.0\.0\/16"; pods and services would be unroutable/],
    ["a service CIDR touching the pod CIDR's last block", { serviceCidr: "10.244.255.0/24" }, /serviceCidr "10\.244\.255\.0\/24" overlaps podCidr "10\.244\.0\.0\/16"/],
  ])("%s is refused", (_what, props, message) => {
    expect(refused(props)).toThrow(message);
  });
});

describe("gateway autoscaling, disruption budget and ports", () => {
  const base: GatewayParametersProps = { name: "gw-parameters", namespace: "gateway-system", listenerPorts: [80] };
  /** The parsed overlays of the gateway's ConfigMap. */
  function accepted(props: Partial<GatewayParametersProps>): any {
    const stack = testStack();
    new GatewayParameters(stack, "Parameters", { ...base, ...props });
    const data = only(synthJson(stack), "kubernetes_config_map_v1").data;
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, JSON.parse(v as string)]));
  }
  const refused = (props: Partial<GatewayParametersProps>) => () => new GatewayParameters(testStack(), "Parameters", { ...base, ...props });

  test("minReplicas 2 = maxReplicas 2 with minAvailable 1 is accepted", () => {
    const o = accepted({ autoscaling: { minReplicas: 2, maxReplicas: 2 }, disruptionBudget: { minAvailable: 1 } });
    expect(o.horizontalPodAutoscaler.spec).toMatchObject({ minReplicas: 2, maxReplicas: 2 });
    expect(o.podDisruptionBudget.spec).toEqual({ minAvailable: 1 });
  });

  test("minAvailable one below minReplicas is accepted (equal is refused in gateway-parameters.test.ts)", () => {
    expect(accepted({ autoscaling: { minReplicas: 3 }, disruptionBudget: { minAvailable: 2 } }).podDisruptionBudget.spec).toEqual({ minAvailable: 2 });
  });

  test("maxReplicas one below minReplicas is refused", () => {
    expect(refused({ autoscaling: { minReplicas: 3, maxReplicas: 2 } })).toThrow(
      /autoscaling\.minReplicas \(3\) must not exceed maxReplicas \(2\)\. Raise maxReplicas or lower minReplicas\./,
    );
  });

  test.each([1, 100])("a CPU target of %d %% is accepted", (cpuUtilization) => {
    expect(accepted({ autoscaling: { cpuUtilization } }).horizontalPodAutoscaler.spec.metrics[0].resource.target.averageUtilization).toBe(cpuUtilization);
  });

  test("a CPU target of 101 % is refused", () => {
    expect(refused({ autoscaling: { cpuUtilization: 101 } })).toThrow(/autoscaling\.cpuUtilization must be an integer percentage from 1 to 100, got 101\./);
  });

  test("listener ports 1 and 65535 are accepted: the overlay nulls both ports' probe annotations", () => {
    const probe = (port: number) =>
      Object.fromEntries(["port", "protocol", "request-path"].map((k) => [`service.beta.kubernetes.io/port_${port}_health-probe_${k}`, null]));
    expect(accepted({ listenerPorts: [1, 65535] }).service.metadata.annotations).toEqual({ ...probe(1), ...probe(65535) });
  });

  test.each([0, 65536])("a listener port of %d is refused", (port) => {
    expect(refused({ listenerPorts: [80, port] })).toThrow(new RegExp(`listener ports must be integers from 1 to 65535, got ${port}\\.`));
  });
});

describe("the shared Gateway's names and annotations", () => {
  const required: SharedGatewayProps = { gatewayMode: GatewayMode.APP_ROUTING_ISTIO, address: "10.240.4.4", subnetName: "snet-gateway" };
  function gatewayManifest(props: Partial<SharedGatewayProps>): any {
    const stack = testStack();
    new SharedGateway(stack, "Gateway", { ...required, ...props });
    const manifests = Object.values(resourcesOf(synthJson(stack), "kubernetes_manifest")).map((r: any) => r.manifest);
    return manifests.find((m) => m.kind === "Gateway");
  }
  const refused = (props: Partial<SharedGatewayProps>) => () => new SharedGateway(testStack(), "Gateway", { ...required, ...props });

  test("5 extra infrastructure annotations (8 in all) are accepted", () => {
    const extra = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`example.com/a${i}`, "x"]));
    expect(Object.keys(gatewayManifest({ infrastructureAnnotations: extra }).spec.infrastructure.annotations)).toHaveLength(8);
  });

  test("a <namespace>.<name> admission label value of 63 characters is accepted, of 64 refused", () => {
    const namespace = `n${"s".repeat(59)}`; // 60 + "." + "gw" = 63
    const gw = gatewayManifest({ name: "gw", namespace });
    expect(gw.metadata).toMatchObject({ name: "gw", namespace });
    expect(gw.spec.listeners[0].allowedRoutes.namespaces.selector.matchLabels).toEqual({ "cdktf-aks-gateway/gateway": `${namespace}.gw` });
    expect(refused({ name: "gw", namespace: `${namespace}s` })).toThrow(
      /namespace and name "ns{60}\.gw" make 64 characters, but the admission label value \(<namespace>\.<name>\) allows at most 63\. Shorten the Gateway's name or namespace\./,
    );
  });

  test("a generated Service name (<name>-approuting-istio) of 63 characters is accepted, of 64 refused", () => {
    const name = `g${"w".repeat(45)}`; // 46 + "-approuting-istio" (17) = 63
    expect(gatewayManifest({ name, namespace: "gw" }).metadata.name).toBe(name);
    expect(refused({ name: `${name}w`, namespace: "gw" })).toThrow(
      /the generated Service name "gw{46}-approuting-istio" \(<name>-<gatewayClassName>\) must be a DNS-1035 label: at most 63 characters, starting with a letter \(it has 64\)\./,
    );
  });
});

describe("Azure tags of the platform", () => {
  test("50 tags, a 512-character tag name and a 256-character value are accepted", () => {
    const tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`t${i}`, "x"]));
    tags["n".repeat(512)] = "x";
    tags.long = "v".repeat(256);
    const platform = new PlatformStack(Testing.app(), "p", { tags });
    const group = only(synthJson(platform), "azurerm_resource_group");
    expect(Object.keys(group.tags)).toHaveLength(50);
    expect(group.tags.long).toHaveLength(256);
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ["a 513-character tag name", { ["n".repeat(513)]: "x" }, /^p: tags: tag name "n{513}" must be 1-512 characters\./],
    ["an empty tag name", { "": "x" }, /^p: tags: tag name "" must be 1-512 characters\./],
    ["a 257-character value", { long: "v".repeat(257) }, /^p: tags: tag "long" has a value that is not a string of at most 256 characters\./],
  ])("%s is refused (51 tags in bad-input.test.ts)", (_what, tags, message) => {
    expect(() => new PlatformStack(Testing.app(), "p", { tags })).toThrow(message);
  });
});

describe("route checks and an existing platform's names", () => {
  const EXISTING: ExistingPlatform = { clusterName: "aks-prod", resourceGroupName: "rg-prod", gatewayAddress: "10.240.4.4", gatewaySubnetName: "snet-gateway" };
  function traffic(platform: Partial<ExistingPlatform> = {}): TrafficStack {
    const stack = new TrafficStack(Testing.app(), "t", { platform: { ...EXISTING, ...platform } });
    stack.addTenant({ name: "shop", hostnames: ["shop.contoso.com"] });
    return stack;
  }
  const checksOf = (stack: TrafficStack) => synthJson(stack, true).output.route_checks.value;

  test("expectStatus 100 and 599 and a path of 2048 characters are accepted", () => {
    const stack = traffic();
    const path = `/${"p".repeat(2047)}`;
    stack.addRouteCheck({ name: "continue", host: "shop.contoso.com", path: "/", expectStatus: 100 });
    stack.addRouteCheck({ name: "last", host: "shop.contoso.com", path, expectStatus: 599 });
    expect(checksOf(stack)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "continue", expect_status: 100 }),
        expect.objectContaining({ name: "last", path, expect_status: 599 }),
      ]),
    );
  });

  test("expectStatus 600 and a path of 2049 characters are refused (expectStatus 99 in bad-input.test.ts)", () => {
    expect(() => traffic().addRouteCheck({ name: "c", host: "shop.contoso.com", path: "/", expectStatus: 600 })).toThrow(
      /route check "c": expectStatus must be an HTTP status code 100-599, got 600\./,
    );
    expect(() => traffic().addRouteCheck({ name: "c", host: "shop.contoso.com", path: `/${"p".repeat(2048)}` })).toThrow(
      /route check "c": path "\/p{2048}" must start with "\/" and hold no spaces or fragment/,
    );
  });

  test("a 63-character cluster name and a 90-character resource group name are accepted", () => {
    const clusterName = `a${"k".repeat(62)}`;
    const resourceGroupName = `r${"g".repeat(89)}`;
    const json = synthJson(traffic({ clusterName, resourceGroupName }));
    const aks = Object.values(json.data.azurerm_kubernetes_cluster) as any[];
    expect(aks.map((d) => [d.name, d.resource_group_name])).toEqual([[clusterName, resourceGroupName]]);
  });

  test.each<[string, Partial<ExistingPlatform>, RegExp]>([
    ["a 64-character cluster name", { clusterName: `a${"k".repeat(63)}` }, /platform\.clusterName "ak{63}" is not an AKS cluster name \(1-63 letters/],
    ["a 91-character resource group name", { resourceGroupName: `r${"g".repeat(90)}` }, /platform\.resourceGroupName "rg{90}" is 91 characters long; resource group names are 1-90\./],
  ])("%s is refused", (_what, platform, message) => {
    expect(() => traffic(platform)).toThrow(message);
  });
});

describe("state backend names", () => {
  const backend = (o: object) => StateBackend.azureStorage({ resourceGroupName: "rg-state", storageAccountName: "sttfstate", containerName: "tfstate", ...o });
  const platform = (o: object) => new PlatformStack(Testing.app(), "p", { backend: backend(o) });

  test("storage accounts of 3 and 24 characters, containers of 3 and 63, a key prefix of 512 are accepted", () => {
    for (const o of [
      { storageAccountName: "st1", containerName: "tfs" },
      { storageAccountName: `s${"t".repeat(23)}`, containerName: `t${"f".repeat(62)}`, keyPrefix: "k".repeat(512) },
    ]) {
      const json = synthJson(platform(o));
      expect(json.terraform.backend.azurerm).toMatchObject({ storage_account_name: o.storageAccountName, container_name: o.containerName });
    }
  });

  test.each<[string, object, RegExp]>([
    ["a 2-character storage account", { storageAccountName: "st" }, /storageAccountName "st" is not a storage account name \(3-24/],
    ["a 25-character storage account", { storageAccountName: `s${"t".repeat(24)}` }, /storageAccountName "st{24}" is not a storage account name/],
    ["a 2-character container", { containerName: "tf" }, /containerName "tf" is not a blob container name \(3-63/],
    ["a 64-character container", { containerName: `t${"f".repeat(63)}` }, /containerName "tf{63}" is not a blob container name/],
    ["a 513-character key prefix", { keyPrefix: "k".repeat(513) }, /keyPrefix "k{513}" must be 1-512 characters/],
  ])("%s is refused", (_what, o, message) => {
    expect(() => platform(o)).toThrow(message);
  });
});

describe("workload identity names", () => {
  const identity = (identityName: string) =>
    new WorkloadIdentity(testStack(), "Tls", {
      resourceGroup: testResourceGroup(),
      identityName,
      oidcIssuerUrl: "https://issuer.example.com/",
      namespace: "gateway-system",
      serviceAccountName: "gateway-certificates",
    });

  test("a 3-character identity name is accepted (128 in workload-identity.test.ts)", () => {
    const id = identity("id1");
    expect(only(synthJson(id.node.scope as TerraformStack), "azurerm_user_assigned_identity").name).toBe("id1");
  });

  test("a 129-character identity name is refused (2 in workload-identity.test.ts)", () => {
    expect(() => identity("i".repeat(129))).toThrow(/identityName must be 3-128 letters, digits, '-' and '_', starting with a letter or digit, got "i{129}"\./);
  });
});

describe("policy suppression reasons", () => {
  function findings(reason: string): string[] {
    const stack = testStack();
    new KubernetesProvider(stack, "kubernetes", {});
    const waf = new WafPolicy(stack, "Tuning", { resourceGroup: testResourceGroup(), name: "waf-t", mode: WafMode.DETECTION });
    PlatformPolicy.suppress(waf, "AKSGW-1", reason);
    Aspects.of(stack).add(new PlatformPolicy());
    Testing.synth(stack);
    return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => String(m.data)));
  }

  test("a reason of 10 characters suppresses, even padded with spaces", () => {
    expect(findings("DRS tuning")).toEqual([]);
    expect(findings("  DRS tuning  ")).toEqual([]);
  });

  test("a reason of 9 characters (after trimming) is refused and does not suppress", () => {
    expect(findings("  DRS tune    ")).toEqual([
      expect.stringMatching(/^\[AKSGW-1\] suppression needs a reason of at least 10 characters, got " {2}DRS tune {4}"\./),
      expect.stringMatching(/^\[AKSGW-1\] WAF policy is not enabled in Prevention mode/),
    ]);
  });
});
