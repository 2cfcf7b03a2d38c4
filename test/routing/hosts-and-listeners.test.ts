// Virtual host selection (Envoy route_components.proto VirtualHost.domains: exact, longest suffix wildcard, `*`),
// Istio's per-hostname virtual hosts without fallback (istio/istio#34223, #55475, #58396;
// kubernetes-sigs/gateway-api#3921; FACTS §15), listener selection and route attachment (Gateway API
// gateway_types.go AllowedRoutes, httproute_types.go ParentReference/Hostnames; Istio conversion.go referenceAllowed).
import { parse } from "yaml";
import { GatewayModel, gatewayModelFromManifests, ListenerModel, RouteObject } from "../../lib/private/routing/gateway";
import { intersectHostnames, selectDomain } from "../../lib/private/routing/hostnames";
import { selectorMatches } from "../../lib/private/routing/attachment";
import { ask, outcome } from "./fixtures";

const GW = { namespace: "gateway-system", name: "shared-gateway" };
const selector = { from: "Selector" as const, selector: { matchLabels: { "cdktf-aks-gateway/gateway": "gateway-system.shared-gateway" } } };
const http: ListenerModel = { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: selector } };

function route(namespace: string, name: string, spec: string, kind = "HTTPRoute"): RouteObject {
  return { manifest: { kind, metadata: { namespace, name }, spec: parse(spec) } };
}
const ref = (section?: string) => `{name: shared-gateway, namespace: gateway-system${section ? `, sectionName: ${section}` : ""}}`;
const prefix = (value: string, backend: string) =>
  `{matches: [{path: {type: PathPrefix, value: ${value}}}], backendRefs: [{name: ${backend}, port: 80}]}`;

/** The flagship's shape: the health route without hostnames, two tenants sharing apps.contoso.example. */
function flagshipLike(extra: RouteObject[] = [], listeners: ListenerModel[] = [http]): GatewayModel {
  const labels = { "cdktf-aks-gateway/gateway": "gateway-system.shared-gateway" };
  return {
    ...GW,
    listeners,
    routes: [
      route("gateway-health", "healthz", `{parentRefs: [${ref("http")}], rules: [${prefix("/healthz", "health-responder")}]}`),
      route("app1", "web", `{parentRefs: [${ref("http")}], hostnames: [apps.contoso.example], rules: [${prefix("/app1", "hello-1")}]}`),
      route("app2", "web", `{parentRefs: [${ref("http")}], hostnames: [apps.contoso.example], rules: [${prefix("/app2", "hello-2")}]}`),
      ...extra,
    ],
    namespaceLabels: { "gateway-health": labels, app1: labels, app2: labels, outsider: { team: "x" } },
  };
}

describe("virtual host selection", () => {
  test("Envoy's order: exact, then the longest suffix wildcard, then *", () => {
    const domains = ["*", "*.example.com", "*.a.example.com", "b.a.example.com"];
    expect(selectDomain(domains, "b.a.example.com")).toEqual({ domain: "b.a.example.com", how: "exact" });
    expect(selectDomain(domains, "c.a.example.com")).toEqual({ domain: "*.a.example.com", how: "wildcard" });
    expect(selectDomain(domains, "x.example.com")).toEqual({ domain: "*.example.com", how: "wildcard" });
    expect(selectDomain(domains, "example.com")).toEqual({ domain: "*", how: "any" });
    expect(selectDomain(["a.com"], "b.com")).toBeUndefined();
  });

  test("a tenant's host answers only its own routes: /healthz there is a 404, not the hostname-less health route", () => {
    const answer = ask(flagshipLike(), "http://apps.contoso.example/healthz");
    expect(answer.status).toBe(404);
    expect(answer.virtualHost).toBe("apps.contoso.example");
    expect(answer.losers).toContainEqual(
      expect.objectContaining({
        route: "gateway-health/healthz",
        why: expect.stringMatching(/serves virtual host \*; Envoy chose apps\.contoso\.example and does not fall back.*istio\/istio#34223/),
      })
    );
    expect(answer.steps.join("\n")).toMatch(/Shadowed: gateway-health\/healthz would match on another virtual host/);
  });

  test("any other host (the gateway IP the probe sends) reaches the health route", () => {
    const answer = ask(flagshipLike(), "http://10.240.4.4/healthz/ready");
    expect(outcome(answer)).toBe("health-responder");
    expect(answer.virtualHost).toBe("*");
  });

  test("tenants sharing a hostname split it by path; the losing tenant's rule says why", () => {
    const answer = ask(flagshipLike(), "http://apps.contoso.example/app1/x");
    expect(outcome(answer)).toBe("hello-1");
    expect(answer.route).toEqual({ kind: "HTTPRoute", namespace: "app1", name: "web", rule: 0, match: 0 });
    expect(answer.losers).toEqual([{ route: "app2/web", rule: 0, match: 0, why: "path /app1/x is not matched by PathPrefix /app2" }]);
  });

  test("PathPrefix matches whole segments: /app1x is not under /app1", () => {
    expect(ask(flagshipLike(), "http://apps.contoso.example/app1x").status).toBe(404);
    expect(outcome(ask(flagshipLike(), "http://apps.contoso.example/app1/"))).toBe("hello-1");
  });

  test("the Host is case-insensitive and its port ignored", () => {
    expect(outcome(ask(flagshipLike(), "http://APPS.Contoso.Example:80/app2"))).toBe("hello-2");
  });

  test("a wildcard route serves hosts no exact route names; an exact route takes its host whole", () => {
    const gw = flagshipLike([route("app1", "wild", `{parentRefs: [${ref()}], hostnames: ["*.contoso.example"], rules: [${prefix("/", "wild")}]}`)]);
    expect(outcome(ask(gw, "http://shop.contoso.example/anything"))).toBe("wild");
    expect(ask(gw, "http://apps.contoso.example/anything").status).toBe(404);
  });

  test("intersection of route and listener hostnames (httproute_types.go Hostnames)", () => {
    expect(intersectHostnames([], undefined)).toEqual(["*"]);
    expect(intersectHostnames(["a.com"], undefined)).toEqual(["a.com"]);
    expect(intersectHostnames([], "*.a.com")).toEqual(["*.a.com"]);
    expect(intersectHostnames(["x.a.com", "b.com", "*.a.com"], "*.a.com")).toEqual(["x.a.com", "*.a.com"]);
    expect(intersectHostnames(["*.com"], "x.a.com")).toEqual(["x.a.com"]);
    expect(intersectHostnames(["a.com"], "*.a.com")).toEqual([]);
  });
});

describe("listeners", () => {
  const https: ListenerModel = { name: "https", protocol: "HTTPS", port: 443, allowedRoutes: { namespaces: selector } };

  test("no listener on the port: refused, no HTTP answer", () => {
    const answer = ask(flagshipLike(), "https://apps.contoso.example/app1");
    expect(answer.status).toBeNull();
    expect(answer.refused).toMatch(/has no HTTPS listener on port 443: the connection fails before any HTTP answer/);
    expect(answer.backends).toEqual([]);
  });

  test("plain HTTP to an HTTPS listener's port is refused", () => {
    expect(ask(flagshipLike([], [https]), "http://apps.contoso.example:443/app1").refused).toMatch(
      /no HTTP listener on port 443; port 443 has https \(HTTPS\)/
    );
  });

  test("HTTPS picks the listener by SNI: exact hostname, then wildcard, then none; no match is a failed handshake", () => {
    const named = (name: string, hostname?: string): ListenerModel => ({
      name,
      protocol: "HTTPS",
      port: 443,
      hostname,
      allowedRoutes: { namespaces: { from: "All" } },
    });
    const routes = ["a", "b", "c"].map((l) => route("ns", l, `{parentRefs: [${ref(l)}], rules: [${prefix("/", l)}]}`));
    const gw: GatewayModel = { ...GW, listeners: [named("a", "x.example.com"), named("b", "*.example.com"), named("c")], routes };
    expect(outcome(ask(gw, "https://x.example.com/"))).toBe("a");
    expect(outcome(ask(gw, "https://y.example.com/"))).toBe("b");
    expect(outcome(ask(gw, "https://other.org/"))).toBe("c");
    const strict: GatewayModel = { ...gw, listeners: [named("a", "x.example.com")] };
    expect(ask(strict, "https://other.org/").refused).toMatch(/no HTTPS listener on port 443 has a hostname matching other\.org \(SNI\)/);
  });

  test("routes attached only to another listener do not answer, and say so", () => {
    const gw = flagshipLike(
      [route("app1", "tls-only", `{parentRefs: [${ref("https")}], hostnames: [secure.contoso.example], rules: [${prefix("/", "tls")}]}`)],
      [http, https]
    );
    const answer = ask(gw, "http://secure.contoso.example/");
    expect(outcome(answer)).toBe("404");
    expect(answer.losers).toContainEqual({
      route: "app1/tls-only",
      rule: -1,
      match: -1,
      why: "attached only to listener(s) https, not the one this request reached",
    });
  });
});

describe("attachment (allowedRoutes, parentRefs)", () => {
  test("a namespace without the selected label is not admitted", () => {
    const gw = flagshipLike([
      route("outsider", "grab", `{parentRefs: [${ref()}], hostnames: [apps.contoso.example], rules: [${prefix("/", "stolen")}]}`),
    ]);
    const answer = ask(gw, "http://apps.contoso.example/");
    expect(answer.status).toBe(404);
    expect(answer.losers).toContainEqual(
      expect.objectContaining({
        route: "outsider/grab",
        why: "not attached: listener http: namespace outsider does not carry the labels allowedRoutes selects",
      })
    );
  });

  test("a namespace whose labels are unknown is not admitted by a selector", () => {
    const gw = flagshipLike([route("elsewhere", "r", `{parentRefs: [${ref()}], rules: [${prefix("/x", "x")}]}`)]);
    expect(ask(gw, "http://10.0.0.1/x").losers).toContainEqual(
      expect.objectContaining({ route: "elsewhere/r", why: expect.stringMatching(/labels of namespace elsewhere are unknown/) })
    );
  });

  test("from: Same admits only the Gateway's namespace; kinds restrict route kinds", () => {
    const same: ListenerModel = {
      name: "http",
      protocol: "HTTP",
      port: 80,
      allowedRoutes: { namespaces: { from: "Same" }, kinds: [{ kind: "HTTPRoute" }] },
    };
    const gw: GatewayModel = {
      ...GW,
      listeners: [same],
      routes: [
        route("gateway-system", "redirect", `{parentRefs: [${ref()}], rules: [${prefix("/", "own")}]}`),
        route("app1", "web", `{parentRefs: [${ref()}], rules: [${prefix("/app1", "app1")}]}`),
        route("gateway-system", "grpc", `{parentRefs: [${ref()}], rules: [{backendRefs: [{name: g, port: 80}]}]}`, "GRPCRoute"),
      ],
    };
    const answer = ask(gw, "http://h/app1");
    expect(outcome(answer)).toBe("own");
    expect(answer.losers).toContainEqual(
      expect.objectContaining({ route: "app1/web", why: expect.stringMatching(/admits only routes of the Gateway's namespace gateway-system/) })
    );
    expect(answer.losers).toContainEqual(
      expect.objectContaining({ route: "gateway-system/grpc", why: expect.stringMatching(/allowedRoutes.kinds does not list GRPCRoute/) })
    );
  });

  test("listeners without allowedRoutes in the model admit everything; parentRefs to other Gateways or sections do not attach", () => {
    const open: ListenerModel = { name: "http", protocol: "HTTP", port: 80 };
    const gw: GatewayModel = {
      ...GW,
      listeners: [open],
      routes: [
        route("a", "mine", `{parentRefs: [${ref()}], rules: [${prefix("/mine", "mine")}]}`),
        route("a", "other-gw", `{parentRefs: [{name: other, namespace: gateway-system}], rules: [${prefix("/", "other")}]}`),
        route("a", "no-section", `{parentRefs: [${ref("nope")}], rules: [${prefix("/", "nope")}]}`),
        route("a", "relative", `{parentRefs: [{name: shared-gateway}], rules: [${prefix("/", "relative")}]}`),
      ],
    };
    const answer = ask(gw, "http://h/x");
    expect(outcome(answer)).toBe("404");
    expect(answer.losers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: "a/other-gw", why: "not attached: no parentRef names Gateway gateway-system/shared-gateway" }),
        expect.objectContaining({ route: "a/no-section", why: "not attached: parentRef sectionName nope names no listener" }),
        expect.objectContaining({ route: "a/relative", why: "not attached: no parentRef names Gateway gateway-system/shared-gateway" }),
      ])
    );
    expect(outcome(ask(gw, "http://h/mine"))).toBe("mine");
  });

  test("label selectors: matchLabels and matchExpressions", () => {
    const labels = { team: "a", tier: "web" };
    expect(selectorMatches({ matchLabels: { team: "a" } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { team: "b" } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "In", values: ["web", "api"] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["web"] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "zone", operator: "Exists" }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: "team", operator: "Bogus" }] }, labels)).toBe(false);
  });
});

describe("models from manifests", () => {
  test("listeners get the CRD default allowedRoutes (from: Same); listeners other than HTTP and HTTPS are left out", () => {
    const gateway = {
      metadata: { name: "gw", namespace: "infra" },
      spec: {
        listeners: [
          { name: "web", protocol: "HTTP", port: 8080, hostname: "" },
          { name: "tls", protocol: "TLS", port: 8443 },
        ],
      },
    };
    const routes = [
      {
        kind: "HTTPRoute",
        metadata: { namespace: "infra", name: "r" },
        spec: { parentRefs: [{ name: "gw", namespace: "infra" }], rules: [{ backendRefs: [{ name: "s", port: 80 }] }] },
      },
    ];
    const gw = gatewayModelFromManifests(gateway, routes);
    expect(gw).toEqual({
      namespace: "infra",
      name: "gw",
      listeners: [
        { name: "web", protocol: "HTTP", port: 8080, hostname: undefined, allowedRoutes: { namespaces: { from: "Same" }, kinds: undefined } },
      ],
      routes: [{ manifest: routes[0] }],
    });
    expect(outcome(ask(gw, "http://h:8080/x"))).toBe("s");
    const foreign = gatewayModelFromManifests(gateway, [{ ...routes[0], metadata: { namespace: "other", name: "r" } }], {});
    const answer = ask(foreign, "http://h:8080/x");
    expect(answer.status).toBe(404);
    expect(answer.losers).toContainEqual(
      expect.objectContaining({ route: "other/r", why: expect.stringMatching(/admits only routes of the Gateway's namespace infra/) })
    );
  });
});
