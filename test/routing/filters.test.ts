// Filters and backends of the winning rule, as Istio programs them into Envoy: redirects and rewrites
// (istio/istio pilot/pkg/config/kube/gateway/conversion.go createRedirectFilter/createRewriteFilter;
// pilot/pkg/networking/core/route/route.go ApplyRedirect/applyHTTPRouteDestination), header modifiers (envoy
// source/common/router/header_parser.cc), mirrors, CORS (envoy cors_filter.cc) and backend weights (Gateway API
// HTTPBackendRef.Weight; conversion.go convertHTTPRoute's 500).
import { parse } from "yaml";
import { GatewayModel, RouteObject } from "../../lib/private/routing/gateway";
import { compileHttpMatch } from "../../lib/private/routing/matches";
import { redirectPrefix, rewritePrefix } from "../../lib/private/routing/filters";
import { ask, outcome } from "./fixtures";

function gateway(rules: string, listener: { protocol?: "HTTP" | "HTTPS"; port?: number } = {}): GatewayModel {
  const route: RouteObject = {
    manifest: {
      kind: "HTTPRoute",
      metadata: { namespace: "t", name: "r" },
      spec: parse(`{parentRefs: [{name: gw, namespace: t}], rules: ${rules}}`),
    },
  };
  return {
    namespace: "t",
    name: "gw",
    listeners: [{ name: "l", protocol: listener.protocol ?? "HTTP", port: listener.port ?? 80 }],
    routes: [route],
  };
}

describe("URLRewrite ReplacePrefixMatch: every row of the spec's table (httproute_types.go HTTPPathModifier)", () => {
  test.each([
    ["/foo/bar", "/foo", "/xyz", "/xyz/bar"],
    ["/foo/bar", "/foo", "/xyz/", "/xyz/bar"],
    ["/foo/bar", "/foo/", "/xyz", "/xyz/bar"],
    ["/foo/bar", "/foo/", "/xyz/", "/xyz/bar"],
    ["/foo", "/foo", "/xyz", "/xyz"],
    ["/foo/", "/foo", "/xyz", "/xyz/"],
    ["/foo/bar", "/foo", "", "/bar"],
    ["/foo/", "/foo", "", "/"],
    ["/foo", "/foo", "", "/"],
    ["/foo/", "/foo", "/", "/"],
    ["/foo", "/foo", "/", "/"],
  ])("%s with prefix %s and replacement %j -> %s", (path, prefix, replacement, expected) => {
    expect(rewritePrefix(compileHttpMatch({ path: { type: "PathPrefix", value: prefix } }), path, replacement)).toBe(expected);
  });

  test("a prefix of / with a replacement is Envoy's literal prefix_rewrite (no row in the spec's table)", () => {
    expect(rewritePrefix(compileHttpMatch({ path: { type: "PathPrefix", value: "/" } }), "/bar", "/xyz")).toBe("/xyzbar");
    expect(rewritePrefix(compileHttpMatch({ path: { type: "PathPrefix", value: "/" } }), "/bar", "/")).toBe("/bar");
  });
});

describe("RequestRedirect", () => {
  test("ReplacePrefixMatch on a redirect keeps the replacement as written (Istio does not trim it, unlike URLRewrite)", () => {
    const match = compileHttpMatch({ path: { type: "PathPrefix", value: "/foo" } });
    expect(redirectPrefix(match, "/foo/bar", "/xyz")).toBe("/xyz/bar");
    expect(redirectPrefix(match, "/foo/bar", "/xyz/")).toBe("/xyz//bar");
    expect(redirectPrefix(match, "/foo", "/xyz")).toBe("/xyz");
    expect(redirectPrefix(match, "/foo/bar", "")).toBe("/foo/bar");
  });

  test("the query string is kept (Envoy strip_query defaults to false), unless the full-path replacement has its own", () => {
    const gw =
      gateway(`[{matches: [{path: {type: PathPrefix, value: /old}}], filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}, statusCode: 301}}]},
      {matches: [{path: {type: PathPrefix, value: /q}}], filters: [{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, replaceFullPath: "/landing?from=q"}}}]}]`);
    expect(outcome(ask(gw, "http://shop.example.com/old/item?id=7&x=y"))).toBe("301 http://shop.example.com/new/item?id=7&x=y");
    expect(outcome(ask(gw, "http://shop.example.com/q?id=7"))).toBe("302 http://shop.example.com/landing?from=q");
  });

  test("scheme https without a port: the Location has no port; the request's :80 is dropped with the scheme change", () => {
    const gw = gateway(`[{filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]}]`);
    expect(outcome(ask(gw, "http://shop.example.com/a?b=c"))).toBe("301 https://shop.example.com/a?b=c");
    const answer = ask(gw, "http://shop.example.com/a");
    expect(answer.backends).toEqual([]);
    expect(answer.steps.join("\n")).toMatch(
      /RequestRedirect: 301 to https:\/\/shop\.example\.com\/a \(a redirect answers before any backend is used\)/
    );
  });

  test("a redirect wins over backendRefs in the same rule", () => {
    const gw = gateway(
      `[{filters: [{type: RequestRedirect, requestRedirect: {hostname: new.example.com}}], backendRefs: [{name: never, port: 80}]}]`
    );
    const answer = ask(gw, "http://old.example.com/p");
    expect(outcome(answer)).toBe("302 http://new.example.com/p");
    expect(answer.backends).toEqual([]);
  });

  test("the normalized path is what gets redirected", () => {
    const gw = gateway(
      `[{matches: [{path: {type: PathPrefix, value: /b}}], filters: [{type: RequestRedirect, requestRedirect: {hostname: x.example.com}}]}]`
    );
    expect(outcome(ask(gw, "http://h/a/../b/c"))).toBe("302 http://x.example.com/b/c");
  });
});

describe("URLRewrite and header modifiers", () => {
  test("hostname and full-path rewrite; the query stays", () => {
    const gw = gateway(
      `[{filters: [{type: URLRewrite, urlRewrite: {hostname: internal.svc, path: {type: ReplaceFullPath, replaceFullPath: /index.html}}}], backendRefs: [{name: web, port: 8080}]}]`
    );
    expect(ask(gw, "http://public.example.com/any/thing?lang=fr").upstream).toEqual({
      host: "internal.svc",
      path: "/index.html",
      query: "lang=fr",
      headers: {},
    });
  });

  test("removals happen before additions: remove X and add X leaves only the added value", () => {
    const gw = gateway(
      `[{filters: [{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: X-Env, value: prod}], remove: [x-env]}}], backendRefs: [{name: web, port: 80}]}]`
    );
    expect(ask(gw, "http://h/", { headers: { "X-Env": "dev" } }).upstream?.headers).toEqual({ "x-env": "prod" });
  });

  test("setting host changes the authority the backend sees, not a header", () => {
    const gw = gateway(
      `[{filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: Host, value: backend.internal}]}}], backendRefs: [{name: web, port: 80}]}]`
    );
    const answer = ask(gw, "http://h/");
    expect(answer.upstream?.host).toBe("backend.internal");
    expect(answer.upstream?.headers).toEqual({});
  });

  test("ResponseHeaderModifier and RequestMirror are reported", () => {
    const gw =
      gateway(`[{filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: Cache-Control, value: no-store}], remove: [Server]}},
      {type: RequestMirror, requestMirror: {backendRef: {name: shadow, port: 8080}, fraction: {numerator: 1, denominator: 4}}}], backendRefs: [{name: web, port: 80}]}]`);
    const answer = ask(gw, "http://h/");
    expect(answer.responseHeaders).toEqual({ "cache-control": "no-store" });
    expect(answer.responseHeadersRemoved).toEqual(["server"]);
    expect(answer.mirrors).toEqual([{ service: "shadow", namespace: "t", port: 8080, percent: 25 }]);
  });
});

describe("CORS (Envoy's CORS filter with Istio's policy)", () => {
  const gw = gateway(
    `[{filters: [{type: CORS, cors: {allowOrigins: ["https://app.example.com"], allowMethods: [GET, POST], allowHeaders: [x-token], allowCredentials: true}}], backendRefs: [{name: api, port: 80}]}]`
  );

  test("an allowed preflight is answered 200 by Envoy, without a backend", () => {
    const answer = ask(gw, "http://api.example.com/v1", {
      method: "OPTIONS",
      headers: { Origin: "https://app.example.com", "Access-Control-Request-Method": "POST" },
    });
    expect(answer.status).toBe(200);
    expect(answer.backends).toEqual([]);
    expect(answer.responseHeaders).toEqual({
      "access-control-allow-origin": "https://app.example.com",
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET,POST",
      "access-control-allow-headers": "x-token",
      "access-control-max-age": "5",
    });
  });

  test("a preflight from another origin is forwarded to the backend; an allowed actual request gets Allow-Origin", () => {
    const other = ask(gw, "http://api.example.com/v1", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(outcome(other)).toBe("api");
    expect(other.responseHeaders).toBeUndefined();
    const actual = ask(gw, "http://api.example.com/v1", { headers: { Origin: "https://app.example.com" } });
    expect(outcome(actual)).toBe("api");
    expect(actual.responseHeaders).toEqual({ "access-control-allow-origin": "https://app.example.com", "access-control-allow-credentials": "true" });
  });

  test("allowOrigins * allows any origin", () => {
    const star = gateway(`[{filters: [{type: CORS, cors: {allowOrigins: ["*"]}}], backendRefs: [{name: api, port: 80}]}]`);
    expect(ask(star, "http://h/", { method: "OPTIONS", headers: { Origin: "https://x.test", "Access-Control-Request-Method": "GET" } }).status).toBe(
      200
    );
  });
});

describe("backends", () => {
  test("weights are proportions; weight 0 gets no traffic but is listed", () => {
    const answer = ask(
      gateway(`[{backendRefs: [{name: v1, port: 80, weight: 90}, {name: v2, port: 80, weight: 10}, {name: v3, port: 80, weight: 0}]}]`),
      "http://h/"
    );
    expect(answer.status).toBeNull();
    expect(answer.backends).toEqual([
      { service: "v1", namespace: "t", port: 80, weight: 90 },
      { service: "v2", namespace: "t", port: 80, weight: 10 },
      { service: "v3", namespace: "t", port: 80, weight: 0 },
    ]);
    expect(answer.steps.filter((s) => s.startsWith("Backend"))).toEqual([
      "Backend Service t/v1 port 80, weight 90: 90 % of requests.",
      "Backend Service t/v2 port 80, weight 10: 10 % of requests.",
      "Backend Service t/v3 port 80, weight 0: no traffic (weight 0).",
    ]);
  });

  test("no backendRefs, or only weight-0 ones, and no redirect: Istio answers 500", () => {
    expect(ask(gateway(`[{matches: [{path: {type: PathPrefix, value: /}}]}]`), "http://h/").status).toBe(500);
    const zero = ask(gateway(`[{backendRefs: [{name: v1, port: 80, weight: 0}]}]`), "http://h/");
    expect(zero.status).toBe(500);
    expect(zero.steps.join("\n")).toMatch(/every backendRef has weight 0/);
  });

  test("a route without rules gets the CRD default rule: everything matches, nothing to forward to, 500", () => {
    const route: RouteObject = {
      manifest: { kind: "HTTPRoute", metadata: { namespace: "t", name: "empty" }, spec: { parentRefs: [{ name: "gw" }] } },
    };
    expect(ask({ namespace: "t", name: "gw", listeners: [{ name: "l", protocol: "HTTP", port: 80 }], routes: [route] }, "http://h/x").status).toBe(
      500
    );
  });

  test("cross-namespace and non-Service backends are flagged", () => {
    const answer = ask(
      gateway(`[{backendRefs: [{name: s, namespace: other, port: 80}, {name: b, kind: Bucket, group: example.com, port: 80}]}]`),
      "http://h/"
    );
    expect(answer.steps.join("\n")).toMatch(/needs a ReferenceGrant in other/);
    expect(answer.steps.join("\n")).toMatch(/example\.com\/Bucket is not a Service/);
  });
});
