/**
 * Application Gateway v2 limits, checked on what the construct renders. Not part of the public API.
 *
 * Source: Azure subscription and service limits, "Application Gateway limits" (MicrosoftDocs/azure-docs:
 * includes/application-gateway-limits.md). The counts apply to WAF_v2 with DRS or CRS 3.2; with CRS 3.1 or older
 * they drop to 40, which this library never configures (it offers only the Default Rule Set).
 */
import { MAX_HOST_NAMES_PER_LISTENER, RenderedGateway } from "./application-gateway-render";

/** Where the limits are published. */
export const LIMITS_SOURCE =
  "Azure subscription and service limits, Application Gateway limits: https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#application-gateway-limits";

/** What one limit counts in a rendered gateway. */
export interface GatewayCounts {
  readonly sslCertificates: number;
  readonly listeners: number;
  /** Listeners whose rule routes to a backend pool (Azure: "active listeners"). */
  readonly activeListeners: number;
  readonly routingRules: number;
  readonly frontendPorts: number;
  readonly trustedRootCertificates: number;
  readonly redirectConfigurations: number;
  readonly backendSettings: number;
  /** The most host names on one listener. */
  readonly hostNamesPerListener: number;
}

/** One published limit. */
export interface GatewayLimit {
  readonly key: keyof GatewayCounts;
  /** How the limit reads in Azure's table. */
  readonly what: string;
  readonly max: number;
}

/** The v2 limits the construct can approach, in the order they are reported. */
export const V2_LIMITS: readonly GatewayLimit[] = [
  { key: "sslCertificates", what: "SSL certificates", max: 100 },
  { key: "activeListeners", what: "active HTTP listeners (listeners whose rule routes to a backend pool)", max: 100 },
  { key: "listeners", what: "HTTP listeners", max: 200 },
  { key: "routingRules", what: "request routing rules", max: 400 },
  { key: "frontendPorts", what: "frontend ports", max: 100 },
  { key: "hostNamesPerListener", what: "host names per listener", max: MAX_HOST_NAMES_PER_LISTENER },
  { key: "trustedRootCertificates", what: "trusted root certificates", max: 100 },
  { key: "redirectConfigurations", what: "redirect configurations", max: 100 },
  { key: "backendSettings", what: "backend HTTP settings", max: 100 },
];

/** Counts what the limits cover in a rendered gateway. */
export function countGateway(g: RenderedGateway): GatewayCounts {
  const rules = g.requestRoutingRule;
  const routed = new Set(rules.filter((r) => r.backendAddressPoolName !== undefined).map((r) => r.httpListenerName));
  return {
    sslCertificates: g.sslCertificate?.length ?? 0,
    listeners: g.httpListener.length,
    activeListeners: routed.size,
    routingRules: rules.length,
    frontendPorts: g.frontendPort.length,
    trustedRootCertificates: g.trustedRootCertificate?.length ?? 0,
    redirectConfigurations: g.redirectConfiguration?.length ?? 0,
    backendSettings: g.backendHttpSettings.length,
    hostNamesPerListener: Math.max(0, ...g.httpListener.map((l) => l.hostNames?.length ?? 0)),
  };
}

/** The first limit `counts` breaks, or `undefined`. */
export function brokenLimit(counts: GatewayCounts): { limit: GatewayLimit; count: number } | undefined {
  const limit = V2_LIMITS.find((l) => counts[l.key] > l.max);
  return limit ? { limit, count: counts[limit.key] } : undefined;
}
