/**
 * The synth-time checks of an HttpRoute, apart from rendering: names, hostnames and paths against what the
 * tenant owns and the platform reserves, Gateway API limits, filters, backends and timeouts. Each check throws a
 * ValidationError naming the route's construct path, the route, the offending value and the fix.
 */
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { AppRegistry } from "../../private/app-registry";
import { ValidationError, show } from "../../private/errors";
import { hostnameCovers, pathCovers } from "../../private/route-ownership";
import {
  dns1035LabelProblem,
  dnsSubdomainProblem,
  hostnameProblem,
  httpTokenProblem,
  parseDuration,
  pathProblem,
} from "../../private/validation";
import { HttpBackend } from "../backend";
import type { HttpRouteRule, HttpRouteTimeouts } from "../http-route";
import {
  CorsOptions,
  HeaderModifierOptions,
  HttpRouteFilter,
  HttpRouteFilterType,
  PathModifier,
  RedirectScheme,
  RedirectStatusCode,
  RequestMirrorOptions,
} from "../route-filter";
import { HttpMethod } from "../route-match";
import { HttpRouteMatch, PathMatch, PathMatchType } from "../route-match";
import type { Tenant } from "../tenant";

/** Gateway API limits on one HTTPRoute (Gateway API v1.2+: apis/v1/httproute_types.go). */
export const HTTP_ROUTE_LIMITS = {
  hostnames: 16,
  rules: 16,
  matchesPerRule: 64,
  matchesPerRoute: 128,
  filters: 16,
  backends: 16,
  headers: 16,
  weight: 1_000_000,
  headerValue: 4096,
  queryValue: 1024,
  corsEntries: 64,
  pathValue: 1024,
} as const;

/** The route being checked. */
export interface CheckedRoute {
  readonly scope: IConstruct;
  readonly tenant: Tenant;
  readonly name: string;
  readonly hostnames: readonly string[];
  readonly rules: readonly HttpRouteRule[];
}

/** Runs every check of an HttpRoute; the first problem throws. */
export class HttpRouteChecks {
  constructor(private readonly route: CheckedRoute) {}

  /** Everything that can be checked when the route is created. */
  public checkAll(): void {
    this.checkName();
    this.checkHostnames();
    this.checkRules();
  }

  /** Reservation conflicts of every route path, for the synth-time validation (reservations made later). */
  public reservationProblems(): string[] {
    const problems: string[] = [];
    this.route.rules.forEach((rule, i) => {
      (rule.matches ?? []).forEach((m, j) => {
        // A regular expression's reach cannot be compared with a reservation; only tenants owning `/` use them.
        if (m.path?.type === PathMatchType.REGULAR_EXPRESSION) return;
        const problem = this.reservationProblem((m.path ?? PathMatch.prefix("/")).path, `rules[${i}].matches[${j}]`);
        if (problem) problems.push(`${this.subject()}: ${problem}`);
      });
    });
    return problems;
  }

  private subject(): string {
    return `route ${show(this.route.name)} of tenant ${show(this.route.tenant.tenantName)}`;
  }

  /** Throws a ValidationError naming the route. */
  public fail(message: string): never {
    throw new ValidationError(this.route.scope, `${this.subject()}: ${message}`);
  }

  /** The route name is a DNS-1123 subdomain. */
  public checkName(): void {
    if (Token.isUnresolved(this.route.name)) return;
    const problem = dnsSubdomainProblem(this.route.name);
    if (problem) this.fail(`the name ${problem}. Pass a name such as "api" (lower case) in the route options.`);
  }

  /** Hostnames: 1 to 16, valid, within the tenant's. */
  public checkHostnames(): void {
    const { hostnames } = this.route;
    const owned = this.route.tenant.hostnames;
    if (hostnames.length === 0) {
      this.fail(
        `hostnames is empty; a route without hostnames would serve every hostname on the gateway. ` +
          `List some of the tenant's hostnames ${show(owned)}, or leave hostnames out to use all of them.`,
      );
    }
    if (hostnames.length > HTTP_ROUTE_LIMITS.hostnames) {
      this.fail(
        `has ${hostnames.length} hostnames, but an HTTPRoute allows at most ${HTTP_ROUTE_LIMITS.hostnames}. ` +
          `Split the hostnames over several routes (pass hostnames explicitly).`,
      );
    }
    for (const hostname of hostnames) {
      if (Token.isUnresolved(hostname)) this.fail(`hostname ${show(hostname)} is an unresolved token; hostnames must be concrete strings.`);
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

  private checkRules(): void {
    const { rules } = this.route;
    if (rules.length === 0) this.fail(`has no rules. Add at least one rule with backends.`);
    if (rules.length > HTTP_ROUTE_LIMITS.rules) {
      this.fail(`has ${rules.length} rules, but an HTTPRoute allows at most ${HTTP_ROUTE_LIMITS.rules}. Split it into several routes.`);
    }
    const total = rules.reduce((n, r) => n + (r.matches?.length ?? 0), 0);
    if (total > HTTP_ROUTE_LIMITS.matchesPerRoute) {
      this.fail(
        `has ${total} matches in all, but an HTTPRoute allows at most ${HTTP_ROUTE_LIMITS.matchesPerRoute}. Split it into several routes.`,
      );
    }
    rules.forEach((rule, i) => this.checkRule(rule, `rules[${i}]`));
  }

  private checkRule(rule: HttpRouteRule, at: string): void {
    const matches = rule.matches ?? [];
    if (matches.length > HTTP_ROUTE_LIMITS.matchesPerRule) {
      this.fail(
        `${at} has ${matches.length} matches, but a rule allows at most ${HTTP_ROUTE_LIMITS.matchesPerRule}. Split it into several rules.`,
      );
    }
    if (matches.length === 0) this.checkPath("/", `${at} (no matches: every path)`);
    matches.forEach((m, j) => this.checkMatch(m, `${at}.matches[${j}]`));
    this.checkFilters(rule, at);
    this.checkBackends(rule.backends ?? [], at);
    if (rule.timeouts) this.checkTimeouts(rule.timeouts, `${at}.timeouts`);
  }

  private checkFilters(rule: HttpRouteRule, at: string): void {
    const filters = rule.filters ?? [];
    const backends = rule.backends ?? [];
    if (filters.length > HTTP_ROUTE_LIMITS.filters) {
      this.fail(`${at} has ${filters.length} filters, but a rule allows at most ${HTTP_ROUTE_LIMITS.filters}.`);
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
    filters.forEach((f, k) => this.checkFilter(f, rule.matches ?? [], `${at}.filters[${k}]`));
  }

  private checkMatch(match: HttpRouteMatch, at: string): void {
    const path = match.path ?? PathMatch.prefix("/");
    if (path.type === PathMatchType.REGULAR_EXPRESSION) {
      this.checkRegularExpression(path.path, at);
    } else if (!Token.isUnresolved(path.path)) {
      const problem = pathProblem(path.path);
      if (problem) this.fail(`${at} path ${show(path.path)} ${problem}.`);
      this.checkPath(path.path, at);
    }
    this.checkNameValues("header", match.headers, HTTP_ROUTE_LIMITS.headerValue, at);
    this.checkNameValues("query parameter", match.queryParams, HTTP_ROUTE_LIMITS.queryValue, at);
  }

  /**
   * A regular expression path: only for tenants owning `/` (its reach cannot be checked against prefixes; the
   * admission policy refuses it otherwise too), non-empty, at most 1024 characters, without what RE2 lacks.
   */
  private checkRegularExpression(pattern: string, at: string): void {
    const prefixes = this.route.tenant.pathPrefixes;
    if (!prefixes.includes("/")) {
      this.fail(
        `${at} path regular expression ${show(pattern)} needs a tenant that owns "/": what it matches cannot be ` +
          `checked against the path prefixes the tenant owns ${show(prefixes)}. Use PathMatch.prefix or ` +
          `PathMatch.exact, or give the tenant pathPrefixes ["/"] on its own hostnames.`,
      );
    }
    if (Token.isUnresolved(pattern)) return;
    if (pattern.length === 0 || pattern.length > HTTP_ROUTE_LIMITS.pathValue) {
      this.fail(`${at} path regular expression ${show(pattern)} must be 1 to ${HTTP_ROUTE_LIMITS.pathValue} characters long.`);
    }
    const problem = re2Problem(pattern);
    if (problem) this.fail(`${at} path regular expression ${show(pattern)} ${problem}.`);
  }

  /** Fails unless `path` lies inside the tenant's prefixes and outside platform reservations. */
  public checkPath(path: string, at: string): void {
    const prefixes = this.route.tenant.pathPrefixes;
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
    const { tenant } = this.route;
    const gateway = tenant.gateway;
    const reservation = AppRegistry.of(gateway).ownership(gateway).findReservation(path, `tenant ${tenant.tenantName}`);
    if (!reservation) return undefined;
    return (
      `${at} path ${show(path)} is inside ${show(reservation.pathPrefix)}, which the platform reserves ` +
      `for ${reservation.owner} on every hostname. Use another path.`
    );
  }

  /** Name/value conditions: at most 16, HTTP token names, values 1 to `maxValue` characters. */
  public checkNameValues(kind: string, entries: { readonly [name: string]: string } | undefined, maxValue: number, at: string): void {
    const pairs = Object.entries(entries ?? {});
    if (pairs.length > HTTP_ROUTE_LIMITS.headers) {
      this.fail(`${at} has ${pairs.length} ${kind} conditions, but a match allows at most ${HTTP_ROUTE_LIMITS.headers}.`);
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

  private checkFilter(filter: HttpRouteFilter, matches: readonly HttpRouteMatch[], at: string): void {
    switch (filter.type) {
      case HttpRouteFilterType.REQUEST_MIRROR:
        return this.checkMirror(filter.mirror, at);
      case HttpRouteFilterType.CORS:
        return this.checkCors(filter.cors, at);
      case HttpRouteFilterType.REQUEST_HEADER_MODIFIER:
      case HttpRouteFilterType.RESPONSE_HEADER_MODIFIER:
        return this.checkHeaderModifier(filter.headers ?? {}, at);
      case HttpRouteFilterType.REQUEST_REDIRECT:
        return this.checkRedirect(filter, matches, at);
      case HttpRouteFilterType.URL_REWRITE:
        return this.checkRewrite(filter, matches, at);
      default:
        this.fail(`${at} has unknown filter type ${show((filter as HttpRouteFilter).type)}.`);
    }
  }

  private checkRedirect(filter: HttpRouteFilter, matches: readonly HttpRouteMatch[], at: string): void {
    const r = filter.redirect ?? {};
    if (r.scheme === undefined && r.hostname === undefined && r.port === undefined && r.path === undefined) {
      this.fail(`${at} redirects to the same URL, which loops. Set scheme, hostname, port or path.`);
    }
    if (r.path) this.checkPathModifier(r.path, matches, `${at} redirect`);
    if (r.scheme !== undefined && !Object.values(RedirectScheme).includes(r.scheme)) {
      this.fail(`${at} redirect scheme ${show(r.scheme)} is not a RedirectScheme.`);
    }
    if (r.statusCode !== undefined && !Object.values(RedirectStatusCode).includes(r.statusCode)) {
      this.fail(`${at} redirect status code ${show(r.statusCode)} is not a RedirectStatusCode (301, 302, 303, 307, 308).`);
    }
    this.checkTargetHost(r.hostname, `${at} redirect`);
    if (r.port !== undefined && !Token.isUnresolved(r.port) && !isPort(r.port)) {
      this.fail(`${at} redirect port ${show(r.port)} is not a port (1–65535).`);
    }
  }

  private checkRewrite(filter: HttpRouteFilter, matches: readonly HttpRouteMatch[], at: string): void {
    const w = filter.rewrite ?? {};
    if (w.hostname === undefined && w.path === undefined) this.fail(`${at} URL rewrite changes nothing. Set hostname or path.`);
    this.checkTargetHost(w.hostname, `${at} rewrite`);
    if (w.path) this.checkPathModifier(w.path, matches, `${at} rewrite`);
  }

  private checkPathModifier(path: PathModifier, matches: readonly HttpRouteMatch[], at: string): void {
    const problem = Token.isUnresolved(path.path) ? undefined : pathProblem(path.path);
    if (problem) this.fail(`${at} path ${show(path.path)} ${problem}.`);
    const prefixMatches =
      matches.length === 0 || (matches.length === 1 && (matches[0].path?.type ?? PathMatchType.PREFIX) === PathMatchType.PREFIX);
    if (path.type === "ReplacePrefixMatch" && !prefixMatches) {
      this.fail(
        `${at} uses PathModifier.replacePrefixMatch, which needs the rule to have exactly one match with a ` +
          `PathMatch.prefix path. Split the rule, or use PathModifier.replaceFullPath.`,
      );
    }
  }

  /** A mirror target: a Service in the tenant's namespace with a port; percent 0–100. */
  public checkMirror(mirror: RequestMirrorOptions | undefined, at: string): void {
    if (!mirror) this.fail(`${at} mirror filter has no target. Use HttpRouteFilter.requestMirror({ serviceName, port }).`);
    this.checkBackend({ serviceName: mirror.serviceName, port: mirror.port }, `${at} mirror`);
    const p = mirror.percent;
    if (p !== undefined && !Token.isUnresolved(p) && (!Number.isInteger(p) || p < 0 || p > 100)) {
      this.fail(`${at} mirror percent ${show(p)} must be a whole number from 0 to 100.`);
    }
  }

  private checkCors(cors: CorsOptions | undefined, at: string): void {
    const origins = cors?.allowOrigins ?? [];
    if (origins.length === 0) {
      this.fail(`${at} CORS filter allows no origin. List origins such as "https://app.example.com", or "*" for any.`);
    }
    const lists: Array<[string, readonly string[]]> = [
      ["allowOrigins", origins],
      ["allowHeaders", cors?.allowHeaders ?? []],
      ["exposeHeaders", cors?.exposeHeaders ?? []],
    ];
    for (const [field, values] of lists) {
      if (values.length > HTTP_ROUTE_LIMITS.corsEntries) this.fail(`${at} CORS ${field} has ${values.length} entries (at most ${HTTP_ROUTE_LIMITS.corsEntries}).`);
      if (values.includes("*") && values.length > 1) this.fail(`${at} CORS ${field} lists "*" with other values; "*" must stand alone.`);
    }
    for (const origin of origins) {
      if (!Token.isUnresolved(origin) && origin !== "*" && !CORS_ORIGIN.test(origin)) {
        this.fail(`${at} CORS origin ${show(origin)} is not an origin. Use scheme://host[:port], e.g. "https://app.example.com".`);
      }
    }
    const unknown = (cors?.allowMethods ?? []).find((m) => !Object.values(HttpMethod).includes(m));
    if (unknown !== undefined) this.fail(`${at} CORS method ${show(unknown)} is not an HttpMethod.`);
    const age = cors?.maxAgeSeconds;
    if (age !== undefined && !Token.isUnresolved(age) && (!Number.isInteger(age) || age < 1 || age > 2147483647)) {
      this.fail(`${at} CORS maxAgeSeconds ${show(age)} must be a whole number of seconds, at least 1.`);
    }
  }

  private checkTargetHost(hostname: string | undefined, at: string): void {
    if (hostname === undefined || Token.isUnresolved(hostname)) return;
    const problem = hostnameProblem(hostname, false);
    if (problem) this.fail(`${at} hostname ${show(hostname)} ${problem}.`);
  }

  /** A header modifier changes something, within the Gateway API limits. */
  public checkHeaderModifier(options: HeaderModifierOptions, at: string): void {
    const set = Object.entries(options.set ?? {});
    const add = Object.entries(options.add ?? {});
    const remove = options.remove ?? [];
    if (set.length + add.length + remove.length === 0) this.fail(`${at} header modifier changes nothing. Give set, add or remove.`);
    for (const [field, count] of [["set", set.length], ["add", add.length], ["remove", remove.length]] as const) {
      if (count > HTTP_ROUTE_LIMITS.headers) this.fail(`${at} ${field}s ${count} headers, but a filter allows at most ${HTTP_ROUTE_LIMITS.headers}.`);
    }
    for (const name of [...set.map(([n]) => n), ...add.map(([n]) => n), ...remove]) {
      const problem = httpTokenProblem(name);
      if (problem) this.fail(`${at} header name ${show(name)} ${problem}.`);
    }
    for (const [name, value] of [...set, ...add]) {
      if (!Token.isUnresolved(value) && value.length > HTTP_ROUTE_LIMITS.headerValue) {
        this.fail(`${at} header ${show(name)} value is ${value.length} characters long (at most ${HTTP_ROUTE_LIMITS.headerValue}).`);
      }
    }
  }

  /** Backends: at most 16, each valid, not all weight 0. */
  public checkBackends(backends: readonly HttpBackend[], at: string): void {
    if (backends.length > HTTP_ROUTE_LIMITS.backends) {
      this.fail(
        `${at} has ${backends.length} backends, but a rule allows at most ${HTTP_ROUTE_LIMITS.backends}. Split the traffic over several rules.`,
      );
    }
    backends.forEach((b, k) => this.checkBackend(b, `${at}.backends[${k}]`));
    const weights = backends.map((b) => b.weight ?? 1);
    if (backends.length > 0 && weights.every((w) => !Token.isUnresolved(w) && w === 0)) {
      this.fail(
        `${at} gives every backend weight 0, so the rule sends no traffic anywhere and answers 500. Give at ` +
          `least one backend a weight above 0, or remove the rule.`,
      );
    }
  }

  private checkBackend(backend: HttpBackend, at: string): void {
    const name = backend.serviceName;
    if (!Token.isUnresolved(name)) {
      const problem = dns1035LabelProblem(name ?? "");
      if (problem) this.fail(`${at} service name ${show(name)} ${problem}. Name a Service in namespace ${show(this.route.tenant.namespaceName)}.`);
    }
    if (backend.port === undefined || backend.port === null) {
      this.fail(`${at} (service ${show(name)}) has no port; Service backends need one. Set port to the Service port.`);
    }
    if (!Token.isUnresolved(backend.port) && !isPort(backend.port)) {
      this.fail(`${at} (service ${show(name)}) port ${show(backend.port)} is not a port (1–65535).`);
    }
    const weight = backend.weight;
    if (weight === undefined || Token.isUnresolved(weight)) return;
    if (weight < 0) this.fail(`${at} (service ${show(name)}) has negative weight ${show(weight)}. Use 0 to send it no traffic.`);
    if (!Number.isInteger(weight) || weight > HTTP_ROUTE_LIMITS.weight) {
      this.fail(`${at} (service ${show(name)}) weight ${show(weight)} must be a whole number from 0 to ${HTTP_ROUTE_LIMITS.weight}.`);
    }
  }

  private checkTimeouts(timeouts: HttpRouteTimeouts, at: string): void {
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
}

/** Origins as the CORS filter's schema accepts them (Gateway API v1.5.1 `allowOrigins` pattern). */
const CORS_ORIGIN = /^https?:\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$/;

/**
 * RE2's inline flags, anywhere in a pattern: `(?i)` sets flags for the rest of the group, `(?i:re)` for `re`
 * (flags i, m, s, U; `-` clears). JavaScript before Node 23 has neither, so they are rewritten for the parse.
 */
const RE2_FLAGS = /\(\?(?:[imsU]+(?:-[imsU]+)?|-[imsU]+)([):])/g;

/**
 * Why `pattern` is not an RE2 expression Envoy would accept, if it is not: RE2 has no lookaround and no
 * backreferences, and the rest must at least parse.
 */
export function re2Problem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return "uses lookaround, which RE2 does not support";
  if (/\\[1-9]/.test(pattern)) return "uses a backreference, which RE2 does not support";
  if (/\(\?[-imsU]+\)[*+?{]/.test(pattern)) return "does not parse: a flag group such as (?i) cannot be repeated";
  try {
    new RegExp(pattern.replace(RE2_FLAGS, (_flags, end: string) => (end === ":" ? "(?:" : "")));
  } catch (e) {
    return `does not parse: ${(e as Error).message}`;
  }
  return undefined;
}

function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}
