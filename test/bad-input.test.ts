/**
 * Bad input as a new user types it, one category per block: each fails at synth with this library's
 * ValidationError, naming the construct path, the value as typed (NaN, Infinity, undefined shown as such) and
 * the fix — never the constructs framework's error or a silent synth.
 */
import { App, Testing } from "cdktf";
import { ValidationError } from "../lib/core/errors";
import { GatewayMode } from "../lib/core/gateway-mode";
import { HealthProbe } from "../lib/edge/health-probe";
import { PathMatch } from "../lib/tenancy/route-match";
import { HealthResponder } from "../lib/gateway/health-responder";
import { SharedGateway } from "../lib/gateway/shared-gateway";
import { PlatformStack, PlatformStackConfig } from "../stacks/platform-stack";
import { ExistingPlatform, TrafficStack, TrafficStackConfig } from "../stacks/traffic-stack";
import { StateBackend } from "../stacks/state-backend";
import { testStack } from "./util";

const EXISTING: ExistingPlatform = {
  clusterName: "aks-prod",
  resourceGroupName: "rg-prod",
  gatewayAddress: "10.240.4.4",
  gatewaySubnetName: "snet-gateway",
};

function platform(config: PlatformStackConfig = {}): PlatformStack {
  return new PlatformStack(Testing.app(), "p", config);
}

function traffic(config: Partial<TrafficStackConfig> = {}, app: App = Testing.app()): TrafficStack {
  return new TrafficStack(app, "t", { platform: EXISTING, ...config });
}

/** Synth with validations, so checks that need every tenant (route checks, probe host) run. */
function synthWithValidations(stack: TrafficStack): void {
  Testing.synth(stack, true);
}

describe("namespaces that collide or belong to the system", () => {
  test.each([
    ["the health responder's", "gateway-health", /t\/Tenants\/shop: tenant "shop" creates namespace "gateway-health", which t\/Health already creates in the same cluster/],
    ["the gateway's", "gateway-system", /namespace "gateway-system" is the gateway's namespace/],
    ["a Kubernetes system", "kube-system", /namespace "kube-system" is a system namespace/],
    ["AKS app-routing Istio's", "aks-istio-system", /namespace "aks-istio-system" is a system namespace/],
  ])("a tenant in %s namespace", (_what, namespace, message) => {
    expect(() => traffic().addTenant({ name: "shop", namespace, hostnames: ["shop.contoso.com"] })).toThrow(message);
  });

  test("a tenant in the self-managed Istio's namespace", () => {
    const stack = traffic({ platform: { ...EXISTING, gatewayMode: GatewayMode.SELF_MANAGED_ISTIO } });
    expect(() => stack.addTenant({ name: "shop", namespace: "istio-system", hostnames: ["shop.contoso.com"] })).toThrow(
      /tenant "shop" creates namespace "istio-system", which t\/Istio already creates/,
    );
  });

  test("Istio in the gateway's namespace", () => {
    expect(() =>
      traffic({ platform: { ...EXISTING, gatewayMode: GatewayMode.SELF_MANAGED_ISTIO }, istio: { namespace: "gateway-system" } }),
    ).toThrow(/t\/Gateway: the shared Gateway creates namespace "gateway-system", which t\/Istio already creates/);
  });

  test.each(["kube-public", "app-routing-system", "default"])("the gateway in system namespace %s", (namespace) => {
    expect(() => traffic({ gateway: { namespace } })).toThrow(new RegExp(`t/Gateway: namespace "${namespace}" is a system namespace`));
  });

  test("a second health responder on the same namespace", () => {
    const stack = testStack();
    const gateway = new SharedGateway(stack, "Gateway", { gatewayMode: GatewayMode.APP_ROUTING_ISTIO, address: "10.240.4.4", subnetName: "snet-gateway" });
    new HealthResponder(stack, "Health", { gateway });
    expect(() => new HealthResponder(stack, "Health2", { gateway })).toThrow(ValidationError);
  });
});

describe("free-text Azure values", () => {
  test.each<[string, PlatformStackConfig, RegExp]>([
    ["a misspelt region", { location: "swedencentrl" }, /^p: location "swedencentrl" is not an Azure region; did you mean "swedencentral"\?/],
    ["a region with punctuation", { location: "west-europe" }, /location "west-europe" is not an Azure region name/],
    ["a subscription that is no GUID", { subscriptionId: "my-subscription" }, /subscriptionId "my-subscription" is not a subscription ID \(a GUID/],
    ["a tag name with a slash", { tags: { "cost/center": "42" } }, /tags: tag name "cost\/center" contains one of < > % & \\ \? \//],
    ["51 tags", { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, "x"])) }, /has 51 tags; Azure allows at most 50/],
    ["a VM size in lower case", { cluster: { userPool: { vmSize: "standard_d4ds_v5" } } }, /p\/Cluster: userPool.vmSize "standard_d4ds_v5" must be spelled as Azure spells VM sizes/],
    ["a VM size with one vCPU", { cluster: { systemPool: { vmSize: "Standard_B1s" } } }, /systemPool.vmSize "Standard_B1s" has 1 vCPU; AKS node pools need at least 2 vCPUs/],
    ["a display-name VM size", { cluster: { systemPool: { vmSize: "D4ds v5" } } }, /is not an Azure VM size name/],
  ])("%s", (_what, config, message) => {
    expect(() => platform(config)).toThrow(message);
  });

  test.each<[string, object, RegExp]>([
    ["an upper-case storage account", { storageAccountName: "StTfState" }, /storageAccountName "StTfState" is not a storage account name/],
    ["a container with a double hyphen", { containerName: "tf--state" }, /containerName "tf--state" is not a blob container name/],
    ["a resource group ending in a dot", { resourceGroupName: "rg-state." }, /resourceGroupName "rg-state\." is not a resource group name/],
    ["a key prefix with a leading slash", { keyPrefix: "/states" }, /keyPrefix "\/states" must be/],
  ])("state backend: %s", (_what, change, message) => {
    const backend = StateBackend.azureStorage({ resourceGroupName: "rg-state", storageAccountName: "sttfstate", containerName: "tfstate", ...change });
    expect(() => platform({ backend })).toThrow(message);
  });

  test.each<[string, Partial<ExistingPlatform>, RegExp]>([
    ["a cluster name with a dot", { clusterName: "aks.prod" }, /platform\.clusterName "aks\.prod" is not an AKS cluster name/],
    ["a subscription that is no GUID", { subscriptionId: "prod" }, /platform\.subscriptionId "prod" is not a subscription ID/],
    ["a Kubernetes version too old for the Managed Gateway API", { kubernetesVersion: "1.25" }, /platform\.kubernetesVersion "1\.25" must be a Kubernetes version 1\.26 or later/],
  ])("existing platform: %s", (_what, change, message) => {
    expect(() => traffic({ platform: { ...EXISTING, ...change } })).toThrow(message);
  });
});

describe("duplicates and empty names get our error, not the framework's", () => {
  test("a tenant name used twice", () => {
    const stack = traffic();
    stack.addTenant({ name: "shop", hostnames: ["shop.contoso.com"] });
    expect(() => stack.addTenant({ name: "shop", hostnames: ["other.contoso.com"] })).toThrow(
      /^t\/Tenants\/shop: tenant "shop" already exists on gateway "shared-gateway" \(at t\/Tenants\/shop\)/,
    );
  });

  test("an empty tenant name", () => {
    expect(() => traffic().addTenant({ name: "", hostnames: ["shop.contoso.com"] })).toThrow(/^t\/Tenants: tenant name "" is not a DNS-1123 label/);
  });

  test("a route id used twice, and an empty route id", () => {
    const tenant = traffic().addTenant({ name: "shop", hostnames: ["shop.contoso.com"] });
    const rules = [{ backends: [{ serviceName: "web", port: 80 }] }];
    tenant.addRoute("Web", { rules });
    expect(() => tenant.addRoute("Web", { rules })).toThrow(/t\/Tenants\/shop\/Routes\/Web: route "web" of tenant "shop": tenant "shop" already has a route named "web"/);
    expect(() => tenant.addRoute("Api", { name: "web", rules })).toThrow(/already has a route named "web"/);
    expect(() => tenant.addRoute("", { name: "x", rules })).toThrow(/route "x" of tenant "shop" needs a non-empty construct id, got ""/);
  });
});

describe("numbers as typed: NaN and Infinity are shown as such", () => {
  test.each<[string, PlatformStackConfig, RegExp]>([
    ["NaN instances", { edge: { autoscale: { minCapacity: NaN } } }, /autoscale\.minCapacity must be an integer from 0 to 100, got NaN/],
    ["Infinity instances", { edge: { autoscale: { maxCapacity: Infinity } } }, /got Infinity/],
    ["a NaN node count", { cluster: { userPool: { minCount: NaN } } }, /"minCount":NaN/],
  ])("%s", (_what, config, message) => {
    expect(() => platform(config)).toThrow(message);
  });
});

describe("route checks", () => {
  function withTenant(): TrafficStack {
    const stack = traffic();
    stack.addTenant({ name: "shop", hostnames: ["shop.contoso.com"], pathPrefixes: ["/shop"] });
    return stack;
  }

  test.each<[string, object, RegExp]>([
    ["a path without a leading slash", { path: "shop" }, /route check "c": path "shop" must start with "\/"/],
    ["a host with a scheme", { host: "https://shop.contoso.com" }, /host "https:\/\/shop\.contoso\.com" is not a lower-case DNS name or an IPv4 address/],
    ["a status that is no HTTP status", { expectStatus: 99 }, /expectStatus must be an HTTP status code 100-599, got 99/],
    ["an empty body expectation", { expectBodyContains: "" }, /expectBodyContains must be a non-empty string/],
  ])("%s", (_what, change, message) => {
    expect(() => withTenant().addRouteCheck({ name: "c", host: "shop.contoso.com", path: "/shop", ...change })).toThrow(message);
  });

  test("a name used twice", () => {
    const stack = withTenant();
    stack.addRouteCheck({ name: "c", host: "shop.contoso.com", path: "/shop" });
    expect(() => stack.addRouteCheck({ name: "c", host: "shop.contoso.com", path: "/shop/x" })).toThrow(/another route check has this name/);
  });

  test.each<[string, string, string, RegExp]>([
    ["a host no tenant owns", "other.contoso.com", "/shop", /no tenant owns path "\/shop" on host "other\.contoso\.com" \(no tenant owns the host\)/],
    ["a path outside the tenant's prefixes", "shop.contoso.com", "/admin", /no tenant owns path "\/admin" on host "shop\.contoso\.com" \(tenants owning the host: shop, on other paths\)/],
    ["the gateway IP on a tenant path", "10.240.4.4", "/shop", /host "10\.240\.4\.4" is the gateway's IP, which only the health route serves/],
  ])("at synth: %s", (_what, host, path, message) => {
    const stack = withTenant();
    stack.addRouteCheck({ name: "c", host, path });
    expect(() => synthWithValidations(stack)).toThrow(message);
  });
});

describe("settings that break traffic", () => {
  test("a rule whose backends all weigh 0", () => {
    const tenant = traffic().addTenant({ name: "shop", hostnames: ["shop.contoso.com"] });
    expect(() =>
      tenant.addRoute("Web", { rules: [{ backends: [{ serviceName: "blue", port: 80, weight: 0 }, { serviceName: "green", port: 80, weight: 0 }] }] }),
    ).toThrow(/rules\[0\] gives every backend weight 0, so the rule sends no traffic anywhere and answers 500/);
  });

  test("a probe Host that a tenant owns", () => {
    const app = Testing.app();
    const p = new PlatformStack(app, "p", { edge: { probe: HealthProbe.gatewayRoute({ host: "apps.contoso.com" }) } });
    const t = new TrafficStack(app, "t", { platform: p });
    t.addTenant({ name: "shop", hostnames: ["*.contoso.com"] });
    expect(() => synthWithValidations(t)).toThrow(
      /t\/Tenants\/shop: tenant "shop" owns "apps\.contoso\.com", the Host the Application Gateway probe sends/,
    );
  });

  test.each<[string, PlatformStackConfig, RegExp]>([
    ["edge.backendPort", { edge: { backendPort: 8080 } as any }, /^p: edge\.backendPort is set by PlatformStack itself .*got 8080\. Remove it/],
    ["network.gatewayPorts", { network: { gatewayPorts: [80, 443] } as any }, /network\.gatewayPorts is set by PlatformStack itself/],
    ["cluster.network", { cluster: { network: {} } as any }, /cluster\.network is set by PlatformStack itself/],
  ])("a prop hidden with Omit<> but passed anyway: %s", (_what, config, message) => {
    expect(() => platform(config)).toThrow(message);
  });

  test("a gateway prop the traffic stack sets itself", () => {
    expect(() => traffic({ gateway: { address: "10.240.4.5" } as any })).toThrow(/gateway\.address is set by TrafficStack itself/);
    expect(() => traffic({ gateway: { kubernetesVersion: "1.36" } as any })).toThrow(/declare the version on the platform/);
  });
});

describe("Gateway API fields the cluster's bundle lacks", () => {
  test("a match the oldest bundle lacks fails with the version that brings it", () => {
    // HTTPRoute rule names (`rules[].name`) arrive in Gateway API v1.4.1 (AKS Kubernetes 1.35); exercised through
    // the validator directly, since the typed API does not offer the field.
    const { validateGatewayApiObject } = require("../lib/private/gateway-api/validate");
    const { gatewayApiBundleForKubernetes } = require("../lib/private/gateway-api/bundles");
    const route = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "web", namespace: "shop" },
      spec: { hostnames: ["shop.contoso.com"], rules: [{ name: "main", backendRefs: [{ name: "web", port: 80 }] }] },
    };
    expect(validateGatewayApiObject(route, gatewayApiBundleForKubernetes(undefined))).toEqual([
      expect.stringMatching(/spec\.rules\[0\]\.name: unknown field in Gateway API v1\.2\.1; first in v1\.4\.1 \(AKS Kubernetes 1\.35\)/),
    ]);
    expect(validateGatewayApiObject(route, gatewayApiBundleForKubernetes("1.35"))).toEqual([]);
  });

  test("the traffic stack validates against the bundle of the declared Kubernetes version", () => {
    expect(traffic({ platform: { ...EXISTING, kubernetesVersion: "1.36.1" } }).gateway.gatewayApiVersion).toBe("v1.5.1");
    expect(traffic().gateway.gatewayApiVersion).toBe("v1.2.1");
    const p = platform({ cluster: { kubernetesVersion: "1.34" } });
    expect(new TrafficStack(p.node.root as App, "t", { platform: p }).gateway.gatewayApiVersion).toBe("v1.3.0");
  });

  test("the path match value is checked against the tenant, whatever the bundle", () => {
    const tenant = traffic().addTenant({ name: "shop", hostnames: ["shop.contoso.com"], pathPrefixes: ["/shop"] });
    expect(() => tenant.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.prefix("/admin") }], backends: [{ serviceName: "web", port: 80 }] }] })).toThrow(
      /path "\/admin" is outside the path prefixes the tenant owns/,
    );
  });
});
