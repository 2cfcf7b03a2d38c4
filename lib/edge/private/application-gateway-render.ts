/**
 * The Application Gateway's sub-resources (listeners, rules, certificates, backend settings, probe), rendered
 * from resolved inputs. Not part of the public API: `ApplicationGateway` validates, then calls `renderGateway`.
 */
import * as agw from "@cdktf/provider-azurerm/lib/application-gateway";
import type { HealthProbeConfig } from "../health-probe";
import type { ListenerCertificateConfig } from "../listener-certificate";
import type { TrustedRootCertificateConfig } from "../trusted-root-certificate";
import { specificity } from "./dns-names";

/** Names of the gateway's sub-resources. They are part of the gateway's Azure configuration: keep them stable. */
export const NAMES = {
  gatewayIp: "gateway-ip-configuration",
  frontendIp: "public-frontend",
  httpPort: "port-80",
  httpsPort: "port-443",
  pool: "shared-gateway",
  settings: "shared-gateway-http",
  probe: "shared-gateway-health",
  httpListener: "http",
  httpsListener: "https",
  catchAll: "catch-all",
  redirect: "http-to-https",
  certificate: "listener-certificate",
  trustedRoot: "gateway-root-ca",
} as const;

/** Priority of the catch-all rule on the basic listener; every multi-site rule comes before it. */
export const CATCH_ALL_PRIORITY = 100;
/** Priority of the HTTP-to-HTTPS redirect rule. */
export const REDIRECT_PRIORITY = 200;
/** Priority of the first multi-site rule. */
export const FIRST_SITE_PRIORITY = 1;
/** Host names one listener takes (Azure: "Host names per listener: 5"). */
export const MAX_HOST_NAMES_PER_LISTENER = 5;

/** A multi-site HTTPS listener for (part of) an additional certificate's DNS names. */
export interface SiteListener {
  /** Listener and rule name: `https-<certificate>-<part>`, both 1-based. */
  readonly name: string;
  /** 0-based index into `additionalCertificates`. */
  readonly certificateIndex: number;
  /** Host names, at most {@link MAX_HOST_NAMES_PER_LISTENER}. */
  readonly hostNames: readonly string[];
  /** Rule priority: more specific host names first, all before the catch-all. */
  readonly priority: number;
}

/**
 * One listener per additional certificate and specificity class of its names (exact names; wildcards by label
 * count), split in parts of at most 5 names. Rules are ordered exact names first, then wildcards with more labels,
 * because Application Gateway v2 takes the first rule (lowest priority number) whose listener matches the host, and
 * its wildcard `*` also matches dots (`*.example.com` takes `a.b.example.com`): a less specific wildcard listener
 * first would serve its certificate for hosts a more specific listener's certificate covers.
 */
export function planSiteListeners(certificates: ReadonlyArray<{ readonly dnsNames: readonly string[] }>): SiteListener[] {
  const groups = certificates.flatMap((certificate, certificateIndex) => {
    const classes = [...new Set(certificate.dnsNames.map(specificity))];
    return classes.flatMap((rank) => {
      const names = certificate.dnsNames.filter((n) => specificity(n) === rank);
      return chunks(names, MAX_HOST_NAMES_PER_LISTENER).map((hostNames) => ({ certificateIndex, rank, hostNames }));
    });
  });
  const parts = new Map<number, number>();
  const named = groups.map((g) => {
    const part = (parts.get(g.certificateIndex) ?? 0) + 1;
    parts.set(g.certificateIndex, part);
    return { ...g, name: `https-${g.certificateIndex + 1}-${part}` };
  });
  const ordered = [...named].sort((a, b) => b.rank - a.rank); // stable: same rank keeps certificate order
  return ordered.map((g, i) => ({
    name: g.name,
    certificateIndex: g.certificateIndex,
    hostNames: g.hostNames,
    priority: FIRST_SITE_PRIORITY + i,
  }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Everything `renderGateway` needs, validated and with defaults resolved. */
export interface GatewayRenderInput {
  readonly backendAddress: string;
  readonly backendPort: number;
  readonly backendProtocol: "Http" | "Https";
  readonly requestTimeout: number;
  readonly probe: HealthProbeConfig;
  /** The default certificate (`tls`); HTTPS is on when set. */
  readonly certificate?: ListenerCertificateConfig;
  /** `additionalCertificates`, in order. */
  readonly additionalCertificates: readonly ListenerCertificateConfig[];
  /** Their listeners, from {@link planSiteListeners}. */
  readonly siteListeners: readonly SiteListener[];
  readonly trustedRoot?: TrustedRootCertificateConfig;
  /** The gateway's user-assigned identities (one in practice; Azure takes one). */
  readonly identityIds: readonly string[];
}

/** The parts of the azurerm Application Gateway that depend on the props, as plain lists. */
export interface RenderedGateway {
  readonly identity?: agw.ApplicationGatewayIdentity;
  readonly frontendPort: agw.ApplicationGatewayFrontendPort[];
  readonly backendAddressPool: agw.ApplicationGatewayBackendAddressPool[];
  readonly backendHttpSettings: agw.ApplicationGatewayBackendHttpSettings[];
  readonly probe: agw.ApplicationGatewayProbe[];
  readonly sslCertificate?: agw.ApplicationGatewaySslCertificate[];
  readonly trustedRootCertificate?: agw.ApplicationGatewayTrustedRootCertificate[];
  readonly httpListener: agw.ApplicationGatewayHttpListener[];
  readonly requestRoutingRule: agw.ApplicationGatewayRequestRoutingRule[];
  readonly redirectConfiguration?: agw.ApplicationGatewayRedirectConfiguration[];
}

/** Renders the listeners, rules, certificates, backend settings and probe. */
export function renderGateway(input: GatewayRenderInput): RenderedGateway {
  const https = input.certificate !== undefined;
  return {
    identity: input.identityIds.length > 0 ? { type: "UserAssigned", identityIds: [...input.identityIds] } : undefined,
    frontendPort: https
      ? [
          { name: NAMES.httpPort, port: 80 },
          { name: NAMES.httpsPort, port: 443 },
        ]
      : [{ name: NAMES.httpPort, port: 80 }],
    backendAddressPool: [{ name: NAMES.pool, ipAddresses: [input.backendAddress] }],
    backendHttpSettings: [renderBackendSettings(input)],
    probe: [renderProbe(input.probe, input.backendProtocol)],
    sslCertificate: input.certificate ? renderSslCertificates(input.certificate, input.additionalCertificates) : undefined,
    trustedRootCertificate: input.trustedRoot
      ? [{ name: NAMES.trustedRoot, keyVaultSecretId: input.trustedRoot.secretId }]
      : undefined,
    ...(https ? httpsRouting(input.siteListeners) : httpRouting()),
  };
}

/** Settings that pass the client's Host through: no `host_name`, no pick from the (IP) address. */
function renderBackendSettings(input: GatewayRenderInput): agw.ApplicationGatewayBackendHttpSettings {
  return {
    name: NAMES.settings,
    port: input.backendPort,
    protocol: input.backendProtocol,
    cookieBasedAffinity: "Disabled",
    pickHostNameFromBackendAddress: false,
    requestTimeout: input.requestTimeout,
    probeName: NAMES.probe,
    trustedRootCertificateNames: input.trustedRoot ? [NAMES.trustedRoot] : undefined,
  };
}

/** The probe uses the backend settings' protocol (Azure requires them to match) and its own Host (= SNI on v2). */
function renderProbe(probe: HealthProbeConfig, protocol: "Http" | "Https"): agw.ApplicationGatewayProbe {
  return {
    name: NAMES.probe,
    protocol,
    path: probe.path,
    host: probe.host,
    pickHostNameFromBackendHttpSettings: false,
    port: probe.port,
    interval: probe.interval,
    timeout: probe.timeout,
    unhealthyThreshold: probe.unhealthyThreshold,
    match: { statusCode: probe.statusCodes },
  };
}

/** `listener-certificate` for the default, `listener-certificate-<n>` (1-based) for the additional ones. */
export function sslCertificateName(additionalIndex?: number): string {
  return additionalIndex === undefined ? NAMES.certificate : `${NAMES.certificate}-${additionalIndex + 1}`;
}

function renderSslCertificates(
  certificate: ListenerCertificateConfig,
  additional: readonly ListenerCertificateConfig[],
): agw.ApplicationGatewaySslCertificate[] {
  return [
    { name: sslCertificateName(), keyVaultSecretId: certificate.secretId },
    ...additional.map((c, i) => ({ name: sslCertificateName(i), keyVaultSecretId: c.secretId })),
  ];
}

type Routing = Pick<RenderedGateway, "httpListener" | "requestRoutingRule" | "redirectConfiguration">;

/** HTTP 80 straight to the backend. */
function httpRouting(): Routing {
  return { httpListener: [listener(NAMES.httpListener, NAMES.httpPort, "Http")], requestRoutingRule: [catchAll(NAMES.httpListener)] };
}

/**
 * HTTPS 443 to the backend: the basic listener with the default certificate for any host, and one multi-site
 * listener per site listener. HTTP 80 (a basic listener, so every host) redirects permanently to the basic HTTPS
 * listener, keeping path and query; the redirected request then reaches whichever HTTPS listener matches its host.
 */
function httpsRouting(sites: readonly SiteListener[]): Routing {
  return {
    httpListener: [
      listener(NAMES.httpListener, NAMES.httpPort, "Http"),
      { ...listener(NAMES.httpsListener, NAMES.httpsPort, "Https"), sslCertificateName: NAMES.certificate },
      ...sites.map((s) => ({
        ...listener(s.name, NAMES.httpsPort, "Https"),
        hostNames: [...s.hostNames],
        sslCertificateName: sslCertificateName(s.certificateIndex),
      })),
    ],
    redirectConfiguration: [
      {
        name: NAMES.redirect,
        redirectType: "Permanent",
        targetListenerName: NAMES.httpsListener,
        includePath: true,
        includeQueryString: true,
      },
    ],
    requestRoutingRule: [
      catchAll(NAMES.httpsListener),
      {
        name: NAMES.redirect,
        ruleType: "Basic",
        httpListenerName: NAMES.httpListener,
        redirectConfigurationName: NAMES.redirect,
        priority: REDIRECT_PRIORITY,
      },
      ...sites.map((s) => toBackend(s.name, s.name, s.priority)),
    ],
  };
}

function listener(name: string, port: string, protocol: "Http" | "Https"): agw.ApplicationGatewayHttpListener {
  return { name, frontendIpConfigurationName: NAMES.frontendIp, frontendPortName: port, protocol };
}

function catchAll(listenerName: string): agw.ApplicationGatewayRequestRoutingRule {
  return toBackend(NAMES.catchAll, listenerName, CATCH_ALL_PRIORITY);
}

function toBackend(name: string, listenerName: string, priority: number): agw.ApplicationGatewayRequestRoutingRule {
  return {
    name,
    ruleType: "Basic",
    httpListenerName: listenerName,
    backendAddressPoolName: NAMES.pool,
    backendHttpSettingsName: NAMES.settings,
    priority,
  };
}
