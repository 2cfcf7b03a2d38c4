/**
 * Ownership through `Tenant`: many tenants on one shared Gateway, on realistic hostnames, claiming exact
 * and wildcard hostnames, sharing hostnames with disjoint prefixes, nesting prefixes, and meeting platform
 * reservations made before and after them. A failed tenant must leave nothing in the index.
 */
import { TerraformStack } from "cdktf";
import { Tenant } from "../lib/tenancy/tenant";
import { FakeGateway, ownershipOf, tenancyStack } from "./tenancy-fixtures";

/** A tenant's space: hostnames and, optionally, path prefixes. */
interface Space {
  readonly hostnames: string[];
  readonly pathPrefixes?: string[];
}

/** A fresh stack and gateway with the given tenants added in order (construct id = tenant name). */
function gatewayWith(tenants: Record<string, Space>): { stack: TerraformStack; gateway: FakeGateway } {
  const env = tenancyStack();
  for (const [name, space] of Object.entries(tenants)) addTenant(env, name, space);
  return env;
}

/** Adds tenant `name` owning `space` on the environment's gateway, with construct id `id`. */
function addTenant(env: { stack: TerraformStack; gateway: FakeGateway }, name: string, space: Space, id = name): Tenant {
  return new Tenant(env.stack, id, { gateway: env.gateway, name, ...space });
}

/** Asserts that tenant `name` cannot be added, that the error names `owner`, and that nothing was recorded. */
function expectTenantRefused(
  env: { stack: TerraformStack; gateway: FakeGateway },
  name: string,
  space: Space,
  owner: string,
): void {
  const claims = [...ownershipOf(env.gateway).claims];
  const members = Tenant.allOn(env.gateway).map((t) => t.tenantName);
  expect(() => addTenant(env, name, space)).toThrow(
    new RegExp(`^test/${name}: tenant "${name}": tenant ${name} claims .* overlaps .* of ${owner}\\. Give each owner`),
  );
  expect(ownershipOf(env.gateway).claims).toEqual(claims);
  expect(Tenant.allOn(env.gateway).map((t) => t.tenantName)).toEqual(members);
}

const SHOP = "shop.contoso.com";

describe("tenants sharing one hostname", () => {
  const shop = () =>
    gatewayWith({
      cart: { hostnames: [SHOP], pathPrefixes: ["/cart"] },
      catalog: { hostnames: [SHOP], pathPrefixes: ["/catalog", "/products/"] },
      checkout: { hostnames: [SHOP], pathPrefixes: ["/checkout"] },
    });

  test("admits three tenants with disjoint prefixes and records their normalised claims in order", () => {
    const { gateway } = shop();
    expect(ownershipOf(gateway).claims).toEqual([
      { owner: "tenant cart", hostname: SHOP, pathPrefix: "/cart" },
      { owner: "tenant catalog", hostname: SHOP, pathPrefix: "/catalog" },
      { owner: "tenant catalog", hostname: SHOP, pathPrefix: "/products" },
      { owner: "tenant checkout", hostname: SHOP, pathPrefix: "/checkout" },
    ]);
    expect(Tenant.allOn(gateway).map((t) => t.tenantName)).toEqual(["cart", "catalog", "checkout"]);
  });

  test.each([
    ["tenant cart", { hostnames: [SHOP], pathPrefixes: ["/cart/items"] }],
    ["tenant catalog", { hostnames: [SHOP], pathPrefixes: ["/products/shoes"] }],
    ["tenant checkout", { hostnames: [SHOP], pathPrefixes: ["/checkout/"] }],
    ["tenant cart", { hostnames: [SHOP] }],
    ["tenant catalog", { hostnames: ["*.contoso.com"], pathPrefixes: ["/catalog"] }],
  ])("throws when a newcomer overlaps %s: %j", (owner, space) => {
    expectTenantRefused(shop(), "intruder", space, owner);
  });

  test("a refused tenant leaves its name, namespace and every pair of its space free", () => {
    const env = shop();
    expectTenantRefused(
      env,
      "late",
      { hostnames: ["www.contoso.com", SHOP], pathPrefixes: ["/late", "/checkout/pay"] },
      "tenant checkout",
    );
    const late = addTenant(env, "late", { hostnames: ["www.contoso.com", SHOP], pathPrefixes: ["/late"] }, "Late2");
    expect(late.namespaceName).toBe("late");
    expect(ownershipOf(env.gateway).claims.slice(-2)).toEqual([
      { owner: "tenant late", hostname: "www.contoso.com", pathPrefix: "/late" },
      { owner: "tenant late", hostname: SHOP, pathPrefix: "/late" },
    ]);
  });
});

describe("tenants on wildcard and exact hostnames", () => {
  const estate = () =>
    gatewayWith({
      apps: { hostnames: ["*.apps.contoso.com"], pathPrefixes: ["/apps"] },
      eu: { hostnames: ["api.eu.contoso.com"], pathPrefixes: ["/orders"] },
      us: { hostnames: ["api.us.contoso.com"], pathPrefixes: ["/orders"] },
      "apps-admin": { hostnames: ["*.apps.contoso.com"], pathPrefixes: ["/admin"] },
      "eu-wild": { hostnames: ["*.eu.contoso.com"], pathPrefixes: ["/eu"] },
    });

  test.each([
    ["tenant apps", { hostnames: ["billing.apps.contoso.com"], pathPrefixes: ["/apps/billing"] }],
    ["tenant apps-admin", { hostnames: ["a.b.apps.contoso.com"], pathPrefixes: ["/admin"] }],
    ["tenant apps-admin", { hostnames: ["*.x.apps.contoso.com"], pathPrefixes: ["/admin/x"] }],
    ["tenant eu", { hostnames: ["*.contoso.com"], pathPrefixes: ["/orders"] }],
    ["tenant us", { hostnames: ["*.us.contoso.com"], pathPrefixes: ["/orders/1"] }],
    ["tenant eu-wild", { hostnames: ["web.eu.contoso.com"], pathPrefixes: ["/eu"] }],
    ["tenant eu-wild", { hostnames: ["*.contoso.com"], pathPrefixes: ["/eu/x"] }],
    ["tenant eu", { hostnames: ["api.eu.contoso.com"] }],
  ])("throws when a newcomer overlaps %s: %j", (owner, space) => {
    expectTenantRefused(estate(), "intruder", space, owner);
  });

  test("admits tenants next to the others: bare domains, other branches, other paths", () => {
    const env = estate();
    addTenant(env, "apex", { hostnames: ["apps.contoso.com", "contoso.com"] });
    addTenant(env, "us-web", { hostnames: ["*.us.contoso.com"], pathPrefixes: ["/web"] });
    addTenant(env, "eu-api", { hostnames: ["*.api.eu.contoso.com"], pathPrefixes: ["/orders"] });
    expect(ownershipOf(env.gateway).claims.map((c) => c.owner).slice(-4)).toEqual([
      "tenant apex",
      "tenant apex",
      "tenant us-web",
      "tenant eu-api",
    ]);
  });
});

describe("tenants and platform reservations", () => {
  test("a reservation made before refuses tenants inside it and leaves them free otherwise", () => {
    const env = tenancyStack();
    ownershipOf(env.gateway).reserve("health responder", "/healthz");
    addTenant(env, "shop", { hostnames: [SHOP] });
    addTenant(env, "apps", { hostnames: ["*.apps.contoso.com"] });
    for (const [name, hostnames] of [
      ["shop2", [SHOP]],
      ["apps2", ["x.apps.contoso.com"]],
      ["api", ["api.eu.contoso.com"]],
    ] as const) {
      expect(() => addTenant(env, name, { hostnames: [...hostnames], pathPrefixes: ["/healthz/app"] })).toThrow(
        new RegExp(`tenant "${name}": .* overlaps path prefix "/healthz" on any hostname of health responder\\.`),
      );
    }
    expect(ownershipOf(env.gateway).claims.map((c) => c.owner)).toEqual(["tenant shop", "tenant apps"]);
  });

  test("a reservation made after tenants is refused when one of them sits inside it", () => {
    const env = gatewayWith({
      shop: { hostnames: [SHOP] },
      status: { hostnames: ["status.contoso.com"], pathPrefixes: ["/status"] },
      apps: { hostnames: ["*.apps.contoso.com"], pathPrefixes: ["/healthz/apps"] },
    });
    const ownership = ownershipOf(env.gateway);
    expect(() => ownership.reserve("health responder", "/healthz")).toThrow(/but tenant apps already claims/);
    expect(ownership.findReservation("/healthz")).toBeUndefined();
    expect(() => ownership.reserve("metrics", "/metrics")).not.toThrow();
    expect(() => addTenant(env, "late", { hostnames: ["late.contoso.com"], pathPrefixes: ["/metrics/x"] })).toThrow(
      /tenant "late": .* of metrics\./,
    );
  });
});
