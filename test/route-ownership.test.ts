import {
  ANY_HOSTNAME,
  RouteOwnership,
  hostnameCovers,
  hostnamesOverlap,
  pathCovers,
  pathsOverlap,
} from "../lib/private/route-ownership";

describe("path rules", () => {
  test("prefixes cover on segment boundaries only", () => {
    expect(pathCovers("/app", "/app")).toBe(true);
    expect(pathCovers("/app", "/app/x")).toBe(true);
    expect(pathCovers("/app/", "/app/x")).toBe(true);
    expect(pathCovers("/app", "/apple")).toBe(false);
    expect(pathCovers("/", "/anything")).toBe(true);
    expect(pathCovers("/app/x", "/app")).toBe(false);
    expect(pathsOverlap("/app/x", "/app")).toBe(true);
    expect(pathsOverlap("/app1", "/app2")).toBe(false);
  });
});

describe("hostname rules", () => {
  test("wildcards cover deeper names and wildcards but not their own domain", () => {
    expect(hostnameCovers("*.example.com", "a.example.com")).toBe(true);
    expect(hostnameCovers("*.example.com", "a.b.example.com")).toBe(true);
    expect(hostnameCovers("*.example.com", "*.b.example.com")).toBe(true);
    expect(hostnameCovers("*.example.com", "example.com")).toBe(false);
    expect(hostnameCovers("*.example.com", "aexample.com")).toBe(false);
    expect(hostnameCovers("a.example.com", "*.example.com")).toBe(false);
    expect(hostnameCovers(ANY_HOSTNAME, "a.example.com")).toBe(true);
    expect(hostnamesOverlap("a.example.com", "*.example.com")).toBe(true);
    expect(hostnamesOverlap("a.example.com", "b.example.com")).toBe(false);
  });
});

describe("RouteOwnership", () => {
  test("admits disjoint claims and records them", () => {
    const o = new RouteOwnership();
    o.claim("tenant app1", ["apps.example.com"], ["/app1"]);
    o.claim("tenant app2", ["apps.example.com"], ["/app2"]);
    o.claim("tenant web", ["www.example.com"], ["/"]);
    o.reserve("health responder", "/healthz");
    expect(o.claims).toHaveLength(3);
  });

  test("an owner may repeat its own space", () => {
    const o = new RouteOwnership();
    o.claim("tenant a", ["a.example.com"], ["/"]);
    expect(() => o.claim("tenant a", ["a.example.com"], ["/x"])).not.toThrow();
  });

  test.each([
    [["a.example.com"], ["/"], ["a.example.com"], ["/x"]],
    [["a.example.com"], ["/x"], ["*.example.com"], ["/"]],
    [["*.example.com"], ["/"], ["a.b.example.com"], ["/y"]],
    [["*.example.com"], ["/"], ["*.b.example.com"], ["/"]],
    [["*.b.example.com"], ["/"], ["*.example.com"], ["/"]],
    [[ANY_HOSTNAME], ["/healthz"], ["a.example.com"], ["/healthz/ready"]],
    [["a.example.com"], ["/healthz"], [ANY_HOSTNAME], ["/"]],
  ])("throws when %j %j overlaps %j %j", (h1, p1, h2, p2) => {
    const o = new RouteOwnership();
    o.claim("tenant one", h1, p1);
    expect(() => o.claim("tenant two", h2, p2)).toThrow(/tenant two claims .* overlaps .* of tenant one/);
  });

  test("a reservation leaves broader prefixes alone but refuses claims inside it, before or after", () => {
    const o = new RouteOwnership();
    o.claim("tenant web", ["www.example.com"], ["/"]);
    o.reserve("health responder", "/healthz");
    expect(o.findReservation("/healthz/ready")?.owner).toBe("health responder");
    expect(o.findReservation("/healthzz")).toBeUndefined();
    expect(() => o.claim("tenant api", ["api.example.com"], ["/healthz/x"])).toThrow(
      /tenant api claims path prefix "\/healthz\/x" .* overlaps path prefix "\/healthz" on any hostname of health responder/,
    );
    const early = new RouteOwnership();
    early.claim("tenant api", ["api.example.com"], ["/healthz"]);
    expect(() => early.reserve("health responder", "/healthz")).toThrow(/already claims path prefix "\/healthz"/);
  });

  test("a failed claim records nothing", () => {
    const o = new RouteOwnership();
    o.claim("tenant one", ["a.example.com"], ["/x"]);
    expect(() => o.claim("tenant two", ["b.example.com", "a.example.com"], ["/x"])).toThrow();
    expect(() => o.claim("tenant three", ["b.example.com"], ["/x"])).not.toThrow();
  });

  test("a claim only looks at claims that can share its hostname (no pairwise cost)", () => {
    // Count the candidates the index hands out per claim, whatever the machine's speed.
    const proto = RouteOwnership.prototype as any;
    const original = proto.candidates;
    let visited = 0;
    proto.candidates = function* (this: unknown, hostname: string) {
      for (const c of original.call(this, hostname)) {
        visited++;
        yield c;
      }
    };
    try {
      const o = new RouteOwnership();
      o.reserve("health responder", "/healthz");
      o.claim("tenant wild", ["*.shared.example.com"], ["/"]);
      for (let i = 0; i < 2000; i++) o.claim(`tenant t${i}`, [`t${i}.example.com`], ["/", "/api"]);
      expect(o.claims).toHaveLength(4001);
      // Each new exact hostname sees only its own earlier claims, never the other tenants' 4,000.
      expect(visited).toBeLessThanOrEqual(2000 * 2);
      visited = 0;
      o.claim("tenant other", ["a.other.example.com"], ["/x"]);
      expect(visited).toBe(0);
      // A conflict with a wildcard is found through the wildcard index, not by scanning every claim.
      visited = 0;
      expect(() => o.claim("tenant deep", ["a.shared.example.com"], ["/x"])).toThrow(/overlaps .* of tenant wild/);
      expect(visited).toBe(1);
    } finally {
      proto.candidates = original;
    }
  });
});
