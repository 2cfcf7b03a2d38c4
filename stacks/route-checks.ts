/**
 * Checks of the route checks a TrafficStack declares for the verifier. Internal to the stacks (not exported).
 */
import { Lazy, Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError } from "../lib/core/errors";
import { show } from "../lib/core/show";
import { Tenant } from "../lib/tenancy/tenant";
import { HealthResponder } from "../lib/gateway/health-responder";
import { ISharedGateway } from "../lib/gateway/gateway-ref";
import type { RouteCheck } from "./traffic-stack";

/** Who serves which (hostname, path) on the gateway, for checking where a route check lands. */
export interface RouteCheckTargets {
  /** Hosts only the health route serves: the gateway's private IP and, when set, the edge probe's host. */
  readonly healthHosts: readonly string[];
  /** The path prefix the health route serves on every hostname. */
  readonly healthPrefix: string;
  /** The tenants on the gateway. */
  readonly tenants: readonly Tenant[];
}

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Checks one route check's own fields, before it is added. */
export function checkRouteCheck(scope: IConstruct, check: RouteCheck, existing: readonly RouteCheck[]): void {
  const fail = (message: string): never => {
    throw new ValidationError(scope, `route check ${show(check.name)}: ${message}`);
  };
  if (typeof check.name !== "string" || check.name.trim() === "") fail(`name must be a non-empty string, got ${show(check.name)}.`);
  if (existing.some((c) => c.name === check.name)) fail(`another route check has this name; give each check its own name.`);
  if (!Token.isUnresolved(check.host) && !DNS_NAME.test(check.host) && !IPV4.test(check.host)) {
    fail(`host ${show(check.host)} is not a lower-case DNS name or an IPv4 address (no scheme, port or path).`);
  }
  if (!Token.isUnresolved(check.path) && !/^\/[^\s#]{0,2047}$/.test(check.path)) {
    fail(`path ${show(check.path)} must start with "/" and hold no spaces or fragment, e.g. "/app1/healthz".`);
  }
  const status = check.expectStatus;
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
    fail(`expectStatus must be an HTTP status code 100-599, got ${show(status)}.`);
  }
  if (check.expectBodyContains !== undefined && (typeof check.expectBodyContains !== "string" || check.expectBodyContains === "")) {
    fail(`expectBodyContains must be a non-empty string, got ${show(check.expectBodyContains)}; leave it out not to check the body.`);
  }
}

/** Where each check lands: problems for checks that no route would answer. Run at synth, once all tenants exist. */
export function routeCheckTargetProblems(checks: readonly RouteCheck[], targets: RouteCheckTargets): string[] {
  const problems: string[] = [];
  for (const check of checks) {
    if (Token.isUnresolved(check.host) || Token.isUnresolved(check.path)) continue;
    const path = check.path.split("?")[0];
    if (targets.healthHosts.some((h) => !Token.isUnresolved(h) && h === check.host)) {
      if (path !== targets.healthPrefix && !path.startsWith(`${targets.healthPrefix}/`)) {
        problems.push(
          `route check ${show(check.name)}: host ${show(check.host)} is the gateway's IP, which only the health route serves ` +
            `(${targets.healthPrefix}); path ${show(check.path)} would get 404. Use a tenant's hostname.`,
        );
      }
      continue;
    }
    if (targets.tenants.some((t) => t.ownsPath(check.host, path))) continue;
    const owners = targets.tenants.filter((t) => t.ownsHostname(check.host)).map((t) => t.tenantName);
    problems.push(
      `route check ${show(check.name)}: no tenant owns path ${show(check.path)} on host ${show(check.host)}` +
        (owners.length > 0 ? ` (tenants owning the host: ${owners.join(", ")}, on other paths)` : " (no tenant owns the host)") +
        `, so the request could only get 404. Check a host and path a tenant owns.`,
    );
  }
  return problems;
}

/** Every tenant on `gateway`, across the stacks of its app, in creation order. */
export function tenantsOf(gateway: ISharedGateway): readonly Tenant[] {
  return Tenant.allOn(gateway);
}

/** Where a stack's route checks land, checked against every tenant on the gateway; messages start with the stack path. */
export function routeCheckProblems(
  stack: IConstruct,
  checks: readonly RouteCheck[],
  traffic: { readonly gateway: ISharedGateway; readonly gatewayAddress: string; readonly healthCheckHost: string } = stack as any,
): string[] {
  return routeCheckTargetProblems(checks, {
    healthHosts: [traffic.gatewayAddress, traffic.healthCheckHost],
    healthPrefix: HealthResponder.PATH_PREFIX,
    tenants: tenantsOf(traffic.gateway),
  }).map((p) => `${stack.node.path}: ${p}`);
}

/** The `route_checks` output's value: the checks as the verifier reads them, resolved at synth (after every add). */
export function routeChecksOutputValue(checks: readonly RouteCheck[]): unknown {
  return Lazy.anyValue({
    produce: () =>
      checks.map((c) => ({
        name: c.name,
        host: c.host,
        path: c.path,
        expect_status: c.expectStatus ?? 200,
        expect_body_contains: c.expectBodyContains ?? null,
      })),
  });
}

/** The `tenant_hostnames` output's value: every hostname of `tenants`, once, resolved at synth. */
export function tenantHostnamesOutputValue(tenants: readonly Tenant[]): string[] {
  return Lazy.listValue({ produce: () => [...new Set(tenants.flatMap((t) => t.hostnames))] });
}
