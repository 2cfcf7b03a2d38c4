/**
 * Route limits at the boundary (issue 12 item 3): for each numeric or count limit HttpRoute and GrpcRoute check
 * at synth, a route exactly at the limit synthesizes (and passes the Gateway API schema of its bundle, which the
 * route checks when it renders) and one just past it is refused with the limit's own message.
 *
 * Limits already tested on both sides in test/http-route.test.ts (16 rules, 64 matches per rule, 128 per route,
 * 16 backends, 4096-character header modifier values) are not repeated here; this file fills the other sides.
 * The limits: Gateway API v1.2+ apis/v1/httproute_types.go, as HTTP_ROUTE_LIMITS in
 * lib/tenancy/private/http-route-checks.ts.
 */
import { Testing } from "cdktf";
import { HttpBackend } from "../lib/tenancy/backend";
import { GrpcRouteRule } from "../lib/tenancy/grpc-route";
import { HttpRouteOptions, HttpRouteRule } from "../lib/tenancy/http-route";
import { HttpRouteFilter, RedirectScheme } from "../lib/tenancy/route-filter";
import { HttpRouteMatch, PathMatch } from "../lib/tenancy/route-match";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";
import { hostnameOf } from "./limits-fixtures";

const WEB: HttpBackend = { serviceName: "web", port: 80 };

/** A tenant owning `/` on shop.example.com and below, on a gateway with the given Gateway API bundle. */
function shop(props: Partial<TenantProps> = {}, gatewayApiVersion = "v1.2.1") {
  const { stack, gateway } = tenancyStack();
  (gateway as { gatewayApiVersion: string }).gatewayApiVersion = gatewayApiVersion;
  const tenant = new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com", "*.shop.example.com"], ...props });
  return { stack, tenant };
}

/** The manifests a stack synthesizes (with validations), by kind. */
function manifestsOf(stack: any): any[] {
  return Object.values(resourcesOf(JSON.parse(Testing.synth(stack, true)), "kubernetes_manifest")).map((r: any) => r.manifest);
}

/** Adds the route "web" and returns its synthesized HTTPRoute. */
function accepted(options: Partial<HttpRouteOptions>, version?: string): any {
  const { stack, tenant } = shop({}, version);
  tenant.addRoute("Web", { rules: [{ backends: [WEB] }], ...options });
  const [route] = manifestsOf(stack).filter((m) => m.kind === "HTTPRoute");
  return route;
}

/** Adding the route "web" with these options, as a function for `expect(...).toThrow`. */
function refused(options: Partial<HttpRouteOptions>, version?: string): () => void {
  return () => shop({}, version).tenant.addRoute("Web", { rules: [{ backends: [WEB] }], ...options });
}

/** One rule with the given filters and backends. */
const withFilters = (filters: HttpRouteFilter[], backends: HttpBackend[] = [WEB]): Partial<HttpRouteOptions> => ({
  rules: [{ matches: [{ path: PathMatch.prefix("/api") }], filters, backends }],
});
/** One rule with one match. */
const withMatch = (match: HttpRouteMatch): Partial<HttpRouteOptions> => ({ rules: [{ matches: [match], backends: [WEB] }] });
/** One rule with the given backends. */
const withBackends = (...backends: HttpBackend[]): Partial<HttpRouteOptions> => ({ rules: [{ backends }] });
/** `n` entries `x-h0: v`, `x-h1: v`, …. */
const entries = (n: number, value = "v"): { [name: string]: string } => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-h${i}`, value]));
/** `n` header names. */
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `x-h${i}`);

describe("HTTPRoute counts", () => {
  test("16 hostnames are accepted (the tenant's own, when the route picks none)", () => {
    const hostnames = Array.from({ length: 16 }, (_, i) => `h${i}.shop.example.com`);
    expect(accepted({ hostnames }).spec.hostnames).toEqual(hostnames);
    const { stack, tenant } = shop({ hostnames });
    tenant.addRoute("Web", { rules: [{ backends: [WEB] }] });
    expect(manifestsOf(stack)[0].spec.hostnames).toHaveLength(16);
  });

  test("16 header conditions and 16 query parameter conditions in one match are accepted", () => {
    const route = accepted(withMatch({ path: PathMatch.prefix("/api"), headers: entries(16), queryParams: entries(16) }));
    expect(route.spec.rules[0].matches[0].headers).toHaveLength(16);
    expect(route.spec.rules[0].matches[0].queryParams).toHaveLength(16);
  });

  test("17 query parameter conditions in one match are refused", () => {
    expect(refused(withMatch({ queryParams: entries(17) }))).toThrow(
      /rules\[0\]\.matches\[0\] has 17 query parameter conditions, but a match allows at most 16\./,
    );
  });

  test.each(["set", "add", "remove"] as const)("a header modifier %s of 16 headers is accepted, of 17 refused", (field) => {
    const list = (n: number) => (field === "remove" ? { remove: names(n) } : { [field]: entries(n) });
    const route = accepted(withFilters([HttpRouteFilter.requestHeaderModifier(list(16))]));
    expect(route.spec.rules[0].filters[0].requestHeaderModifier[field]).toHaveLength(16);
    expect(refused(withFilters([HttpRouteFilter.responseHeaderModifier(list(17))]))).toThrow(
      new RegExp(`rules\\[0\\]\\.filters\\[0\\] ${field}s 17 headers, but a filter allows at most 16\\.`),
    );
  });

  test("the 128-match total counts rules without matches as 0, and 16 rules × 8 matches is exactly 128", () => {
    const rules: HttpRouteRule[] = Array.from({ length: 16 }, (_, r) => ({
      matches: Array.from({ length: 8 }, (_, m) => ({ path: PathMatch.exact(`/r${r}/m${m}`) })),
      backends: [WEB],
    }));
    expect(accepted({ rules }).spec.rules).toHaveLength(16);
    const over = [...rules.slice(0, 15), { ...rules[15], matches: [...rules[15].matches!, { path: PathMatch.exact("/last") }] }];
    expect(refused({ rules: over })).toThrow(/has 129 matches in all, but an HTTPRoute allows at most 128\. Split it into several routes\./);
  });

  test.each(["allowOrigins", "allowHeaders", "exposeHeaders"] as const)("CORS %s: 64 entries are accepted, 65 refused", (field) => {
    const values = (n: number) =>
      Array.from({ length: n }, (_, i) => (field === "allowOrigins" ? `https://o${i}.example.com` : `X-H${i}`));
    const cors = (n: number) => HttpRouteFilter.cors({ allowOrigins: ["https://app.example.com"], [field]: values(n) });
    const route = accepted(withFilters([cors(64)]), "v1.5.1");
    expect(route.spec.rules[0].filters[0].cors[field]).toHaveLength(64);
    expect(refused(withFilters([cors(65)]), "v1.5.1")).toThrow(
      new RegExp(`rules\\[0\\]\\.filters\\[0\\] CORS ${field} has 65 entries \\(at most 64\\)\\.`),
    );
  });
});

describe("HTTPRoute lengths", () => {
  test("a hostname of 253 characters is accepted, of 254 refused", () => {
    const at = hostnameOf(253, "shop.example.com");
    expect(accepted({ hostnames: [at] }).spec.hostnames).toEqual([at]);
    expect(refused({ hostnames: [hostnameOf(254, "shop.example.com")] })).toThrow(/hostname "a+(\.a+)*\.shop\.example\.com" must be 1 to 253 characters long\./);
  });

  test("a hostname label of 63 characters is accepted, of 64 refused", () => {
    const at = `${"a".repeat(63)}.shop.example.com`;
    expect(accepted({ hostnames: [at] }).spec.hostnames).toEqual([at]);
    expect(refused({ hostnames: [`${"a".repeat(64)}.shop.example.com`] })).toThrow(/hostname "a{64}\.shop\.example\.com" has a label longer than 63 characters\./);
  });

  test("a route name of 253 characters is accepted, of 254 refused", () => {
    const at = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
    expect(at).toHaveLength(253);
    expect(accepted({ name: at }).metadata.name).toBe(at);
    expect(refused({ name: `${at}d` })).toThrow(/route "a{63}\.b{63}\.c{63}\.d{62}" of tenant "shop": the name is 254 characters long \(at most 253\)\./);
  });

  test("a match path of 1024 characters is accepted, of 1025 refused", () => {
    const at = `/${"p".repeat(1023)}`;
    expect(accepted(withMatch({ path: PathMatch.exact(at) })).spec.rules[0].matches[0].path.value).toBe(at);
    expect(refused(withMatch({ path: PathMatch.prefix(`${at}p`) }))).toThrow(/rules\[0\]\.matches\[0\] path "\/p{1024}" is 1025 characters long \(at most 1024\)\./);
  });

  test("a regular expression path of 1 and of 1024 characters is accepted; of 0 and 1025 refused", () => {
    const at = `/${".".repeat(1023)}`;
    expect(accepted(withMatch({ path: PathMatch.regularExpression(at) })).spec.rules[0].matches[0].path.value).toBe(at);
    expect(accepted(withMatch({ path: PathMatch.regularExpression(".") })).spec.rules[0].matches[0].path.value).toBe(".");
    expect(refused(withMatch({ path: PathMatch.regularExpression(`${at}.`) }))).toThrow(
      /rules\[0\]\.matches\[0\] path regular expression "\/\.{1024}" must be 1 to 1024 characters long\./,
    );
    expect(refused(withMatch({ path: PathMatch.regularExpression("") }))).toThrow(
      /rules\[0\]\.matches\[0\] path regular expression "" must be 1 to 1024 characters long\./,
    );
  });

  test("a header match value of 4096 characters is accepted, of 4097 refused", () => {
    const at = "v".repeat(4096);
    expect(accepted(withMatch({ headers: { "x-a": at } })).spec.rules[0].matches[0].headers[0].value).toBe(at);
    expect(refused(withMatch({ headers: { "x-a": `${at}v` } }))).toThrow(
      /rules\[0\]\.matches\[0\] header "x-a" has value "v{4097}"; values must be 1 to 4096 characters long\./,
    );
  });

  test("a query parameter value of 1 and of 1024 characters is accepted; of 0 and 1025 refused", () => {
    const at = "q".repeat(1024);
    const route = accepted(withMatch({ queryParams: { page: at, one: "1" } }));
    expect(route.spec.rules[0].matches[0].queryParams).toEqual([
      { type: "Exact", name: "page", value: at },
      { type: "Exact", name: "one", value: "1" },
    ]);
    expect(refused(withMatch({ queryParams: { page: `${at}q` } }))).toThrow(
      /rules\[0\]\.matches\[0\] query parameter "page" has value "q{1025}"; values must be 1 to 1024 characters long\./,
    );
    expect(refused(withMatch({ queryParams: { page: "" } }))).toThrow(
      /rules\[0\]\.matches\[0\] query parameter "page" has value ""; values must be 1 to 1024 characters long\./,
    );
  });

  test("a header name of 256 characters is accepted, of 257 refused (match and header modifier)", () => {
    const at = "h".repeat(256);
    expect(accepted(withMatch({ headers: { [at]: "1" } })).spec.rules[0].matches[0].headers[0].name).toBe(at);
    expect(refused(withMatch({ headers: { [`${at}h`]: "1" } }))).toThrow(/rules\[0\]\.matches\[0\] header name "h{257}" must be 1 to 256 characters long\./);
    expect(accepted(withFilters([HttpRouteFilter.requestHeaderModifier({ remove: [at] })])).spec.rules[0].filters[0].requestHeaderModifier.remove).toEqual([at]);
    expect(refused(withFilters([HttpRouteFilter.requestHeaderModifier({ remove: [`${at}h`] })]))).toThrow(
      /rules\[0\]\.filters\[0\] header name "h{257}" must be 1 to 256 characters long\./,
    );
  });

  test("a backend Service name of 63 characters is accepted, of 64 refused", () => {
    const at = `s${"x".repeat(62)}`;
    expect(accepted(withBackends({ serviceName: at, port: 80 })).spec.rules[0].backendRefs[0].name).toBe(at);
    expect(refused(withBackends({ serviceName: `${at}x`, port: 80 }))).toThrow(
      /rules\[0\]\.backends\[0\] service name "sx{63}" is 64 characters long \(at most 63\)\. Name a Service in namespace "shop"\./,
    );
  });
});

describe("HTTPRoute numbers", () => {
  test.each([1, 65535])("a backend port of %d is accepted", (port) => {
    expect(accepted(withBackends({ serviceName: "web", port })).spec.rules[0].backendRefs[0].port).toBe(port);
  });

  test("a backend port of 65536 is refused", () => {
    expect(refused(withBackends({ serviceName: "web", port: 65536 }))).toThrow(/rules\[0\]\.backends\[0\] \(service "web"\) port 65536 is not a port \(1–65535\)\./);
  });

  test("a backend weight of 1000000 is accepted (1000001 is refused in http-route.test.ts)", () => {
    const route = accepted(withBackends({ serviceName: "web", port: 80, weight: 1_000_000 }, { serviceName: "canary", port: 80, weight: 0 }));
    expect(route.spec.rules[0].backendRefs).toEqual([
      { name: "web", port: 80, weight: 1_000_000 },
      { name: "canary", port: 80, weight: 0 },
    ]);
  });

  test("weights not all zero: a single backend of weight 1 is accepted, of weight 0 refused", () => {
    expect(accepted(withBackends({ ...WEB, weight: 1 })).spec.rules[0].backendRefs).toEqual([{ name: "web", port: 80, weight: 1 }]);
    expect(refused(withBackends({ ...WEB, weight: 0 }))).toThrow(
      /rules\[0\] gives every backend weight 0, so the rule sends no traffic anywhere and answers 500\. Give at least one backend a weight above 0, or remove the rule\./,
    );
  });

  test.each([1, 65535])("a redirect port of %d is accepted", (port) => {
    const route = accepted(withFilters([HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS, port })], []));
    expect(route.spec.rules[0].filters[0].requestRedirect).toEqual({ scheme: "https", port, statusCode: 302 });
  });

  test.each([0, 65536])("a redirect port of %d is refused", (port) => {
    expect(refused(withFilters([HttpRouteFilter.requestRedirect({ port })], []))).toThrow(
      new RegExp(`rules\\[0\\]\\.filters\\[0\\] redirect port ${port} is not a port \\(1–65535\\)\\.`),
    );
  });

  test.each([0, 100])("a mirror percent of %d is accepted", (percent) => {
    const route = accepted(withFilters([HttpRouteFilter.requestMirror({ serviceName: "shadow", port: 8080, percent })]), "v1.3.0");
    expect(route.spec.rules[0].filters[0].requestMirror).toEqual({ backendRef: { name: "shadow", port: 8080 }, percent });
  });

  test("a mirror percent of -1 is refused (101 is refused in route-features.test.ts)", () => {
    expect(refused(withFilters([HttpRouteFilter.requestMirror({ serviceName: "shadow", port: 8080, percent: -1 })]), "v1.3.0")).toThrow(
      /rules\[0\]\.filters\[0\] mirror percent -1 must be a whole number from 0 to 100\./,
    );
  });

  test.each([1, 2147483647])("a CORS maxAgeSeconds of %d is accepted", (maxAgeSeconds) => {
    const route = accepted(withFilters([HttpRouteFilter.cors({ allowOrigins: ["*"], maxAgeSeconds })]), "v1.5.1");
    expect(route.spec.rules[0].filters[0].cors).toEqual({ allowOrigins: ["*"], maxAge: maxAgeSeconds });
  });

  test("a CORS maxAgeSeconds of 2147483648 is refused (0 is refused in route-features.test.ts)", () => {
    expect(refused(withFilters([HttpRouteFilter.cors({ allowOrigins: ["*"], maxAgeSeconds: 2147483648 })]), "v1.5.1")).toThrow(
      /rules\[0\]\.filters\[0\] CORS maxAgeSeconds 2147483648 must be a whole number of seconds, at least 1\./,
    );
  });
});

describe("HTTPRoute timeouts", () => {
  const timeouts = (request: string | undefined, backendRequest: string | undefined): Partial<HttpRouteOptions> => ({
    rules: [{ backends: [WEB], timeouts: { request, backendRequest } }],
  });

  test("five digits per number and four number-unit pairs are accepted", () => {
    expect(accepted(timeouts("99999h", "99999h")).spec.rules[0].timeouts).toEqual({ request: "99999h", backendRequest: "99999h" });
    expect(accepted(timeouts("1h1m1s1ms", "1h1m1s")).spec.rules[0].timeouts).toEqual({ request: "1h1m1s1ms", backendRequest: "1h1m1s" });
  });

  test.each([
    ["six digits", "100000h"],
    ["five pairs", "1h1m1s1ms1ms"],
  ])("a duration with %s is refused", (_what, value) => {
    expect(refused(timeouts(value, undefined))).toThrow(
      new RegExp(`rules\\[0\\]\\.timeouts\\.request "${value}" is not a Gateway API duration\\. Use up to four number-unit pairs`),
    );
    expect(refused(timeouts(undefined, value))).toThrow(new RegExp(`rules\\[0\\]\\.timeouts\\.backendRequest "${value}" is not a Gateway API duration`));
  });

  test("a backendRequest equal to request is accepted, one millisecond longer refused", () => {
    expect(accepted(timeouts("10s", "10000ms")).spec.rules[0].timeouts).toEqual({ request: "10s", backendRequest: "10000ms" });
    expect(refused(timeouts("10s", "10001ms"))).toThrow(
      /rules\[0\]\.timeouts\.backendRequest "10001ms" is longer than request "10s"\. Make backendRequest at most request\./,
    );
  });

  test("a backendRequest one millisecond shorter than request is accepted", () => {
    expect(accepted(timeouts("1m", "59s999ms")).spec.rules[0].timeouts).toEqual({ request: "1m", backendRequest: "59s999ms" });
  });
});

describe("GRPCRoute counts", () => {
  /** A GRPCRoute for a tenant owning `/`, on a gateway with the given Gateway API bundle. */
  function grpc(rules: GrpcRouteRule[], version = "v1.3.0") {
    const { stack, tenant } = shop({}, version);
    tenant.addGrpcRoute("Greeter", { rules });
    return stack;
  }
  const services = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ service: `pkg.Service${from + i}` }));
  const grpcRoute = (stack: any) => manifestsOf(stack).filter((m) => m.kind === "GRPCRoute")[0];

  test("16 rules and 64 matches in a rule are accepted (Gateway API v1.3.0+)", () => {
    const rules: GrpcRouteRule[] = [{ matches: services(64), backends: [WEB] }, ...Array.from({ length: 15 }, (_, i) => ({ matches: services(1, 100 + i), backends: [WEB] }))];
    const route = grpcRoute(grpc(rules));
    expect(route.spec.rules).toHaveLength(16);
    expect(route.spec.rules[0].matches).toHaveLength(64);
  });

  test("17 rules are refused", () => {
    const rules = Array.from({ length: 17 }, (_, i) => ({ matches: services(1, i), backends: [WEB] }));
    expect(() => grpc(rules)).toThrow(/route "greeter" of tenant "shop": has 17 rules, but a GRPCRoute allows at most 16\. Split it into several routes\./);
  });

  test("65 matches in a rule are refused", () => {
    expect(() => grpc([{ matches: services(65), backends: [WEB] }])).toThrow(/rules\[0\] has 65 matches, but a rule allows at most 64\./);
  });

  test("on Gateway API v1.2.1 (AKS 1.26–1.33) the bundle's own limit of 8 matches applies: 8 accepted, 9 refused by the schema", () => {
    expect(grpcRoute(grpc([{ matches: services(8), backends: [WEB] }], "v1.2.1")).spec.rules[0].matches).toHaveLength(8);
    expect(() => grpc([{ matches: services(9), backends: [WEB] }], "v1.2.1")).toThrow(
      /spec\.rules\[0\]\.matches: has 9 items, at most 8 allowed; v1\.3\.0 \(AKS Kubernetes 1\.34\) allows 64/,
    );
  });

  test("16 backends are accepted, 17 refused", () => {
    const backends = (n: number) => Array.from({ length: n }, (_, i) => ({ serviceName: `s${i}`, port: 50051 }));
    expect(grpcRoute(grpc([{ matches: services(1), backends: backends(16) }])).spec.rules[0].backendRefs).toHaveLength(16);
    expect(() => grpc([{ matches: services(1), backends: backends(17) }])).toThrow(/rules\[0\] has 17 backends, but a rule allows at most 16\./);
  });
});
