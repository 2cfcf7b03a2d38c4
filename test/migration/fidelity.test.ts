/**
 * Requests answered by ingress-nginx and by the converted routes. Each case states the request, what ingress-nginx
 * answers (with the source line it follows: kubernetes/ingress-nginx at controller v1.x, or the nginx docs), and what
 * the emitted routes answer through the Gateway API matching rules as Istio implements them (the evaluator of
 * lib/private/routing). Where the two differ, the finding of the annotation is `approximated` (or `unsupported`) and
 * says which requests differ; and every fixture's full replay leaves no difference that no finding explains.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { ingress, PathSpec } from "./nginx";
import { migrated } from "./replay";
import { MigrationVerdict } from "../../lib/migration/finding";
import { KubeObject } from "../../lib/migration/private/objects";
import { IngressMigrationOptions } from "../../lib/migration/ingress-migration";

const HOST = "shop.example.com";
const URL_ = (path: string, scheme = "http") => `${scheme}://${HOST}${path}`;

/** One Ingress on HOST in namespace web with these paths and annotations. */
function one(paths: readonly PathSpec[], annotations: Record<string, string> = {}, extra: { tls?: string[]; defaultBackend?: string } = {}): KubeObject[] {
  return [ingress("site", [{ host: HOST, paths }], { annotations, ...extra })];
}

/** The finding of `annotation` (suffix, or spec part) of Ingress web/site. */
function verdictOf(m: ReturnType<typeof migrated>, annotation: string, ingressKey = "web/site"): string | undefined {
  return m.findings.find((f) => f.ingress === ingressKey && f.annotation.replace("nginx.ingress.kubernetes.io/", "") === annotation)?.verdict;
}

interface Case {
  readonly what: string;
  readonly source: string;
  readonly objects: KubeObject[];
  readonly url: string;
  readonly request?: { method?: string; headers?: Record<string, string> };
  readonly nginx: string;
  readonly gateway: string;
  /** When they differ: the annotation (or spec part) whose finding says so, and its verdict. */
  readonly differs?: { readonly annotation: string; readonly verdict: MigrationVerdict; readonly ingress?: string };
  readonly options?: IngressMigrationOptions;
}

const CASES: Case[] = [
  // ---- pathType ----
  { what: "Exact: the path itself", source: "template.go buildLocation: `= <path>`", objects: one([["/cart", "Exact", "cart"]]), url: URL_("/cart"), nginx: "-> web/cart:80 /cart", gateway: "-> web/cart:80 /cart" },
  { what: "Exact: not below it", source: "template.go buildLocation", objects: one([["/cart", "Exact", "cart"]]), url: URL_("/cart/x"), nginx: "404", gateway: "404" },
  { what: "Prefix: below it", source: "location.go updateServerLocations: `<path>/` + `= <path>`", objects: one([["/cart", "Prefix", "cart"]]), url: URL_("/cart/x?y=1"), nginx: "-> web/cart:80 /cart/x?y=1", gateway: "-> web/cart:80 /cart/x?y=1" },
  { what: "Prefix: whole segments only", source: "location.go updateServerLocations", objects: one([["/cart", "Prefix", "cart"]]), url: URL_("/carts"), nginx: "404", gateway: "404" },
  { what: "Prefix: case-sensitive", source: "nginx docs, location (prefix strings compare case-sensitively)", objects: one([["/cart", "Prefix", "cart"]]), url: URL_("/CART"), nginx: "404", gateway: "404" },
  {
    what: "Prefix /cart/: /cart answers 301 to /cart/",
    source: "nginx docs ngx_http_core_module location: a prefix ending in / with proxy_pass redirects the slashless URI (301)",
    objects: one([["/cart/", "Prefix", "cart"]]),
    url: URL_("/cart?a=1"),
    nginx: "301 http://shop.example.com/cart/?a=1",
    gateway: "301 http://shop.example.com/cart/?a=1",
  },
  {
    what: "ImplementationSpecific /cart/ behaves like Prefix /cart/",
    source: "template.go buildLocation: plain `location /cart/`",
    objects: one([["/cart/", "ImplementationSpecific", "cart"]]),
    url: URL_("/cart/x"),
    nginx: "-> web/cart:80 /cart/x",
    gateway: "-> web/cart:80 /cart/x",
  },
  {
    what: "ImplementationSpecific /cart is a string prefix",
    source: "template.go buildLocation: plain `location /cart`",
    objects: one([["/cart", "ImplementationSpecific", "cart"]]),
    url: URL_("/carts"),
    nginx: "-> web/cart:80 /carts",
    gateway: "404",
    differs: { annotation: "spec.rules[0].http.paths[0]", verdict: MigrationVerdict.APPROXIMATED },
  },
  {
    what: "the longest prefix wins",
    source: "nginx docs, location: the longest matching prefix",
    objects: one([["/", "Prefix", "root"], ["/cart", "Prefix", "cart"]]),
    url: URL_("/cart/x"),
    nginx: "-> web/cart:80 /cart/x",
    gateway: "-> web/cart:80 /cart/x",
  },
  // ---- use-regex ----
  {
    what: "use-regex: case-insensitive",
    source: 'template.go buildLocation: `~* "^<path>"`',
    objects: one([["/api/v[0-9]+", "ImplementationSpecific", "api"]], { "use-regex": "true" }),
    url: URL_("/API/V2/users"),
    nginx: "-> web/api:80 /API/V2/users",
    gateway: "-> web/api:80 /API/V2/users",
  },
  {
    what: "use-regex: anchored at the start",
    source: 'template.go buildLocation: `~* "^<path>"`',
    objects: one([["/api/v[0-9]+", "ImplementationSpecific", "api"]], { "use-regex": "true" }),
    url: URL_("/x/api/v2"),
    nginx: "404",
    gateway: "404",
  },
  {
    what: "use-regex: $ is honoured",
    source: 'template.go buildLocation keeps the path as written: `~* "^/v[0-9]+$"`',
    objects: one([["/v[0-9]+$", "ImplementationSpecific", "v"]], { "use-regex": "true" }),
    url: URL_("/v2/more"),
    nginx: "404",
    gateway: "404",
  },
  {
    what: "use-regex: longer paths are tried first",
    source: "controller.go getBackendServers: locations sorted by path length, longest first",
    objects: one([["/api", "Prefix", "api"], ["/api/v1", "Prefix", "v1"]], { "use-regex": "true" }),
    url: URL_("/api/v1/x"),
    nginx: "-> web/v1:80 /api/v1/x",
    gateway: "-> web/v1:80 /api/v1/x",
  },
  {
    what: "use-regex on one Ingress makes another Ingress's Exact path a case-insensitive prefix on the host",
    source: "template.go enforceRegexModifier(server.Locations)",
    objects: [
      ingress("regex", [{ host: HOST, paths: [["/a.*", "ImplementationSpecific", "a"]] }], { annotations: { "use-regex": "true" } }),
      ingress("site", [{ host: HOST, paths: [["/b", "Exact", "b"]] }]),
    ],
    url: URL_("/Bcd"),
    nginx: "-> web/b:80 /Bcd",
    gateway: "-> web/b:80 /Bcd",
  },
  {
    what: "use-regex: equally long paths are tried in nginx's order (reverse byte order), whatever order the Ingress lists them",
    source: "controller.go getBackendServers: sort by Path descending, then stable by length",
    objects: one([["/a.", "ImplementationSpecific", "dot"], ["/ab", "ImplementationSpecific", "ab"]], { "use-regex": "true" }),
    url: URL_("/ab"),
    nginx: "-> web/ab:80 /ab",
    gateway: "-> web/ab:80 /ab",
  },
  {
    what: "an Ingress rule with a host and no paths still answers with the Ingress's defaultBackend",
    source: "controller.go createServers: the server's root location goes to the Ingress's defaultBackend",
    objects: [{ ...ingress("site", [], { defaultBackend: "fallback" }), spec: { ingressClassName: "nginx", defaultBackend: { service: { name: "fallback", port: { number: 80 } } }, rules: [{ host: HOST }] } }],
    url: URL_("/any"),
    nginx: "-> web/fallback:80 /any",
    gateway: "-> web/fallback:80 /any",
  },
  // ---- rewrite-target ----
  {
    what: "rewrite-target without groups: every path below goes to the target",
    source: 'template.go buildProxyPass: `rewrite "(?i)/old" /new break;`',
    objects: one([["/old", "Prefix", "old"]], { "rewrite-target": "/new" }),
    url: URL_("/OLD/page?x=1"),
    nginx: "-> web/old:80 /new?x=1",
    gateway: "-> web/old:80 /new?x=1",
  },
  {
    what: "rewrite-target with (/|$)(.*) and /$2",
    source: 'template.go buildProxyPass: `rewrite "(?i)/api(/|$)(.*)" /$2 break;`',
    objects: one([["/api(/|$)(.*)", "ImplementationSpecific", "api"]], { "rewrite-target": "/$2" }),
    url: URL_("/api/users?x=1"),
    nginx: "-> web/api:80 /users?x=1",
    gateway: "-> web/api:80 /users?x=1",
  },
  {
    what: "rewrite-target with groups: the PathPrefix is case-sensitive where nginx was not",
    source: 'template.go buildProxyPass: `rewrite "(?i)..."`; location `~* "^/api(/|$)(.*)"`',
    objects: one([["/api(/|$)(.*)", "ImplementationSpecific", "api"]], { "rewrite-target": "/$2" }),
    url: URL_("/API/users"),
    nginx: "-> web/api:80 /users",
    gateway: "404",
    differs: { annotation: "rewrite-target", verdict: MigrationVerdict.APPROXIMATED },
  },
  // ---- redirects ----
  {
    what: "permanent-redirect",
    source: "annotations.md Permanent Redirect: Return Code 301; nginx.tmpl `return {{ $location.Redirect.Code }} {{ $location.Redirect.URL }}`",
    objects: one([["/", "Prefix", "web"]], { "permanent-redirect": "https://new.example.com/landing" }),
    url: URL_("/x"),
    nginx: "301 https://new.example.com/landing",
    gateway: "301 https://new.example.com/landing",
  },
  {
    what: "permanent-redirect: a query string is appended on the Gateway",
    source: "nginx `return` sends the URL as written; Envoy's redirect keeps the query (strip_query false)",
    objects: one([["/", "Prefix", "web"]], { "permanent-redirect": "https://new.example.com/landing" }),
    url: URL_("/x?q=1"),
    nginx: "301 https://new.example.com/landing",
    gateway: "301 https://new.example.com/landing?q=1",
    differs: { annotation: "permanent-redirect", verdict: MigrationVerdict.APPROXIMATED },
  },
  {
    what: "temporal-redirect wins over permanent-redirect",
    source: 'redirect.go Parse: "If the Ingress contains both annotations the execution order is temporal and then permanent"',
    objects: one([["/", "Prefix", "web"]], { "permanent-redirect": "https://p.example.com/", "temporal-redirect": "https://t.example.com/" }),
    url: URL_("/"),
    nginx: "302 https://t.example.com/",
    gateway: "302 https://t.example.com/",
  },
  {
    what: "permanent-redirect-code 308 (Gateway API v1.5.1)",
    source: "redirect.go: permanent-redirect-code between 300 and 308",
    objects: one([["/", "Prefix", "web"]], { "permanent-redirect": "https://new.example.com/", "permanent-redirect-code": "308" }),
    url: URL_("/"),
    nginx: "308 https://new.example.com/",
    gateway: "308 https://new.example.com/",
    options: { kubernetesVersion: "1.36" },
  },
  {
    what: "the redirect of the Ingress that created the host also answers paths no rule names",
    source: "controller.go createServers: locationApplyAnnotations on the server's root location",
    objects: one([["/x", "Prefix", "x"]], { "permanent-redirect": "https://new.example.com/" }),
    url: URL_("/elsewhere"),
    nginx: "301 https://new.example.com/",
    gateway: "301 https://new.example.com/",
  },
  {
    what: "app-root on an Ingress whose rule is Exact /",
    source: "nginx.tmpl: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }` at server level",
    objects: one([["/", "Exact", "web"]], { "app-root": "/app" }),
    url: URL_("/"),
    nginx: "302 http://shop.example.com/app",
    gateway: "302 http://shop.example.com/app",
  },
  {
    what: "app-root: the Ingress's own Exact / rule still serves nothing else",
    source: "nginx.tmpl app-root applies to $uri = / only",
    objects: one([["/", "Exact", "web"], ["/app", "Prefix", "app"]], { "app-root": "/app" }),
    url: URL_("/app/x"),
    nginx: "-> web/app:80 /app/x",
    gateway: "-> web/app:80 /app/x",
  },
  {
    what: "app-root: a query string stays on the Gateway",
    source: "nginx.tmpl: `$scheme://$http_host<app-root>` has no $args",
    objects: one([["/", "Prefix", "web"]], { "app-root": "/app" }),
    url: URL_("/?a=1"),
    nginx: "302 http://shop.example.com/app",
    gateway: "302 http://shop.example.com/app?a=1",
    differs: { annotation: "app-root", verdict: MigrationVerdict.APPROXIMATED },
  },
  {
    what: "from-to-www-redirect: every path of the twin",
    source: 'nginx.tmpl "Build server redirects (from/to www)"',
    objects: [ingress("site", [{ host: "example.com", paths: [["/shop", "Prefix", "web"]] }], { annotations: { "from-to-www-redirect": "true" } })],
    url: "http://www.example.com/anything",
    nginx: "308 http://example.com/anything",
    gateway: "308 http://example.com/anything",
    options: { kubernetesVersion: "1.36" },
  },
  {
    what: "from-to-www-redirect: nginx drops a trailing slash",
    source: 'nginx.tmpl "Build server redirects": `string.sub(request_uri, 1, -2)` when it ends in /',
    objects: [ingress("site", [{ host: "example.com", paths: [["/shop", "Prefix", "web"]] }], { annotations: { "from-to-www-redirect": "true" } })],
    url: "http://www.example.com/a/",
    nginx: "308 http://example.com/a",
    gateway: "308 http://example.com/a/",
    differs: { annotation: "from-to-www-redirect", verdict: MigrationVerdict.APPROXIMATED },
    options: { kubernetesVersion: "1.36" },
  },
  // ---- backends ----
  {
    what: "the defaultBackend of the Ingress that created the host serves unmatched paths",
    source: "controller.go createServers: root location to the Ingress's defaultBackend",
    objects: one([["/cart", "Prefix", "cart"]], {}, { defaultBackend: "fallback" }),
    url: URL_("/other"),
    nginx: "-> web/fallback:80 /other",
    gateway: "-> web/fallback:80 /other",
  },
  {
    what: "canary by header value",
    source: "balancer.lua route_to_alternative_balancer: headerValue",
    objects: [
      ingress("site", [{ host: HOST, paths: [["/", "Prefix", "v1"]] }]),
      ingress("canary", [{ host: HOST, paths: [["/", "Prefix", "v2"]] }], { annotations: { canary: "true", "canary-by-header": "X-Beta", "canary-by-header-value": "yes", "canary-weight": "10" } }),
    ],
    url: URL_("/"),
    request: { headers: { "X-Beta": "yes" } },
    nginx: "-> web/v2:80 /",
    gateway: "-> web/v2:80 /",
  },
  {
    what: "canary by weight",
    source: "balancer.lua: math.random(weightTotal) <= weight",
    objects: [
      ingress("site", [{ host: HOST, paths: [["/", "Prefix", "v1"]] }]),
      ingress("canary", [{ host: HOST, paths: [["/", "Prefix", "v2"]] }], { annotations: { canary: "true", "canary-weight": "10" } }),
    ],
    url: URL_("/x"),
    nginx: "-> web/v1:80 w90 + web/v2:80 w10 /x",
    gateway: "-> web/v1:80 w90 + web/v2:80 w10 /x",
  },
  {
    what: "canary by cookie: Gateway API cannot match cookies",
    source: "balancer.lua: cookie always/never after the header",
    objects: [
      ingress("site", [{ host: HOST, paths: [["/", "Prefix", "v1"]] }]),
      ingress("canary", [{ host: HOST, paths: [["/", "Prefix", "v2"]] }], { annotations: { canary: "true", "canary-by-cookie": "beta", "canary-weight": "10" } }),
    ],
    url: URL_("/"),
    request: { headers: { Cookie: "beta=always" } },
    nginx: "-> web/v2:80 /",
    gateway: "-> web/v1:80 w90 + web/v2:80 w10 /",
    differs: { annotation: "canary-by-cookie", verdict: MigrationVerdict.APPROXIMATED, ingress: "web/canary" },
  },
  {
    what: "upstream-vhost sets the Host the backend gets",
    source: "nginx.tmpl: `proxy_set_header Host {{ $location.UpstreamVhost }}`",
    objects: one([["/", "Prefix", "web"]], { "upstream-vhost": "internal.example" }),
    url: URL_("/x"),
    nginx: "-> web/web:80 /x Host internal.example",
    gateway: "-> web/web:80 /x Host internal.example",
  },
  {
    what: "enable-cors: nginx answers any OPTIONS with 204",
    source: 'nginx.tmpl template "CORS": `if ($request_method = \'OPTIONS\') { return 204; }`',
    objects: one([["/", "Prefix", "web"]], { "enable-cors": "true" }),
    url: URL_("/x"),
    request: { method: "OPTIONS" },
    nginx: "204",
    gateway: "-> web/web:80 /x",
    differs: { annotation: "enable-cors", verdict: MigrationVerdict.APPROXIMATED },
    options: { kubernetesVersion: "1.36" },
  },
  // ---- hosts ----
  {
    what: "an exact host beside a wildcard (one namespace): the exact host's unmatched paths are 404",
    source: "nginx docs server_name: exact names before wildcards",
    objects: [ingress("site", [{ host: "*.example.com", paths: [["/", "Prefix", "wild"]] }, { host: "api.example.com", paths: [["/v1", "Prefix", "api"]] }])],
    url: "http://api.example.com/other",
    nginx: "404",
    gateway: "404",
  },
  {
    what: "a wildcard host matches two labels deep",
    source: "nginx docs server_name: *.example.com matches www.sub.example.com",
    objects: [ingress("site", [{ host: "*.example.com", paths: [["/", "Prefix", "wild"]] }])],
    url: "http://a.b.example.com/x",
    nginx: "-> web/wild:80 /x",
    gateway: "-> web/wild:80 /x",
  },
  {
    what: "server-alias answers like the host",
    source: "controller.go createServers: server.Aliases = anns.Aliases",
    objects: one([["/", "Prefix", "web"]], { "server-alias": "store.example.com" }),
    url: "http://store.example.com/x",
    nginx: "-> web/web:80 /x",
    gateway: "-> web/web:80 /x",
  },
  {
    what: "a rule without a host on --default-host: that name is served",
    source: "controller.go createServers: rules without a host go to the catch-all server _",
    objects: [ingress("site", [{ paths: [["/", "Prefix", "hello"]] }])],
    url: "http://hello.contoso.com/x",
    nginx: "-> web/hello:80 /x",
    gateway: "-> web/hello:80 /x",
    options: { defaultHostnames: ["hello.contoso.com"] },
  },
  {
    what: "a rule without a host: other Hosts are 404 on the Gateway",
    source: "nginx docs: the default server answers any Host no server names",
    objects: [ingress("site", [{ paths: [["/", "Prefix", "hello"]] }])],
    url: "http://10.0.0.4/x",
    nginx: "-> web/hello:80 /x",
    gateway: "404",
    differs: { annotation: "spec.rules[0]", verdict: MigrationVerdict.APPROXIMATED },
    options: { defaultHostnames: ["hello.contoso.com"] },
  },
];

describe.each(CASES)("$what ($source)", (c) => {
  const m = migrated(c.objects, c.options);

  test(`ingress-nginx: ${c.url} → ${c.nginx}`, () => {
    expect(m.nginxAnswer(c.url, c.request)).toBe(c.nginx);
  });

  test(`converted routes: ${c.url} → ${c.gateway}`, () => {
    expect(m.gatewayAnswer(c.url, c.request)).toBe(c.gateway);
  });

  test(c.differs ? `differs, and the ${c.differs.annotation} finding is ${c.differs.verdict}` : "same answer", () => {
    if (!c.differs) {
      expect(c.gateway).toBe(c.nginx);
      return;
    }
    expect(c.gateway).not.toBe(c.nginx);
    expect(verdictOf(m, c.differs.annotation, c.differs.ingress)).toBe(c.differs.verdict);
  });
});

describe("HTTP to HTTPS on hosts with TLS, through the edge", () => {
  const m = migrated(one([["/", "Prefix", "web"]], {}, { tls: [HOST] }));

  // lua_ingress.lua redirect_to_https: 308 (http-redirect-code), request_uri without the trailing slash.
  test("nginx answers 308 without the trailing slash; the Application Gateway 301 with it", () => {
    expect(m.nginxAnswer(URL_("/a/?q=1"))).toBe("308 https://shop.example.com/a?q=1");
    expect(m.platformAnswer(URL_("/a/?q=1"), true)).toBe("301 https://shop.example.com/a/?q=1");
    expect(verdictOf(m, "spec.tls[0]")).toBe(MigrationVerdict.APPROXIMATED);
  });

  test("HTTPS requests reach the same backend, and the routes set nginx's default HSTS header", () => {
    expect(m.nginxAnswer(URL_("/a", "https"))).toBe("-> web/web:80 /a");
    expect(m.platformAnswer(URL_("/a", "https"), true)).toBe("-> web/web:80 /a");
    const rule = m.migration.tenants[0].routes[0].options as any;
    expect(JSON.parse(JSON.stringify(rule.rules[0].filters))).toEqual([
      { type: "ResponseHeaderModifier", headers: { set: { "Strict-Transport-Security": "max-age=15724800; includeSubDomains" } } },
    ]);
  });
});

describe("every fixture replayed: each difference is explained by a finding", () => {
  const fixtures = ["canary.yaml", "rewrite.yaml", "redirect.yaml", "backend.yaml", "edge.yaml", "conflict.yaml", "blockers.yaml"];
  test.each(fixtures)("%s", (fixture) => {
    const text = readFileSync(join(__dirname, "fixtures", fixture), "utf8");
    for (const kubernetesVersion of ["1.34", "1.36"]) {
      const result = migrated(text, { kubernetesVersion }).replay();
      expect(result.requests).toBeGreaterThan(5);
      expect(result.differences.filter((d) => d.explainedBy.length === 0)).toEqual([]);
    }
  });

  test("the replay finds the differences it should (it can fail)", () => {
    const result = migrated(one([["/cart", "ImplementationSpecific", "cart"]])).replay();
    expect(result.differences.map((d) => [d.request, d.nginx, d.platform])).toContainEqual(["GET http://shop.example.com/cartx", "-> web/cart:80 /cartx", "404"]);
  });
});

describe("a wildcard host and an exact host below it in two namespaces", () => {
  // nginx docs (server_name): the exact name wins all of its requests over the wildcard.
  const m = migrated([
    ingress("wild", [{ host: "*.example.com", paths: [["/", "Prefix", "wild"]] }], { namespace: "a" }),
    ingress("api", [{ host: "api.example.com", paths: [["/v1", "Prefix", "api"]] }], { namespace: "b" }),
  ]);

  test("ingress-nginx served both; the library refuses the second owner, and the finding says why and what to do", () => {
    expect(m.nginxAnswer("http://api.example.com/v1/x")).toBe("-> b/api:80 /v1/x");
    expect(m.nginxAnswer("http://x.example.com/v1")).toBe("-> a/wild:80 /v1");
    const refused = m.findings.find((f) => f.annotation === "spec" && f.verdict === MigrationVerdict.UNSUPPORTED)!;
    expect(refused.detail).toMatch(/overlaps .*"\*\.example\.com"|"\*\.example\.com".* overlaps/);
    expect(refused.detail).toMatch(/ingress-nginx answered every request for an exact host from that host's own Ingresses, ahead of a wildcard covering it; .*serve both from one namespace/);
    expect(m.replay().differences.filter((d) => d.explainedBy.length === 0)).toEqual([]);
  });
});
