// How certificate names cover host names (TLS) and how Application Gateway listeners match them, and the order
// of the multi-site listeners that follows.
import { listenerHostMatches, specificity } from "../lib/edge/private/dns-names";
import { certificateDnsNameProblem, tlsCovers } from "../lib/private/certificate-names";
import { FIRST_SITE_PRIORITY, MAX_HOST_NAMES_PER_LISTENER, planSiteListeners } from "../lib/edge/private/application-gateway-render";

describe("certificate DNS names", () => {
  test.each(["example.com", "*.example.com", "a-b.c1.example", "xn--bcher-kva.example", "1a.example.com"])("%s is a certificate DNS name", (name) => {
    expect(certificateDnsNameProblem(name)).toBeUndefined();
  });

  test.each(["Example.com", "*.*.example.com", "a.*.example.com", "*example.com", "example.com.", "a..b", "*.com", "256.1.1.1"])(
    "%s is not",
    (name) => {
      expect(certificateDnsNameProblem(name)).toEqual(expect.any(String));
    },
  );
});

describe("TLS coverage and listener matching differ on purpose", () => {
  test.each([
    ["*.example.com", "a.example.com", true, true],
    ["*.example.com", "a.b.example.com", false, true],
    ["*.example.com", "example.com", false, false],
    ["a.example.com", "A.EXAMPLE.COM", true, true],
    ["a.example.com", "b.example.com", false, false],
  ])("%s against %s: TLS %s, listener %s", (name, host, tls, listener) => {
    expect(tlsCovers([name], host)).toBe(tls);
    expect(listenerHostMatches(name, host)).toBe(listener);
  });

  test("exact names rank above wildcards, longer wildcards above shorter", () => {
    expect(specificity("a.example.com")).toBeGreaterThan(specificity("*.b.example.com"));
    expect(specificity("*.b.example.com")).toBeGreaterThan(specificity("*.example.com"));
  });
});

describe("planSiteListeners", () => {
  test("splits each certificate's names by kind in parts of 5, exact names first", () => {
    const plan = planSiteListeners([{ dnsNames: ["*.a.example", "x1.a.example", "*.b.c.example", "x2.a.example"] }]);
    expect(plan).toEqual([
      { name: "https-1-2", certificateIndex: 0, hostNames: ["x1.a.example", "x2.a.example"], priority: FIRST_SITE_PRIORITY },
      { name: "https-1-3", certificateIndex: 0, hostNames: ["*.b.c.example"], priority: FIRST_SITE_PRIORITY + 1 },
      { name: "https-1-1", certificateIndex: 0, hostNames: ["*.a.example"], priority: FIRST_SITE_PRIORITY + 2 },
    ]);
  });

  test("keeps certificate order within a rank and never exceeds 5 names", () => {
    const dnsNames = Array.from({ length: 11 }, (_v, i) => `h${i}.example.com`);
    const plan = planSiteListeners([{ dnsNames }, { dnsNames: ["z.example.net"] }]);
    expect(plan.map((l) => [l.name, l.hostNames.length])).toEqual([
      ["https-1-1", 5],
      ["https-1-2", 5],
      ["https-1-3", 1],
      ["https-2-1", 1],
    ]);
    expect(plan.every((l) => l.hostNames.length <= MAX_HOST_NAMES_PER_LISTENER)).toBe(true);
  });

  test("plans nothing without certificates", () => {
    expect(planSiteListeners([])).toEqual([]);
  });
});
