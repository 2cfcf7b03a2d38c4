/**
 * The synth-time checks of a GrpcRoute, apart from rendering. Hostnames, backends, header conditions and the
 * filters GRPCRoute shares with HTTPRoute are checked by the same code as an HttpRoute's; the paths a gRPC match
 * reaches (`/<service>/<method>`) are checked against the tenant's path prefixes like HTTP paths.
 */
import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { show } from "../../private/errors";
import type { GrpcRouteMatch, GrpcRouteRule } from "../grpc-route";
import { HttpRouteFilterType } from "../route-filter";
import type { Tenant } from "../tenant";
import { HTTP_ROUTE_LIMITS, HttpRouteChecks } from "./http-route-checks";

/** gRPC service and method names (Gateway API GRPCMethodMatch `Exact` rules). */
const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;
/** The filters GRPCRoute takes (Gateway API `GRPCRouteFilterType`, ExtensionRef left out). */
const GRPC_FILTERS: readonly HttpRouteFilterType[] = [
  HttpRouteFilterType.REQUEST_HEADER_MODIFIER,
  HttpRouteFilterType.RESPONSE_HEADER_MODIFIER,
  HttpRouteFilterType.REQUEST_MIRROR,
];

/** The route being checked. */
export interface CheckedGrpcRoute {
  readonly scope: IConstruct;
  readonly tenant: Tenant;
  readonly name: string;
  readonly hostnames: readonly string[];
  readonly rules: readonly GrpcRouteRule[];
}

/** The path a gRPC match reaches: `/svc/Method`, `/svc` (a prefix), or `/` without a service. */
export function grpcMatchPath(match: GrpcRouteMatch): string {
  if (match.service === undefined) return "/";
  return match.method === undefined ? `/${match.service}` : `/${match.service}/${match.method}`;
}

/** Runs every check of a GrpcRoute; the first problem throws. */
export class GrpcRouteChecks {
  private readonly http: HttpRouteChecks;

  constructor(private readonly route: CheckedGrpcRoute) {
    this.http = new HttpRouteChecks({ ...route, rules: [] });
  }

  /** Everything that can be checked when the route is created. */
  public checkAll(): void {
    this.http.checkName();
    this.http.checkHostnames();
    const { rules } = this.route;
    if (rules.length === 0) this.http.fail(`has no rules. Add at least one rule with backends.`);
    if (rules.length > HTTP_ROUTE_LIMITS.rules) {
      this.http.fail(`has ${rules.length} rules, but a GRPCRoute allows at most ${HTTP_ROUTE_LIMITS.rules}. Split it into several routes.`);
    }
    rules.forEach((rule, i) => this.checkRule(rule, `rules[${i}]`));
  }

  private checkRule(rule: GrpcRouteRule, at: string): void {
    const matches = rule.matches ?? [];
    if (matches.length > HTTP_ROUTE_LIMITS.matchesPerRule) {
      this.http.fail(`${at} has ${matches.length} matches, but a rule allows at most ${HTTP_ROUTE_LIMITS.matchesPerRule}.`);
    }
    if (matches.length === 0) this.http.checkPath("/", `${at} (no matches: every service)`);
    matches.forEach((m, j) => this.checkMatch(m, `${at}.matches[${j}]`));
    const backends = rule.backends ?? [];
    if (backends.length === 0) this.http.fail(`${at} has no backends. Add the Service that serves these calls.`);
    this.http.checkBackends(backends, at);
    this.checkFilters(rule, at);
  }

  private checkMatch(match: GrpcRouteMatch, at: string): void {
    const { service, method } = match;
    if (method !== undefined && service === undefined) {
      this.http.fail(`${at} names method ${show(method)} without a service. Set service too, e.g. "helloworld.Greeter".`);
    }
    if (service !== undefined && !Token.isUnresolved(service) && !GRPC_SERVICE.test(service)) {
      this.http.fail(`${at} service ${show(service)} is not a gRPC service name (e.g. "helloworld.Greeter").`);
    }
    if (method !== undefined && !Token.isUnresolved(method) && !GRPC_METHOD.test(method)) {
      this.http.fail(`${at} method ${show(method)} is not a gRPC method name (e.g. "SayHello").`);
    }
    if (!Token.isUnresolved(service ?? "") && !Token.isUnresolved(method ?? "")) this.http.checkPath(grpcMatchPath(match), at);
    this.http.checkNameValues("header", match.headers, HTTP_ROUTE_LIMITS.headerValue, at);
  }

  private checkFilters(rule: GrpcRouteRule, at: string): void {
    const filters = rule.filters ?? [];
    const types = filters.map((f) => f.type);
    const repeated = types.find((t, k) => types.indexOf(t) !== k);
    if (repeated) this.http.fail(`${at} has more than one ${repeated} filter. Merge them into one.`);
    filters.forEach((filter, k) => {
      const fat = `${at}.filters[${k}]`;
      if (!GRPC_FILTERS.includes(filter.type)) {
        this.http.fail(`${fat} is a ${filter.type} filter, which GRPCRoute does not take. Use ${GRPC_FILTERS.join(", ")}.`);
      }
      if (filter.type === HttpRouteFilterType.REQUEST_MIRROR) this.http.checkMirror(filter.mirror, fat);
      else this.http.checkHeaderModifier(filter.headers ?? {}, fat);
    });
  }
}
