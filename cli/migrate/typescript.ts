/**
 * Writes the TypeScript that builds a migration's tenants, routes and WAF settings with this library's API, so a
 * team can commit it and own it from then on. Values are printed as the library's typed factories
 * (`PathMatch.prefix`, `HttpRouteFilter.urlRewrite`, `WafCustomRule.match`), one item per line when long.
 */
import { IngressMigration, MigratedRoute, MigratedRouteKind } from "../../lib/migration/ingress-migration";
import { HttpRouteFilter, HttpRouteFilterType, PathModifier, RedirectScheme, RedirectStatusCode } from "../../lib/tenancy/route-filter";
import { HttpMethod, PathMatch, PathMatchType } from "../../lib/tenancy/route-match";
import {
  WafCustomRule,
  WafCustomRuleAction,
  WafCustomRuleType,
  WafMatchCondition,
  WafMatchOperator,
  WafMatchVariable,
  WafRateLimitDuration,
  WafRateLimitGroupBy,
  WafTransform,
} from "../../lib/edge/waf-custom-rule";

/** Code for a value: a name (`PathMatch.prefix`) called with arguments printed like any value, or raw text. */
type Code = { readonly code: string; readonly args?: readonly unknown[] };
const code = (text: string, ...args: unknown[]): Code => (args.length > 0 ? { code: text, args } : { code: text });
const WIDTH = 110;

function enumRef(name: string, e: object, value: unknown, used: Set<string>): Code {
  const key = Object.keys(e).find((k) => (e as any)[k] === value && Number.isNaN(Number(k)));
  used.add(name);
  return code(`${name}.${key}`);
}

/** A value as code: known library classes as their factories, the rest as literals. */
function toCode(value: unknown, used: Set<string>): unknown {
  if (value instanceof PathMatch) return pathMatch(value, used);
  if (value instanceof PathModifier) {
    used.add("PathModifier");
    return code(`PathModifier.${value.type === "ReplaceFullPath" ? "replaceFullPath" : "replacePrefixMatch"}`, value.path);
  }
  if (value instanceof HttpRouteFilter) return filter(value, used);
  if (value instanceof WafCustomRule) return wafRule(value, used);
  if (value instanceof WafMatchCondition) return wafCondition(value, used);
  if (Array.isArray(value)) return value.map((v) => toCode(v, used));
  if (value !== null && typeof value === "object" && !isCode(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toCode(v, used)]));
  }
  return value;
}

function pathMatch(m: PathMatch, used: Set<string>): Code {
  used.add("PathMatch");
  const factory = { [PathMatchType.EXACT]: "exact", [PathMatchType.PREFIX]: "prefix", [PathMatchType.REGULAR_EXPRESSION]: "regularExpression" }[m.type];
  return code(`PathMatch.${factory}`, m.path);
}

function filter(f: HttpRouteFilter, used: Set<string>): Code {
  used.add("HttpRouteFilter");
  const call = (name: string, options: unknown) => code(`HttpRouteFilter.${name}`, toCode(options, used));
  switch (f.type) {
    case HttpRouteFilterType.REQUEST_HEADER_MODIFIER:
      return call("requestHeaderModifier", f.headers);
    case HttpRouteFilterType.RESPONSE_HEADER_MODIFIER:
      return call("responseHeaderModifier", f.headers);
    case HttpRouteFilterType.URL_REWRITE:
      return call("urlRewrite", f.rewrite);
    case HttpRouteFilterType.REQUEST_MIRROR:
      return call("requestMirror", f.mirror);
    case HttpRouteFilterType.CORS:
      return call("cors", { ...f.cors, allowMethods: f.cors?.allowMethods?.map((m) => enumRef("HttpMethod", HttpMethod, m, used)) });
    case HttpRouteFilterType.REQUEST_REDIRECT: {
      const r = f.redirect ?? {};
      return call("requestRedirect", {
        ...r,
        scheme: r.scheme === undefined ? undefined : enumRef("RedirectScheme", RedirectScheme, r.scheme, used),
        statusCode: r.statusCode === undefined ? undefined : enumRef("RedirectStatusCode", RedirectStatusCode, r.statusCode, used),
      });
    }
  }
}

function wafCondition(c: WafMatchCondition, used: Set<string>): Code {
  used.add("WafMatchCondition");
  const o = c.options;
  if (c.hostnames) return code("WafMatchCondition.hostIs", [...c.hostnames]);
  if (o.variable === WafMatchVariable.REMOTE_ADDR && o.operator === WafMatchOperator.IP_MATCH && !o.selector && !o.transforms) {
    return o.negate
      ? code("WafMatchCondition.remoteAddressIn", [...(o.values ?? [])], { negate: true })
      : code("WafMatchCondition.remoteAddressIn", [...(o.values ?? [])]);
  }
  const options = {
    ...o,
    variable: enumRef("WafMatchVariable", WafMatchVariable, o.variable, used),
    operator: enumRef("WafMatchOperator", WafMatchOperator, o.operator, used),
    transforms: o.transforms?.map((t) => enumRef("WafTransform", WafTransform, t, used)),
  };
  return code("WafMatchCondition.of", toCode(options, used));
}

function wafRule(rule: WafCustomRule, used: Set<string>): Code {
  used.add("WafCustomRule");
  const base = {
    ...rule.options,
    action: enumRef("WafCustomRuleAction", WafCustomRuleAction, rule.action, used),
    conditions: rule.options.conditions.map((c) => wafCondition(c, used)),
  };
  if (rule.type === WafCustomRuleType.MATCH || !rule.rateLimit) return code("WafCustomRule.match", base);
  const r = rule.rateLimit;
  const options = {
    ...base,
    threshold: r.threshold,
    duration: enumRef("WafRateLimitDuration", WafRateLimitDuration, r.duration, used),
    groupBy: enumRef("WafRateLimitGroupBy", WafRateLimitGroupBy, r.groupBy, used),
  };
  return code("WafCustomRule.rateLimit", options);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const isCode = (value: unknown): value is Code => value !== null && typeof value === "object" && !Array.isArray(value) && "code" in value;
const key = (k: string) => (IDENTIFIER.test(k) ? k : JSON.stringify(k));

/**
 * Prints code that starts on a line indented by `indent`: on one line when it fits, else one item per line,
 * two spaces deeper per level (the layout prettier gives).
 */
export function print(value: unknown, indent: number): string {
  const flat = printFlat(value);
  if (flat.length + indent <= WIDTH || value === null || typeof value !== "object") return flat;
  if (isCode(value)) return `${value.code}(${(value.args ?? []).map((a) => print(a, indent)).join(", ")})`;
  const pad = " ".repeat(indent + 2);
  if (Array.isArray(value)) return `[\n${value.map((v) => `${pad}${print(v, indent + 2)},`).join("\n")}\n${" ".repeat(indent)}]`;
  const entries = Object.entries(value as object).map(([k, v]) => `${pad}${key(k)}: ${print(v, indent + 2)},`);
  return `{\n${entries.join("\n")}\n${" ".repeat(indent)}}`;
}

function printFlat(value: unknown): string {
  if (isCode(value)) return value.args ? `${value.code}(${value.args.map(printFlat).join(", ")})` : value.code;
  if (Array.isArray(value)) return `[${value.map(printFlat).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${key(k)}: ${printFlat(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** A TypeScript identifier for a tenant variable. */
function variableName(tenant: string, taken: Set<string>): string {
  let name = tenant.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9_]/g, "_");
  if (!IDENTIFIER.test(name)) name = `tenant_${name}`;
  while (taken.has(name)) name = `${name}_`;
  taken.add(name);
  return name;
}

function routeCall(variable: string, route: MigratedRoute, used: Set<string>): string {
  const method = route.kind === MigratedRouteKind.GRPC ? "addGrpcRoute" : "addRoute";
  return `  ${variable}.${method}(${JSON.stringify(route.id)}, ${print(toCode(route.options, used), 2)});`;
}

/**
 * The module: `migratedWaf`, `addMigratedTenants(traffic)`, and a main that synthesizes a TrafficStack. Tenants and
 * routes the library refused (`built` lacks `<tenant>` or `<tenant>/<route id>`) are left out with a comment, so the
 * module builds what `--json` shows.
 */
export function migrationModule(migration: IngressMigration, header: readonly string[], platform: object, built?: ReadonlySet<string>): string {
  const used = new Set<string>(["TrafficStack"]);
  const taken = new Set<string>();
  const accepted = (key: string) => built === undefined || built.has(key);
  const body = migration.tenants.flatMap((t) => {
    if (!accepted(t.name)) return [`  // tenant ${t.name} left out: the library refused it (see the findings of ${t.namespace}).`, ""];
    const v = variableName(t.name, taken);
    if (t.adoptNamespace) ["TenantNamespace", "GuardrailRollout", "IngressMigration", "PlatformPolicy"].forEach((n) => used.add(n));
    const namespace = t.adoptNamespace ? code("TenantNamespace.adopt", t.namespace, { networkPolicy: code("GuardrailRollout.DEFER") }) : t.namespace;
    const options = { name: t.name, namespace, hostnames: t.hostnames, pathPrefixes: t.pathPrefixes };
    const routes = t.routes.map((r) =>
      accepted(`${t.name}/${r.id}`) ? routeCall(v, r, used) : `  // route ${r.id} left out: the library refused it (see the findings of ${r.ingress}).`,
    );
    const adopted = [
      `  // Adopts the existing namespace ${t.namespace}: the tenant never creates or deletes it, and destroying it removes only`,
      "  // what it added (labels, quota, limits, network policy, RBAC, routes). Its network policy waits for the cut-over:",
      "  // it admits only the shared Gateway, so enforcing it now would cut ingress-nginx off the pods it still serves.",
      "  // Once NGINX is gone, remove the networkPolicy option and the suppression below.",
    ];
    const comment = t.adoptNamespace ? adopted : [`  // Creates namespace ${t.namespace}: destroying the stack deletes it with everything in it.`];
    const suppress = t.adoptNamespace ? [`  PlatformPolicy.suppress(${v}, "AKSGW-4", IngressMigration.DEFERRED_ISOLATION_REASON);`] : [];
    return [...comment, `  const ${v} = traffic.addTenant(${print(options, 2)});`, ...suppress, ...routes, ""];
  });
  const waf = print(toCode(migration.wafOptions(), used), 0);
  return [
    ...header.map((l) => `// ${l}`.trimEnd()),
    `import { App } from "cdktf";`,
    `import { ${[...used].sort().join(", ")} } from "cdktf-aks-gateway";`,
    `import type { ITenantFactory, WafPolicyOptions } from "cdktf-aks-gateway";`,
    "",
    "/** WAF settings from the edge verdicts: pass them as `edge: { waf: migratedWaf }` to your PlatformStack. */",
    `export const migratedWaf: WafPolicyOptions = ${waf};`,
    "",
    "/** Adds the migrated tenants and their routes to a TrafficStack (or anything with addTenant). */",
    "export function addMigratedTenants(traffic: ITenantFactory): void {",
    ...(taken.size > 0 ? body.slice(0, -1) : [...body.slice(0, -1), "  void traffic; // no tenant to add"]),
    "}",
    "",
    "// Run directly, it synthesizes the tenants on a TrafficStack for an existing cluster: replace the placeholders.",
    "if (require.main === module) {",
    "  const app = new App();",
    `  const traffic = new TrafficStack(app, "migrated-traffic", ${print(toCode({ platform }, used), 2)});`,
    "  addMigratedTenants(traffic);",
    "  app.synth();",
    "}",
    "",
  ].join("\n");
}
