/**
 * Routes and tenants from the rules of every Ingress: hosts with the same rules share a route, routes are split
 * at 16 rules, and each namespace becomes one tenant owning the hosts and path prefixes its routes use.
 */
import { normalizePath, pathCovers } from "../../private/route-ownership";
import type { GrpcRouteRule } from "../../tenancy/grpc-route";
import type { HttpRouteRule } from "../../tenancy/http-route";
import { HostRules } from "./rules";
import { IngressContext } from "./settings";
import { HTTP_ROUTE_LIMITS } from "../../tenancy/private/http-route-checks";

/** One route to create. */
export interface RoutePlan {
  readonly kind: "http" | "grpc";
  /** Construct id under the tenant's `Routes`. */
  readonly id: string;
  /** Kubernetes name. */
  readonly name: string;
  /** `<namespace>/<name>` of the Ingress it comes from. */
  readonly ingress: string;
  readonly hostnames: string[];
  readonly rules: (HttpRouteRule | GrpcRouteRule)[];
}

/** One tenant to create. */
export interface TenantPlan {
  readonly name: string;
  readonly namespace: string;
  readonly hostnames: string[];
  readonly pathPrefixes: string[];
  readonly routes: RoutePlan[];
}

/** The rules of one Ingress, grouped by hosts that share them. */
export interface IngressRoutes {
  readonly ctx: IngressContext;
  readonly hosts: readonly HostRules[];
  /** Hosts of the Ingress's own rules (not www twins), which take the server-alias names. */
  readonly ruleHosts: ReadonlySet<string>;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The routes of one Ingress: one per group of hosts with identical rules, split at the rule limit. */
export function routesOf(ir: IngressRoutes): RoutePlan[] {
  const groups = new Map<string, { kind: "http" | "grpc"; hostnames: string[]; rules: (HttpRouteRule | GrpcRouteRule)[] }>();
  for (const h of ir.hosts) {
    const key = `${h.kind} ${JSON.stringify(h.rules)}`;
    const group = groups.get(key) ?? { kind: h.kind, hostnames: [], rules: h.rules };
    group.hostnames.push(h.host);
    groups.set(key, group);
  }
  const aliases = ir.ctx.settings.aliases.map((a) => a.toLowerCase());
  const split = [...groups.values()].flatMap((g) => {
    const hostnames = g.hostnames.some((h) => ir.ruleHosts.has(h)) ? [...new Set([...g.hostnames, ...aliases])] : g.hostnames;
    return chunks(hostnames, HTTP_ROUTE_LIMITS.hostnames).flatMap((hs) => chunks(g.rules, HTTP_ROUTE_LIMITS.rules).map((rules) => ({ kind: g.kind, hostnames: hs, rules })));
  });
  const base = ir.ctx.ingress.metadata?.name ?? "ingress";
  return split.map((r) => {
    const sameKind = split.filter((x) => x.kind === r.kind);
    const name = sameKind.length > 1 ? `${base}-${sameKind.indexOf(r) + 1}` : base;
    return { kind: r.kind, id: r.kind === "grpc" ? `grpc-${name}` : name, name, ingress: ir.ctx.key, hostnames: r.hostnames, rules: r.rules };
  });
}

/** Prefixes without those another one covers (`/` alone when it is there). */
export function minimalPrefixes(prefixes: Iterable<string>): string[] {
  const all = [...new Set([...prefixes].map(normalizePath))].sort();
  return all.filter((p) => !all.some((q) => q !== p && pathCovers(q, p)));
}

/** One tenant per namespace, named by `tenantNames` or after the namespace. */
export function tenantsOf(ingresses: readonly IngressRoutes[], tenantNames: { readonly [namespace: string]: string }): TenantPlan[] {
  const byNamespace = new Map<string, { routes: RoutePlan[]; hosts: Set<string>; prefixes: Set<string> }>();
  for (const ir of ingresses) {
    const routes = routesOf(ir);
    if (routes.length === 0) continue;
    const t = byNamespace.get(ir.ctx.namespace) ?? { routes: [], hosts: new Set<string>(), prefixes: new Set<string>() };
    t.routes.push(...routes);
    routes.forEach((r) => r.hostnames.forEach((h) => t.hosts.add(h)));
    ir.hosts.forEach((h) => h.prefixes.forEach((p) => t.prefixes.add(p)));
    byNamespace.set(ir.ctx.namespace, t);
  }
  return [...byNamespace.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, t]) => ({
      name: tenantNames[namespace] ?? namespace,
      namespace,
      hostnames: [...t.hosts].sort(),
      pathPrefixes: minimalPrefixes(t.prefixes),
      routes: t.routes,
    }));
}
