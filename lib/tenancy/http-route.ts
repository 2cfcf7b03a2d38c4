import { Lazy, Token } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { HTTPRoute as HttpRouteModel } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { hostnameCovers, pathCovers } from "../private/route-ownership";
import { AppRegistry, Taken } from "../private/app-registry";
import { ValidationError, show } from "../private/errors";
import { validatedManifest } from "../private/manifest";
import { HttpBackend } from "./backend";
import {
  dns1035LabelProblem,
  dnsSubdomainProblem,
  hostnameProblem,
  httpTokenProblem,
  kebabName,
  parseDuration,
  pathProblem,
} from "../private/validation";
import {
  HeaderModifierOptions,
  HttpRouteFilter,
  HttpRouteFilterType,
  RedirectScheme,
  RedirectStatusCode,
} from "./route-filter";
import { HttpRouteMatch, PathMatch, PathMatchType } from "./route-match";
import type { Tenant } from "./tenant";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../core/tenant-metadata";

/** Request timeouts of a rule, as Gateway API durations (`10s`, `1m30s`, `500ms`; `0s` disables). */
export interface HttpRouteTimeouts {
  /**
   * Time for the gateway to answer the client, including retries.
   *
   * @default - the implementation's default (Istio: none)
   */
  readonly request?: string;
  /**
   * Time for one request from the gateway to a backend; at most `request`.
   *
   * @default - the implementation's default
   */
  readonly backendRequest?: string;
}

/**
 * One rule of an HTTPRoute: which requests (matches), what to change (filters), where to send them
 * (backends). A rule needs backends, or a redirect filter instead.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
 */
export interface HttpRouteRule {
  /**
   * Request conditions; a request matching any of them takes this rule. At most 64 per rule and 128 per
   * route. Every path must lie inside the tenant's path prefixes.
   *
   * @default - every request (`PathMatch.prefix("/")`), which needs the tenant to own `/`
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Changes applied to matching requests, in order; each filter type at most once. At most 16.
   *
   * @default - none
   */
  readonly filters?: HttpRouteFilter[];
  /**
   * Services in the tenant's namespace receiving the traffic, split by weight. At most 16.
   *
   * @default - none; then the rule needs a redirect filter
   */
  readonly backends?: HttpBackend[];
  /**
   * Request timeouts.
   *
   * @default - the implementation's defaults
   */
  readonly timeouts?: HttpRouteTimeouts;
}

/** Options of {@link Tenant.addRoute}. */
export interface HttpRouteOptions {
  /**
   * Name of the HTTPRoute object (a DNS-1123 subdomain), unique within the tenant.
   *
   * @default - the construct id in kebab case (`ApiV2` → `api-v2`)
   */
  readonly name?: string;
  /**
   * Hostnames the route serves; each must lie within the tenant's hostnames. At most 16.
   *
   * @default - the tenant's hostnames
   */
  readonly hostnames?: string[];
  /** The rules, evaluated by Gateway API precedence (most specific match first). 1 to 16. */
  readonly rules: HttpRouteRule[];
}

/** Properties of an {@link HttpRoute}. */
export interface HttpRouteProps extends HttpRouteOptions {
  /** The tenant whose namespace and routing space the route uses. */
  readonly tenant: Tenant;
}

/** Gateway API limits on one HTTPRoute (Gateway API v1.2+: apis/v1/httproute_types.go). */
const MAX_HOSTNAMES = 16;
const MAX_RULES = 16;
const MAX_MATCHES_PER_RULE = 64;
const MAX_MATCHES_PER_ROUTE = 128;
const MAX_FILTERS = 16;
const MAX_BACKENDS = 16;
const MAX_HEADERS = 16;
const MAX_WEIGHT = 1_000_000;
/** `@kubernetes-models/gateway-api` 0.5.1 models Gateway API v1.1, whose schema still allows 8 matches per rule. */
const MODEL_MAX_MATCHES = 8;

/**
 * An HTTPRoute in a tenant's namespace, attached to every listener of the tenant's gateway (one
 * `parentRefs` entry per listener, by `sectionName`).
 *
 * Everything is checked at synth: hostnames must lie within the tenant's hostnames, paths within its path
 * prefixes and outside platform reservations (such as `/healthz`), backends are Services in the tenant's
 * namespace with a port, and the Gateway API limits hold. The object is validated against the Gateway
 * API schema and emitted as a `kubernetes_manifest` (child `Resource`).
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 */
export class HttpRoute extends Construct {
  private rendered?: { readonly key: string; readonly manifest: { [key: string]: any } };
  /** The `kubernetes_manifest` holding the HTTPRoute. */
  public readonly resource: Manifest;
  /** Name of the HTTPRoute object. */
  public readonly routeName: string;
  /** The tenant the route belongs to. */
  public readonly tenant: Tenant;
  /** Hostnames the route serves. */
  public readonly hostnames: readonly string[];

  private readonly rules: readonly HttpRouteRule[];

  constructor(scope: Construct, id: string, props: HttpRouteProps) {
    super(scope, id);
    this.tenant = props.tenant;
    this.routeName = props.name ?? kebabName(id);
    this.hostnames = [...(props.hostnames ?? props.tenant.hostnames)];
    this.rules = props.rules ?? [];

    this.validateName();
    this.validateHostnames();
    this.validateRules();
    const existing = AppRegistry.of(this).take(Taken.ROUTE, this.tenant, this.routeName, this);
    if (existing) {
      throw new ValidationError(
        this,
        `${this.subject()}: tenant ${show(this.tenant.tenantName)} already has a route named ${show(this.routeName)} ` +
          `(at ${existing}). Give this route another id or name.`,
      );
    }

    // Fail at construction on schema errors; render again at synth to pick up listeners added later.
    this.toManifest();
    this.resource = new Manifest(this, "Resource", {
      dependsOn: [this.tenant.resource],
      manifest: Lazy.anyValue({ produce: () => this.toManifest() }) as unknown as { [key: string]: any },
    });
    // Platform reservations made after this route (e.g. the health route) are checked again at synth.
    this.node.addValidation({ validate: () => this.reservationProblems() });
  }

  private subject(): string {
    return `route ${show(this.routeName)} of tenant ${show(this.tenant.tenantName)}`;
  }

  private fail(message: string): never {
    throw new ValidationError(this, `${this.subject()}: ${message}`);
  }

  private validateName(): void {
    if (Token.isUnresolved(this.routeName)) return;
    const problem = dnsSubdomainProblem(this.routeName);
    if (problem) {
      this.fail(`the name ${problem}. Pass a name such as "api" (lower case) in the route options.`);
    }
  }

  private validateHostnames(): void {
    const owned = this.tenant.hostnames;
    if (this.hostnames.length === 0) {
      this.fail(
        `hostnames is empty; a route without hostnames would serve every hostname on the gateway. ` +
          `List some of the tenant's hostnames ${show(owned)}, or leave hostnames out to use all of them.`,
      );
    }
    if (this.hostnames.length > MAX_HOSTNAMES) {
      this.fail(
        `has ${this.hostnames.length} hostnames, but an HTTPRoute allows at most ${MAX_HOSTNAMES}. ` +
          `Split the hostnames over several routes (pass hostnames explicitly).`,
      );
    }
    for (const hostname of this.hostnames) {
      if (Token.isUnresolved(hostname)) {
        this.fail(`hostname ${show(hostname)} is an unresolved token; hostnames must be concrete strings.`);
      }
      const problem = hostnameProblem(hostname);
      if (problem) this.fail(`hostname ${show(hostname)} ${problem}.`);
      if (!owned.some((o) => hostnameCovers(o, hostname))) {
        this.fail(
          `hostname ${show(hostname)} is not within the hostnames the tenant owns ${show(owned)}. ` +
            `Use one of them, or add the hostname to the tenant.`,
        );
      }
    }
  }

  private validateRules(): void {
    const rules = this.rules;
    if (rules.length === 0) this.fail(`has no rules. Add at least one rule with backends.`);
    if (rules.length > MAX_RULES) {
      this.fail(`has ${rules.length} rules, but an HTTPRoute allows at most ${MAX_RULES}. Split it into several routes.`);
    }
    const total = rules.reduce((n, r) => n + (r.matches?.length ?? 0), 0);
    if (total > MAX_MATCHES_PER_ROUTE) {
      this.fail(
        `has ${total} matches in all, but an HTTPRoute allows at most ${MAX_MATCHES_PER_ROUTE}. Split it into several routes.`,
      );
    }
    rules.forEach((rule, i) => this.validateRule(rule, `rules[${i}]`));
  }

  private validateRule(rule: HttpRouteRule, at: string): void {
    const matches = rule.matches ?? [];
    const filters = rule.filters ?? [];
    const backends = rule.backends ?? [];
    if (matches.length > MAX_MATCHES_PER_RULE) {
      this.fail(
        `${at} has ${matches.length} matches, but a rule allows at most ${MAX_MATCHES_PER_RULE}. Split it into several rules.`,
      );
    }
    if (matches.length === 0) this.checkPath("/", `${at} (no matches: every path)`);
    matches.forEach((m, j) => this.validateMatch(m, `${at}.matches[${j}]`));

    if (filters.length > MAX_FILTERS) {
      this.fail(`${at} has ${filters.length} filters, but a rule allows at most ${MAX_FILTERS}.`);
    }
    const types = filters.map((f) => f.type);
    const repeated = types.find((t, k) => types.indexOf(t) !== k);
    if (repeated) this.fail(`${at} has more than one ${repeated} filter. Merge them into one.`);
    const redirect = filters.find((f) => f.type === HttpRouteFilterType.REQUEST_REDIRECT);
    const rewrite = filters.find((f) => f.type === HttpRouteFilterType.URL_REWRITE);
    if (redirect && rewrite) {
      this.fail(`${at} has both a RequestRedirect and a URLRewrite filter, which Gateway API forbids. Keep one.`);
    }
    if (redirect && backends.length > 0) {
      this.fail(
        `${at} has a RequestRedirect filter and backends; a redirect answers the client itself. ` +
          `Remove the backends, or move the redirect into its own rule.`,
      );
    }
    if (!redirect && backends.length === 0) {
      this.fail(`${at} has no backends, so it would answer 500. Add backends, or a RequestRedirect filter.`);
    }
    filters.forEach((f, k) => this.validateFilter(f, matches, `${at}.filters[${k}]`));

    if (backends.length > MAX_BACKENDS) {
      this.fail(
        `${at} has ${backends.length} backends, but a rule allows at most ${MAX_BACKENDS}. Split the traffic over several rules.`,
      );
    }
    backends.forEach((b, k) => this.validateBackend(b, `${at}.backends[${k}]`));
    if (rule.timeouts) this.validateTimeouts(rule.timeouts, `${at}.timeouts`);
  }

  private validateMatch(match: HttpRouteMatch, at: string): void {
    const path = match.path ?? PathMatch.prefix("/");
    if (!Token.isUnresolved(path.path)) {
      const problem = pathProblem(path.path);
      if (problem) this.fail(`${at} path ${show(path.path)} ${problem}.`);
      this.checkPath(path.path, at);
    }
    this.validateNameValues("header", match.headers, 4096, at);
    this.validateNameValues("query parameter", match.queryParams, 1024, at);
  }

  /** Fails unless `path` lies inside the tenant's prefixes and outside platform reservations. */
  private checkPath(path: string, at: string): void {
    const prefixes = this.tenant.pathPrefixes;
    if (!prefixes.some((p) => pathCovers(p, path))) {
      this.fail(
        `${at} path ${show(path)} is outside the path prefixes the tenant owns ${show(prefixes)}. ` +
          `Match a path under one of them${path === "/" ? " (add a match; a rule without matches means every path)" : ""}, ` +
          `or add the prefix to the tenant's pathPrefixes.`,
      );
    }
    const problem = this.reservationProblem(path, at);
    if (problem) this.fail(problem);
  }

  private reservationProblem(path: string, at: string): string | undefined {
    const gateway = this.tenant.gateway;
    const reservation = AppRegistry.of(gateway).ownership(gateway).findReservation(path, `tenant ${this.tenant.tenantName}`);
    if (!reservation) return undefined;
    return (
      `${at} path ${show(path)} is inside ${show(reservation.pathPrefix)}, which the platform reserves ` +
      `for ${reservation.owner} on every hostname. Use another path.`
    );
  }

  /** Reservation conflicts of every route path, for the synth-time validation. */
  private reservationProblems(): string[] {
    const problems: string[] = [];
    this.rules.forEach((rule, i) => {
      const paths = (rule.matches ?? []).map((m, j) => [(m.path ?? PathMatch.prefix("/")).path, `rules[${i}].matches[${j}]`]);
      for (const [path, at] of paths) {
        const problem = this.reservationProblem(path, at);
        if (problem) problems.push(`${this.subject()}: ${problem}`);
      }
    });
    return problems;
  }

  private validateNameValues(
    kind: string,
    entries: { readonly [name: string]: string } | undefined,
    maxValue: number,
    at: string,
  ): void {
    const pairs = Object.entries(entries ?? {});
    if (pairs.length > MAX_HEADERS) {
      this.fail(`${at} has ${pairs.length} ${kind} conditions, but a match allows at most ${MAX_HEADERS}.`);
    }
    for (const [name, value] of pairs) {
      const problem = httpTokenProblem(name);
      if (problem) this.fail(`${at} ${kind} name ${show(name)} ${problem}.`);
      if (Token.isUnresolved(value)) continue;
      if (value.length === 0 || value.length > maxValue) {
        this.fail(`${at} ${kind} ${show(name)} has value ${show(value)}; values must be 1 to ${maxValue} characters long.`);
      }
    }
  }

  private validateFilter(filter: HttpRouteFilter, matches: HttpRouteMatch[], at: string): void {
    switch (filter.type) {
      case HttpRouteFilterType.REQUEST_HEADER_MODIFIER:
      case HttpRouteFilterType.RESPONSE_HEADER_MODIFIER:
        this.validateHeaderModifier(filter.headers ?? {}, at);
        return;
      case HttpRouteFilterType.REQUEST_REDIRECT: {
        const r = filter.redirect ?? {};
        if (r.scheme === undefined && r.hostname === undefined && r.port === undefined) {
          this.fail(`${at} redirects to the same URL, which loops. Set scheme, hostname or port.`);
        }
        if (r.scheme !== undefined && !Object.values(RedirectScheme).includes(r.scheme)) {
          this.fail(`${at} redirect scheme ${show(r.scheme)} is not a RedirectScheme.`);
        }
        if (r.statusCode !== undefined && !Object.values(RedirectStatusCode).includes(r.statusCode)) {
          this.fail(`${at} redirect status code ${show(r.statusCode)} is not 301 or 302; use RedirectStatusCode.`);
        }
        this.validateTargetHost(r.hostname, `${at} redirect`);
        if (r.port !== undefined && !Token.isUnresolved(r.port) && !isPort(r.port)) {
          this.fail(`${at} redirect port ${show(r.port)} is not a port (1–65535).`);
        }
        return;
      }
      case HttpRouteFilterType.URL_REWRITE: {
        const w = filter.rewrite ?? {};
        if (w.hostname === undefined && w.path === undefined) {
          this.fail(`${at} URL rewrite changes nothing. Set hostname or path.`);
        }
        this.validateTargetHost(w.hostname, `${at} rewrite`);
        if (w.path) {
          const problem = Token.isUnresolved(w.path.path) ? undefined : pathProblem(w.path.path);
          if (problem) this.fail(`${at} rewrite path ${show(w.path.path)} ${problem}.`);
          const prefixMatches =
            matches.length === 0 || (matches.length === 1 && (matches[0].path?.type ?? PathMatchType.PREFIX) === PathMatchType.PREFIX);
          if (w.path.type === "ReplacePrefixMatch" && !prefixMatches) {
            this.fail(
              `${at} uses PathModifier.replacePrefixMatch, which needs the rule to have exactly one match with a ` +
                `PathMatch.prefix path. Split the rule, or use PathModifier.replaceFullPath.`,
            );
          }
        }
        return;
      }
      default:
        this.fail(`${at} has unknown filter type ${show((filter as HttpRouteFilter).type)}.`);
    }
  }

  private validateTargetHost(hostname: string | undefined, at: string): void {
    if (hostname === undefined || Token.isUnresolved(hostname)) return;
    const problem = hostnameProblem(hostname, false);
    if (problem) this.fail(`${at} hostname ${show(hostname)} ${problem}.`);
  }

  private validateHeaderModifier(options: HeaderModifierOptions, at: string): void {
    const set = Object.entries(options.set ?? {});
    const add = Object.entries(options.add ?? {});
    const remove = options.remove ?? [];
    if (set.length + add.length + remove.length === 0) {
      this.fail(`${at} header modifier changes nothing. Give set, add or remove.`);
    }
    for (const [field, count] of [["set", set.length], ["add", add.length], ["remove", remove.length]] as const) {
      if (count > MAX_HEADERS) this.fail(`${at} ${field}s ${count} headers, but a filter allows at most ${MAX_HEADERS}.`);
    }
    for (const name of [...set.map(([n]) => n), ...add.map(([n]) => n), ...remove]) {
      const problem = httpTokenProblem(name);
      if (problem) this.fail(`${at} header name ${show(name)} ${problem}.`);
    }
    for (const [name, value] of [...set, ...add]) {
      if (!Token.isUnresolved(value) && value.length > 4096) {
        this.fail(`${at} header ${show(name)} value is ${value.length} characters long (at most 4096).`);
      }
    }
  }

  private validateBackend(backend: HttpBackend, at: string): void {
    const name = backend.serviceName;
    if (!Token.isUnresolved(name)) {
      const problem = dns1035LabelProblem(name ?? "");
      if (problem) this.fail(`${at} service name ${show(name)} ${problem}. Name a Service in namespace ${show(this.tenant.namespaceName)}.`);
    }
    if (backend.port === undefined || backend.port === null) {
      this.fail(`${at} (service ${show(name)}) has no port; Service backends need one. Set port to the Service port.`);
    }
    if (!Token.isUnresolved(backend.port) && !isPort(backend.port)) {
      this.fail(`${at} (service ${show(name)}) port ${show(backend.port)} is not a port (1–65535).`);
    }
    const weight = backend.weight;
    if (weight !== undefined && !Token.isUnresolved(weight)) {
      if (weight < 0) {
        this.fail(`${at} (service ${show(name)}) has negative weight ${show(weight)}. Use 0 to send it no traffic.`);
      }
      if (!Number.isInteger(weight) || weight > MAX_WEIGHT) {
        this.fail(`${at} (service ${show(name)}) weight ${show(weight)} must be a whole number from 0 to ${MAX_WEIGHT}.`);
      }
    }
  }

  private validateTimeouts(timeouts: HttpRouteTimeouts, at: string): void {
    const parsed: { [field: string]: number | undefined } = {};
    for (const field of ["request", "backendRequest"] as const) {
      const value = timeouts[field];
      if (value === undefined || Token.isUnresolved(value)) continue;
      parsed[field] = parseDuration(value);
      if (parsed[field] === undefined) {
        this.fail(
          `${at}.${field} ${show(value)} is not a Gateway API duration. Use up to four number-unit pairs ` +
            `with units h, m, s, ms, such as "10s", "1m30s" or "500ms".`,
        );
      }
    }
    const { request, backendRequest } = parsed;
    if (request !== undefined && backendRequest !== undefined && request !== 0 && backendRequest > request) {
      this.fail(
        `${at}.backendRequest ${show(timeouts.backendRequest)} is longer than request ${show(timeouts.request)}. ` +
          `Make backendRequest at most request.`,
      );
    }
  }

  /**
   * Renders and schema-validates the HTTPRoute. Only the gateway's listeners can change after construction,
   * so the result is kept per listener set: cdktf resolves the Lazy twice at synth, and validation is the
   * costly part.
   */
  private toManifest(): { [key: string]: any } {
    const gateway = this.tenant.gateway;
    const key = gateway.listenerNames.join(",");
    if (this.rendered?.key === key) return this.rendered.manifest;
    const sections: (string | undefined)[] = gateway.listenerNames.length > 0 ? gateway.listenerNames : [undefined];
    const object = {
      apiVersion: "gateway.networking.k8s.io/v1" as const,
      kind: "HTTPRoute" as const,
      metadata: {
        name: this.routeName,
        namespace: this.tenant.namespaceName,
        labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
      },
      spec: {
        parentRefs: sections.map((sectionName) => ({
          group: "gateway.networking.k8s.io",
          kind: "Gateway",
          name: gateway.gatewayName,
          namespace: gateway.gatewayNamespace,
          sectionName,
        })),
        hostnames: [...this.hostnames],
        rules: this.rules.map(renderRule),
      },
    };
    // The schema bundled with the models caps matches per rule at 8 (Gateway API v1.1; v1.2 raised it to 64),
    // so each rule's matches are validated in slices of 8: every match is still checked against the schema.
    const longest = Math.max(0, ...object.spec.rules.map((r) => r.matches?.length ?? 0));
    for (let start = 0; start === 0 || start < longest; start += MODEL_MAX_MATCHES) {
      const slice = {
        ...object,
        spec: {
          ...object.spec,
          rules: object.spec.rules.map((r) =>
            r.matches ? { ...r, matches: r.matches.slice(start, start + MODEL_MAX_MATCHES) } : r,
          ),
        },
      };
      validatedManifest(this, new HttpRouteModel(slice as any));
    }
    const manifest = JSON.parse(JSON.stringify(object));
    this.rendered = { key, manifest };
    return manifest;
  }
}

function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

function nameValues(entries: { readonly [name: string]: string } | undefined): { name: string; value: string }[] | undefined {
  const pairs = Object.entries(entries ?? {});
  return pairs.length > 0 ? pairs.map(([name, value]) => ({ name, value })) : undefined;
}

function renderMatch(match: HttpRouteMatch) {
  const path = match.path ?? PathMatch.prefix("/");
  return {
    path: { type: path.type, value: path.path },
    headers: nameValues(match.headers)?.map((h) => ({ type: "Exact" as const, ...h })),
    queryParams: nameValues(match.queryParams)?.map((q) => ({ type: "Exact" as const, ...q })),
    method: match.method,
  };
}

function renderHeaderModifier(options: HeaderModifierOptions) {
  return {
    set: nameValues(options.set),
    add: nameValues(options.add),
    remove: options.remove && options.remove.length > 0 ? [...options.remove] : undefined,
  };
}

function renderFilter(filter: HttpRouteFilter) {
  switch (filter.type) {
    case HttpRouteFilterType.REQUEST_HEADER_MODIFIER:
      return { type: filter.type, requestHeaderModifier: renderHeaderModifier(filter.headers ?? {}) };
    case HttpRouteFilterType.RESPONSE_HEADER_MODIFIER:
      return { type: filter.type, responseHeaderModifier: renderHeaderModifier(filter.headers ?? {}) };
    case HttpRouteFilterType.REQUEST_REDIRECT: {
      const r = filter.redirect ?? {};
      return {
        type: filter.type,
        requestRedirect: {
          scheme: r.scheme,
          hostname: r.hostname,
          port: r.port,
          statusCode: r.statusCode ?? RedirectStatusCode.FOUND,
        },
      };
    }
    case HttpRouteFilterType.URL_REWRITE: {
      const w = filter.rewrite ?? {};
      const path = w.path
        ? w.path.type === "ReplaceFullPath"
          ? { type: w.path.type, replaceFullPath: w.path.path }
          : { type: w.path.type, replacePrefixMatch: w.path.path }
        : undefined;
      return { type: filter.type, urlRewrite: { hostname: w.hostname, path } };
    }
  }
}

function renderRule(rule: HttpRouteRule) {
  const backends = rule.backends ?? [];
  const filters = rule.filters ?? [];
  return {
    matches: rule.matches && rule.matches.length > 0 ? rule.matches.map(renderMatch) : undefined,
    filters: filters.length > 0 ? filters.map(renderFilter) : undefined,
    backendRefs:
      backends.length > 0
        ? backends.map((b) => ({ name: b.serviceName, port: b.port, weight: b.weight }))
        : undefined,
    timeouts: rule.timeouts ? { request: rule.timeouts.request, backendRequest: rule.timeouts.backendRequest } : undefined,
  };
}
