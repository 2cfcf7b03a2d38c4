/**
 * Evaluates the CEL of the synthesized HostnameAdmissionPolicy the way the API server does, with a real
 * CEL implementation (@marcbachmann/cel-js), and checks it against the synth-time ownership rules.
 */
import { Testing } from "cdktf";
import { HealthResponder } from "../lib/gateway/health-responder";
import { hostnameCovers, pathCovers } from "../lib/private/route-ownership";
import { HostnameAdmissionPolicy } from "../lib/tenancy/hostname-admission-policy";
import { PathMatch } from "../lib/tenancy/route-match";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";
import { Policy, cel, evaluatePolicy, namespaceObject } from "./cel";

interface Synth {
  readonly policy: Policy;
  readonly binding: any;
  /** The tenant's namespace as the policy sees it. */
  readonly namespace: ReturnType<typeof namespaceObject>;
  readonly namespaceLabels: Record<string, string>;
  /** The HTTPRoute manifests the tenant's routes synthesized. */
  readonly routes: any[];
}

/** Synthesizes a HostnameAdmissionPolicy and one Tenant (named `t`) on the fake gateway. */
function synthesize(
  tenant: Partial<TenantProps> & Pick<TenantProps, "hostnames">,
  addRoutes: (t: Tenant) => void = () => undefined,
): Synth {
  const { stack, gateway } = tenancyStack();
  new HostnameAdmissionPolicy(stack, "HostnameAdmission", { gateway });
  const t = new Tenant(stack, "T", { gateway, name: "t", ...tenant });
  addRoutes(t);
  const json = JSON.parse(Testing.synth(stack));
  const manifests = Object.values(resourcesOf(json, "kubernetes_manifest")).map((r: any) => r.manifest);
  const [ns] = Object.values(resourcesOf(json, "kubernetes_namespace_v1")) as any[];
  return {
    policy: manifests.find((m) => m.kind === "ValidatingAdmissionPolicy"),
    binding: manifests.find((m) => m.kind === "ValidatingAdmissionPolicyBinding"),
    namespace: namespaceObject(ns.metadata),
    namespaceLabels: ns.metadata.labels,
    routes: manifests.filter((m) => m.kind === "HTTPRoute"),
  };
}

const prefix = (value: string) => ({ path: { type: "PathPrefix", value } });
const exact = (value: string) => ({ path: { type: "Exact", value } });
const regex = (value: string) => ({ path: { type: "RegularExpression", value } });
const rule = (...matches: object[]) => ({
  ...(matches.length > 0 ? { matches } : {}),
  backendRefs: [{ name: "web", port: 80 }],
});

/** An HTTPRoute in namespace `t` with the given hostnames (left out when `undefined`) and rules. */
function httpRoute(hostnames: string[] | undefined, rules?: object[]): any {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "web", namespace: "t" },
    spec: {
      parentRefs: [{ name: "shared", namespace: "gateway-system", sectionName: "https" }],
      ...(hostnames ? { hostnames } : {}),
      ...(rules ? { rules } : {}),
    },
  };
}

/**
 * The route with the Gateway API CRD defaults applied, as admission sees it (defaulting runs before
 * validating admission): `rules` and `matches` default to one `PathPrefix /` match, a match's `path` to
 * `PathPrefix /`, a path's `type` to `PathPrefix` and its `value` to `/`.
 */
function withCrdDefaults(route: any): any {
  const out = JSON.parse(JSON.stringify(route));
  const all = () => ({ path: { type: "PathPrefix", value: "/" } });
  out.spec.rules ??= [{ matches: [all()] }];
  for (const r of out.spec.rules) {
    r.matches ??= [all()];
    for (const m of r.matches) {
      m.path ??= { type: "PathPrefix", value: "/" };
      m.path.type ??= "PathPrefix";
      m.path.value ??= "/";
    }
  }
  return out;
}

/** Positions of the validations in the policy (hostnames required, hostnames owned, paths owned). */
const [HOSTNAMES_OWNED, PATHS_OWNED] = [1, 2];

describe("HostnameAdmissionPolicy CEL, evaluated", () => {
  test("a route within the tenant's hostnames and prefixes is admitted on create and update", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ["/app"] });
    const route = httpRoute(["app.example.com"], [rule(prefix("/app"))]);
    for (const operation of ["CREATE", "UPDATE"] as const) {
      expect(evaluatePolicy(policy, { object: route, namespaceObject: namespace, operation })).toEqual({
        admitted: true,
        results: [true, true, true],
        messages: [],
      });
    }
  });

  test("route hostnames must lie within the owned hostnames", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com", "*.apps.example.org"] });
    const verdict = (hostnames: string[]) => evaluatePolicy(policy, { object: httpRoute(hostnames), namespaceObject: namespace });
    for (const allowed of [["app.example.com"], ["a.apps.example.org"], ["app.example.com", "*.x.apps.example.org"]]) {
      expect([allowed, verdict(allowed).results]).toEqual([allowed, [true, true, true]]);
    }
    for (const denied of [["api.example.com"], ["x.app.example.com"], ["*.app.example.com"], ["*.example.com"],
      ["app.example.com", "other.example.net"]]) {
      expect([denied, verdict(denied).results]).toEqual([denied, [true, false, true]]);
    }
    expect(verdict(["evil.example.net"])).toEqual({
      admitted: false,
      results: [true, false, true],
      messages: ["HTTPRoute hostnames must lie within the hostnames this tenant namespace owns: app.example.com, *.apps.example.org"],
    });
  });

  test("an owned wildcard covers names at any depth below it, not the bare domain or look-alikes", () => {
    const { policy, namespace } = synthesize({ hostnames: ["*.example.com"] });
    const hostnamesOk = (h: string) =>
      evaluatePolicy(policy, { object: httpRoute([h]), namespaceObject: namespace }).results[HOSTNAMES_OWNED];
    for (const h of ["a.example.com", "a.b.example.com", "*.a.example.com", "*.example.com"]) {
      expect([h, hostnamesOk(h)]).toEqual([h, true]);
    }
    for (const h of ["example.com", "badexample.com", "*.badexample.com", "example.com.evil.io", "a.example.co"]) {
      expect([h, hostnamesOk(h)]).toEqual([h, false]);
    }
  });

  test("a route without hostnames, or with an empty list, is denied", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com"] });
    const message =
      "HTTPRoutes in tenant namespaces must list spec.hostnames: a route without hostnames serves every hostname of the gateway.";
    for (const hostnames of [undefined, []]) {
      expect(evaluatePolicy(policy, { object: httpRoute(hostnames), namespaceObject: namespace })).toEqual({
        admitted: false,
        results: [false, true, true],
        messages: [message],
      });
    }
  });

  test("exact and prefix paths must lie inside an owned prefix on segment boundaries", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ["/app", "/static/"] });
    const verdict = (...matches: object[]) => {
      const route = httpRoute(["app.example.com"], [rule(...matches)]);
      const raw = evaluatePolicy(policy, { object: route, namespaceObject: namespace });
      expect(evaluatePolicy(policy, { object: withCrdDefaults(route), namespaceObject: namespace })).toEqual(raw);
      return raw;
    };
    for (const path of ["/app", "/app/", "/app/x", "/app/x/y", "/static", "/static/css/a.css"]) {
      for (const match of [prefix(path), exact(path)]) {
        expect([match, verdict(match).results]).toEqual([match, [true, true, true]]);
      }
    }
    for (const path of ["/apple", "/ap", "/", "/other", "/other/app", "/App", "/staticfiles"]) {
      for (const match of [prefix(path), exact(path)]) {
        expect([match, verdict(match).results]).toEqual([match, [true, true, false]]);
      }
    }
    expect(verdict(prefix("/app"), exact("/admin"))).toEqual({
      admitted: false,
      results: [true, true, false],
      messages: ["HTTPRoute match paths must lie within the path prefixes this tenant namespace owns: /app, /static"],
    });
  });

  test("every rule of a route is checked", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ["/app"] });
    const route = (rules: object[]) => httpRoute(["app.example.com"], rules);
    expect(evaluatePolicy(policy, { object: route([rule(prefix("/app/a")), rule(exact("/app/b"))]), namespaceObject: namespace })
      .admitted).toBe(true);
    expect(evaluatePolicy(policy, { object: route([rule(prefix("/app/a")), rule(exact("/b"))]), namespaceObject: namespace })
      .results).toEqual([true, true, false]);
  });

  test("a route without rules, a rule without matches or a match without a path needs the tenant to own /", () => {
    const everyPath = [
      httpRoute(["app.example.com"]),
      httpRoute(["app.example.com"], []),
      httpRoute(["app.example.com"], [rule()]),
      httpRoute(["app.example.com"], [{ matches: [], backendRefs: [{ name: "web", port: 80 }] }]),
      httpRoute(["app.example.com"], [rule({ headers: [{ name: "x-canary", value: "1" }] })]),
      httpRoute(["app.example.com"], [rule({ path: { type: "PathPrefix" } })]),
      httpRoute(["app.example.com"], [rule(prefix("/app")), rule()]),
    ];
    const scoped = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ["/app"] });
    const root = synthesize({ hostnames: ["app.example.com"] });
    for (const route of everyPath) {
      for (const object of [route, withCrdDefaults(route)]) {
        expect([object.spec, evaluatePolicy(scoped.policy, { object, namespaceObject: scoped.namespace }).results])
          .toEqual([object.spec, [true, true, false]]);
        expect([object.spec, evaluatePolicy(root.policy, { object, namespaceObject: root.namespace }).results])
          .toEqual([object.spec, [true, true, true]]);
      }
    }
  });

  test("regular-expression paths are refused unless the tenant owns /", () => {
    const scoped = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ["/app"] });
    const root = synthesize({ hostnames: ["app.example.com"] });
    for (const value of ["/app/.*", "/app", "/app/[a-z]+"]) {
      const object = httpRoute(["app.example.com"], [rule(regex(value))]);
      expect([value, evaluatePolicy(scoped.policy, { object, namespaceObject: scoped.namespace }).results])
        .toEqual([value, [true, true, false]]);
      expect([value, evaluatePolicy(root.policy, { object, namespaceObject: root.namespace }).admitted]).toEqual([value, true]);
    }
  });

  test("a namespace without the ownership annotations owns nothing", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com"] });
    const route = httpRoute(["app.example.com"], [rule(prefix("/"))]);
    const bare = { ...namespace, metadata: { name: namespace.metadata.name, labels: namespace.metadata.labels } };
    const unrelated = { ...namespace, metadata: { ...namespace.metadata, annotations: { "example.com/other": "x" } } };
    for (const ns of [bare, unrelated]) {
      expect(evaluatePolicy(policy, { object: route, namespaceObject: ns })).toEqual({
        admitted: false,
        results: [true, false, false],
        messages: [
          "HTTPRoute hostnames must lie within the hostnames this tenant namespace owns: ",
          "HTTPRoute match paths must lie within the path prefixes this tenant namespace owns: ",
        ],
      });
    }
    // The same route is admitted in the synthesized namespace, so the annotations are what grant it.
    expect(evaluatePolicy(policy, { object: route, namespaceObject: namespace }).admitted).toBe(true);
  });

  test("empty entries in the annotations own nothing", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ["/app"] });
    const annotated = (hostnames: string, prefixes: string) => ({
      ...namespace,
      metadata: {
        ...namespace.metadata,
        annotations: { "cdktf-aks-gateway/owned-hostnames": hostnames, "cdktf-aks-gateway/owned-path-prefixes": prefixes },
      },
    });
    const route = httpRoute(["app.example.com"], [rule(prefix("/admin"))]);
    for (const ns of [annotated("", ""), annotated("app.example.com,", "/app,"), annotated(",app.example.com", ",/app")]) {
      const { results } = evaluatePolicy(policy, { object: route, namespaceObject: ns });
      expect([ns.metadata.annotations, results[PATHS_OWNED]]).toEqual([ns.metadata.annotations, false]);
    }
    expect(evaluatePolicy(policy, { object: httpRoute(["app.example.com"], [rule(prefix("/app"))]),
      namespaceObject: annotated("app.example.com,", "/app,") }).admitted).toBe(true);
  });

  test("the CEL verdict equals the synth-time hostnameCovers and pathCovers verdicts", () => {
    const hostnames = ["app.example.com", "x.example.com", "a.b.example.com", "*.b.example.com", "*.example.com",
      "example.com", "badexample.com", "b.example.org", "c.b.example.org", "*.c.b.example.org", "*.example.org",
      "app.example.com.evil.io", "*.app.example.com"];
    const ownedHostnameSets = [["app.example.com"], ["*.example.com"], ["example.com"], ["*.b.example.org"],
      ["app.example.com", "*.b.example.com"], ["example.com", "*.example.com"]];
    for (const owned of ownedHostnameSets) {
      const { policy, namespace } = synthesize({ hostnames: owned });
      for (const h of hostnames) {
        const cel = evaluatePolicy(policy, { object: httpRoute([h]), namespaceObject: namespace }).results[HOSTNAMES_OWNED];
        expect([owned, h, cel]).toEqual([owned, h, owned.some((o) => hostnameCovers(o, h))]);
      }
      const both = [owned[0], "nobody.example.net"];
      expect(evaluatePolicy(policy, { object: httpRoute(both), namespaceObject: namespace }).results[HOSTNAMES_OWNED])
        .toBe(both.every((h) => owned.some((o) => hostnameCovers(o, h))));
    }

    const paths = ["/", "/app", "/app/", "/app/x", "/app/x/", "/apple", "/ap", "/app/v2", "/app/v2/x", "/app/v20",
      "/other", "/other/app", "/App", "/api", "/api/v1"];
    const ownedPrefixSets = [["/"], ["/app"], ["/app/v2"], ["/app", "/other"], ["/api/"], ["/a"]];
    for (const ownedProp of ownedPrefixSets) {
      const { policy, namespace } = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ownedProp });
      for (const p of paths) {
        for (const match of [prefix(p), exact(p)]) {
          const object = httpRoute(["app.example.com"], [rule(match)]);
          const cel = evaluatePolicy(policy, { object, namespaceObject: namespace }).results[PATHS_OWNED];
          expect([ownedProp, match, cel]).toEqual([ownedProp, match, ownedProp.some((o) => pathCovers(o, p))]);
        }
        const object = httpRoute(["app.example.com"], [rule(regex(p))]);
        expect([ownedProp, p, evaluatePolicy(policy, { object, namespaceObject: namespace }).results[PATHS_OWNED]])
          .toEqual([ownedProp, p, ownedProp.includes("/")]);
      }
    }
  });

  test("the routes the library synthesizes for a tenant are admitted", () => {
    const { policy, namespace, routes } = synthesize(
      { hostnames: ["app.example.com", "*.apps.example.com"], pathPrefixes: ["/app", "/api/"] },
      (t) => {
        t.addRoute("All", { rules: [{ matches: [{ path: PathMatch.prefix("/app") }], backends: [{ serviceName: "web", port: 80 }] }] });
        t.addRoute("Api", {
          hostnames: ["x.apps.example.com"],
          rules: [
            { matches: [{ path: PathMatch.exact("/api/v1/login") }, { path: PathMatch.prefix("/api/v2/") }],
              backends: [{ serviceName: "api", port: 8080 }] },
            { matches: [{ path: PathMatch.prefix("/app/static"), headers: { "x-canary": "1" } }],
              backends: [{ serviceName: "canary", port: 80 }] },
          ],
        });
      },
    );
    expect(routes.map((r) => r.metadata.name).sort()).toEqual(["all", "api"]);
    for (const route of routes) {
      expect([route.metadata.name, evaluatePolicy(policy, { object: withCrdDefaults(route), namespaceObject: namespace })])
        .toEqual([route.metadata.name, { admitted: true, results: [true, true, true], messages: [] }]);
    }
  });

  test("every expression type-checks in the API server's environment (bool validations, string messages)", () => {
    const { policy } = synthesize({ hostnames: ["app.example.com"] });
    // Declarations as in k8s.io/apiserver admission CEL: object and oldObject are dyn, namespaceObject is a
    // typed Namespace (a subset declared here), variables are typed by their expressions.
    const env = (variables: Record<string, string>) =>
      new cel.Environment()
        .registerVariable("object", "dyn")
        .registerVariable("oldObject", "dyn")
        .registerVariable({
          name: "namespaceObject",
          schema: {
            metadata: { name: "string", labels: "map<string, string>", annotations: "map<string, string>" },
            spec: { finalizers: "list<string>" },
            status: { phase: "string" },
          },
        })
        .registerVariable({
          name: "request",
          schema: { operation: "string", name: "string", namespace: "string", userInfo: { username: "string" } },
        })
        .registerVariable({ name: "variables", schema: variables });
    const declared: Record<string, string> = {};
    for (const v of policy.spec.variables) {
      expect([v.name, /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name)]).toEqual([v.name, true]);
      const checked = env({ ...declared }).check(v.expression);
      expect([v.name, checked.valid, checked.type]).toEqual([v.name, true, "list<string>"]);
      declared[v.name] = checked.type!;
    }
    for (const v of policy.spec.validations) {
      const typeOf = (e: string) => {
        const checked = env(declared).check(e);
        return checked.valid ? checked.type : checked.error?.message;
      };
      expect([v.expression, typeOf(v.expression)]).toEqual([v.expression, "bool"]);
      if (v.messageExpression) expect([v.messageExpression, typeOf(v.messageExpression)]).toEqual([v.messageExpression, "string"]);
      for (const text of [v.expression, v.message, v.messageExpression].filter((t): t is string => t !== undefined)) {
        expect(text).not.toMatch(/[\r\n]/);
      }
      expect(v.message).toMatch(/^HTTPRoute/);
      expect(["Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge"]).toContain(v.reason);
    }
  });

  test("no expression errors on routes with or without optional fields", () => {
    const { policy, namespace } = synthesize({ hostnames: ["app.example.com"], pathPrefixes: ["/app"] });
    const objects = [
      httpRoute(undefined),
      httpRoute([]),
      httpRoute(["app.example.com"], []),
      httpRoute(["app.example.com"], [{}]),
      httpRoute(["app.example.com"], [rule({})]),
      httpRoute(["app.example.com"], [rule({ path: {} })]),
      httpRoute(["app.example.com"], [rule({ path: { value: "/app" } })]),
      httpRoute(["app.example.com"], [rule(prefix("/app"), { method: "GET" })]),
    ];
    for (const object of objects) {
      for (const ns of [namespace, namespaceObject({ name: "t" })]) {
        const { results } = evaluatePolicy(policy, { object, namespaceObject: ns });
        expect([object.spec, results.every((r) => typeof r === "boolean")]).toEqual([object.spec, true]);
      }
    }
  });

  test("the binding selects exactly the namespaces Tenant labels, for HTTPRoute writes, without params", () => {
    const { policy, binding, namespaceLabels } = synthesize({ hostnames: ["app.example.com"], labels: { team: "a" } });
    expect(binding.spec.policyName).toBe(policy.metadata.name);
    expect(policy.spec.paramKind).toBeUndefined();
    expect(binding.spec.paramRef).toBeUndefined();
    expect(binding.spec.validationActions).toEqual(["Deny"]);
    expect(binding.spec.matchResources.objectSelector).toBeUndefined();
    expect(binding.spec.matchResources.resourceRules).toBeUndefined();

    const selector = binding.spec.matchResources.namespaceSelector;
    const { stack, gateway } = tenancyStack();
    const health = new HealthResponder(stack, "Health", { gateway });
    const [healthNs] = Object.values(resourcesOf(JSON.parse(Testing.synth(stack)), "kubernetes_namespace_v1")) as any[];
    expect(healthNs.metadata.name).toBe(health.namespace);

    const selected = (labels: Record<string, string>) => selects(selector, labels);
    expect(selected(namespaceObject({ name: "t", labels: namespaceLabels }).metadata.labels)).toBe(true);
    expect(selected(namespaceObject(healthNs.metadata).metadata.labels)).toBe(false);
    expect(selected(namespaceObject({ name: "gateway-system" }).metadata.labels)).toBe(false);
    expect(selected({ "app.kubernetes.io/managed-by": "cdktf-aks-gateway" })).toBe(false);
    // The tenant label alone selects: an adopted namespace (TenantNamespace.adopt) keeps the managed-by label of
    // whatever created it (Helm, Argo CD), and the policies must hold there too.
    expect(selected({ "cdktf-aks-gateway/tenant": "t" })).toBe(true);
    expect(selected({ "app.kubernetes.io/managed-by": "helm", "cdktf-aks-gateway/tenant": "t" })).toBe(true);

    const rules = policy.spec.matchConstraints.resourceRules;
    const matched = (group: string, version: string, resource: string, operation: string) =>
      rules.some((r: any) => ruleMatches(r, { group, version, resource, operation }));
    for (const version of ["v1", "v1beta1"]) {
      for (const operation of ["CREATE", "UPDATE"]) {
        expect(matched("gateway.networking.k8s.io", version, "httproutes", operation)).toBe(true);
      }
      expect(matched("gateway.networking.k8s.io", version, "httproutes", "DELETE")).toBe(false);
      expect(matched("gateway.networking.k8s.io", version, "httproutes/status", "UPDATE")).toBe(false);
      expect(matched("gateway.networking.k8s.io", version, "grpcroutes", "CREATE")).toBe(true);
    }
  });
});

/** Whether a Kubernetes LabelSelector selects the labels. */
function selects(selector: any, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case "In":
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case "NotIn":
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  }
  return true;
}

/** Whether an admission `RuleWithOperations` matches a request (resource `x/y` is a subresource). */
function ruleMatches(rule: any, req: { group: string; version: string; resource: string; operation: string }): boolean {
  const has = (list: string[] | undefined, value: string) => (list ?? []).some((x) => x === "*" || x === value);
  return (
    has(rule.apiGroups, req.group) &&
    has(rule.apiVersions, req.version) &&
    has(rule.operations, req.operation) &&
    has(rule.resources, req.resource)
  );
}
