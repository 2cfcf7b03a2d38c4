/**
 * The route features the NGINX migration needs, on tenants: GRPCRoute, the CORS and RequestMirror filters,
 * redirect paths and codes, and RegularExpression paths; each gated by the gateway's Gateway API bundle.
 */
import { Testing } from "cdktf";
import { HttpBackend } from "../lib/tenancy/backend";
import { HttpRouteRule } from "../lib/tenancy/http-route";
import { HttpRouteFilter, PathModifier, RedirectStatusCode } from "../lib/tenancy/route-filter";
import { HttpMethod, PathMatch } from "../lib/tenancy/route-match";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";

const WEB: HttpBackend = { serviceName: "web", port: 80 };

function tenant(props: Partial<TenantProps> = {}, gatewayApiVersion = "v1.2.1") {
  const { stack, gateway } = tenancyStack();
  (gateway as any).gatewayApiVersion = gatewayApiVersion;
  const t = new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"], pathPrefixes: ["/api", "/helloworld.Greeter"], ...props });
  return { stack, tenant: t };
}

function manifests(stack: any): any[] {
  return Object.values(resourcesOf(JSON.parse(Testing.synth(stack)), "kubernetes_manifest")).map((r: any) => r.manifest);
}

const httpRule = (filters: HttpRouteFilter[], extra: Partial<HttpRouteRule> = {}): HttpRouteRule => ({
  matches: [{ path: PathMatch.prefix("/api") }],
  filters,
  backends: [WEB],
  ...extra,
});

describe("GRPCRoute", () => {
  test("renders a GRPCRoute on the tenant's hostnames, matching a service and a method", () => {
    const { stack, tenant: t } = tenant();
    t.addGrpcRoute("Greeter", {
      rules: [
        {
          matches: [{ service: "helloworld.Greeter", method: "SayHello", headers: { "x-env": "beta" } }],
          filters: [HttpRouteFilter.requestHeaderModifier({ set: { "x-via": "gateway" } })],
          backends: [{ serviceName: "greeter", port: 50051 }],
        },
      ],
    });
    const [grpc] = manifests(stack).filter((m) => m.kind === "GRPCRoute");
    expect(grpc).toMatchObject({
      apiVersion: "gateway.networking.k8s.io/v1",
      metadata: { name: "greeter", namespace: "shop" },
      spec: {
        hostnames: ["shop.example.com"],
        rules: [
          {
            matches: [{ method: { type: "Exact", service: "helloworld.Greeter", method: "SayHello" }, headers: [{ type: "Exact", name: "x-env", value: "beta" }] }],
            filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "x-via", value: "gateway" }] } }],
            backendRefs: [{ name: "greeter", port: 50051 }],
          },
        ],
      },
    });
  });

  test("an HTTPRoute and a GRPCRoute may share a Kubernetes name (different kinds)", () => {
    const { tenant: t } = tenant();
    t.addRoute("Web", { name: "shop", rules: [httpRule([])] });
    expect(() => t.addGrpcRoute("Grpc", { name: "shop", rules: [{ matches: [{ service: "helloworld.Greeter" }], backends: [WEB] }] })).not.toThrow();
    expect(() => t.addGrpcRoute("Grpc2", { name: "shop", rules: [{ matches: [{ service: "helloworld.Greeter" }], backends: [WEB] }] })).toThrow(
      /already has a GRPCRoute named "shop"/,
    );
  });

  test.each([
    [{ matches: [{ service: "other.Service" }], backends: [WEB] }, /path "\/other\.Service" is outside the path prefixes the tenant owns/],
    [{ backends: [WEB] }, /no matches: every service\) path "\/" is outside the path prefixes/],
    [{ matches: [{ method: "SayHello" }], backends: [WEB] }, /names method "SayHello" without a service/],
    [{ matches: [{ service: "hello world" }], backends: [WEB] }, /"hello world" is not a gRPC service name/],
    [{ matches: [{ service: "helloworld.Greeter" }], backends: [] }, /has no backends/],
    [
      { matches: [{ service: "helloworld.Greeter" }], filters: [HttpRouteFilter.urlRewrite({ hostname: "x.example.com" })], backends: [WEB] },
      /URLRewrite filter, which GRPCRoute does not take/,
    ],
  ])("throws when a rule is invalid: %#", (rule, message) => {
    const { tenant: t } = tenant();
    expect(() => t.addGrpcRoute("Grpc", { rules: [rule as any] })).toThrow(message);
  });

  test("throws when a hostname is not the tenant's, naming the route", () => {
    const { tenant: t } = tenant();
    expect(() => t.addGrpcRoute("Grpc", { hostnames: ["other.example.com"], rules: [{ matches: [{ service: "helloworld.Greeter" }], backends: [WEB] }] })).toThrow(
      /route "grpc" of tenant "shop": hostname "other.example.com" is not within the hostnames the tenant owns/,
    );
  });
});

describe("CORS filter", () => {
  const cors = HttpRouteFilter.cors({
    allowOrigins: ["https://app.example.com"],
    allowMethods: [HttpMethod.GET, HttpMethod.POST],
    allowHeaders: ["Content-Type"],
    allowCredentials: true,
    maxAgeSeconds: 600,
  });

  test("throws on Gateway API v1.2.1, naming the bundle that brings it (v1.5.1, AKS Kubernetes 1.36)", () => {
    const { tenant: t } = tenant();
    expect(() => t.addRoute("Web", { rules: [httpRule([cors])] })).toThrow(/unknown field in Gateway API v1\.2\.1; first in v1\.5\.1 \(AKS Kubernetes 1\.36\+\)/);
  });

  test("renders on v1.5.1", () => {
    const { stack, tenant: t } = tenant({}, "v1.5.1");
    t.addRoute("Web", { rules: [httpRule([cors])] });
    expect(manifests(stack)[0].spec.rules[0].filters).toEqual([
      {
        type: "CORS",
        cors: { allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], allowHeaders: ["Content-Type"], allowCredentials: true, maxAge: 600 },
      },
    ]);
  });

  test.each([
    [{ allowOrigins: [] }, /allows no origin/],
    [{ allowOrigins: ["*", "https://a.example.com"] }, /"\*" must stand alone/],
    [{ allowOrigins: ["app.example.com"] }, /is not an origin/],
    [{ allowOrigins: ["*"], maxAgeSeconds: 0 }, /maxAgeSeconds 0 must be a whole number of seconds/],
  ])("throws when the CORS options are invalid: %j", (options, message) => {
    const { tenant: t } = tenant({}, "v1.5.1");
    expect(() => t.addRoute("Web", { rules: [httpRule([HttpRouteFilter.cors(options as any)])] })).toThrow(message);
  });
});

describe("RequestMirror filter", () => {
  test("renders a mirror to a Service of the tenant", () => {
    const { stack, tenant: t } = tenant();
    t.addRoute("Web", { rules: [httpRule([HttpRouteFilter.requestMirror({ serviceName: "shadow", port: 8080 })])] });
    expect(manifests(stack)[0].spec.rules[0].filters).toEqual([{ type: "RequestMirror", requestMirror: { backendRef: { name: "shadow", port: 8080 } } }]);
  });

  test("a mirror percentage needs v1.3.0 (AKS Kubernetes 1.34)", () => {
    const mirror = HttpRouteFilter.requestMirror({ serviceName: "shadow", port: 8080, percent: 10 });
    expect(() => tenant().tenant.addRoute("Web", { rules: [httpRule([mirror])] })).toThrow(/first in v1\.3\.0 \(AKS Kubernetes 1\.34\)/);
    expect(() => tenant({}, "v1.3.0").tenant.addRoute("Web", { rules: [httpRule([mirror])] })).not.toThrow();
  });

  test.each([
    [{ serviceName: "Shadow", port: 80 }, /service name "Shadow"/],
    [{ serviceName: "shadow", port: 0 }, /port 0 is not a port/],
    [{ serviceName: "shadow", port: 80, percent: 101 }, /mirror percent 101 must be a whole number from 0 to 100/],
  ])("throws when the mirror target is invalid: %j", (options, message) => {
    expect(() => tenant().tenant.addRoute("Web", { rules: [httpRule([HttpRouteFilter.requestMirror(options)])] })).toThrow(message);
  });
});

describe("redirects", () => {
  test("a redirect may replace the path", () => {
    const { stack, tenant: t } = tenant();
    const redirect = HttpRouteFilter.requestRedirect({ path: PathModifier.replaceFullPath("/login"), statusCode: RedirectStatusCode.MOVED_PERMANENTLY });
    t.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.exact("/api/login") }], filters: [redirect] }] });
    expect(manifests(stack)[0].spec.rules[0].filters[0].requestRedirect).toEqual({ path: { type: "ReplaceFullPath", replaceFullPath: "/login" }, statusCode: 301 });
  });

  test("308 needs v1.5.1 (AKS Kubernetes 1.36)", () => {
    const redirect = HttpRouteFilter.requestRedirect({ hostname: "www.example.com", statusCode: RedirectStatusCode.PERMANENT_REDIRECT });
    const rule = { matches: [{ path: PathMatch.prefix("/api") }], filters: [redirect] };
    expect(() => tenant().tenant.addRoute("Web", { rules: [rule] })).toThrow(/first in v1\.5\.1 \(AKS Kubernetes 1\.36\+\)/);
    expect(() => tenant({}, "v1.5.1").tenant.addRoute("Web", { rules: [rule] })).not.toThrow();
  });

  test("throws when a prefix redirect has no single prefix match", () => {
    const redirect = HttpRouteFilter.requestRedirect({ path: PathModifier.replacePrefixMatch("/v2") });
    expect(() => tenant().tenant.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.exact("/api/x") }], filters: [redirect] }] })).toThrow(
      /redirect uses PathModifier.replacePrefixMatch, which needs the rule to have exactly one match/,
    );
  });
});

describe("RegularExpression paths", () => {
  test("render for a tenant that owns /", () => {
    const { stack, tenant: t } = tenant({ pathPrefixes: ["/"] });
    t.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.regularExpression("(?i)/api/v[0-9]+/.*") }], backends: [WEB] }] });
    expect(manifests(stack)[0].spec.rules[0].matches).toEqual([{ path: { type: "RegularExpression", value: "(?i)/api/v[0-9]+/.*" } }]);
  });

  test("throws for a tenant that owns only some prefixes, as the admission policy refuses it", () => {
    expect(() => tenant().tenant.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.regularExpression("/api/.*") }], backends: [WEB] }] })).toThrow(
      /path regular expression "\/api\/\.\*" needs a tenant that owns "\/"/,
    );
  });

  test.each([
    ["/(?=x).*", /uses lookaround, which RE2 does not support/],
    ["/(a)\\1", /uses a backreference/],
    ["/[", /does not parse/],
  ])("throws when the expression is not RE2: %s", (pattern, message) => {
    expect(() => tenant({ pathPrefixes: ["/"] }).tenant.addRoute("Web", { rules: [{ matches: [{ path: PathMatch.regularExpression(pattern) }], backends: [WEB] }] })).toThrow(message);
  });
});
