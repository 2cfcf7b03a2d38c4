/**
 * The ingress-nginx model answers requests as the controller does. Each case states the request, the answer and the
 * line of ingress-nginx (kubernetes/ingress-nginx, controller v1.x) or nginx documentation it follows. These answers
 * are what the converted routes are compared against (migration fidelity tests, `migrate --compare`).
 */
import { ingress, nginx } from "./nginx";

const H = "http://shop.example.com";

describe("paths on a host without regular expressions", () => {
  // template.go buildLocation: pathType Exact renders `location = <path>`.
  test("Exact matches only that path, case-sensitively", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/foo", "Exact", "foo"]] }])];
    expect(nginx(objs, `${H}/foo`)).toBe("-> web/foo:80 /foo");
    expect(nginx(objs, `${H}/foo/`)).toBe("404");
    expect(nginx(objs, `${H}/FOO`)).toBe("404");
  });

  // location.go updateServerLocations: Prefix /foo becomes `location /foo/` plus `location = /foo`.
  test("Prefix matches the path and what lies below it, whole segments only", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/foo", "Prefix", "foo"]] }])];
    expect(nginx(objs, `${H}/foo`)).toBe("-> web/foo:80 /foo");
    expect(nginx(objs, `${H}/foo/bar?x=1`)).toBe("-> web/foo:80 /foo/bar?x=1");
    expect(nginx(objs, `${H}/foobar`)).toBe("404");
    expect(nginx(objs, `${H}/Foo/bar`)).toBe("404");
  });

  // nginx docs (ngx_http_core_module, location): a prefix location ending with "/" served by proxy_pass answers the
  // same URI without the slash with 301 to it; ingress-nginx adds no `= /foo` for a path that already ends in "/".
  test("Prefix /foo/ answers /foo with a 301 to /foo/, keeping the query", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/foo/", "Prefix", "foo"]] }])];
    expect(nginx(objs, `${H}/foo?a=1`)).toBe("301 http://shop.example.com/foo/?a=1");
    expect(nginx(objs, `${H}/foo/`)).toBe("-> web/foo:80 /foo/");
  });

  // template.go buildLocation: ImplementationSpecific renders a plain `location <path>`, a string prefix.
  test("ImplementationSpecific is a string prefix: /foo also matches /foobar", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/foo", "ImplementationSpecific", "foo"]] }])];
    expect(nginx(objs, `${H}/foobar`)).toBe("-> web/foo:80 /foobar");
  });

  // nginx docs (location): exact first, then the longest matching prefix.
  test("the longest prefix wins, and an exact location beats any prefix", () => {
    const objs = [
      ingress("a", [{ host: "shop.example.com", paths: [["/", "Prefix", "root"], ["/api", "Prefix", "api"], ["/api/v1", "Exact", "v1"]] }]),
    ];
    expect(nginx(objs, `${H}/api/x`)).toBe("-> web/api:80 /api/x");
    expect(nginx(objs, `${H}/apix`)).toBe("-> web/root:80 /apix");
    expect(nginx(objs, `${H}/api/v1`)).toBe("-> web/v1:80 /api/v1");
  });

  // controller.go getBackendServers: a (path, pathType) is added once; the oldest Ingress (store sort by
  // creationTimestamp) wins, later ones are logged "already configured".
  test("the oldest Ingress wins a path two Ingresses define", () => {
    const older = ingress("older", [{ host: "shop.example.com", paths: [["/x", "Prefix", "old"]] }], { created: "2024-01-01T00:00:00Z" });
    const newer = ingress("newer", [{ host: "shop.example.com", paths: [["/x", "Prefix", "new"]] }], { created: "2025-01-01T00:00:00Z" });
    expect(nginx([newer, older], `${H}/x`)).toBe("-> web/old:80 /x");
  });
});

describe("regular expressions", () => {
  // template.go buildLocation: with use-regex every location is `~* "^<path>"`: anchored at the start only,
  // case-insensitive; `$` is kept as written.
  test("use-regex: anchored at the start, case-insensitive, a prefix unless the path ends with $", () => {
    const objs = [
      ingress("i", [{ host: "shop.example.com", paths: [["/api/v[0-9]+", "ImplementationSpecific", "api"], ["/exact$", "ImplementationSpecific", "exact"]] }], {
        annotations: { "use-regex": "true" },
      }),
    ];
    expect(nginx(objs, `${H}/api/v2/users`)).toBe("-> web/api:80 /api/v2/users");
    expect(nginx(objs, `${H}/API/V2`)).toBe("-> web/api:80 /API/V2");
    expect(nginx(objs, `${H}/x/api/v2`)).toBe("404");
    expect(nginx(objs, `${H}/exact`)).toBe("-> web/exact:80 /exact");
    expect(nginx(objs, `${H}/exactly`)).toBe("404");
  });

  // template.go enforceRegexModifier: use-regex (or a rewrite) on any location makes every location of the host a
  // regex, those of other Ingresses included; Exact then matches as a case-insensitive prefix.
  test("one Ingress's use-regex turns the other Ingresses' paths on the same host into regex prefixes", () => {
    const objs = [
      ingress("regex", [{ host: "shop.example.com", paths: [["/a.*", "ImplementationSpecific", "a"]] }], { annotations: { "use-regex": "true" } }),
      ingress("plain", [{ host: "shop.example.com", paths: [["/b", "Exact", "b"]] }]),
    ];
    expect(nginx(objs, `${H}/bcd`)).toBe("-> web/b:80 /bcd");
    expect(nginx(objs, `${H}/B`)).toBe("-> web/b:80 /B");
    // The other host of the plain Ingress keeps exact matching.
    const other = [...objs, ingress("elsewhere", [{ host: "other.example.com", paths: [["/b", "Exact", "b"]] }])];
    expect(nginx(other, "http://other.example.com/bcd")).toBe("404");
  });

  // controller.go getBackendServers: locations sorted longest path first; nginx takes the first matching regex.
  test("regex locations are tried longest path first", () => {
    const objs = [
      ingress("i", [{ host: "shop.example.com", paths: [["/api", "Prefix", "api"], ["/api/v1", "Prefix", "v1"]] }], { annotations: { "use-regex": "true" } }),
    ];
    expect(nginx(objs, `${H}/api/v1/x`)).toBe("-> web/v1:80 /api/v1/x");
    expect(nginx(objs, `${H}/api/v2`)).toBe("-> web/api:80 /api/v2");
  });

  // template.go buildProxyPass: `rewrite "(?i)<path>" <target> break;` replaces the whole URI; arguments are kept.
  test("rewrite-target with capture groups", () => {
    const objs = [
      ingress("i", [{ host: "shop.example.com", paths: [["/api(/|$)(.*)", "ImplementationSpecific", "api"]] }], { annotations: { "rewrite-target": "/$2" } }),
    ];
    expect(nginx(objs, `${H}/api/users?x=1`)).toBe("-> web/api:80 /users?x=1");
    expect(nginx(objs, `${H}/api`)).toBe("-> web/api:80 /");
    expect(nginx(objs, `${H}/API/users`)).toBe("-> web/api:80 /users");
    expect(nginx(objs, `${H}/apix`)).toBe("404");
  });

  test("rewrite-target without capture groups sends every request of the path to the target", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/old", "Prefix", "old"]] }], { annotations: { "rewrite-target": "/new" } })];
    expect(nginx(objs, `${H}/old/x?y=1`)).toBe("-> web/old:80 /new?y=1");
    expect(nginx(objs, `${H}/OLDER`)).toBe("-> web/old:80 /new");
  });

  // location.go needsRewrite: a target equal to the location's path is no rewrite, and makes no regex. (A Prefix
  // path is first split into "<path>/" and "= <path>", so there the target differs from "<path>/" and does rewrite.)
  test("a rewrite-target equal to its path changes nothing", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/same", "ImplementationSpecific", "s"]] }], { annotations: { "rewrite-target": "/same" } })];
    expect(nginx(objs, `${H}/same/x`)).toBe("-> web/s:80 /same/x");
    expect(nginx(objs, `${H}/other`)).toBe("404");
    const prefix = [ingress("i", [{ host: "shop.example.com", paths: [["/same", "Prefix", "s"]] }], { annotations: { "rewrite-target": "/same" } })];
    expect(nginx(prefix, `${H}/same/x`)).toBe("-> web/s:80 /same");
  });
});

describe("redirects", () => {
  // annotations.md "Permanent Redirect": Return Code 301 unless permanent-redirect-code; the location `return`s the URL.
  test("permanent-redirect and its code", () => {
    const objs = (code?: string) => [
      ingress("i", [{ host: "shop.example.com", paths: [["/x", "Prefix", "x"]] }], {
        annotations: { "permanent-redirect": "https://new.example.com/landing", ...(code ? { "permanent-redirect-code": code } : {}) },
      }),
    ];
    expect(nginx(objs(), `${H}/x?q=1`)).toBe("301 https://new.example.com/landing");
    expect(nginx(objs("308"), `${H}/x`)).toBe("308 https://new.example.com/landing");
  });

  // redirect.go Parse: "If the Ingress contains both annotations the execution order is temporal and then permanent".
  test("temporal-redirect wins over permanent-redirect", () => {
    const objs = [
      ingress("i", [{ host: "shop.example.com", paths: [["/x", "Prefix", "x"]] }], {
        annotations: { "permanent-redirect": "https://p.example.com", "temporal-redirect": "https://t.example.com" },
      }),
    ];
    expect(nginx(objs, `${H}/x`)).toBe("302 https://t.example.com");
  });

  // controller.go createServers: the root location of the server an Ingress creates gets that Ingress's annotations
  // (locationApplyAnnotations), so its redirect also answers paths no rule names.
  test("the redirect of the Ingress that created the host answers every path of it", () => {
    const objs = [
      ingress("i", [{ host: "shop.example.com", paths: [["/x", "Prefix", "x"]] }], { annotations: { "permanent-redirect": "https://new.example.com" } }),
    ];
    expect(nginx(objs, `${H}/anything`)).toBe("301 https://new.example.com");
  });

  // nginx.tmpl: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }` at server level, before locations.
  test("app-root redirects exactly / (query dropped), whatever the pathType of the rule for /", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/", "Exact", "web"]] }], { annotations: { "app-root": "/app" } })];
    expect(nginx(objs, `${H}/`)).toBe("302 http://shop.example.com/app");
    expect(nginx(objs, `${H}/?a=1`)).toBe("302 http://shop.example.com/app");
    expect(nginx(objs, "https://shop.example.com/")).toBe("302 https://shop.example.com/app");
    expect(nginx(objs, `${H}/app`)).toBe("404");
  });

  test("app-root of one Ingress applies to the host even when / belongs to another Ingress", () => {
    const objs = [
      ingress("root", [{ host: "shop.example.com", paths: [["/", "Prefix", "web"]] }]),
      ingress("app", [{ host: "shop.example.com", paths: [["/app", "Prefix", "app"]] }], { annotations: { "app-root": "/app" } }),
    ];
    expect(nginx(objs, `${H}/`)).toBe("302 http://shop.example.com/app");
    expect(nginx(objs, `${H}/other`)).toBe("-> web/web:80 /other");
  });

  // lua_ingress.lua redirect_to_https + annotations.md "Server-side HTTPS enforcement through redirect": 308
  // (http-redirect-code) when TLS is configured for the host; the trailing slash is dropped unless
  // preserve-trailing-slash; force-ssl-redirect without TLS; ssl-redirect "false" opts out.
  test("HTTP to HTTPS for hosts with TLS", () => {
    const tls = (annotations: Record<string, string> = {}, hosts = ["shop.example.com"]) => [
      ingress("i", [{ host: "shop.example.com", paths: [["/", "Prefix", "web"]] }], { tls: hosts, annotations }),
    ];
    expect(nginx(tls(), `${H}/a/?q=1`)).toBe("308 https://shop.example.com/a?q=1");
    expect(nginx(tls(), "https://shop.example.com/a/")).toBe("-> web/web:80 /a/");
    expect(nginx(tls({ "preserve-trailing-slash": "true" }), `${H}/a/`)).toBe("308 https://shop.example.com/a/");
    expect(nginx(tls({ "ssl-redirect": "false" }), `${H}/a`)).toBe("-> web/web:80 /a");
    expect(nginx(tls({ "force-ssl-redirect": "true" }, []), `${H}/a`)).toBe("308 https://shop.example.com/a");
    expect(nginx(tls({}, ["*.example.com"]), `${H}/a`)).toBe("308 https://shop.example.com/a");
    expect(nginx(tls({}, []), `${H}/a`)).toBe("-> web/web:80 /a");
  });

  // nginx.tmpl "Build server redirects (from/to www)": a server for the twin host returns http-redirect-code (308)
  // to $scheme://<host><request_uri without a trailing slash>, for every path.
  test("from-to-www-redirect answers every path of the twin", () => {
    const objs = [ingress("i", [{ host: "example.com", paths: [["/shop", "Prefix", "web"]] }], { annotations: { "from-to-www-redirect": "true" } })];
    expect(nginx(objs, "http://www.example.com/anything/?q=1")).toBe("308 http://example.com/anything?q=1");
    expect(nginx(objs, "https://www.example.com/")).toBe("308 https://example.com");
  });
});

describe("hosts", () => {
  // controller.go createServers: rules without a host go to the catch-all server "_", the default server for every
  // Host no server names (nginx docs "How nginx processes a request").
  test("a rule without a host answers every Host that no other rule names", () => {
    const objs = [
      ingress("hostless", [{ paths: [["/", "Prefix", "any"]] }]),
      ingress("named", [{ host: "shop.example.com", paths: [["/shop", "Prefix", "shop"]] }]),
    ];
    expect(nginx(objs, "http://10.1.2.3/x")).toBe("-> web/any:80 /x");
    expect(nginx(objs, "http://whatever.example.org/")).toBe("-> web/any:80 /");
    expect(nginx(objs, `${H}/x`)).toBe("404");
  });

  // controller.go createServers: "Ingress ... defines a backend but no rule. Using it to configure the catch-all server".
  test("an Ingress with only a defaultBackend is the catch-all", () => {
    const objs = [ingress("catch", [], { defaultBackend: "fallback" })];
    expect(nginx(objs, "http://any.example.net/a")).toBe("-> web/fallback:80 /a");
  });

  // controller.go createServers: the defaultBackend of the Ingress that creates a host's server is its root location.
  test("an Ingress's defaultBackend serves its hosts' unmatched paths, only on hosts it created", () => {
    const objs = [
      ingress("first", [{ host: "shop.example.com", paths: [["/a", "Prefix", "a"]] }], { defaultBackend: "fallback", created: "2024-01-01T00:00:00Z" }),
      ingress("second", [{ host: "blog.example.com", paths: [["/b", "Prefix", "b"]] }], { created: "2023-01-01T00:00:00Z" }),
      ingress("third", [{ host: "blog.example.com", paths: [["/c", "Prefix", "c"]] }], { defaultBackend: "fallback", created: "2024-06-01T00:00:00Z" }),
    ];
    expect(nginx(objs, `${H}/zzz`)).toBe("-> web/fallback:80 /zzz");
    expect(nginx(objs, "http://blog.example.com/zzz")).toBe("404");
  });

  // nginx docs (server_name): an exact name wins over a wildcard, for every path; a leading wildcard matches any
  // depth of subdomain but not the domain itself.
  test("an exact host beside a wildcard takes all of that host's requests", () => {
    const objs = [
      ingress("wild", [{ host: "*.example.com", paths: [["/", "Prefix", "wild"]] }]),
      ingress("exact", [{ host: "api.example.com", paths: [["/v1", "Prefix", "api"]] }]),
    ];
    expect(nginx(objs, "http://api.example.com/v1/x")).toBe("-> web/api:80 /v1/x");
    expect(nginx(objs, "http://api.example.com/other")).toBe("404");
    expect(nginx(objs, "http://b.example.com/other")).toBe("-> web/wild:80 /other");
    expect(nginx(objs, "http://a.b.example.com/")).toBe("-> web/wild:80 /");
    expect(nginx(objs, "http://example.com/")).toBe("404");
  });

  // controller.go createServers: server-alias names are added to the server_name of the host.
  test("server-alias answers like the host", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/", "Prefix", "web"]] }], { annotations: { "server-alias": "store.example.com" } })];
    expect(nginx(objs, "http://store.example.com/x")).toBe("-> web/web:80 /x");
  });
});

describe("canaries and CORS", () => {
  const canary = (annotations: Record<string, string>) => [
    ingress("main", [{ host: "shop.example.com", paths: [["/", "Prefix", "v1"]] }]),
    ingress("canary", [{ host: "shop.example.com", paths: [["/", "Prefix", "v2"]] }], { annotations: { canary: "true", ...annotations } }),
  ];

  // balancer.lua route_to_alternative_balancer: header value (or "always"/"never"), then cookie, then weight.
  test("header, cookie and weight decide as the balancer does", () => {
    const byHeader = canary({ "canary-by-header": "X-Canary", "canary-weight": "20" });
    expect(nginx(byHeader, `${H}/`, { headers: { "x-canary": "always" } })).toBe("-> web/v2:80 /");
    expect(nginx(byHeader, `${H}/`, { headers: { "X-Canary": "never" } })).toBe("-> web/v1:80 /");
    expect(nginx(byHeader, `${H}/`, { headers: { "X-Canary": "maybe" } })).toBe("-> web/v1:80 w80 + web/v2:80 w20 /");
    expect(nginx(byHeader, `${H}/`)).toBe("-> web/v1:80 w80 + web/v2:80 w20 /");
    const byValue = canary({ "canary-by-header": "X-Canary", "canary-by-header-value": "beta" });
    expect(nginx(byValue, `${H}/`, { headers: { "X-Canary": "beta" } })).toBe("-> web/v2:80 /");
    expect(nginx(byValue, `${H}/`, { headers: { "X-Canary": "always" } })).toBe("-> web/v1:80 /");
    const byCookie = canary({ "canary-by-cookie": "beta" });
    expect(nginx(byCookie, `${H}/`, { headers: { Cookie: "a=1; beta=always" } })).toBe("-> web/v2:80 /");
  });

  // nginx.tmpl template "CORS": `if ($request_method = 'OPTIONS') { ... return 204; }` in the location.
  test("enable-cors answers OPTIONS with 204", () => {
    const objs = [ingress("i", [{ host: "shop.example.com", paths: [["/", "Prefix", "web"]] }], { annotations: { "enable-cors": "true" } })];
    expect(nginx(objs, `${H}/x`, { method: "OPTIONS" })).toBe("204");
    expect(nginx(objs, `${H}/x`)).toBe("-> web/web:80 /x");
  });
});
