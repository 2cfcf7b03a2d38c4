// The Gateway API conformance suite's HTTPRoute and GRPCRoute matching cases, replayed through the evaluator.
// Each block reproduces the data of one conformance test (routes from its .yaml, requests and expectations from
// its .go) in kubernetes-sigs/gateway-api conformance/tests/; Istio passes these tests, so the evaluator must too.
import { evaluateGateway } from "../../lib/private/routing/gateway";
import { requestFromUrl } from "../../lib/private/routing/request";
import { ask, model, modelFromYaml, outcome, routesFromYaml } from "./fixtures";

type Case = [url: string, expected: string, options?: { method?: string; headers?: { [name: string]: string } }];

function replay(yaml: string, cases: readonly Case[], gateway = model(routesFromYaml(yaml))) {
  // Every row gets its options object: jest reads a test function with more parameters than the row as async.
  test.each(cases.map(([url, expected, options]) => [url, expected, options ?? {}] as const))("%s -> %s", (url, expected, options) => {
    expect(outcome(ask(gateway, url, options))).toBe(expected);
  });
}

const ROUTE = (name: string, rules: string, extra = "") => `
kind: HTTPRoute
metadata: {name: ${name}}
spec:
  parentRefs: [{name: same-namespace}]
  ${extra}
  rules: ${rules}
---`;
const to = (backend: string) => `backendRefs: [{name: ${backend}, port: 8080}]`;
const FIELD: { [type: string]: string } = {
  RequestRedirect: "requestRedirect",
  URLRewrite: "urlRewrite",
  RequestHeaderModifier: "requestHeaderModifier",
};
/** A rule matching PathPrefix `prefix` with one filter (and more filters after it), optionally to a backend. */
const withFilter = (prefix: string, type: string, body: string, backend?: string, more = "") =>
  `{matches: [{path: {type: PathPrefix, value: ${prefix}}}], filters: [{type: ${type}, ${FIELD[type]}: {${body}}}${more}]${
    backend ? `, ${to(backend)}` : ""
  }}`;

describe("conformance/tests/httproute-matching: path and header matches of one route", () => {
  replay(
    ROUTE(
      "matching",
      `[{matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}], ${to("v1")}},
        {matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}], ${to("v2")}}]`
    ),
    [
      ["http://example.com/", "v1"],
      ["http://example.com/example", "v1"],
      ["http://example.com/", "v1", { headers: { Version: "one" } }],
      ["http://example.com/v2", "v2"],
      ["http://example.com/v2/example", "v2"],
      ["http://example.com/", "v2", { headers: { Version: "two" } }],
    ]
  );
});

describe("conformance/tests/httproute-matching-across-routes: matches merge across routes of one host", () => {
  replay(
    ROUTE(
      "matching-part1",
      `[{matches: [{path: {type: PathPrefix, value: /}}, {headers: [{name: version, value: one}]}], ${to("v1")}}]`,
      "hostnames: [example.com, example.net]"
    ) +
      ROUTE(
        "matching-part2",
        `[{matches: [{path: {type: PathPrefix, value: /v2}}, {headers: [{name: version, value: two}]}], ${to("v2")}}]`,
        "hostnames: [example.com]"
      ),
    [
      ["http://example.com/", "v1"],
      ["http://example.com/example", "v1"],
      ["http://example.net/example", "v1"],
      ["http://example.com/example", "v1", { headers: { Version: "one" } }],
      ["http://example.com/v2", "v2"],
      ["http://example.net/v2", "v1"], // v2 matches are limited to example.com
      ["http://example.com/v2/example", "v2"],
      ["http://example.com/", "v2", { headers: { Version: "two" } }],
    ]
  );
});

describe("conformance/tests/httproute-path-match-order: Exact before PathPrefix, longer prefixes first", () => {
  const rule = (type: string, value: string, backend: string) => `{matches: [{path: {type: ${type}, value: ${value}}}], ${to(backend)}}`;
  replay(
    ROUTE(
      "path-matching-order",
      `[${rule("Exact", "/match", "v1")}, ${rule("Exact", "/match/exact", "v2")}, ${rule("Exact", "/match/exact/one", "v3")},
        ${rule("PathPrefix", "/match/", "v3")}, ${rule("PathPrefix", "/match/prefix/", "v1")}, ${rule("PathPrefix", "/match/prefix/one", "v2")}]`
    ),
    [
      ["http://example.com/match/exact/one", "v3"],
      ["http://example.com/match/exact", "v2"],
      ["http://example.com/match", "v1"],
      ["http://example.com/match/prefix/one/any", "v2"],
      ["http://example.com/match/prefix/any", "v1"],
      ["http://example.com/match/any", "v3"],
    ]
  );
});

describe("conformance/tests/httproute-exact-path-matching: Exact is whole-path and case-sensitive", () => {
  replay(
    ROUTE(
      "exact-matching",
      `[{matches: [{path: {type: Exact, value: /one}}], ${to("v1")}}, {matches: [{path: {type: Exact, value: /two}}], ${to("v2")}}]`
    ),
    [
      ["http://example.com/one", "v1"],
      ["http://example.com/two", "v2"],
      ["http://example.com/", "404"],
      ["http://example.com/one/example", "404"],
      ["http://example.com/two/", "404"],
      ["http://example.com/Two", "404"],
    ]
  );
});

describe("conformance/tests/httproute-header-matching: headers ANDed in a match, matches ORed, more headers first", () => {
  const h = (pairs: string) => `{headers: [${pairs}]}`;
  replay(
    ROUTE(
      "header-matching",
      `[{matches: [${h("{name: version, value: one}")}], ${to("v1")}},
        {matches: [${h("{name: version, value: two}")}], ${to("v2")}},
        {matches: [${h("{name: version, value: two}, {name: color, value: orange}")}], ${to("v1")}},
        {matches: [${h("{name: color, value: blue}")}, ${h("{name: color, value: green}")}], ${to("v1")}},
        {matches: [${h("{name: color, value: red}")}, ${h("{name: color, value: yellow}")}], ${to("v2")}}]`
    ),
    [
      ["http://example.com/", "v1", { headers: { Version: "one" } }],
      ["http://example.com/", "v2", { headers: { Version: "two" } }],
      ["http://example.com/", "v1", { headers: { Version: "two", Color: "orange" } }],
      ["http://example.com/", "v2", { headers: { Version: "two", Color: "blue" } }],
      ["http://example.com/", "404", { headers: { Color: "orange" } }],
      ["http://example.com/", "404", { headers: { "Some-Other-Header": "one" } }],
      ["http://example.com/", "v1", { headers: { Color: "blue" } }],
      ["http://example.com/", "v1", { headers: { Color: "green" } }],
      ["http://example.com/", "v2", { headers: { Color: "red" } }],
      ["http://example.com/", "v2", { headers: { Color: "yellow" } }],
      ["http://example.com/", "404", { headers: { Color: "purple" } }],
    ]
  );
});

describe("conformance/tests/httproute-query-param-matching: exact, case-sensitive names, precedence after headers", () => {
  const q = (name: string, value: string) => `{name: ${name}, value: ${value}}`;
  replay(
    ROUTE(
      "query-param-matching",
      `[{matches: [{queryParams: [${q("animal", "whale")}]}], ${to("v1")}},
        {matches: [{queryParams: [${q("animal", "dolphin")}]}], ${to("v2")}},
        {matches: [{queryParams: [${q("animal", "dolphin")}, ${q("color", "blue")}]}, {queryParams: [${q("ANIMAL", "Whale")}]}], ${to("v3")}},
        {matches: [{path: {type: PathPrefix, value: /path1}, queryParams: [${q("animal", "whale")}]}], ${to("v1")}},
        {matches: [{headers: [${q("version", "one")}], queryParams: [${q("animal", "whale")}]}], ${to("v2")}},
        {matches: [{path: {type: PathPrefix, value: /path2}, headers: [${q("version", "two")}], queryParams: [${q("animal", "whale")}]}], ${to(
        "v3"
      )}},
        {matches: [{path: {type: PathPrefix, value: /path3}, queryParams: [${q("animal", "shark")}]},
                   {path: {type: PathPrefix, value: /path4}, headers: [${q("version", "three")}], queryParams: [${q("animal", "kraken")}]}], ${to(
        "v1"
      )}},
        {matches: [{path: {type: PathPrefix, value: /path5}}], ${to("v1")}},
        {matches: [{queryParams: [${q("animal", "hydra")}]}], ${to("v2")}},
        {matches: [{headers: [${q("version", "four")}]}], ${to("v3")}}]`
    ),
    [
      ["http://example.com/?animal=whale", "v1"],
      ["http://example.com/?animal=dolphin", "v2"],
      ["http://example.com/?animal=dolphin&color=blue", "v3"],
      ["http://example.com/?ANIMAL=Whale", "v3"],
      ["http://example.com/?animal=whale&otherparam=irrelevant", "v1"],
      ["http://example.com/?animal=dolphin&color=yellow", "v2"],
      ["http://example.com/?color=blue", "404"],
      ["http://example.com/?animal=dog", "404"],
      ["http://example.com/?animal=whaledolphin", "404"],
      ["http://example.com/", "404"],
      ["http://example.com/path1?animal=whale", "v1"],
      ["http://example.com/?animal=whale", "v2", { headers: { version: "one" } }],
      ["http://example.com/path2?animal=whale", "v3", { headers: { version: "two" } }],
      ["http://example.com/path3?animal=shark", "v1"],
      ["http://example.com/path4?animal=kraken", "v1", { headers: { version: "three" } }],
      ["http://example.com/?animal=shark", "404"],
      ["http://example.com/path4?animal=kraken", "404"],
      ["http://example.com/path5?animal=hydra", "v1"],
      ["http://example.com/?animal=hydra", "v3", { headers: { version: "four" } }],
    ]
  );
});

describe("conformance/tests/httproute-method-matching: a method match outranks header and query counts", () => {
  const m = (fields: string, backend: string) => `{matches: [${fields}], ${to(backend)}}`;
  replay(
    ROUTE(
      "method-matching",
      `[${m("{method: POST}", "v1")}, ${m("{method: GET}", "v2")},
        ${m("{path: {type: PathPrefix, value: /path1}, method: GET}", "v1")},
        ${m("{headers: [{name: version, value: one}], method: PUT}", "v2")},
        ${m("{path: {type: PathPrefix, value: /path2}, headers: [{name: version, value: two}], method: POST}", "v3")},
        ${m(
          "{path: {type: PathPrefix, value: /path3}, method: PATCH}, {path: {type: PathPrefix, value: /path4}, headers: [{name: version, value: three}], method: DELETE}",
          "v1"
        )},
        ${m("{path: {type: PathPrefix, value: /path5}}", "v1")}, ${m("{method: PATCH}", "v2")}, ${m(
        "{headers: [{name: version, value: four}]}",
        "v3"
      )}]`
    ),
    [
      ["http://example.com/", "v1", { method: "POST" }],
      ["http://example.com/", "v2", { method: "GET" }],
      ["http://example.com/", "404", { method: "HEAD" }],
      ["http://example.com/path1", "v1", { method: "GET" }],
      ["http://example.com/", "v2", { method: "PUT", headers: { version: "one" } }],
      ["http://example.com/path2", "v3", { method: "POST", headers: { version: "two" } }],
      ["http://example.com/path3", "v1", { method: "PATCH" }],
      ["http://example.com/path4", "v1", { method: "DELETE", headers: { version: "three" } }],
      ["http://example.com/", "404", { method: "PUT" }],
      ["http://example.com/path4", "404", { method: "DELETE" }],
      ["http://example.com/path5", "v1", { method: "PATCH" }],
      ["http://example.com/", "v2", { method: "PATCH", headers: { version: "four" } }],
    ]
  );
});

describe("conformance/tests/httproute-hostname-intersection: routes serve only hostnames they share with a listener", () => {
  const listener = (name: string, hostname: string) =>
    `{name: ${name}, port: 80, protocol: HTTP, hostname: "${hostname}", allowedRoutes: {namespaces: {from: Same}}}`;
  const route = (name: string, hostnames: string, prefix: string, backend: string) => `
kind: HTTPRoute
metadata: {name: ${name}}
spec:
  parentRefs: [{name: httproute-hostname-intersection}]
  hostnames: ${hostnames}
  rules: [{matches: [{path: {type: PathPrefix, value: ${prefix}}}], ${to(backend)}}]
---`;
  const gateway = modelFromYaml(`
kind: Gateway
metadata: {name: httproute-hostname-intersection, namespace: gateway-conformance-infra}
spec:
  listeners: [${listener("listener-1", "very.specific.com")}, ${listener("listener-2", "*.wildcard.io")}, ${listener(
    "listener-3",
    "*.anotherwildcard.io"
  )}]
---
${route("specific-host-matches-listener-specific-host", `[non.matching.com, "*.nonmatchingwildcard.io", very.specific.com]`, "/s1", "v1")}
${route(
  "specific-host-matches-listener-wildcard-host",
  "[non.matching.com, wildcard.io, foo.wildcard.io, bar.wildcard.io, foo.bar.wildcard.io]",
  "/s2",
  "v2"
)}
${route("wildcard-host-matches-listener-specific-host", `[non.matching.com, "*.specific.com"]`, "/s3", "v3")}
${route("wildcard-host-matches-listener-wildcard-host", `["*.anotherwildcard.io"]`, "/s4", "v1")}
${route("no-intersecting-hosts", "[specific.but.wrong.com, wildcard.io]", "/s5", "v2")}`);
  replay(
    "",
    [
      ["http://very.specific.com/s1", "v1"],
      ["http://non.matching.com/s1", "404"],
      ["http://foo.nonmatchingwildcard.io/s1", "404"],
      ["http://foo.wildcard.io/s1", "404"],
      ["http://very.specific.com/non-matching-prefix", "404"],
      ["http://foo.wildcard.io/s2", "v2"],
      ["http://bar.wildcard.io/s2", "v2"],
      ["http://foo.bar.wildcard.io/s2", "v2"],
      ["http://non.matching.com/s2", "404"],
      ["http://wildcard.io/s2", "404"],
      ["http://very.specific.com/s2", "404"],
      ["http://foo.wildcard.io/non-matching-prefix", "404"],
      ["http://very.specific.com/s3", "v3"],
      ["http://non.matching.com/s3", "404"],
      ["http://foo.specific.com/s3", "404"],
      ["http://foo.wildcard.io/s3", "404"],
      ["http://foo.anotherwildcard.io/s4", "v1"],
      ["http://bar.anotherwildcard.io/s4", "v1"],
      ["http://foo.bar.anotherwildcard.io/s4", "v1"],
      ["http://anotherwildcard.io/s4", "404"],
      ["http://foo.wildcard.io/s4", "404"],
      ["http://very.specific.com/s4", "404"],
      ["http://foo.anotherwildcard.io/non-matching-prefix", "404"],
      ["http://specific.but.wrong.com/s5", "404"],
      ["http://wildcard.io/s5", "404"],
    ],
    gateway
  );

  test("the port in the Host header is ignored (Host very.specific.com:1234 sent to port 80)", () => {
    const request = { ...requestFromUrl("http://very.specific.com/s1"), host: "very.specific.com:1234" };
    expect(outcome(evaluateGateway(gateway, request))).toBe("v1");
  });

  test("the route without intersecting hostnames is reported as not attached", () => {
    const answer = ask(gateway, "http://specific.but.wrong.com/s5");
    expect(answer.losers).toContainEqual(
      expect.objectContaining({
        route: "gateway-conformance-infra/no-intersecting-hosts",
        rule: -1,
        why: expect.stringMatching(/^not attached: .*none of the route's hostnames/),
      })
    );
  });
});

describe("conformance/tests/httproute-listener-hostname-matching: listeners of one port, each with its routes", () => {
  const listener = (name: string, hostname: string) =>
    `{name: ${name}, port: 80, protocol: HTTP, hostname: "${hostname}", allowedRoutes: {namespaces: {from: Same}}}`;
  const route = (name: string, sections: string[], backend: string) => `
kind: HTTPRoute
metadata: {name: ${name}}
spec:
  parentRefs: [${sections.map((s) => `{name: httproute-listener-hostname-matching, sectionName: ${s}}`).join(", ")}]
  rules: [{${to(backend)}}]
---`;
  const gateway = modelFromYaml(`
kind: Gateway
metadata: {name: httproute-listener-hostname-matching}
spec:
  listeners: [${listener("listener-1", "bar.com")}, ${listener("listener-2", "foo.bar.com")}, ${listener("listener-3", "*.bar.com")}, ${listener(
    "listener-4",
    "*.foo.com"
  )}]
---
${route("backend-v1", ["listener-1"], "v1")}
${route("backend-v2", ["listener-2"], "v2")}
${route("backend-v3", ["listener-3", "listener-4"], "v3")}`);
  replay(
    "",
    [
      ["http://bar.com/", "v1"],
      ["http://foo.bar.com/", "v2"],
      ["http://baz.bar.com/", "v3"],
      ["http://boo.bar.com/", "v3"],
      ["http://multiple.prefixes.bar.com/", "v3"],
      ["http://multiple.prefixes.foo.com/", "v3"],
      ["http://foo.com/", "404"],
      ["http://no.matching.host/", "404"],
    ],
    gateway
  );
});

describe("conformance/tests/httproute-redirect-path: ReplacePrefixMatch and ReplaceFullPath, default status 302", () => {
  const redirect = (prefix: string, fields: string) => withFilter(prefix, "RequestRedirect", fields);
  replay(
    ROUTE(
      "redirect-path",
      `[${redirect("/original-prefix", "path: {type: ReplacePrefixMatch, replacePrefixMatch: /replacement-prefix}")},
        ${redirect("/full", "path: {type: ReplaceFullPath, replaceFullPath: /full-path-replacement}")},
        ${redirect("/path-and-host", "hostname: example.org, path: {type: ReplacePrefixMatch, replacePrefixMatch: /replacement-prefix}")},
        ${redirect("/path-and-status", "path: {type: ReplacePrefixMatch, replacePrefixMatch: /replacement-prefix}, statusCode: 301")},
        ${redirect("/full-path-and-host", "hostname: example.org, path: {type: ReplaceFullPath, replaceFullPath: /replacement-full}")},
        ${redirect("/full-path-and-status", "path: {type: ReplaceFullPath, replaceFullPath: /replacement-full}, statusCode: 301")}]`
    ),
    [
      ["http://example.com/original-prefix/lemon", "302 http://example.com/replacement-prefix/lemon"],
      ["http://example.com/full/path/original", "302 http://example.com/full-path-replacement"],
      ["http://example.com/path-and-host", "302 http://example.org/replacement-prefix"],
      ["http://example.com/path-and-status", "301 http://example.com/replacement-prefix"],
      ["http://example.com/full-path-and-host", "302 http://example.org/replacement-full"],
      ["http://example.com/full-path-and-status", "301 http://example.com/replacement-full"],
    ]
  );
});

describe("conformance/tests/httproute-redirect-port-and-scheme: the Location's port follows scheme and listener", () => {
  const rules = (cases: Array<[string, string]>) =>
    `[${cases
      .map(
        ([prefix, fields]) =>
          `{matches: [{path: {type: PathPrefix, value: /${prefix}}}], filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org${fields}}}]}`
      )
      .join(", ")}]`;
  const gatewayOn = (port: number, protocol: "HTTP" | "HTTPS", cases: Array<[string, string]>) =>
    model(routesFromYaml(ROUTE("redirects", rules(cases))), [{ name: "l", protocol, port }]);
  const http80 = gatewayOn(80, "HTTP", [
    ["scheme-nil-and-port-nil", ""],
    ["scheme-nil-and-port-80", ", port: 80"],
    ["scheme-nil-and-port-8080", ", port: 8080"],
    ["scheme-https-and-port-nil", ", scheme: https"],
    ["scheme-https-and-port-443", ", scheme: https, port: 443"],
    ["scheme-https-and-port-8443", ", scheme: https, port: 8443"],
  ]);
  const http8080 = gatewayOn(8080, "HTTP", [
    ["scheme-nil-and-port-nil", ""],
    ["scheme-nil-and-port-80", ", port: 80"],
    ["scheme-https-and-port-nil", ", scheme: https"],
  ]);
  const https443 = gatewayOn(443, "HTTPS", [
    ["scheme-nil-and-port-nil", ""],
    ["scheme-nil-and-port-443", ", port: 443"],
    ["scheme-nil-and-port-8443", ", port: 8443"],
    ["scheme-http-and-port-nil", ", scheme: http"],
    ["scheme-http-and-port-80", ", scheme: http, port: 80"],
    ["scheme-http-and-port-8080", ", scheme: http, port: 8080"],
  ]);
  test.each([
    [http80, "http://gw/scheme-nil-and-port-nil", "302 http://example.org/scheme-nil-and-port-nil"],
    [http80, "http://gw/scheme-nil-and-port-80", "302 http://example.org/scheme-nil-and-port-80"],
    [http80, "http://gw/scheme-nil-and-port-8080", "302 http://example.org:8080/scheme-nil-and-port-8080"],
    [http80, "http://gw/scheme-https-and-port-nil", "302 https://example.org/scheme-https-and-port-nil"],
    [http80, "http://gw/scheme-https-and-port-443", "302 https://example.org/scheme-https-and-port-443"],
    [http80, "http://gw/scheme-https-and-port-8443", "302 https://example.org:8443/scheme-https-and-port-8443"],
    [http8080, "http://gw:8080/scheme-nil-and-port-nil", "302 http://example.org:8080/scheme-nil-and-port-nil"],
    [http8080, "http://gw:8080/scheme-nil-and-port-80", "302 http://example.org/scheme-nil-and-port-80"],
    [http8080, "http://gw:8080/scheme-https-and-port-nil", "302 https://example.org/scheme-https-and-port-nil"],
    [https443, "https://example.org/scheme-nil-and-port-nil", "302 https://example.org/scheme-nil-and-port-nil"],
    [https443, "https://example.org/scheme-nil-and-port-443", "302 https://example.org/scheme-nil-and-port-443"],
    [https443, "https://example.org/scheme-nil-and-port-8443", "302 https://example.org:8443/scheme-nil-and-port-8443"],
    [https443, "https://example.org/scheme-http-and-port-nil", "302 http://example.org/scheme-http-and-port-nil"],
    [https443, "https://example.org/scheme-http-and-port-80", "302 http://example.org/scheme-http-and-port-80"],
    [https443, "https://example.org/scheme-http-and-port-8080", "302 http://example.org:8080/scheme-http-and-port-8080"],
  ])("%#: %s -> %s", (gateway, url, expected) => {
    expect(outcome(ask(gateway, url as string))).toBe(expected);
  });
});

describe("conformance/tests/httproute-rewrite-path: URLRewrite with header changes", () => {
  const rewrite = (prefix: string, path: string, headers = "") => withFilter(prefix, "URLRewrite", `path: ${path}`, "v1", headers);
  const modify = `, {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: X-Header-Set, value: set-overwrites-values}], add: [{name: X-Header-Add, value: header-val-1}, {name: X-Header-Add-Append, value: header-val-2}], remove: [X-Header-Remove]}}`;
  const gateway = model(
    routesFromYaml(
      ROUTE(
        "rewrite-path",
        `[${rewrite("/prefix/one", "{type: ReplacePrefixMatch, replacePrefixMatch: /one}")},
          ${rewrite("/strip-prefix", "{type: ReplacePrefixMatch, replacePrefixMatch: /}")},
          ${rewrite("/full/one", "{type: ReplaceFullPath, replaceFullPath: /one}")},
          ${rewrite("/full/rewrite-path-and-modify-headers", "{type: ReplaceFullPath, replaceFullPath: /test}", modify)},
          ${rewrite("/prefix/rewrite-path-and-modify-headers", "{type: ReplacePrefixMatch, replacePrefixMatch: /prefix}", modify)}]`
      )
    )
  );
  const sent = { "X-Header-Remove": "remove-val", "X-Header-Add-Append": "append-val-1", "X-Header-Set": "set-val" };
  const modified = { "x-header-add": "header-val-1", "x-header-add-append": "append-val-1,header-val-2", "x-header-set": "set-overwrites-values" };
  test.each([
    ["/prefix/one/two", {}, "/one/two", {}],
    ["/strip-prefix/three", {}, "/three", {}],
    ["/full/one/two", {}, "/one", {}],
    ["/full/rewrite-path-and-modify-headers/test", sent, "/test", modified],
    ["/prefix/rewrite-path-and-modify-headers/one", sent, "/prefix/one", modified],
  ])("%s is forwarded as %s", (path, headers, upstreamPath, upstreamHeaders) => {
    const answer = ask(gateway, `http://example.com${path}`, { headers });
    expect(answer.upstream?.path).toBe(upstreamPath);
    expect(answer.upstream?.headers).toEqual(upstreamHeaders);
  });
});

describe("conformance/tests/httproute-request-header-modifier: set overwrites, add appends, remove removes", () => {
  const modifier = (prefix: string, body: string) => withFilter(prefix, "RequestHeaderModifier", body, "v1");
  const gateway = model(
    routesFromYaml(
      ROUTE(
        "request-header-modifier",
        `[${modifier("/set", "set: [{name: X-Header-Set, value: set-overwrites-values}]")},
          ${modifier("/add", "add: [{name: X-Header-Add, value: add-appends-values}]")},
          ${modifier("/remove", "remove: [X-Header-Remove]")},
          ${modifier(
            "/multiple",
            "set: [{name: X-Header-Set-1, value: header-set-1}, {name: X-Header-Set-2, value: header-set-2}], add: [{name: X-Header-Add-1, value: header-add-1}, {name: X-Header-Add-2, value: header-add-2}, {name: X-Header-Add-3, value: header-add-3}], remove: [X-Header-Remove-1, X-Header-Remove-2]"
          )},
          ${modifier(
            "/case-insensitivity",
            "set: [{name: X-Header-Set, value: header-set}], add: [{name: X-Header-Add, value: header-add}], remove: [X-Header-Remove]"
          )}]`
      )
    )
  );
  test.each([
    ["/set", { "Some-Other-Header": "val" }, { "some-other-header": "val", "x-header-set": "set-overwrites-values" }],
    [
      "/set",
      { "Some-Other-Header": "val", "X-Header-Set": "some-other-value" },
      { "some-other-header": "val", "x-header-set": "set-overwrites-values" },
    ],
    ["/add", { "Some-Other-Header": "val" }, { "some-other-header": "val", "x-header-add": "add-appends-values" }],
    [
      "/add",
      { "Some-Other-Header": "val", "X-Header-Add": "some-other-value" },
      { "some-other-header": "val", "x-header-add": "some-other-value,add-appends-values" },
    ],
    ["/remove", { "X-Header-Remove": "val" }, {}],
    [
      "/multiple",
      { "X-Header-Set-2": "set-val-2", "X-Header-Add-2": "add-val-2", "X-Header-Remove-2": "remove-val-2", "Another-Header": "another-header-val" },
      {
        "x-header-set-1": "header-set-1",
        "x-header-set-2": "header-set-2",
        "x-header-add-1": "header-add-1",
        "x-header-add-2": "add-val-2,header-add-2",
        "x-header-add-3": "header-add-3",
        "another-header": "another-header-val",
      },
    ],
    [
      "/case-insensitivity",
      {
        "x-header-set": "original-val-set",
        "x-header-add": "original-val-add",
        "x-header-remove": "original-val-remove",
        "Another-Header": "another-header-val",
      },
      { "x-header-set": "header-set", "x-header-add": "original-val-add,header-add", "another-header": "another-header-val" },
    ],
  ])("%s with %j reaches the backend with %j", (path, headers, expected) => {
    expect(ask(gateway, `http://example.com${path}`, { headers }).upstream?.headers).toEqual(expected);
  });
});

describe("conformance/tests/grpcroute-exact-method-matching: service and method on the path /service/method", () => {
  const service = "gateway_api_conformance.echo_basic.grpcecho.GrpcEcho";
  const gateway = model(
    routesFromYaml(`
kind: GRPCRoute
metadata: {name: exact-matching}
spec:
  parentRefs: [{name: same-namespace}]
  rules:
  - {matches: [{method: {service: ${service}, method: Echo}}], backendRefs: [{name: grpc-v1, port: 8080}]}
  - {matches: [{method: {service: ${service}, method: EchoTwo}}], backendRefs: [{name: grpc-v2, port: 8080}]}`)
  );
  replay(
    "",
    [
      [`http://example.com/${service}/Echo`, "grpc-v1", { method: "POST" }],
      [`http://example.com/${service}/EchoTwo`, "grpc-v2", { method: "POST" }],
      // The suite expects gRPC status Unimplemented: Envoy's 404 as a gRPC client sees it.
      [`http://example.com/${service}/EchoThree`, "404", { method: "POST" }],
    ],
    gateway
  );
});
