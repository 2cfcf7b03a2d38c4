/**
 * How a Tenant wires its objects together and answers ownership questions (found unguarded by mutation testing
 * of lib/tenancy/tenant.ts, see bench/MUTATION.md): the order Terraform creates the namespace's objects in, the
 * labels and annotations the admission policies and operators read, the ownership queries the stacks ask, and
 * the construct paths that are Terraform addresses.
 */
import { Testing } from "cdktf";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";

const GROUPS = ["11111111-2222-3333-4444-555555555555", "66666666-7777-8888-9999-000000000000"];

function shop(props: Partial<TenantProps> = {}) {
  const { stack, gateway } = tenancyStack();
  const tenant = new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com", "*.api.example.com"], ...props });
  return { stack, tenant, json: () => JSON.parse(Testing.synth(stack, true)) };
}

const onlyOf = (json: any, type: string) => Object.entries(resourcesOf(json, type));

describe("ownership queries the stacks ask", () => {
  test("ownsHostname: exact names and names under an owned wildcard, nothing else", () => {
    const { tenant } = shop();
    expect(tenant.ownsHostname("shop.example.com")).toBe(true);
    expect(tenant.ownsHostname("v1.api.example.com")).toBe(true);
    expect(tenant.ownsHostname("api.example.com")).toBe(false);
    expect(tenant.ownsHostname("cart.example.com")).toBe(false);
  });

  test("ownsPath: an owned hostname and a path under one of the owned prefixes", () => {
    const { tenant } = shop({ pathPrefixes: ["/shop", "/basket"] });
    expect(tenant.ownsPath("shop.example.com", "/basket/items")).toBe(true);
    expect(tenant.ownsPath("shop.example.com", "/shop")).toBe(true);
    expect(tenant.ownsPath("shop.example.com", "/admin")).toBe(false);
    expect(tenant.ownsPath("cart.example.com", "/shop")).toBe(false);
  });
});

describe("objects in the namespace", () => {
  test("are created after the namespace, and the route bindings after the route Role", () => {
    const json = shop({ owners: { groupObjectIds: GROUPS } }).json();
    const [[nsId]] = onlyOf(json, "kubernetes_namespace_v1");
    const [[roleId, role]] = onlyOf(json, "kubernetes_role_v1");
    expect(role.depends_on).toEqual([`kubernetes_namespace_v1.${nsId}`]);
    const bindings = Object.fromEntries(onlyOf(json, "kubernetes_role_binding_v1").map(([, b]: [string, any]) => [b.metadata.name, b.depends_on]));
    expect(bindings).toEqual({
      "tenant-owners": [`kubernetes_namespace_v1.${nsId}`],
      "tenant-httproutes": [`kubernetes_role_v1.${roleId}`],
    });
  });

  test("carry the managed-by label, and the namespace lists every owner group", () => {
    const json = shop({ owners: { groupObjectIds: GROUPS } }).json();
    for (const type of ["kubernetes_role_v1", "kubernetes_role_binding_v1"]) {
      for (const [, r] of onlyOf(json, type) as [string, any][]) expect(r.metadata.labels).toEqual({ "app.kubernetes.io/managed-by": "cdktf-aks-gateway" });
    }
    const [[, ns]] = onlyOf(json, "kubernetes_namespace_v1") as [string, any][];
    expect(ns.metadata.annotations["cdktf-aks-gateway/owner-groups"]).toBe(GROUPS.join(","));
  });

  test("without owners the namespace has no owner-groups annotation", () => {
    const [[, ns]] = onlyOf(shop().json(), "kubernetes_namespace_v1") as [string, any][];
    expect(ns.metadata.annotations ?? {}).not.toHaveProperty("cdktf-aks-gateway/owner-groups");
  });
});

describe("construct paths and messages", () => {
  test("routes live under <tenant>/Routes/<id> (their Terraform addresses)", () => {
    const { tenant } = shop();
    expect(tenant.addRoute("Web", { rules: [{ backends: [{ serviceName: "web", port: 80 }] }] }).node.path).toBe("test/Shop/Routes/Web");
  });

  test("gRPC routes share the Routes scope, whichever kind comes first", () => {
    const { tenant } = shop();
    expect(tenant.addGrpcRoute("Greeter", { rules: [{ backends: [{ serviceName: "greeter", port: 50051 }] }] }).node.path).toBe("test/Shop/Routes/Greeter");
    expect(() => tenant.addRoute("Greeter", { rules: [{ backends: [{ serviceName: "web", port: 80 }] }] })).toThrow(/already has a child with id "Greeter"/);
  });

  test("a tenant without hostnames is refused naming the empty list", () => {
    expect(() => shop({ hostnames: undefined })).toThrow(/tenant "shop" owns no hostnames, got \[\]\./);
  });

  test("a bad tenant name is reported at the tenant's path, or the scope's when the id is empty", () => {
    const { stack, gateway } = tenancyStack();
    expect(() => new Tenant(stack, "Team", { gateway, name: "Team_A", hostnames: ["a.example.com"] })).toThrow(/^test\/Team: tenant name "Team_A" /);
    expect(() => new Tenant(stack, "", { gateway, name: "Team_A", hostnames: ["a.example.com"] })).toThrow(/^test: tenant name "Team_A" /);
  });

  test("input a JavaScript caller can pass is refused with the fix, not a TypeError", () => {
    const { stack, gateway } = tenancyStack();
    const hostnames = ["a.example.com"];
    expect(() => new Tenant(stack, "NoGateway", { gateway: undefined as unknown as TenantProps["gateway"], name: "shop", hostnames })).toThrow(
      /^test\/NoGateway: tenant "shop": gateway is undefined\. Pass the SharedGateway the tenant routes through\.$/,
    );
    expect(() => new Tenant(stack, "NullGateway", { gateway: null as unknown as TenantProps["gateway"], name: "shop", hostnames })).toThrow(
      /^test\/NullGateway: tenant "shop": gateway is null\. /,
    );
    expect(() => new Tenant(stack, "NoName", { gateway, name: undefined as unknown as string, hostnames })).toThrow(
      /^test\/NoName: tenant name undefined is not a string\. Use a name such as "team-a"\.$/,
    );
    expect(() => new Tenant(stack, undefined as unknown as string, { gateway, name: "Team_A", hostnames })).toThrow(/^test: tenant name "Team_A" /);
    expect(() => new Tenant(stack, "", { gateway, name: "shop", hostnames })).toThrow(/^test: tenant "shop" needs a non-empty construct id, got ""\.$/);
  });

  test("a second tenant of the same name on the gateway names the first and the fix", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "A", { gateway, name: "shop", hostnames: ["a.example.com"] });
    expect(() => new Tenant(stack, "B", { gateway, name: "shop", hostnames: ["b.example.com"] })).toThrow(
      /^test\/B: tenant "shop" already exists on gateway "shared" \(at test\/A\)\. Give each tenant a unique name\.$/,
    );
  });

  test("a namespace another construct creates is refused naming this tenant", () => {
    const { stack, gateway } = tenancyStack();
    new Tenant(stack, "A", { gateway, name: "app1", hostnames: ["a.example.com"] });
    expect(() => new Tenant(stack, "B", { gateway, name: "app2", namespace: "app1", hostnames: ["b.example.com"] })).toThrow(
      /^test\/B: tenant "app2" creates namespace "app1"/,
    );
  });
});
