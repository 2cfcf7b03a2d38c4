import { App, Testing } from "cdktf";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { PathMatch } from "../lib/tenancy/route-match";
import { GatewayMode } from "../lib/core/gateway-mode";
import { PlatformStack } from "../stacks/platform-stack";
import { TenantStack } from "../stacks/tenant-stack";
import { TrafficStack } from "../stacks/traffic-stack";
import { stackJson } from "./stack-util";
import { documentationRanges } from "./util";

/** The app with `names` as tenants, each in its own stack, each with one route and one route check. */
function app(names: string[], appFactory: () => App = () => Testing.app()) {
  const root = appFactory();
  const platform = new PlatformStack(root, "shop-platform", { namePrefix: "shop", cluster: { apiServerAccess: documentationRanges() } });
  const traffic = new TrafficStack(root, "shop-traffic", { platform });
  const tenants = names.map((name) => {
    const stack = new TenantStack(root, `shop-tenant-${name}`, { traffic });
    stack
      .addTenant({ name, hostnames: ["shop.contoso.com"], pathPrefixes: [`/${name}`] })
      .addRoute("Api", { rules: [{ matches: [{ path: PathMatch.prefix(`/${name}`) }], backends: [{ serviceName: "api", port: 8080 }] }] });
    stack.addRouteCheck({ name, host: "shop.contoso.com", path: `/${name}` });
    return stack;
  });
  return { root, platform, traffic, tenants };
}

/** Every stack's synthesized JSON, by stack id, with validations run. */
function synthAll(built: ReturnType<typeof app>): Record<string, string> {
  return Object.fromEntries([built.platform, built.traffic, ...built.tenants].map((s) => [s.node.id, Testing.synth(s, true)]));
}

describe("TenantStack", () => {
  test("adding a tenant touches only its own stack: every other stack is byte-identical", () => {
    const before = synthAll(app(["cart", "catalog", "search"]));
    const after = synthAll(app(["cart", "catalog", "search", "checkout"]));
    expect(Object.keys(after)).toEqual([...Object.keys(before), "shop-tenant-checkout"]);
    for (const id of Object.keys(before)) expect([id, after[id]]).toEqual([id, before[id]]);
  });

  test("removing a tenant likewise leaves every other stack byte-identical", () => {
    const before = synthAll(app(["cart", "catalog", "search"]));
    const after = synthAll(app(["cart", "search"]));
    expect(Object.keys(after)).toEqual(["shop-platform", "shop-traffic", "shop-tenant-cart", "shop-tenant-search"]);
    for (const id of Object.keys(after)) expect([id, after[id]]).toEqual([id, before[id]]);
  });

  test("a tenant stack holds the tenant's namespace, quota, policy, RBAC and routes, and reads the cluster itself", () => {
    const json = stackJson(app(["cart"]).tenants[0]);
    expect(Object.keys(json.resource).sort()).toEqual([
      "kubernetes_limit_range_v1",
      "kubernetes_manifest",
      "kubernetes_namespace_v1",
      "kubernetes_network_policy_v1",
      "kubernetes_resource_quota_v1",
      "kubernetes_role_v1",
    ]);
    expect(Object.keys(json.data.azurerm_kubernetes_cluster)).toHaveLength(1);
    expect(json.provider.kubernetes[0].exec[0].command).toBe("kubelogin");
    expect(json.output.route_checks.value).toEqual([{ name: "cart", host: "shop.contoso.com", path: "/cart", expect_status: 200, expect_body_contains: null }]);
  });

  test("cdktf deploys tenant stacks after the traffic stack, which comes after the platform", () => {
    const outdir = mkdtempSync(join(tmpdir(), "aksgw-tenant-stack-"));
    app(["cart", "catalog"], () => Testing.app({ outdir })).root.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    const deps = (id: string) => manifest.stacks[id].dependencies;
    expect(deps("shop-traffic")).toEqual(["shop-platform"]);
    expect(deps("shop-tenant-cart")).toEqual(expect.arrayContaining(["shop-traffic"]));
    expect(deps("shop-tenant-catalog")).not.toContain("shop-tenant-cart");
  });

  test("ownership checks span every tenant stack of the app", () => {
    const { root, traffic } = app(["cart"]);
    const other = new TenantStack(root, "shop-tenant-thief", { traffic });
    expect(() => other.addTenant({ name: "thief", hostnames: ["shop.contoso.com"], pathPrefixes: ["/cart/admin"] })).toThrow(
      /shop-tenant-thief\/thief: tenant "thief": tenant thief claims path prefix "\/cart\/admin" on hostname "shop\.contoso\.com", which overlaps path prefix "\/cart" .* of tenant cart/,
    );
    expect(() => other.addTenant({ name: "cart", hostnames: ["cart.contoso.com"] })).toThrow(/tenant "cart" already exists on gateway "shared-gateway" \(at shop-tenant-cart\/cart\)/);
    expect(() => other.addTenant({ name: "cart2", namespace: "cart", hostnames: ["cart.contoso.com"] })).toThrow(
      /creates namespace "cart", which shop-tenant-cart\/cart already creates in the same cluster/,
    );
  });

  test("a tenant stack's route check must land on a tenant of the app (in any stack)", () => {
    const { root, traffic, tenants } = app(["cart", "catalog"]);
    tenants[0].addRouteCheck({ name: "catalog via cart's stack", host: "shop.contoso.com", path: "/catalog/x" });
    expect(() => Testing.synth(tenants[0], true)).not.toThrow();
    const lost = new TenantStack(root, "shop-tenant-lost", { traffic });
    lost.addRouteCheck({ name: "nowhere", host: "shop.contoso.com", path: "/nowhere" });
    expect(() => Testing.synth(lost, true)).toThrow(/shop-tenant-lost: route check "nowhere": no tenant owns path "\/nowhere"/);
  });

  test("tenants in tenant stacks join the ambient mesh in the self-managed mode, as on the traffic stack", () => {
    const root = Testing.app();
    const platform = new PlatformStack(root, "p", { cluster: { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO } });
    const traffic = new TrafficStack(root, "t", { platform });
    const stack = new TenantStack(root, "t-tenant-a", { traffic });
    stack.addTenant({ name: "a", hostnames: ["a.example.com"] });
    const ns = Object.values(stackJson(stack).resource.kubernetes_namespace_v1)[0] as any;
    expect(ns.metadata.labels["istio.io/dataplane-mode"]).toBe("ambient");
  });

  test("the Gateway admits the tenant by label, so it never lists tenant namespaces", () => {
    const gateway = Object.values(stackJson(app(["cart"]).traffic).resource.kubernetes_manifest)
      .map((r: any) => r.manifest)
      .find((m: any) => m.kind === "Gateway");
    expect(JSON.stringify(gateway)).not.toContain("cart");
    const ns = Object.values(stackJson(app(["cart"]).tenants[0]).resource.kubernetes_namespace_v1)[0] as any;
    expect(ns.metadata.labels["cdktf-aks-gateway/gateway"]).toBe("gateway-system.shared-gateway");
    expect(gateway.spec.listeners[0].allowedRoutes.namespaces.selector).toEqual({ matchLabels: { "cdktf-aks-gateway/gateway": "gateway-system.shared-gateway" } });
  });
});
