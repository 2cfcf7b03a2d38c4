// Precedence between matching rules, as Istio orders them: istio/istio pilot/pkg/config/kube/gateway/conversion.go
// sortHTTPRoutes/getURIRank/getURILength and route_collections.go mergeHTTPRoutes; Gateway API
// apis/v1/httproute_types.go HTTPRouteRule.Matches ("precedence must be given to the match having ...").
import { parse } from "yaml";
import { RouteObject } from "../../lib/private/routing/gateway";
import { ask, CONFORMANCE_NS, model, outcome } from "./fixtures";

/** A route in the conformance namespace from flow-style YAML rules. */
function route(name: string, rules: string, options: { created?: number; namespace?: string; kind?: string; hostnames?: string } = {}): RouteObject {
  const manifest = parse(`{kind: ${options.kind ?? "HTTPRoute"}, metadata: {name: ${name}, namespace: ${options.namespace ?? CONFORMANCE_NS}},
    spec: {parentRefs: [{name: same-namespace, namespace: ${CONFORMANCE_NS}}], ${
    options.hostnames ? `hostnames: ${options.hostnames},` : ""
  } rules: ${rules}}}`);
  return { manifest, created: options.created };
}
const path = (type: string, value: string, backend: string, extra = "") =>
  `{matches: [{path: {type: ${type}, value: "${value}"}${extra}}], backendRefs: [{name: ${backend}, port: 80}]}`;
const all = { namespaces: { from: "All" as const } };
const open = (routes: RouteObject[]) => model(routes, [{ name: "http", protocol: "HTTP", port: 80, allowedRoutes: all }]);

describe("path match rank (Istio getURIRank: Exact 3 > Prefix 2 > RegularExpression 1)", () => {
  test("an Exact match beats a longer PathPrefix (spec: Exact first)", () => {
    const gw = open([route("r", `[${path("PathPrefix", "/app/v1/long", "prefix")}, ${path("Exact", "/app/v1/long", "exact")}]`)]);
    expect(outcome(ask(gw, "http://h/app/v1/long"))).toBe("exact");
  });

  test("Istio differs from a longest-match reading: PathPrefix / beats RegularExpression /app/.* for /app/x", () => {
    // The spec leaves regex precedence to implementations; Istio ranks every prefix above every regex.
    const gw = open([route("r", `[${path("RegularExpression", "/app/.*", "regex")}, ${path("PathPrefix", "/", "root")}]`)]);
    const answer = ask(gw, "http://h/app/x");
    expect(outcome(answer)).toBe("root");
    expect(answer.losers).toContainEqual(
      expect.objectContaining({
        rule: 0,
        why: expect.stringMatching(/ranks above a RegularExpression.*every PathPrefix above every RegularExpression/),
      })
    );
  });

  test("a regex still answers what no prefix covers", () => {
    const gw = open([route("r", `[${path("RegularExpression", "/app/[0-9]+", "regex")}, ${path("PathPrefix", "/other", "other")}]`)]);
    expect(outcome(ask(gw, "http://h/app/42"))).toBe("regex");
    expect(outcome(ask(gw, "http://h/app/x"))).toBe("404");
  });

  test("among regexes the longer pattern comes first (getURILength counts regex characters)", () => {
    const gw = open([route("r", `[${path("RegularExpression", "/a.*", "short")}, ${path("RegularExpression", "/a/[a-z]+", "long")}]`)]);
    expect(outcome(ask(gw, "http://h/a/b"))).toBe("long");
  });

  test("among prefixes the longest wins, a trailing / not counted (createURIMatch trims it)", () => {
    const gw = open([route("r", `[${path("PathPrefix", "/api/", "api")}, ${path("PathPrefix", "/api/v1", "v1")}]`)]);
    expect(outcome(ask(gw, "http://h/api/v1/x"))).toBe("v1");
    expect(outcome(ask(gw, "http://h/api/v2"))).toBe("api");
  });

  test("a regex must match the whole path, not the query", () => {
    const gw = open([route("r", `[${path("RegularExpression", "/items/[0-9]+", "items")}]`)]);
    expect(outcome(ask(gw, "http://h/items/12?x=1"))).toBe("items");
    expect(outcome(ask(gw, "http://h/items/12/more"))).toBe("404");
  });
});

describe("tie-breaks after the path: method, header count, query count (sortHTTPRoutes)", () => {
  test("a method match beats more header matches", () => {
    const gw = open([
      route(
        "r",
        `[${path("PathPrefix", "/", "headers", ", headers: [{name: a, value: '1'}, {name: b, value: '2'}]")}, ${path(
          "PathPrefix",
          "/",
          "method",
          ", method: GET"
        )}]`
      ),
    ]);
    expect(outcome(ask(gw, "http://h/", { headers: { a: "1", b: "2" } }))).toBe("method");
  });

  test("more header matches beat more query matches", () => {
    const gw = open([
      route(
        "r",
        `[${path("PathPrefix", "/", "query", ", queryParams: [{name: q, value: '1'}, {name: r, value: '2'}]")}, ${path(
          "PathPrefix",
          "/",
          "header",
          ", headers: [{name: a, value: '1'}]"
        )}]`
      ),
    ]);
    expect(outcome(ask(gw, "http://h/?q=1&r=2", { headers: { a: "1" } }))).toBe("header");
  });

  test("a longer path beats a method match (path first)", () => {
    const gw = open([route("r", `[${path("PathPrefix", "/", "method", ", method: GET")}, ${path("PathPrefix", "/x", "path")}]`)]);
    expect(outcome(ask(gw, "http://h/x"))).toBe("path");
  });
});

describe("ties across routes: oldest route, then {namespace}/{name}, then rule order", () => {
  const same = (backend: string) => `[${path("PathPrefix", "/", backend)}]`;

  test("the older route wins whatever its name", () => {
    const gw = open([route("b-older", same("older"), { created: 1 }), route("a-newer", same("newer"), { created: 2 })]);
    const answer = ask(gw, "http://h/");
    expect(outcome(answer)).toBe("older");
    expect(answer.losers).toContainEqual(
      expect.objectContaining({ route: `${CONFORMANCE_NS}/a-newer`, why: expect.stringMatching(/b-older is older/) })
    );
  });

  test("creation unknown: namespace first, then name", () => {
    const gw = open([
      route("a", same("ns-z"), { namespace: "z" }),
      route("b", same("ns-a-b"), { namespace: "a" }),
      route("a", same("ns-a-a"), { namespace: "a" }),
    ]);
    const answer = ask(gw, "http://h/");
    expect(outcome(answer)).toBe("ns-a-a");
    expect(answer.losers.map((l) => l.route)).toEqual(["a/b", "z/a"]);
    expect(answer.losers[0].why).toMatch(/creation times unknown offline, so a\/a comes first by namespace\/name/);
  });

  test("within one route the first rule wins", () => {
    const gw = open([route("r", `[${path("PathPrefix", "/", "first")}, ${path("PathPrefix", "/", "second")}]`)]);
    expect(outcome(ask(gw, "http://h/"))).toBe("first");
  });

  test("an explicit empty matches list is not defaulted: the rule matches everything and goes after every other", () => {
    const gw = open([route("r", `[{matches: [], backendRefs: [{name: rest, port: 80}]}, ${path("PathPrefix", "/", "root")}]`)]);
    const answer = ask(gw, "http://h/a");
    expect(outcome(answer)).toBe("root");
    expect(answer.losers).toEqual([
      { route: `${CONFORMANCE_NS}/r`, rule: 0, match: -1, why: expect.stringMatching(/a rule without matches comes after every rule with matches/) },
    ]);
  });

  test("a rule without matches is the CRD default PathPrefix / (an HTTPRoute rule) and ranks as one", () => {
    const gw = open([route("r", `[{backendRefs: [{name: default, port: 80}]}, ${path("PathPrefix", "/a", "a")}]`)]);
    expect(outcome(ask(gw, "http://h/a"))).toBe("a");
    expect(outcome(ask(gw, "http://h/b"))).toBe("default");
  });
});

describe("HTTPRoutes and GRPCRoutes on one host: two merged lists, oldest first (Istio merges each kind apart)", () => {
  const grpc = (created: number) =>
    route("grpc", "[{matches: [{method: {service: pkg.Svc, method: Get}}], backendRefs: [{name: grpc, port: 80}]}]", {
      kind: "GRPCRoute",
      created,
      hostnames: "[api.example.com]",
    });
  const http = (created: number) => route("web", `[${path("PathPrefix", "/", "web")}]`, { created, hostnames: "[api.example.com]" });

  test("an older HTTPRoute on / shadows the GRPCRoute's exact method, although Exact would rank first in one list", () => {
    const answer = ask(open([http(1), grpc(2)]), "http://api.example.com/pkg.Svc/Get", { method: "POST" });
    expect(outcome(answer)).toBe("web");
    expect(answer.losers).toContainEqual(
      expect.objectContaining({ route: `${CONFORMANCE_NS}/grpc`, why: expect.stringMatching(/HTTPRoutes of this host come before its GRPCRoutes/) })
    );
  });

  test("an older GRPCRoute goes first and answers its method; other paths fall to the HTTPRoute", () => {
    const gw = open([http(2), grpc(1)]);
    expect(outcome(ask(gw, "http://api.example.com/pkg.Svc/Get", { method: "POST" }))).toBe("grpc");
    expect(outcome(ask(gw, "http://api.example.com/index.html"))).toBe("web");
  });

  test("GRPCRoute service-only, method-only and header matches (conversion.go createGRPCURIMatch)", () => {
    const gw = open([
      route(
        "g",
        `[{matches: [{method: {service: pkg.A}}], backendRefs: [{name: svc-a, port: 80}]},
          {matches: [{method: {method: Ping}}], backendRefs: [{name: ping, port: 80}]},
          {matches: [{headers: [{name: tenant, value: t1}]}], backendRefs: [{name: t1, port: 80}]},
          {backendRefs: [{name: rest, port: 80}]}]`,
        { kind: "GRPCRoute" }
      ),
    ]);
    expect(outcome(ask(gw, "http://h/pkg.A/Anything", { method: "POST" }))).toBe("svc-a");
    expect(outcome(ask(gw, "http://h/pkg.B/Ping", { method: "POST" }))).toBe("ping");
    expect(outcome(ask(gw, "http://h/pkg.B/Other", { method: "POST", headers: { tenant: "t1" } }))).toBe("t1");
    expect(outcome(ask(gw, "http://h/pkg.B/Other", { method: "POST" }))).toBe("rest"); // a rule without matches takes the rest, last
  });
});

describe("what the evaluator cannot run", () => {
  test("an RE2 regex JavaScript cannot compile is assumed not to match, and the loser says why", () => {
    const gw = open([route("r", `[${path("RegularExpression", "/a(", "broken")}, ${path("PathPrefix", "/", "root")}]`)]);
    const answer = ask(gw, "http://h/a(");
    expect(outcome(answer)).toBe("root");
    expect(answer.losers).toContainEqual(
      expect.objectContaining({ why: "RegularExpression /a( uses RE2 syntax this tool cannot run; assumed not to match" })
    );
  });
});
