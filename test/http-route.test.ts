import { Testing, Token } from "cdktf";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { HttpBackend } from "../lib/tenancy/backend";
import { HttpRoute, HttpRouteOptions, HttpRouteRule } from "../lib/tenancy/http-route";
import {
  HttpRouteFilter,
  PathModifier,
  RedirectScheme,
  RedirectStatusCode,
} from "../lib/tenancy/route-filter";
import { HttpMethod, HttpRouteMatch, PathMatch } from "../lib/tenancy/route-match";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { gatewayApiProblems, resourcesOf } from "./util";
import { ownershipOf, tenancyStack } from "./tenancy-fixtures";

const WEB: HttpBackend = { serviceName: "web", port: 80 };

function setup(props: Partial<TenantProps> = {}) {
  const { stack, gateway } = tenancyStack();
  const tenant = new Tenant(stack, "App1", {
    gateway,
    name: "app1",
    hostnames: ["app1.example.com", "*.app1.example.com"],
    ...props,
  });
  return { stack, gateway, tenant };
}

/** Adds one route to a fresh tenant. */
function route(options: Partial<HttpRouteOptions> = {}, tenantProps: Partial<TenantProps> = {}) {
  const s = setup(tenantProps);
  const r = s.tenant.addRoute("Web", { rules: [{ backends: [WEB] }], ...options });
  return { ...s, route: r };
}

/** The HTTPRoute manifests of a stack, by object name. */
function manifests(stack: any): Record<string, any> {
  const json = JSON.parse(Testing.synth(stack));
  const out: Record<string, any> = {};
  for (const r of Object.values(resourcesOf(json, "kubernetes_manifest")) as any[]) {
    out[r.manifest.metadata.name] = r.manifest;
  }
  return out;
}

function manifest(options: Partial<HttpRouteOptions> = {}, tenantProps: Partial<TenantProps> = {}): any {
  return manifests(route(options, tenantProps).stack).web;
}

const rules = (n: number): HttpRouteRule[] =>
  Array.from({ length: n }, (_, i) => ({ matches: [{ path: PathMatch.prefix(`/r${i}`) }], backends: [WEB] }));
const backends = (n: number): HttpBackend[] => Array.from({ length: n }, (_, i) => ({ serviceName: `svc${i}`, port: 80 }));
const matches = (n: number, from = 0): HttpRouteMatch[] =>
  Array.from({ length: n }, (_, i) => ({ path: PathMatch.exact(`/m${from + i}`) }));

describe("HttpRoute defaults", () => {
  test("renders an HTTPRoute in the tenant namespace, attached to every listener, on the tenant's hostnames", () => {
    const { stack, gateway } = setup();
    gateway.listenerNames.push("http");
    const tenant = stack.node.findChild("App1") as Tenant;
    tenant.addRoute("Web", { rules: [{ backends: [WEB] }] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Manifest, {
      manifest: {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "web", namespace: "app1", labels: { "app.kubernetes.io/managed-by": "cdktf-aks-gateway" } },
        spec: {
          parentRefs: [
            { group: "gateway.networking.k8s.io", kind: "Gateway", name: "shared", namespace: "gateway-system", sectionName: "https" },
            { group: "gateway.networking.k8s.io", kind: "Gateway", name: "shared", namespace: "gateway-system", sectionName: "http" },
          ],
          hostnames: ["app1.example.com", "*.app1.example.com"],
          rules: [{ backendRefs: [{ name: "web", port: 80 }] }],
        },
      },
    });
  });

  test("depends on the tenant namespace", () => {
    const { stack } = route();
    const json = JSON.parse(Testing.synth(stack));
    const nsId = Object.keys(resourcesOf(json, "kubernetes_namespace_v1"))[0];
    const [m] = Object.values(resourcesOf(json, "kubernetes_manifest")) as any[];
    expect(m.depends_on).toEqual([`kubernetes_namespace_v1.${nsId}`]);
  });

  test("the name defaults to the construct id in kebab case", () => {
    const { tenant, stack } = setup();
    const r = tenant.addRoute("ApiV2", { rules: [{ backends: [WEB] }] });
    expect(r.routeName).toBe("api-v2");
    expect(Object.keys(manifests(stack))).toEqual(["api-v2"]);
  });

  test("renders one parentRef per listener the gateway has", () => {
    const { stack, gateway } = setup();
    gateway.listenerNames.push("tenant-b");
    (stack.node.findChild("App1") as Tenant).addRoute("Web", { rules: [{ backends: [WEB] }] });
    expect(manifests(stack).web.spec.parentRefs.map((p: any) => p.sectionName)).toEqual(["https", "tenant-b"]);
  });

  test("a gateway without listener names gets one parentRef without sectionName", () => {
    const { stack, gateway } = setup();
    gateway.listenerNames.length = 0;
    (stack.node.findChild("App1") as Tenant).addRoute("Web", { rules: [{ backends: [WEB] }] });
    expect(manifests(stack).web.spec.parentRefs).toEqual([
      { group: "gateway.networking.k8s.io", kind: "Gateway", name: "shared", namespace: "gateway-system" },
    ]);
  });

  test("HttpRoute can be created directly with a tenant prop", () => {
    const { stack, tenant } = setup();
    const r = new HttpRoute(stack, "Direct", { tenant, rules: [{ backends: [WEB] }] });
    expect(r.routeName).toBe("direct");
    expect(r.hostnames).toEqual(tenant.hostnames);
    expect(manifests(stack).direct.metadata.namespace).toBe("app1");
  });
});

describe("HttpRoute options", () => {
  test("name and hostnames", () => {
    const m = manifests(route({ name: "shop", hostnames: ["shop.app1.example.com"] }).stack).shop;
    expect(m.spec.hostnames).toEqual(["shop.app1.example.com"]);
  });

  test("matches on path, headers, query parameters and method", () => {
    const m = manifest({
      rules: [
        {
          matches: [
            { path: PathMatch.exact("/login"), method: HttpMethod.POST },
            { path: PathMatch.prefix("/api"), headers: { "x-version": "v2" }, queryParams: { debug: "1" } },
            { headers: { "x-canary": "true" } },
          ],
          backends: [WEB],
        },
      ],
    });
    expect(m.spec.rules[0].matches).toEqual([
      { path: { type: "Exact", value: "/login" }, method: "POST" },
      {
        path: { type: "PathPrefix", value: "/api" },
        headers: [{ type: "Exact", name: "x-version", value: "v2" }],
        queryParams: [{ type: "Exact", name: "debug", value: "1" }],
      },
      { path: { type: "PathPrefix", value: "/" }, headers: [{ type: "Exact", name: "x-canary", value: "true" }] },
    ]);
  });

  test("request and response header modifiers", () => {
    const m = manifest({
      rules: [
        {
          filters: [
            HttpRouteFilter.requestHeaderModifier({ set: { "x-tenant": "app1" }, add: { "x-a": "1" }, remove: ["x-debug"] }),
            HttpRouteFilter.responseHeaderModifier({ set: { "strict-transport-security": "max-age=31536000" } }),
          ],
          backends: [WEB],
        },
      ],
    });
    expect(m.spec.rules[0].filters).toEqual([
      {
        type: "RequestHeaderModifier",
        requestHeaderModifier: {
          set: [{ name: "x-tenant", value: "app1" }],
          add: [{ name: "x-a", value: "1" }],
          remove: ["x-debug"],
        },
      },
      {
        type: "ResponseHeaderModifier",
        responseHeaderModifier: { set: [{ name: "strict-transport-security", value: "max-age=31536000" }] },
      },
    ]);
  });

  test("a redirect rule without backends; status code defaults to 302", () => {
    const m = manifest({
      rules: [
        { filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS })] },
        {
          matches: [{ path: PathMatch.prefix("/old") }],
          filters: [
            HttpRouteFilter.requestRedirect({
              hostname: "www.example.org",
              port: 8443,
              statusCode: RedirectStatusCode.MOVED_PERMANENTLY,
            }),
          ],
        },
      ],
    });
    expect(m.spec.rules[0]).toEqual({
      filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 302 } }],
    });
    expect(m.spec.rules[1].filters).toEqual([
      { type: "RequestRedirect", requestRedirect: { hostname: "www.example.org", port: 8443, statusCode: 301 } },
    ]);
  });

  test("URL rewrites of host and path", () => {
    const m = manifest({
      rules: [
        {
          matches: [{ path: PathMatch.prefix("/api") }],
          filters: [HttpRouteFilter.urlRewrite({ hostname: "api.internal", path: PathModifier.replacePrefixMatch("/") })],
          backends: [WEB],
        },
        {
          matches: [{ path: PathMatch.exact("/old") }, { path: PathMatch.exact("/older") }],
          filters: [HttpRouteFilter.urlRewrite({ path: PathModifier.replaceFullPath("/new") })],
          backends: [WEB],
        },
      ],
    });
    expect(m.spec.rules[0].filters).toEqual([
      { type: "URLRewrite", urlRewrite: { hostname: "api.internal", path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/" } } },
    ]);
    expect(m.spec.rules[1].filters).toEqual([
      { type: "URLRewrite", urlRewrite: { path: { type: "ReplaceFullPath", replaceFullPath: "/new" } } },
    ]);
  });

  test("weighted backends split traffic", () => {
    const m = manifest({
      rules: [{ backends: [{ serviceName: "web-v1", port: 8080, weight: 90 }, { serviceName: "web-v2", port: 8080, weight: 10 }, { serviceName: "web-v3", port: 8080, weight: 0 }] }],
    });
    expect(m.spec.rules[0].backendRefs).toEqual([
      { name: "web-v1", port: 8080, weight: 90 },
      { name: "web-v2", port: 8080, weight: 10 },
      { name: "web-v3", port: 8080, weight: 0 },
    ]);
  });

  test("timeouts", () => {
    const m = manifest({ rules: [{ backends: [WEB], timeouts: { request: "1m30s", backendRequest: "500ms" } }] });
    expect(m.spec.rules[0].timeouts).toEqual({ request: "1m30s", backendRequest: "500ms" });
  });

  test("a backend timeout longer than a disabled (0s) request timeout is accepted", () => {
    expect(() => route({ rules: [{ backends: [WEB], timeouts: { request: "0s", backendRequest: "10s" } }] })).not.toThrow();
  });

  test("16 rules with 16 backends each pass", () => {
    const many = Array.from({ length: 16 }, (_, i) => ({ matches: [{ path: PathMatch.prefix(`/r${i}`) }], backends: backends(16) }));
    const m = manifest({ rules: many });
    expect(m.spec.rules).toHaveLength(16);
    expect(m.spec.rules[15].backendRefs).toHaveLength(16);
  });

  test("64 matches in a rule and 128 in a route pass", () => {
    const m = manifest({
      rules: [
        { matches: matches(64), backends: [WEB] },
        { matches: matches(64, 64), backends: [WEB] },
      ],
    });
    expect(m.spec.rules[0].matches).toHaveLength(64);
    expect(m.spec.rules[1].matches[63].path.value).toBe("/m127");
  });

  test("routes inside the tenant's path prefixes pass", () => {
    const m = manifest(
      { rules: [{ matches: [{ path: PathMatch.prefix("/app1") }, { path: PathMatch.exact("/app1/login") }], backends: [WEB] }] },
      { pathPrefixes: ["/app1"] },
    );
    expect(m.spec.rules[0].matches).toHaveLength(2);
  });

  test("a tenant owning / may route everything but the reserved path", () => {
    const { stack, gateway } = tenancyStack();
    ownershipOf(gateway).reserve("health responder", "/healthz");
    const tenant = new Tenant(stack, "T", { gateway, name: "t", hostnames: ["t.example.com"] });
    expect(() => tenant.addRoute("All", { rules: [{ backends: [WEB] }] })).not.toThrow();
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe("every emitted HTTPRoute passes the Gateway API schema", () => {
  test("a route using every option", () => {
    const { stack, tenant } = setup();
    tenant.addRoute("Full", {
      hostnames: ["app1.example.com", "www.app1.example.com"],
      rules: [
        {
          matches: [
            { path: PathMatch.exact("/login"), method: HttpMethod.POST, headers: { "x-a": "1" }, queryParams: { q: "x" } },
            { path: PathMatch.prefix("/api") },
          ],
          filters: [
            HttpRouteFilter.requestHeaderModifier({ set: { "x-a": "1" }, add: { "x-b": "2" }, remove: ["x-c"] }),
            HttpRouteFilter.responseHeaderModifier({ remove: ["server"] }),
            HttpRouteFilter.urlRewrite({ hostname: "internal", path: PathModifier.replaceFullPath("/x") }),
          ],
          backends: [{ serviceName: "a", port: 80, weight: 3 }, { serviceName: "b", port: 8080, weight: 1 }],
          timeouts: { request: "30s", backendRequest: "10s" },
        },
        { matches: [{ path: PathMatch.prefix("/http") }], filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS, port: 443, statusCode: RedirectStatusCode.MOVED_PERMANENTLY })] },
      ],
    });
    tenant.addRoute("Plain", { rules: [{ backends: [WEB] }] });
    const all = Object.values(manifests(stack));
    expect(all).toHaveLength(2);
    for (const m of all) expect(gatewayApiProblems(m)).toEqual({});
  });
});

describe("HttpRoute validation", () => {
  test("throws when the name is not a DNS-1123 subdomain", () => {
    expect(() => route({ name: "Web_1" })).toThrow(/route "Web_1" of tenant "app1": the name is not a DNS-1123 subdomain/);
  });

  test("throws when two routes of a tenant share a name", () => {
    const { tenant } = setup();
    tenant.addRoute("Web", { rules: [{ backends: [WEB] }] });
    expect(() => tenant.addRoute("Other", { name: "web", rules: [{ backends: [WEB] }] })).toThrow(
      /tenant "app1" already has a route named "web" \(at test\/App1\/Routes\/Web\)/,
    );
  });

  test("two tenants may use the same route name", () => {
    const { stack, gateway, tenant } = setup();
    const other = new Tenant(stack, "App2", { gateway, name: "app2", hostnames: ["app2.example.com"] });
    tenant.addRoute("Web", { rules: [{ backends: [WEB] }] });
    expect(() => other.addRoute("Web", { rules: [{ backends: [WEB] }] })).not.toThrow();
  });

  test("throws when hostnames is empty", () => {
    expect(() => route({ hostnames: [] })).toThrow(/hostnames is empty; a route without hostnames would serve every hostname/);
  });

  test("throws when a route has more than 16 hostnames", () => {
    const hostnames = Array.from({ length: 17 }, (_, i) => `h${i}.app1.example.com`);
    expect(() => route({ hostnames })).toThrow(/has 17 hostnames, but an HTTPRoute allows at most 16/);
  });

  test("throws when the tenant's own hostnames exceed 16 and the route does not pick some", () => {
    const hostnames = Array.from({ length: 17 }, (_, i) => `h${i}.example.com`);
    expect(() => route({}, { hostnames })).toThrow(/has 17 hostnames.*pass hostnames explicitly/);
  });

  test("throws when a hostname is invalid", () => {
    expect(() => route({ hostnames: ["App1.example.com"] })).toThrow(/hostname "App1.example.com" is not an RFC 1123 hostname/);
  });

  test("throws when a hostname is an unresolved token", () => {
    expect(() => route({ hostnames: [Token.asString({ ref: "h" })] })).toThrow(/is an unresolved token/);
  });

  test("throws when a hostname is not covered by the tenant's hostnames", () => {
    expect(() => route({ hostnames: ["app2.example.com"] })).toThrow(
      /route "web" of tenant "app1": hostname "app2.example.com" is not within the hostnames the tenant owns \["app1.example.com","\*.app1.example.com"\]. Use one of them/,
    );
    expect(() => route({ hostnames: ["*.example.com"] })).toThrow(/hostname "\*.example.com" is not within/);
  });

  test("throws when there are no rules", () => {
    expect(() => route({ rules: [] })).toThrow(/has no rules/);
  });

  test("throws when a route has 17 rules", () => {
    expect(() => route({ rules: rules(17) })).toThrow(/has 17 rules, but an HTTPRoute allows at most 16/);
  });

  test("throws when a rule has 17 backends", () => {
    expect(() => route({ rules: [{ backends: backends(17) }] })).toThrow(
      /rules\[0\] has 17 backends, but a rule allows at most 16/,
    );
  });

  test("throws when a rule has more than 64 matches", () => {
    expect(() => route({ rules: [{ matches: matches(65), backends: [WEB] }] })).toThrow(
      /rules\[0\] has 65 matches, but a rule allows at most 64/,
    );
  });

  test("throws when a route has more than 128 matches in all", () => {
    const r = [0, 1, 2].map((i) => ({ matches: matches(43, i * 43), backends: [WEB] }));
    expect(() => route({ rules: r })).toThrow(/has 129 matches in all, but an HTTPRoute allows at most 128/);
  });

  test("throws when a match path is not a valid path", () => {
    expect(() => route({ rules: [{ matches: [{ path: PathMatch.prefix("api") }], backends: [WEB] }] })).toThrow(
      /rules\[0\].matches\[0\] path "api" must start with '\/'/,
    );
    expect(() => route({ rules: [{ matches: [{ path: PathMatch.exact("/a/../b") }], backends: [WEB] }] })).toThrow(
      /must not contain "\/..\/"/,
    );
  });

  test("throws when a match path is outside the tenant's path prefixes", () => {
    expect(() =>
      route({ rules: [{ matches: [{ path: PathMatch.prefix("/app2") }], backends: [WEB] }] }, { pathPrefixes: ["/app1"] }),
    ).toThrow(
      /rules\[0\].matches\[0\] path "\/app2" is outside the path prefixes the tenant owns \["\/app1"\].*add the prefix to the tenant's pathPrefixes/,
    );
    expect(() =>
      route({ rules: [{ matches: [{ path: PathMatch.prefix("/app1x") }], backends: [WEB] }] }, { pathPrefixes: ["/app1"] }),
    ).toThrow(/path "\/app1x" is outside/);
  });

  test("throws when a rule without matches means a path the tenant does not own", () => {
    expect(() => route({ rules: [{ backends: [WEB] }] }, { pathPrefixes: ["/app1"] })).toThrow(
      /rules\[0\] \(no matches: every path\) path "\/" is outside.*a rule without matches means every path/,
    );
    expect(() => route({ rules: [{ matches: [{ headers: { "x-a": "1" } }], backends: [WEB] }] }, { pathPrefixes: ["/app1"] })).toThrow(
      /matches\[0\] path "\/" is outside/,
    );
  });

  test("throws when a match path lies inside a platform reservation", () => {
    const { stack, gateway } = tenancyStack();
    ownershipOf(gateway).reserve("health responder", "/healthz");
    const tenant = new Tenant(stack, "T", { gateway, name: "t", hostnames: ["t.example.com"] });
    expect(() =>
      tenant.addRoute("Probe", { rules: [{ matches: [{ path: PathMatch.exact("/healthz/ready") }], backends: [WEB] }] }),
    ).toThrow(/path "\/healthz\/ready" is inside "\/healthz", which the platform reserves for health responder/);
  });

  test("throws at synth when a reservation made after the route covers its path", () => {
    const { stack, gateway } = tenancyStack();
    const tenant = new Tenant(stack, "T", { gateway, name: "t", hostnames: ["t.example.com"] });
    tenant.addRoute("Probe", { rules: [{ matches: [{ path: PathMatch.prefix("/status/x") }], backends: [WEB] }] });
    ownershipOf(gateway).reserve("status page", "/status");
    expect(() => Testing.synth(stack, true)).toThrow(/rules\[0\].matches\[0\] path "\/status\/x" is inside "\/status"/);
  });

  test("throws when a match has more than 16 headers", () => {
    const headers = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`x-h${i}`, "1"]));
    expect(() => route({ rules: [{ matches: [{ headers }], backends: [WEB] }] })).toThrow(
      /has 17 header conditions, but a match allows at most 16/,
    );
  });

  test("throws when a header name is invalid", () => {
    expect(() => route({ rules: [{ matches: [{ headers: { "x a": "1" } }], backends: [WEB] }] })).toThrow(
      /header name "x a" is not a valid HTTP token/,
    );
  });

  test("throws when a header value is empty", () => {
    expect(() => route({ rules: [{ matches: [{ headers: { "x-a": "" } }], backends: [WEB] }] })).toThrow(
      /header "x-a" has value ""; values must be 1 to 4096 characters long/,
    );
  });

  test("throws when a query parameter name is invalid", () => {
    expect(() => route({ rules: [{ matches: [{ queryParams: { "a=b": "1" } }], backends: [WEB] }] })).toThrow(
      /query parameter name "a=b" is not a valid HTTP token/,
    );
  });

  test("throws when a rule has more than 16 filters", () => {
    const filters = Array.from({ length: 17 }, () => HttpRouteFilter.requestHeaderModifier({ set: { "x-a": "1" } }));
    expect(() => route({ rules: [{ filters, backends: [WEB] }] })).toThrow(/rules\[0\] has 17 filters, but a rule allows at most 16/);
  });

  test("throws when a filter type repeats", () => {
    const f = HttpRouteFilter.requestHeaderModifier({ set: { "x-a": "1" } });
    expect(() => route({ rules: [{ filters: [f, f], backends: [WEB] }] })).toThrow(
      /rules\[0\] has more than one RequestHeaderModifier filter. Merge them into one/,
    );
  });

  test("throws when a rule combines a redirect and a rewrite", () => {
    const filters = [
      HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS }),
      HttpRouteFilter.urlRewrite({ hostname: "x.example.com" }),
    ];
    expect(() => route({ rules: [{ filters }] })).toThrow(/both a RequestRedirect and a URLRewrite filter/);
  });

  test("throws when a redirect rule also has backends", () => {
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS })], backends: [WEB] }] }),
    ).toThrow(/has a RequestRedirect filter and backends/);
  });

  test("throws when a rule has neither backends nor a redirect", () => {
    expect(() => route({ rules: [{ matches: [{ path: PathMatch.prefix("/x") }] }] })).toThrow(
      /rules\[0\] has no backends, so it would answer 500/,
    );
  });

  test("throws when a redirect would loop", () => {
    expect(() => route({ rules: [{ filters: [HttpRouteFilter.requestRedirect({})] }] })).toThrow(
      /filters\[0\] redirects to the same URL, which loops/,
    );
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.requestRedirect({ statusCode: RedirectStatusCode.MOVED_PERMANENTLY })] }] }),
    ).toThrow(/which loops/);
  });

  test("throws when a redirect hostname is a wildcard", () => {
    expect(() => route({ rules: [{ filters: [HttpRouteFilter.requestRedirect({ hostname: "*.example.com" })] }] })).toThrow(
      /redirect hostname "\*.example.com" is a wildcard/,
    );
  });

  test("throws when a redirect port is out of range", () => {
    expect(() => route({ rules: [{ filters: [HttpRouteFilter.requestRedirect({ port: 70000 })] }] })).toThrow(
      /redirect port 70000 is not a port/,
    );
  });

  test("throws when a redirect scheme or status code is not one of the enums", () => {
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.requestRedirect({ scheme: "ftp" as RedirectScheme })] }] }),
    ).toThrow(/redirect scheme "ftp" is not a RedirectScheme/);
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode: 304 as RedirectStatusCode })] }] }),
    ).toThrow(/redirect status code 304 is not a RedirectStatusCode \(301, 302, 303, 307, 308\)/);
  });

  test("throws when a URL rewrite changes nothing", () => {
    expect(() => route({ rules: [{ filters: [HttpRouteFilter.urlRewrite({})], backends: [WEB] }] })).toThrow(
      /URL rewrite changes nothing/,
    );
  });

  test("throws when a URL rewrite path or hostname is invalid", () => {
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.urlRewrite({ path: PathModifier.replaceFullPath("x") })], backends: [WEB] }] }),
    ).toThrow(/rewrite path "x" must start with '\/'/);
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.urlRewrite({ hostname: "Internal" })], backends: [WEB] }] }),
    ).toThrow(/rewrite hostname "Internal" is not an RFC 1123 hostname/);
  });

  test("throws when replacePrefixMatch is used without exactly one prefix match", () => {
    const filters = [HttpRouteFilter.urlRewrite({ path: PathModifier.replacePrefixMatch("/") })];
    expect(() =>
      route({ rules: [{ matches: [{ path: PathMatch.prefix("/a") }, { path: PathMatch.prefix("/b") }], filters, backends: [WEB] }] }),
    ).toThrow(/replacePrefixMatch, which needs the rule to have exactly one match with a PathMatch.prefix path/);
    expect(() => route({ rules: [{ matches: [{ path: PathMatch.exact("/a") }], filters, backends: [WEB] }] })).toThrow(
      /replacePrefixMatch/,
    );
  });

  test("throws when a header modifier changes nothing", () => {
    expect(() => route({ rules: [{ filters: [HttpRouteFilter.responseHeaderModifier({})], backends: [WEB] }] })).toThrow(
      /header modifier changes nothing/,
    );
  });

  test("throws when a header modifier has more than 16 headers in one list", () => {
    const remove = Array.from({ length: 17 }, (_, i) => `x-h${i}`);
    expect(() => route({ rules: [{ filters: [HttpRouteFilter.requestHeaderModifier({ remove })], backends: [WEB] }] })).toThrow(
      /removes 17 headers, but a filter allows at most 16/,
    );
  });

  test("throws when a header modifier names an invalid header", () => {
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.requestHeaderModifier({ set: { "bad header": "1" } })], backends: [WEB] }] }),
    ).toThrow(/header name "bad header" is not a valid HTTP token/);
  });

  test("throws when a header modifier value is longer than 4096 characters", () => {
    const long = "x".repeat(4097);
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.responseHeaderModifier({ add: { "x-long": long } })], backends: [WEB] }] }),
    ).toThrow(/header "x-long" value is 4097 characters long \(at most 4096\)/);
    expect(() =>
      route({ rules: [{ filters: [HttpRouteFilter.responseHeaderModifier({ add: { "x-long": "x".repeat(4096) } })], backends: [WEB] }] }),
    ).not.toThrow();
  });

  test("throws when a backend has no port", () => {
    expect(() => route({ rules: [{ backends: [{ serviceName: "web" } as HttpBackend] }] })).toThrow(
      /rules\[0\].backends\[0\] \(service "web"\) has no port; Service backends need one/,
    );
  });

  test("throws when a backend port is out of range", () => {
    expect(() => route({ rules: [{ backends: [{ serviceName: "web", port: 0 }] }] })).toThrow(/port 0 is not a port/);
  });

  test("throws when a backend service name is invalid", () => {
    expect(() => route({ rules: [{ backends: [{ serviceName: "1web", port: 80 }] }] })).toThrow(
      /service name "1web" is not a DNS-1035 label.*Name a Service in namespace "app1"/,
    );
  });

  test("throws when a backend weight is negative", () => {
    expect(() => route({ rules: [{ backends: [{ serviceName: "web", port: 80, weight: -1 }] }] })).toThrow(
      /\(service "web"\) has negative weight -1. Use 0 to send it no traffic/,
    );
  });

  test("throws when a backend weight is fractional or too large", () => {
    expect(() => route({ rules: [{ backends: [{ serviceName: "web", port: 80, weight: 0.5 }] }] })).toThrow(
      /weight 0.5 must be a whole number from 0 to 1000000/,
    );
    expect(() => route({ rules: [{ backends: [{ serviceName: "web", port: 80, weight: 1_000_001 }] }] })).toThrow(
      /weight 1000001 must be a whole number/,
    );
  });

  test("throws when a timeout is not a Gateway API duration", () => {
    expect(() => route({ rules: [{ backends: [WEB], timeouts: { request: "10 seconds" } }] })).toThrow(
      /rules\[0\].timeouts.request "10 seconds" is not a Gateway API duration/,
    );
    expect(() => route({ rules: [{ backends: [WEB], timeouts: { backendRequest: "1.5s" } }] })).toThrow(
      /timeouts.backendRequest "1.5s" is not a Gateway API duration/,
    );
  });

  test("throws when the backend timeout is longer than the request timeout", () => {
    expect(() => route({ rules: [{ backends: [WEB], timeouts: { request: "10s", backendRequest: "1m" } }] })).toThrow(
      /timeouts.backendRequest "1m" is longer than request "10s"/,
    );
  });
});

describe("HttpRoute input a JavaScript caller can pass", () => {
  const shopTenant = () => {
    const { stack, gateway } = tenancyStack();
    return new Tenant(stack, "Shop", { gateway, name: "shop", hostnames: ["shop.example.com"] });
  };

  test("options without rules are refused as having no rules", () => {
    expect(() => shopTenant().addRoute("Web", {} as HttpRouteOptions)).toThrow(
      /^test\/Shop\/Routes\/Web: route "web" of tenant "shop": has no rules\. Add at least one rule with backends\.$/,
    );
  });

  test("an undefined id is refused with the fix, not a TypeError", () => {
    expect(() => shopTenant().addRoute(undefined as unknown as string, { rules: [{ backends: [{ serviceName: "web", port: 80 }] }] })).toThrow(
      /^test\/Shop\/Routes: route undefined of tenant "shop" needs a non-empty construct id, got undefined\.$/,
    );
  });
});
