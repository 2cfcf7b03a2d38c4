/**
 * Conflict tests of the ownership index with three and more owners per hostname, on realistic hostnames.
 *
 * Every scenario lines up several owners on one index bucket (one exact hostname, one wildcard domain, the
 * proper suffixes of exact hostnames, the any-hostname list) and then checks that a newcomer overlapping
 * the first, a middle and the last of them is refused and told who owns the space. An index that keeps only
 * one claim per bucket (the first or the last) therefore fails here, where two owners would not show it.
 */
import { ANY_HOSTNAME, RouteClaim, RouteOwnership, hostnameCovers } from "../lib/private/route-ownership";

/** One earlier claim and the overlapping claim a newcomer then tries. */
interface Clash {
  /** The owner whose space the newcomer overlaps. */
  readonly owner: string;
  /** The newcomer's hostname. */
  readonly hostname: string;
  /** The newcomer's path prefix. */
  readonly pathPrefix: string;
}

/** An index holding the given claims, each `[owner, hostname, pathPrefix]`, claimed in order. */
function indexOf(claims: readonly (readonly [string, string, string])[]): RouteOwnership {
  const o = new RouteOwnership();
  for (const [owner, hostname, prefix] of claims) o.claim(owner, [hostname], [prefix]);
  return o;
}

/** Escapes `text` for use inside a regular expression. */
function re(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Asserts that `newcomer` claiming the clash's space throws, naming the clash's owner, and records nothing. */
function expectRefused(o: RouteOwnership, newcomer: string, clash: Clash): void {
  const before = [...o.claims];
  expect(() => o.claim(newcomer, [clash.hostname], [clash.pathPrefix])).toThrow(
    new RegExp(`^${re(newcomer)} claims .* overlaps .* of ${re(clash.owner)}\\. Give each owner`),
  );
  expect(o.findConflict({ owner: newcomer, hostname: clash.hostname, pathPrefix: clash.pathPrefix })?.owner).toBe(
    clash.owner,
  );
  expect(o.claims).toEqual(before);
}

/** Asserts that `newcomer` may claim `hostname` on `pathPrefix` and that the claim is recorded. */
function expectAdmitted(o: RouteOwnership, newcomer: string, hostname: string, pathPrefix: string): void {
  expect(o.findConflict({ owner: newcomer, hostname, pathPrefix })).toBeUndefined();
  expect(() => o.claim(newcomer, [hostname], [pathPrefix])).not.toThrow();
  expect(o.claims[o.claims.length - 1]).toEqual({ owner: newcomer, hostname, pathPrefix });
}

describe("what an owned hostname covers (the rule routes are checked with)", () => {
  test("only the any-hostname covers the any-hostname: a wildcard or exact owner does not", () => {
    expect(hostnameCovers(ANY_HOSTNAME, ANY_HOSTNAME)).toBe(true);
    expect(hostnameCovers("*.apps.contoso.com", ANY_HOSTNAME)).toBe(false);
    expect(hostnameCovers("shop.contoso.com", ANY_HOSTNAME)).toBe(false);
  });

  test("a wildcard covers no name outside its domain, however long", () => {
    expect(hostnameCovers("*.apps.contoso.com", "www.apps.contoso.org")).toBe(false);
    expect(hostnameCovers("*.apps.contoso.com", "a-very-long-name.contoso.com")).toBe(false);
    expect(hostnameCovers("*.apps.contoso.com", "*.a-very-long-name.contoso.com")).toBe(false);
    expect(hostnameCovers("*.apps.contoso.com", "a-very-long-name.apps.contoso.com")).toBe(true);
  });
});

describe("one exact hostname shared by many owners", () => {
  const SHOP = "shop.contoso.com";
  const owners = (): RouteOwnership =>
    indexOf([
      ["tenant cart", SHOP, "/cart"],
      ["tenant catalog", SHOP, "/catalog"],
      ["tenant checkout", SHOP, "/checkout"],
      ["tenant search", SHOP, "/search"],
    ]);

  test("admits four owners with disjoint prefixes and records every claim in order", () => {
    expect(owners().claims.map((c: RouteClaim) => c.owner)).toEqual([
      "tenant cart",
      "tenant catalog",
      "tenant checkout",
      "tenant search",
    ]);
  });

  test.each([
    ["tenant cart", "/cart/items"],
    ["tenant catalog", "/catalog"],
    ["tenant checkout", "/checkout/pay/"],
    ["tenant search", "/search/suggest"],
  ])("throws when a newcomer claims inside the prefix of %s (first, middle and last owner)", (owner, pathPrefix) => {
    expectRefused(owners(), "tenant intruder", { owner, hostname: SHOP, pathPrefix });
  });

  test("throws when a newcomer claims the root, above every owner", () => {
    expectRefused(owners(), "tenant intruder", { owner: "tenant cart", hostname: SHOP, pathPrefix: "/" });
  });

  test("throws when a wildcard above the hostname overlaps a middle owner's prefix", () => {
    expectRefused(owners(), "tenant wild", { owner: "tenant catalog", hostname: "*.contoso.com", pathPrefix: "/catalog/x" });
  });

  test("admits a newcomer on sibling prefixes that only share characters, not segments", () => {
    const o = owners();
    expectAdmitted(o, "tenant intruder", SHOP, "/carts");
    expectAdmitted(o, "tenant intruder", SHOP, "/catalogue");
    expectAdmitted(o, "tenant intruder", SHOP, "/search-v2");
    expectAdmitted(o, "tenant intruder", "www.contoso.com", "/cart");
  });
});

describe("one wildcard domain shared by many owners", () => {
  const APPS = "*.apps.contoso.com";
  const owners = (): RouteOwnership =>
    indexOf([
      ["tenant billing", APPS, "/billing"],
      ["tenant crm", APPS, "/crm"],
      ["tenant hr", APPS, "/hr"],
    ]);

  test.each([
    ["tenant billing", "payroll.apps.contoso.com", "/billing/v2"],
    ["tenant crm", "a.b.apps.contoso.com", "/crm"],
    ["tenant hr", "*.eu.apps.contoso.com", "/hr/leave"],
    ["tenant crm", APPS, "/crm/leads"],
    ["tenant billing", "*.contoso.com", "/billing"],
  ])("throws when a newcomer's space overlaps %s's: %s %s", (owner, hostname, pathPrefix) => {
    expectRefused(owners(), "tenant intruder", { owner, hostname, pathPrefix });
  });

  test("admits the bare domain and hostnames outside it", () => {
    const o = owners();
    expectAdmitted(o, "tenant apex", "apps.contoso.com", "/crm");
    expectAdmitted(o, "tenant other", "apps.contoso.org", "/hr");
    expectAdmitted(o, "tenant lookalike", "myapps.contoso.com", "/billing");
  });
});

describe("exact hostnames below one domain, seen by a wildcard over them", () => {
  const owners = (): RouteOwnership =>
    indexOf([
      ["tenant eu", "api.eu.contoso.com", "/orders"],
      ["tenant us", "api.us.contoso.com", "/invoices"],
      ["tenant eu-web", "www.eu.contoso.com", "/shop"],
      ["tenant apex", "contoso.com", "/"],
    ]);

  test.each([
    ["tenant eu", "*.eu.contoso.com", "/orders/1"],
    ["tenant eu-web", "*.eu.contoso.com", "/shop"],
    ["tenant eu", "*.contoso.com", "/orders"],
    ["tenant us", "*.contoso.com", "/invoices"],
    ["tenant eu-web", "*.contoso.com", "/shop/cart"],
  ])("throws when a wildcard overlaps %s's hostname: %s %s", (owner, hostname, pathPrefix) => {
    expectRefused(owners(), "tenant wild", { owner, hostname, pathPrefix });
  });

  test("a wildcard does not cover its own domain, nor other branches", () => {
    const o = owners();
    expectAdmitted(o, "tenant wild", "*.us.contoso.com", "/orders");
    expectAdmitted(o, "tenant wild", "*.eu.contoso.com", "/invoices");
    expectAdmitted(o, "tenant deep", "*.api.eu.contoso.com", "/orders");
  });
});

describe("wildcards nested under other wildcards", () => {
  const owners = (): RouteOwnership =>
    indexOf([
      ["tenant eu", "*.eu.contoso.com", "/eu"],
      ["tenant us", "*.us.contoso.com", "/us"],
      ["tenant eu-api", "*.api.eu.contoso.com", "/api"],
      ["tenant eu-admin", "*.eu.contoso.com", "/admin"],
    ]);

  test.each([
    ["tenant eu", "*.contoso.com", "/eu"],
    ["tenant us", "*.contoso.com", "/us/x"],
    ["tenant eu-api", "*.contoso.com", "/api"],
    ["tenant eu-api", "*.eu.contoso.com", "/api/v1"],
    ["tenant eu-admin", "*.contoso.com", "/admin/users"],
    ["tenant eu-api", "*.v1.api.eu.contoso.com", "/api"],
    ["tenant eu-admin", "*.v1.api.eu.contoso.com", "/admin"],
  ])("throws when a wildcard overlaps %s's wildcard: %s %s", (owner, hostname, pathPrefix) => {
    expectRefused(owners(), "tenant wild", { owner, hostname, pathPrefix });
  });
});

describe("a wildcard on a top-level domain", () => {
  const owners = (): RouteOwnership =>
    indexOf([
      ["tenant tld", "*.com", "/tld"],
      ["tenant shop", "shop.contoso.com", "/shop"],
      ["tenant apps", "*.contoso.com", "/apps"],
      ["tenant org", "*.org", "/shop"],
    ]);

  test.each([
    ["tenant tld", "shop.contoso.com", "/tld/x"],
    ["tenant tld", "*.contoso.com", "/tld"],
    ["tenant tld", "contoso.com", "/"],
    ["tenant shop", "*.com", "/shop/cart"],
    ["tenant apps", "*.com", "/apps"],
    ["tenant org", "contoso.org", "/shop"],
  ])("throws when a newcomer overlaps %s: %s %s", (owner, hostname, pathPrefix) => {
    expectRefused(owners(), "tenant intruder", { owner, hostname, pathPrefix });
  });

  test("does not cover the top-level label itself, nor other top-level domains", () => {
    const o = owners();
    expectAdmitted(o, "tenant intruder", "com", "/tld");
    expectAdmitted(o, "tenant intruder", "shop.contoso.net", "/tld");
  });
});

describe("the any-hostname space shared by many owners", () => {
  const owners = (): RouteOwnership =>
    indexOf([
      ["health responder", ANY_HOSTNAME, "/healthz"],
      ["metrics", ANY_HOSTNAME, "/metrics"],
      ["status page", ANY_HOSTNAME, "/status"],
    ]);

  test.each([
    ["health responder", "shop.contoso.com", "/healthz/ready"],
    ["metrics", "*.apps.contoso.com", "/metrics"],
    ["health responder", "api.eu.contoso.com", "/"],
    ["status page", "api.eu.contoso.com", "/status/x"],
    ["metrics", ANY_HOSTNAME, "/metrics/prometheus"],
  ])("throws when a newcomer overlaps %s: %s %s", (owner, hostname, pathPrefix) => {
    expectRefused(owners(), "tenant intruder", { owner, hostname, pathPrefix });
  });

  test("a newcomer on any hostname is checked against claims of every kind", () => {
    const o = indexOf([
      ["tenant shop", "shop.contoso.com", "/shop"],
      ["tenant apps", "*.apps.contoso.com", "/apps"],
      ["tenant api", "api.eu.contoso.com", "/api"],
      ["tenant shop2", "shop.contoso.com", "/shop2"],
    ]);
    for (const [owner, pathPrefix] of [
      ["tenant shop", "/shop/x"],
      ["tenant apps", "/apps"],
      ["tenant api", "/api/v1"],
      ["tenant shop2", "/shop2"],
    ]) {
      expectRefused(o, "tenant everywhere", { owner, hostname: ANY_HOSTNAME, pathPrefix });
    }
    expectAdmitted(o, "tenant everywhere", ANY_HOSTNAME, "/other");
  });
});

describe("nested prefixes", () => {
  test("an owner may nest prefixes in its own space; no one else may enter at any depth", () => {
    const o = indexOf([
      ["tenant shop", "shop.contoso.com", "/shop"],
      ["tenant shop", "shop.contoso.com", "/shop/cart"],
      ["tenant shop", "shop.contoso.com", "/shop/cart/items"],
      ["tenant blog", "shop.contoso.com", "/blog"],
    ]);
    expect(o.claims).toHaveLength(4);
    for (const pathPrefix of ["/shop", "/shop/", "/shop/cart", "/shop/cart/items/1", "/"]) {
      expectRefused(o, "tenant intruder", { owner: "tenant shop", hostname: "shop.contoso.com", pathPrefix });
    }
    expectRefused(o, "tenant intruder", { owner: "tenant blog", hostname: "shop.contoso.com", pathPrefix: "/blog/2024" });
    expectAdmitted(o, "tenant intruder", "shop.contoso.com", "/shopping");
  });

  test("a broad prefix claimed late is refused by every narrower owner below it", () => {
    const o = indexOf([
      ["tenant a", "api.eu.contoso.com", "/v1/orders"],
      ["tenant b", "api.eu.contoso.com", "/v1/invoices"],
      ["tenant c", "api.eu.contoso.com", "/v1/users"],
    ]);
    expectRefused(o, "tenant d", { owner: "tenant a", hostname: "api.eu.contoso.com", pathPrefix: "/v1" });
    expectRefused(o, "tenant d", { owner: "tenant c", hostname: "api.eu.contoso.com", pathPrefix: "/v1/users/" });
    expectAdmitted(o, "tenant d", "api.eu.contoso.com", "/v2");
  });
});

describe("platform reservations among many owners", () => {
  test("a reservation made first refuses claims inside it from every tenant, on every kind of hostname", () => {
    const o = new RouteOwnership();
    o.reserve("health responder", "/healthz");
    o.claim("tenant shop", ["shop.contoso.com"], ["/"]);
    o.claim("tenant apps", ["*.apps.contoso.com"], ["/"]);
    for (const [owner, hostname] of [
      ["tenant shop", "shop.contoso.com"],
      ["tenant apps", "*.apps.contoso.com"],
      ["tenant api", "api.eu.contoso.com"],
      ["tenant any", ANY_HOSTNAME],
    ]) {
      expect(() => o.claim(owner, [hostname], ["/healthz/ready"])).toThrow(
        new RegExp(`^${re(owner)} claims .* overlaps path prefix "/healthz" on any hostname of health responder`),
      );
    }
    expect(o.claims.map((c) => c.owner)).toEqual(["tenant shop", "tenant apps"]);
    expect(o.findReservation("/healthz", "tenant shop")?.owner).toBe("health responder");
    expect(o.findReservation("/healthz/ready", "health responder")).toBeUndefined();
  });

  test("a reservation made after claims is refused when any of several tenants sits inside it", () => {
    const claims: [string, string, string][] = [
      ["tenant shop", "shop.contoso.com", "/shop"],
      ["tenant apps", "*.apps.contoso.com", "/status/apps"],
      ["tenant api", "api.eu.contoso.com", "/api"],
    ];
    const o = indexOf(claims);
    expect(() => o.reserve("status page", "/status")).toThrow(
      /^status page reserves path prefix "\/status" on every hostname, but tenant apps already claims path prefix "\/status\/apps"/,
    );
    expect(o.findReservation("/status/x")).toBeUndefined();
    expect(() => o.reserve("health responder", "/healthz")).not.toThrow();
    expect(o.findReservation("/healthz")?.owner).toBe("health responder");
  });

  test("several reservations each refuse claims inside them, and leave the rest free", () => {
    const o = new RouteOwnership();
    o.reserve("health responder", "/healthz");
    o.reserve("metrics", "/metrics");
    o.reserve("status page", "/status/");
    for (const [owner, prefix] of [
      ["health responder", "/healthz/live"],
      ["metrics", "/metrics"],
      ["status page", "/status/"],
    ]) {
      expect(o.findReservation(prefix, "tenant x")?.owner).toBe(owner);
      expect(() => o.claim("tenant x", ["shop.contoso.com"], [prefix])).toThrow(new RegExp(`of ${re(owner)}\\.`));
    }
    expect(() => o.claim("tenant x", ["shop.contoso.com"], ["/", "/statusz", "/metrics-v2"])).not.toThrow();
    expect(o.claims).toHaveLength(3);
  });

  test("the reserving owner may claim inside its own reservation", () => {
    const o = new RouteOwnership();
    o.reserve("health responder", "/healthz");
    expectAdmitted(o, "health responder", ANY_HOSTNAME, "/healthz");
    expect(() => o.reserve("health responder", "/healthz")).not.toThrow();
  });
});

describe("atomicity: a failed claim records nothing", () => {
  test("a claim failing on its last (hostname, prefix) pair leaves no pair behind", () => {
    const o = indexOf([
      ["tenant a", "shop.contoso.com", "/a"],
      ["tenant b", "shop.contoso.com", "/b"],
      ["tenant c", "shop.contoso.com", "/c"],
    ]);
    const before = [...o.claims];
    expect(() =>
      o.claim("tenant d", ["www.contoso.com", "*.apps.contoso.com", "shop.contoso.com"], ["/d", "/a/x"]),
    ).toThrow(/tenant d claims path prefix "\/a\/x" on hostname "shop.contoso.com", which overlaps .* of tenant a\./);
    expect(o.claims).toEqual(before);
    // The pairs that were fine are still free for someone else.
    expectAdmitted(o, "tenant e", "www.contoso.com", "/d");
    expectAdmitted(o, "tenant e", "*.apps.contoso.com", "/a/x");
  });

  test("a claim failing on a reservation leaves no pair behind", () => {
    const o = new RouteOwnership();
    o.reserve("health responder", "/healthz");
    expect(() => o.claim("tenant d", ["shop.contoso.com", "api.eu.contoso.com"], ["/", "/healthz/d"])).toThrow(
      /of health responder\./,
    );
    expect(o.claims).toEqual([]);
    expectAdmitted(o, "tenant e", "shop.contoso.com", "/");
  });

  test("a successful claim records every (hostname, prefix) pair, hostnames outer, normalised", () => {
    const o = new RouteOwnership();
    o.claim("tenant d", ["shop.contoso.com", "*.apps.contoso.com"], ["/d/", "/e"]);
    expect(o.claims).toEqual([
      { owner: "tenant d", hostname: "shop.contoso.com", pathPrefix: "/d" },
      { owner: "tenant d", hostname: "shop.contoso.com", pathPrefix: "/e" },
      { owner: "tenant d", hostname: "*.apps.contoso.com", pathPrefix: "/d" },
      { owner: "tenant d", hostname: "*.apps.contoso.com", pathPrefix: "/e" },
    ]);
  });
});
