/**
 * One fixture per annotation family, written from the ingress-nginx annotation docs
 * (kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/), with the routes and findings
 * expected. Pure conversions: nothing is synthesized here (cli.test.ts synthesizes).
 */
import { MigrationVerdict } from "../../lib/migration/finding";
import { IngressMigration } from "../../lib/migration/ingress-migration";
import { wafCustomRuleProblems } from "../../lib/edge/private/waf-custom-rule-checks";
import { detail, migrate, route, verdicts } from "./helpers";

const prefix = (path: string) => ({ type: "PathPrefix", path });

describe("canary", () => {
  const m = migrate("canary.yaml");

  test("the canary's weight and header value join the main Ingress's rule", () => {
    expect(route(m, "shop").rules).toEqual([
      { matches: [{ path: prefix("/"), headers: { "X-Canary": "beta" } }], backends: [{ serviceName: "shop-v2", port: 80 }] },
      {
        matches: [{ path: prefix("/") }],
        backends: [
          { serviceName: "shop", port: 80, weight: 40 },
          { serviceName: "shop-v2", port: 80, weight: 10 },
        ],
      },
    ]);
    expect(route(m, "shop-canary")).toBeUndefined();
  });

  test("verdicts: weights and headers converted, cookies approximated or refused, orphans refused", () => {
    expect(verdicts(m)).toEqual({
      "shop/shop-canary canary": "converted",
      "shop/shop-canary canary-weight": "converted",
      "shop/shop-canary canary-weight-total": "converted",
      "shop/shop-canary canary-by-header": "converted",
      "shop/shop-canary canary-by-header-value": "converted",
      "shop/shop-canary canary-by-cookie": "approximated",
      "shop/orphan-canary canary": "unsupported",
      "shop/orphan-canary canary-by-cookie": "unsupported",
      "shop/orphan-canary rewrite-target": "converted",
    });
    expect(detail(m, "shop/orphan-canary", "canary")).toMatch(/no main Ingress/);
  });

  test("canary-by-header alone routes always to the canary and never to the main backend", () => {
    const yaml = (annotations: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: NAME, namespace: ns, annotations: {${annotations}}}
spec:
  rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: NAME, port: {number: 80}}}}]}}]`;
    const main = yaml("").replace(/NAME/g, "main");
    const canary = yaml('nginx.ingress.kubernetes.io/canary: "true", nginx.ingress.kubernetes.io/canary-by-header: X-Beta').replace(/NAME/g, "beta");
    const rules = route(IngressMigration.fromYaml(`${main}\n---\n${canary}`), "main").rules;
    expect(rules.map((r: any) => [r.matches[0].headers, r.backends.map((b: any) => b.serviceName)])).toEqual([
      [{ "X-Beta": "always" }, ["beta"]],
      [{ "X-Beta": "never" }, ["main"]],
      [undefined, ["main"]],
    ]);
  });
});

describe("rewrite-target, use-regex, pathTypes and app-root", () => {
  const m = migrate("rewrite.yaml");

  test("a capture-group rewrite URLRewrite can express becomes ReplacePrefixMatch; the rest is refused, never emitted", () => {
    expect(route(m, "rewrite").rules).toEqual([
      {
        matches: [{ path: prefix("/something") }],
        filters: [{ type: "URLRewrite", rewrite: { path: { type: "ReplacePrefixMatch", path: "/" } } }],
        backends: [{ serviceName: "http-svc", port: 80 }],
      },
    ]);
    expect(verdicts(m)["web/rewrite rewrite-target"]).toBe("unsupported");
    expect(verdicts(m)["web/rewrite spec.rules[0].http.paths[1]"]).toBe("unsupported");
    expect(detail(m, "web/rewrite", "rewrite-target")).toMatch(/\/v\[0-9\]\+\/\(\.\*\)\/\(\.\*\).*cannot express/);
  });

  // template.go buildProxyPass: `rewrite "(?i)/old" /index.html break;` in `location ~* "^/old"`: every path
  // starting with /old, in any case, goes to the backend as /index.html.
  test("a target without groups replaces the whole path, on nginx's case-insensitive regex match", () => {
    expect(route(m, "plain-target").rules[0].matches).toEqual([{ path: { type: "RegularExpression", path: "(?i)/old.*" } }]);
    expect(route(m, "plain-target").rules[0].filters).toEqual([{ type: "URLRewrite", rewrite: { path: { type: "ReplaceFullPath", path: "/index.html" } } }]);
    expect(verdicts(m)["web/plain-target rewrite-target"]).toBe("converted");
  });

  // template.go buildLocation: `location ~* "^/api/v[0-9]+/users"`.
  test("use-regex paths become case-insensitive RE2 matches anchored at the start, and the tenant owns /", () => {
    expect(route(m, "regex").rules[0].matches).toEqual([{ path: { type: "RegularExpression", path: "(?i)/api/v[0-9]+/users.*" } }]);
    expect(verdicts(m)["web/regex use-regex"]).toBe("converted");
    expect(m.tenants[0].pathPrefixes).toEqual(["/"]);
  });

  // nginx.tmpl: app-root is a server-level `if ($uri = /)`, ahead of every location, so its rule goes first.
  test("Exact and Prefix carry over, ImplementationSpecific is a prefix (approximated), app-root redirects / with 302 first", () => {
    expect(route(m, "path-types").rules.map((r: any) => [r.matches[0].path, r.filters?.[0]?.redirect])).toEqual([
      [{ type: "Exact", path: "/" }, { path: { type: "ReplaceFullPath", path: "/app1" }, statusCode: 302 }],
      [{ type: "Exact", path: "/exact" }, undefined],
      [prefix("/prefix"), undefined],
      [prefix("/impl"), undefined],
    ]);
    expect(verdicts(m)["web/path-types spec.rules[0].http.paths[2]"]).toBe("approximated");
    expect(verdicts(m)["web/path-types app-root"]).toBe("approximated");
    expect(detail(m, "web/path-types", "app-root")).toMatch(/a query string stays in the Location/);
  });
});

describe("redirects", () => {
  test("permanent-redirect 308 is approximated as 301 before Gateway API v1.5.1 and exact on Kubernetes 1.36", () => {
    const old = migrate("redirect.yaml");
    expect(route(old, "moved").rules[0].filters[0].redirect).toEqual({
      scheme: "https",
      hostname: "www.google.com",
      path: { type: "ReplaceFullPath", path: "/search" },
      statusCode: 301,
    });
    expect(verdicts(old)["web/moved permanent-redirect-code"]).toBe("approximated");
    const current = migrate("redirect.yaml", { kubernetesVersion: "1.36" });
    expect(route(current, "moved").rules[0].filters[0].redirect.statusCode).toBe(308);
    expect(verdicts(current)["web/moved permanent-redirect-code"]).toBe("converted");
  });

  test("a target ending in $request_uri keeps the path; other nginx variables are refused", () => {
    const yaml = (url: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: r, namespace: ns, annotations: {nginx.ingress.kubernetes.io/permanent-redirect: "${url}"}}
spec: {rules: [{host: r.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: r, port: {number: 80}}}}]}}]}`;
    const keep = IngressMigration.fromYaml(yaml("https://new.example.com$request_uri"));
    expect(route(keep, "r").rules[0].filters[0].redirect).toEqual({ scheme: "https", hostname: "new.example.com", statusCode: 301 });
    expect(verdicts(keep)["ns/r permanent-redirect"]).toBe("converted");
    const vars = IngressMigration.fromYaml(yaml("https://$host/x"));
    expect(verdicts(vars)["ns/r permanent-redirect"]).toBe("unsupported");
  });

  test("from-to-www is omitted for a twin another Ingress serves, as ingress-nginx does", () => {
    const www = (name: string, host: string, annotate: boolean) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: ns${annotate ? ', annotations: {nginx.ingress.kubernetes.io/from-to-www-redirect: "true"}' : ""}}
spec: {rules: [{host: ${host}, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}}]}
---`;
    const m = IngressMigration.fromYaml(www("main", "www.example.com", true) + www("apex", "example.com", false));
    expect(m.tenants[0].routes.map((r) => [r.options.name, r.options.hostnames])).toEqual([
      ["main", ["www.example.com"]],
      ["apex", ["example.com"]],
    ]);
  });

  test("temporal-redirect is a 302 redirect with no backends", () => {
    const rule = route(migrate("redirect.yaml"), "temp").rules[0];
    expect(rule.backends).toBeUndefined();
    expect(rule.filters[0].redirect).toMatchObject({ scheme: "http", hostname: "maintenance.example.com", statusCode: 302 });
  });

  test("from-to-www adds a redirecting route on the twin host; SSL redirects are edge verdicts", () => {
    const m = migrate("redirect.yaml", { kubernetesVersion: "1.36" });
    const twin = route(m, "www-2");
    expect(twin.hostnames).toEqual(["example.com"]);
    // The host has TLS, so the twin redirects to https (nginx's $scheme is https for the clients HTTPS reaches).
    expect(twin.rules).toEqual([{ matches: [{ path: prefix("/") }], filters: [{ type: "RequestRedirect", redirect: { scheme: "https", hostname: "www.example.com", statusCode: 308 } }] }]);
    expect(m.tenants[0].hostnames).toEqual(expect.arrayContaining(["example.com", "www.example.com"]));
    // Approximated, each saying which requests differ: the twin keeps a trailing slash nginx dropped (nginx.tmpl
    // "Build server redirects"); the edge answers HTTP with 301 where nginx sent 308 (lua_ingress.lua).
    expect(verdicts(m)).toMatchObject({
      "web/www from-to-www-redirect": "approximated",
      "web/www ssl-redirect": "approximated",
      "web/www force-ssl-redirect": "approximated",
      "web/www spec.tls[0]": "approximated",
    });
    expect(detail(m, "web/www", "from-to-www-redirect")).toMatch(/a path ending in "\/" keeps it, where nginx dropped it/);
  });
});

describe("CORS, timeouts, protocols, headers and mirrors", () => {
  test("on Gateway API v1.5.1 (Kubernetes 1.36) CORS is the CORS filter", () => {
    const m = migrate("backend.yaml", { kubernetesVersion: "1.36" });
    const cors = route(m, "api").rules[0].filters.find((f: any) => f.type === "CORS").cors;
    expect(cors).toEqual({
      allowOrigins: ["https://app.example.com"],
      allowMethods: ["GET", "POST"],
      allowHeaders: expect.arrayContaining(["Authorization", "Content-Type"]),
      exposeHeaders: [],
      allowCredentials: false,
      maxAgeSeconds: 600,
    });
    // Approximated: nginx answered any OPTIONS with 204 (nginx.tmpl template "CORS"); the filter answers allowed preflights with 200.
    expect(verdicts(m)["api/api enable-cors"]).toBe("approximated");
  });

  test("on older bundles CORS becomes response headers (approximated), with the version that brings the filter", () => {
    const m = migrate("backend.yaml");
    const rule = route(m, "api").rules[0];
    // x-forwarded-prefix without rewrite-target sets no header (template.go buildProxyPass sets it only with a rewrite).
    expect(rule.filters.map((f: any) => f.type)).toEqual(["ResponseHeaderModifier", "URLRewrite", "RequestMirror"]);
    expect(rule.filters[0].headers.set).toMatchObject({ "X-Frame-Options": "DENY", "Access-Control-Allow-Origin": "https://app.example.com" });
    expect(detail(m, "api/api", "x-forwarded-prefix")).toBe("no effect without rewrite-target, as in ingress-nginx.");
    expect(rule.filters[1].rewrite).toEqual({ hostname: "api.internal" });
    expect(rule.filters[2].mirror).toEqual({ serviceName: "api-shadow", port: 8080 });
    expect(rule.timeouts).toEqual({ request: "120s" });
    expect(rule.backends).toEqual([{ serviceName: "api", port: 8080 }]);
    expect(detail(m, "api/api", "enable-cors")).toMatch(/v1\.2\.1 has no CORS filter \(first in v1\.5\.1 \(AKS Kubernetes 1\.36\+\)\)/);
    expect(verdicts(m)).toMatchObject({
      "api/api enable-cors": "approximated",
      "api/api cors-allow-origin": "approximated",
      "api/api proxy-connect-timeout": "approximated",
      "api/api proxy-send-timeout": "approximated",
      "api/api proxy-read-timeout": "approximated",
      "api/api backend-protocol": "converted",
      "api/api upstream-vhost": "converted",
      "api/api x-forwarded-prefix": "converted",
      "api/api custom-headers": "converted",
      "api/api mirror-target": "converted",
    });
  });

  test("backend-protocol GRPC makes a GRPCRoute; HTTPS is a blocker and its routes are withheld", () => {
    const m = migrate("backend.yaml");
    expect(route(m, "grpc", "grpc")).toEqual({
      name: "grpc",
      hostnames: ["grpc.example.com"],
      rules: [{ matches: [{ service: "helloworld.Greeter" }], backends: [{ serviceName: "greeter", port: 50051 }] }],
    });
    expect(verdicts(m)["api/grpc backend-protocol"]).toBe("approximated");
    expect(verdicts(m)["api/tls-backends backend-protocol"]).toBe("unsupported");
    expect(route(m, "tls-backends")).toBeUndefined();
  });

  test.each([
    ["FCGI", "unsupported"],
    ["GRPCS", "unsupported"],
    ["HTTP", "converted"],
  ])("backend-protocol %s is %s", (protocol, verdict) => {
    const m = IngressMigration.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: p, namespace: ns, annotations: {nginx.ingress.kubernetes.io/backend-protocol: ${protocol}}}
spec: {rules: [{host: p.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: p, port: {number: 80}}}}]}}]}`);
    expect(verdicts(m)["ns/p backend-protocol"]).toBe(verdict);
  });
});

describe("edge: IP lists, rate limits, body size", () => {
  const m = migrate("edge.yaml");

  test("verdicts", () => {
    expect(verdicts(m)).toEqual({
      "ops/admin whitelist-source-range": "edge",
      "ops/admin denylist-source-range": "edge",
      "ops/admin limit-rps": "edge",
      "ops/admin limit-rpm": "edge",
      "ops/admin limit-whitelist": "edge",
      "ops/admin limit-burst-multiplier": "approximated",
      "ops/admin limit-connections": "unsupported",
      "ops/admin proxy-body-size": "edge",
      "ops/admin spec.rules[1]": "converted",
    });
  });

  test("WAF custom rules scoped to the hostnames: deny lists first, exact names and wildcards apart", () => {
    const rules = m.wafCustomRules.map((r) => ({
      name: r.options.name,
      priority: r.options.priority,
      type: r.type,
      limit: r.rateLimit?.threshold,
      conditions: r.options.conditions.map((c) => [c.options.operator, c.options.values, c.options.negate ?? false]),
    }));
    expect(rules.map((r) => [r.name, r.priority, r.type, r.limit])).toEqual([
      ["DenylistSourceRange_ops_admin", 1, "MatchRule", undefined],
      ["DenylistSourceRange_ops_admin_2", 2, "MatchRule", undefined],
      ["WhitelistSourceRange_ops_admin", 3, "MatchRule", undefined],
      ["WhitelistSourceRange_ops_admin_2", 4, "MatchRule", undefined],
      ["LimitRps_ops_admin", 5, "RateLimitRule", 300],
      ["LimitRps_ops_admin_2", 6, "RateLimitRule", 300],
      ["LimitRpm_ops_admin", 7, "RateLimitRule", 100],
      ["LimitRpm_ops_admin_2", 8, "RateLimitRule", 100],
    ]);
    expect(wafCustomRuleProblems(m.wafCustomRules)).toEqual([]);
    expect(rules[2].conditions).toEqual([
      ["Equal", ["admin.example.com"], false],
      ["IPMatch", ["10.0.0.0/24", "172.10.0.1"], true],
    ]);
    expect(rules[3].conditions[0]).toEqual(["EndsWith", [".ops.example.com"], false]);
    expect(rules[4].conditions[1]).toEqual(["IPMatch", ["10.0.0.0/24"], true]);
  });

  test("proxy-body-size sets the policy's limits (8m: all 2000 KB inspected, uploads at the default 100 MB)", () => {
    expect(m.wafOptions()).toMatchObject({ maxRequestBodySizeKb: 2000, fileUploadLimitMb: 100 });
  });

  test("without proxy-body-size the WAF keeps nginx's default 1m (the WAF's own default is 128 KB)", () => {
    const plain = migrate("canary.yaml");
    expect(plain.wafOptions()).toEqual({ customRules: [], maxRequestBodySizeKb: 1024, fileUploadLimitMb: 100 });
    expect(IngressMigration.fromYaml("").wafOptions()).toEqual({ customRules: [] });
  });
});

describe("blockers, default backends, rules without a host, classes", () => {
  const m = migrate("blockers.yaml");

  test("auth, affinity, snippets, passthrough and unknown annotations are unsupported; access blockers withhold the routes", () => {
    const v = verdicts(m);
    for (const key of ["auth-type", "auth-secret", "auth-realm", "auth-url", "auth-signin", "affinity", "session-cookie-name", "session-cookie-max-age", "configuration-snippet", "server-snippet", "ssl-passthrough", "no-such-annotation"]) {
      expect([key, v[`legacy/legacy ${key}`]]).toEqual([key, "unsupported"]);
    }
    expect(detail(m, "legacy/legacy", "auth-url")).toMatch(/withheld/);
    expect(detail(m, "legacy/legacy", "affinity")).toMatch(/session persistence/);
    expect(m.tenants).toEqual([]);
  });

  test("rules without a host and default backends without hosts are refused; other classes are skipped", () => {
    expect(verdicts(m)["legacy/legacy spec.rules[1]"]).toBe("unsupported");
    expect(detail(m, "legacy/legacy", "spec.rules[1]")).toMatch(/for every Host that no Ingress names .* Pass the names clients use \(--default-host NAME/);
    expect(verdicts(m)["legacy/catch-all spec.defaultBackend"]).toBe("unsupported");
    expect(m.skipped).toEqual(["legacy/traefik (class traefik)"]);
    expect(m.hasBlockers).toBe(true);
  });

  test("a default backend with hosts serves / on them", () => {
    const ok = IngressMigration.fromYaml(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: d, namespace: ns}
spec:
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  rules: [{host: d.example.com, http: {paths: [{path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}}]`);
    expect(route(ok, "d").rules.map((r: any) => [r.matches[0].path.path, r.backends[0].serviceName])).toEqual([
      ["/api", "api"],
      ["/", "fallback"],
    ]);
    expect(ok.tenants[0].pathPrefixes).toEqual(["/"]);
    expect(ok.hasBlockers).toBe(false);
  });

  test("TLS hosts are checked against the edge certificate when its hostnames are given", () => {
    const covered = migrate("redirect.yaml", { edgeCertificateHostnames: ["*.example.com"] });
    // Approximated: HTTP requests got 308 from nginx and get 301 from the edge (lua_ingress.lua redirect_to_https).
    expect(verdicts(covered)["web/www spec.tls[0]"]).toBe(MigrationVerdict.APPROXIMATED);
    expect(detail(covered, "web/www", "spec.tls[0]")).toMatch(/ingress-nginx answered 308 .*answers 301/);
    const missing = migrate("redirect.yaml", { edgeCertificateHostnames: ["shop.contoso.com"] });
    expect(verdicts(missing)["web/www spec.tls[0]"]).toBe(MigrationVerdict.UNSUPPORTED);
    expect(detail(missing, "web/www", "spec.tls[0]")).toMatch(/does not cover www\.example\.com/);
  });
});

describe("input", () => {
  test("Helm output with comments and empty documents, List kinds, the legacy class annotation", () => {
    const m = IngressMigration.fromYaml(`---
# Source: chart/templates/ingress.yaml
---
apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: a, namespace: ns, annotations: {kubernetes.io/ingress.class: nginx}}
  spec: {rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}}]}
`);
    expect(m.tenants.map((t) => [t.name, t.hostnames, t.pathPrefixes])).toEqual([["ns", ["a.example.com"], ["/"]]]);
  });

  test("tenant names map namespaces", () => {
    expect(migrate("edge.yaml", { tenantNames: { ops: "operations" } }).tenants[0]).toMatchObject({ name: "operations", namespace: "ops" });
  });

  test("throws on text that is not YAML, and on a bad Kubernetes version", () => {
    expect(() => IngressMigration.fromYaml("a: [b", {}, "bad.yaml")).toThrow(/bad\.yaml: document 1 is not valid YAML/);
    expect(() => IngressMigration.fromYaml("- 1\n- 2")).toThrow(/not a Kubernetes object/);
    expect(() => migrate("edge.yaml", { kubernetesVersion: "2.0" })).toThrow(/Kubernetes version must look like 1\.34/);
  });
});
