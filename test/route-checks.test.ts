/**
 * Route checks that mutation testing of lib/tenancy/private/http-route-checks.ts showed unguarded (issue 12
 * item 6): each test pins a refusal with its whole message (the fix it names included) or an acceptance the
 * check must keep, so that weakening the check or losing the fix from its message fails a test.
 * See bench/MUTATION.md for the run and the mutants left.
 */
import { Lazy, Testing } from "cdktf";
import { HttpBackend } from "../lib/tenancy/backend";
import { HttpRouteOptions } from "../lib/tenancy/http-route";
import { HttpMethod, HttpRouteMatch, PathMatch } from "../lib/tenancy/route-match";
import { HttpRouteFilter, HttpRouteFilterType, PathModifier } from "../lib/tenancy/route-filter";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { resourcesOf } from "./util";
import { ownershipOf, tenancyStack } from "./tenancy-fixtures";

const WEB: HttpBackend = { serviceName: "web", port: 80 };

function shop(props: Partial<TenantProps> = {}, gatewayApiVersion = "v1.2.1") {
  const { stack, gateway } = tenancyStack();
  (gateway as { gatewayApiVersion: string }).gatewayApiVersion = gatewayApiVersion;
  const tenant = new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"], ...props });
  return { stack, gateway, tenant };
}

/** The synthesized (validated) HTTPRoute "web". */
function accepted(options: Partial<HttpRouteOptions>, props: Partial<TenantProps> = {}, version?: string): any {
  const { stack, tenant } = shop(props, version);
  tenant.addRoute("Web", { rules: [{ backends: [WEB] }], ...options });
  const manifests = Object.values(resourcesOf(JSON.parse(Testing.synth(stack, true)), "kubernetes_manifest")).map((r: any) => r.manifest);
  return manifests.find((m) => m.kind === "HTTPRoute");
}

function refused(options: Partial<HttpRouteOptions>, props: Partial<TenantProps> = {}, version?: string): () => void {
  return () => shop(props, version).tenant.addRoute("Web", { rules: [{ backends: [WEB] }], ...options });
}

const withFilters = (filters: HttpRouteFilter[], backends: HttpBackend[] = [WEB], matches?: HttpRouteMatch[]): Partial<HttpRouteOptions> => ({
  rules: [{ matches: matches ?? [{ path: PathMatch.prefix("/api") }], filters, backends }],
});
const withBackends = (...backends: HttpBackend[]): Partial<HttpRouteOptions> => ({ rules: [{ backends }] });
const token = (value: string) => Lazy.stringValue({ produce: () => value });

describe("messages keep the fix they name", () => {
  test("empty hostnames", () => {
    expect(refused({ hostnames: [] })).toThrow(
      /route "web" of tenant "shop": hostnames is empty; a route without hostnames would serve every hostname on the gateway\. List some of the tenant's hostnames \["shop\.example\.com"\], or leave hostnames out to use all of them\./,
    );
  });

  test("a redirect beside backends", () => {
    expect(refused(withFilters([HttpRouteFilter.requestRedirect({ hostname: "www.example.com" })]))).toThrow(
      /rules\[0\] has a RequestRedirect filter and backends; a redirect answers the client itself\. Remove the backends, or move the redirect into its own rule\./,
    );
  });

  test("a regular expression for a tenant that does not own /", () => {
    expect(refused({ rules: [{ matches: [{ path: PathMatch.regularExpression("/api/.*") }], backends: [WEB] }] }, { pathPrefixes: ["/api"] })).toThrow(
      /rules\[0\]\.matches\[0\] path regular expression "\/api\/\.\*" needs a tenant that owns "\/": what it matches cannot be checked against the path prefixes the tenant owns \["\/api"\]\. Use PathMatch\.prefix or PathMatch\.exact, or give the tenant pathPrefixes \["\/"\] on its own hostnames\./,
    );
  });

  test("a path outside the tenant's prefixes: the no-match hint only for a rule without matches", () => {
    expect(refused({ rules: [{ backends: [WEB] }] }, { pathPrefixes: ["/api"] })).toThrow(
      /rules\[0\] \(no matches: every path\) path "\/" is outside the path prefixes the tenant owns \["\/api"\]\. Match a path under one of them \(add a match; a rule without matches means every path\), or add the prefix to the tenant's pathPrefixes\./,
    );
    expect(refused({ rules: [{ matches: [{ path: PathMatch.prefix("/admin") }], backends: [WEB] }] }, { pathPrefixes: ["/api"] })).toThrow(
      /rules\[0\]\.matches\[0\] path "\/admin" is outside the path prefixes the tenant owns \["\/api"\]\. Match a path under one of them, or add the prefix to the tenant's pathPrefixes\./,
    );
  });

  test("a timeout that is no Gateway API duration", () => {
    expect(refused({ rules: [{ backends: [WEB], timeouts: { request: "10 s" } }] })).toThrow(
      /rules\[0\]\.timeouts\.request "10 s" is not a Gateway API duration\. Use up to four number-unit pairs with units h, m, s, ms, such as "10s", "1m30s" or "500ms"\./,
    );
  });

  test("an invalid mirror target names the mirror", () => {
    expect(refused(withFilters([HttpRouteFilter.requestMirror({ serviceName: "Shadow", port: 80 })]))).toThrow(
      /rules\[0\]\.filters\[0\] mirror service name "Shadow" is not a DNS-1035 label .*\. Name a Service in namespace "shop"\./,
    );
  });
});

describe("refusals without a test before", () => {
  test("a filter of an unknown type", () => {
    const bogus = { type: "ExtensionRef" } as unknown as HttpRouteFilter;
    expect(refused(withFilters([bogus]))).toThrow(/rules\[0\]\.filters\[0\] has unknown filter type "ExtensionRef"\./);
  });

  test("a mirror filter without a target", () => {
    const mirror = { type: HttpRouteFilterType.REQUEST_MIRROR } as unknown as HttpRouteFilter;
    expect(refused(withFilters([mirror]))).toThrow(
      /rules\[0\]\.filters\[0\] mirror filter has no target\. Use HttpRouteFilter\.requestMirror\(\{ serviceName, port \}\)\./,
    );
  });

  test("a fractional mirror percent", () => {
    expect(refused(withFilters([HttpRouteFilter.requestMirror({ serviceName: "shadow", port: 80, percent: 50.5 })]), {}, "v1.3.0")).toThrow(
      /rules\[0\]\.filters\[0\] mirror percent 50\.5 must be a whole number from 0 to 100\./,
    );
  });

  test("a CORS filter without allowOrigins", () => {
    expect(refused(withFilters([HttpRouteFilter.cors({} as any)]), {}, "v1.5.1")).toThrow(
      /rules\[0\]\.filters\[0\] CORS filter allows no origin\. List origins such as "https:\/\/app\.example\.com", or "\*" for any\./,
    );
  });

  test("a CORS method that is no HttpMethod", () => {
    const cors = HttpRouteFilter.cors({ allowOrigins: ["*"], allowMethods: [HttpMethod.GET, "FETCH" as HttpMethod] });
    expect(refused(withFilters([cors]), {}, "v1.5.1")).toThrow(/rules\[0\]\.filters\[0\] CORS method "FETCH" is not an HttpMethod\./);
  });

  test.each([
    ["text before the scheme", "xhttps://app.example.com"],
    ["a path after the host", "https://app.example.com/"],
    ["a six-digit port", "https://app.example.com:443000"],
    ["another scheme", "ftp://app.example.com"],
  ])("a CORS origin with %s", (_what, origin) => {
    expect(refused(withFilters([HttpRouteFilter.cors({ allowOrigins: [origin] })]), {}, "v1.5.1")).toThrow(
      new RegExp(`CORS origin "${origin.replace(/[./]/g, "\\$&")}" is not an origin\\. Use scheme://host\\[:port\\], e\\.g\\. "https://app\\.example\\.com"\\.`),
    );
  });

  test("a backend whose port is null", () => {
    expect(refused(withBackends({ serviceName: "web", port: null as unknown as number }))).toThrow(
      /rules\[0\]\.backends\[0\] \(service "web"\) has no port; Service backends need one\. Set port to the Service port\./,
    );
  });

  test("a backend without a service name", () => {
    expect(refused(withBackends({ port: 80 } as HttpBackend))).toThrow(/rules\[0\]\.backends\[0\] service name undefined is not a DNS-1035 label/);
  });

  test("RE2 inline flags are accepted anywhere, in both forms, and the rest of the expression must still parse", () => {
    const route = (pattern: string) => ({ rules: [{ matches: [{ path: PathMatch.regularExpression(pattern) }], backends: [WEB] }] });
    for (const pattern of ["(?i)/api/.*", "/api/(?i)v[0-9]+", "/(?i:API)/.*", "/(?s-i:x.)y", "/(?-i)a", "/a(?is)b", "/(?i-sm:x)y", "/(?-is)a"]) {
      expect(accepted(route(pattern)).spec.rules[0].matches[0].path.value).toBe(pattern);
    }
    expect(refused(route("(?i)*api"))).toThrow(/path regular expression "\(\?i\)\*api" does not parse: /);
    expect(refused(route("/api/(?i)*"))).toThrow(/path regular expression "\/api\/\(\?i\)\*" does not parse: /);
    expect(refused(route("/a/(?is)*"))).toThrow(/path regular expression "\/a\/\(\?is\)\*" does not parse: a flag group such as \(\?i\) cannot be repeated/);
    expect(refused(route("/(?)a"))).toThrow(/path regular expression "\/\(\?\)a" does not parse: /);
  });
});

describe("acceptances the checks must keep", () => {
  test("CORS origins over http and with a port", () => {
    const origins = ["http://localhost:3000", "https://app.example.com:8443", "https://*.example.com"];
    expect(accepted(withFilters([HttpRouteFilter.cors({ allowOrigins: origins })]), {}, "v1.5.1").spec.rules[0].filters[0].cors.allowOrigins).toEqual(origins);
  });

  test("a header modifier with one set and one add, and with one set and one remove", () => {
    const one = accepted(withFilters([HttpRouteFilter.requestHeaderModifier({ set: { "x-a": "1" }, add: { "x-b": "2" } })]));
    expect(one.spec.rules[0].filters[0].requestHeaderModifier).toEqual({ set: [{ name: "x-a", value: "1" }], add: [{ name: "x-b", value: "2" }] });
    const two = accepted(withFilters([HttpRouteFilter.requestHeaderModifier({ set: { "x-a": "1" }, remove: ["x-c"] })]));
    expect(two.spec.rules[0].filters[0].requestHeaderModifier).toEqual({ set: [{ name: "x-a", value: "1" }], remove: ["x-c"] });
  });

  test("replacePrefixMatch in a rule without matches (it matches PathPrefix /)", () => {
    const rewrite = HttpRouteFilter.urlRewrite({ path: PathModifier.replacePrefixMatch("/v2") });
    const route = accepted({ rules: [{ filters: [rewrite], backends: [WEB] }] });
    expect(route.spec.rules[0].filters[0].urlRewrite).toEqual({ path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/v2" } });
  });

  test("names, paths and Service names given as tokens are left to the apply", () => {
    const route = accepted({
      name: token("web"),
      rules: [{ matches: [{ path: PathMatch.prefix(token("/api")) }], backends: [{ serviceName: token("web"), port: 80 }] }],
    });
    expect(route.metadata.name).toBe("web");
    expect(route.spec.rules[0].matches[0].path.value).toBe("/api");
    expect(route.spec.rules[0].backendRefs[0].name).toBe("web");
  });

  test("a regular expression path is not compared with reservations made after the route (its reach cannot be computed)", () => {
    const { stack, gateway, tenant } = shop();
    tenant.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.regularExpression("/healthz/.*") }], backends: [WEB] }] });
    ownershipOf(gateway).reserve("health responder", "/healthz");
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("a route whose paths stay outside every reservation passes the synth-time reservation check", () => {
    const { stack, gateway, tenant } = shop();
    tenant.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.prefix("/api") }, { headers: { "x-a": "1" } }], backends: [WEB] }] });
    ownershipOf(gateway).reserve("health responder", "/healthz");
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("16 filters are refused because a filter type repeats: the 16-filter limit cannot be reached while each type appears once", () => {
    const filters = Array.from({ length: 16 }, () => HttpRouteFilter.requestHeaderModifier({ set: { "x-a": "1" } }));
    expect(refused(withFilters(filters))).toThrow(/rules\[0\] has more than one RequestHeaderModifier filter\. Merge them into one\./);
  });
});
