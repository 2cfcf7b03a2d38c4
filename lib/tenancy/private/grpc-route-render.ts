/**
 * Renders a GrpcRoute's options into the Gateway API GRPCRoute object. Pure functions over checked input: the
 * checks live in grpc-route-checks.ts.
 */
import { ISharedGateway } from "../../gateway/gateway-ref";
import type { GrpcRouteMatch, GrpcRouteRule } from "../grpc-route";
import { nameValues, renderFilter, renderHttpRoute } from "./http-route-render";

/** What a GRPCRoute object is made of. */
export interface GrpcRouteSpec {
  readonly name: string;
  readonly namespace: string;
  readonly gateway: ISharedGateway;
  readonly hostnames: readonly string[];
  readonly rules: readonly GrpcRouteRule[];
}

function renderMatch(match: GrpcRouteMatch) {
  const method = match.service === undefined ? undefined : { type: "Exact" as const, service: match.service, method: match.method };
  return { method, headers: nameValues(match.headers)?.map((h) => ({ type: "Exact" as const, ...h })) };
}

function renderRule(rule: GrpcRouteRule) {
  const filters = rule.filters ?? [];
  return {
    matches: rule.matches && rule.matches.length > 0 ? rule.matches.map(renderMatch) : undefined,
    filters: filters.length > 0 ? filters.map(renderFilter) : undefined,
    backendRefs: rule.backends.map((b) => ({ name: b.serviceName, port: b.port, weight: b.weight })),
  };
}

/** The GRPCRoute, attached to every listener of the gateway like an HTTPRoute. */
export function renderGrpcRoute(route: GrpcRouteSpec): { [key: string]: any } {
  const base = renderHttpRoute({ ...route, rules: [] });
  return { ...base, kind: "GRPCRoute", spec: { ...base.spec, rules: route.rules.map(renderRule) } };
}
