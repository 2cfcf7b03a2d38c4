import { Token } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { isIpv4 } from "../private/cidr";
import { isDnsHostname } from "../private/hostname";
import { HEALTH_READY_PATH, HEALTH_SERVED_PATHS, isServedHealthPath } from "../core/health-paths";

/** Timing options every health probe takes. */
export interface HealthProbeTimingOptions {
  /**
   * Host header (and SNI) the probe sends.
   *
   * Always explicit: the backend pool holds an IP, so letting the gateway pick a host would send that IP
   * anyway, and the route serving the probe path must accept this host.
   *
   * With `BackendProtocol.HTTPS` it must be a DNS name the Gateway's certificate covers: Application Gateway v2
   * sends it as SNI and checks the Gateway's certificate against it, and sends no SNI for an IP address.
   *
   * @default - the backend address (the shared gateway's private IP); refused with `BackendProtocol.HTTPS`
   * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview
   */
  readonly host?: string;

  /**
   * Seconds between probes (1–86400).
   *
   * @default 30
   */
  readonly interval?: number;

  /**
   * Seconds before a probe without a response fails (1–86400).
   *
   * @default 30
   */
  readonly timeout?: number;

  /**
   * Consecutive failures before the backend is marked unhealthy (1–20).
   *
   * @default 3
   */
  readonly unhealthyThreshold?: number;
}

/** Options of {@link HealthProbe.gatewayRoute}. */
export interface GatewayRouteProbeOptions extends HealthProbeTimingOptions {
  /**
   * Request path: one the health responder answers with 200, `/healthz/ready`, `/healthz/live` or `/healthz`
   * (a query string may follow). The responder answers every other path with 404, so any other path fails
   * synth: every backend would be marked unhealthy on day one.
   *
   * @default "/healthz/ready"
   */
  readonly path?: string;
}

/** Options of {@link HealthProbe.envoyStatusPort}. */
export interface EnvoyStatusPortProbeOptions extends HealthProbeTimingOptions {}

/** Which probe design a {@link HealthProbe} follows. */
export enum HealthProbeKind {
  /** Through the gateway listener and an HTTPRoute to the health responder. */
  GATEWAY_ROUTE = "GatewayRoute",
  /** Envoy's own readiness endpoint on the status port. */
  ENVOY_STATUS_PORT = "EnvoyStatusPort",
}

/** What the Application Gateway needs from a probe it binds. */
export interface HealthProbeBindOptions {
  /** The backend pool address, used as default Host. */
  readonly backendAddress: string;
  /** The backend settings port, probed by {@link HealthProbe.gatewayRoute}. */
  readonly backendPort: number;
}

/** A probe resolved for one Application Gateway, ready to render. */
export interface HealthProbeConfig {
  /** Probe design. */
  readonly kind: HealthProbeKind;
  /** Request path. */
  readonly path: string;
  /** Host header sent. */
  readonly host: string;
  /** Backend port probed. */
  readonly port: number;
  /** Seconds between probes. */
  readonly interval: number;
  /** Seconds before a probe fails. */
  readonly timeout: number;
  /** Failures before unhealthy. */
  readonly unhealthyThreshold: number;
  /** Healthy status code ranges. */
  readonly statusCodes: string[];
}

/**
 * How the Application Gateway decides the shared gateway is healthy.
 *
 * The probe always sets an explicit Host, never picks it from the backend settings, and counts 200–399 as
 * healthy.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview
 */
export class HealthProbe {
  /** Default probe path. */
  public static readonly DEFAULT_PATH = HEALTH_READY_PATH;
  /** Envoy's status port in Istio gateway pods. */
  public static readonly ENVOY_STATUS_PORT = 15021;
  /** Default seconds between probes. */
  public static readonly DEFAULT_INTERVAL = 30;
  /** Default probe timeout, seconds. */
  public static readonly DEFAULT_TIMEOUT = 30;
  /** Default failures before unhealthy. */
  public static readonly DEFAULT_UNHEALTHY_THRESHOLD = 3;
  /** Status codes counted healthy. */
  public static readonly HEALTHY_STATUS_CODES: readonly string[] = ["200-399"];

  /**
   * Probe the backend port through the shared Gateway's listener and an HTTPRoute to the health responder
   * (the default). A healthy answer proves the load balancer, Envoy, routing and a backend pod all work.
   *
   * The HTTPRoute serving `path` must accept the probe's Host: with the default Host (an IP, which Gateway
   * API hostnames cannot hold) that means a route and listener without hostnames, as the library's health
   * route is. Do not set `host` to a hostname a tenant owns: Gateway API prefers the route with the more
   * specific hostname, so the tenant's route, not the health responder, would answer the probe.
   *
   * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview
   */
  public static gatewayRoute(options: GatewayRouteProbeOptions = {}): HealthProbe {
    return new HealthProbe(HealthProbeKind.GATEWAY_ROUTE, options.path ?? HealthProbe.DEFAULT_PATH, undefined, options);
  }

  /**
   * Probe Envoy's readiness endpoint, `/healthz/ready` on status port 15021. It proves only that Envoy is
   * ready, not that routes or backends work.
   *
   * The node subnet's NSG must allow TCP 15021 from the Application Gateway subnet, or every probe fails.
   *
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
   */
  public static envoyStatusPort(options: EnvoyStatusPortProbeOptions = {}): HealthProbe {
    return new HealthProbe(HealthProbeKind.ENVOY_STATUS_PORT, HealthProbe.DEFAULT_PATH, HealthProbe.ENVOY_STATUS_PORT, options);
  }

  /** Route probes reach the health responder, so their path must be one it serves (Envoy serves the status port's). */
  private checkServedPath(scope: IConstruct): void {
    const problem = this.kind === HealthProbeKind.GATEWAY_ROUTE ? unservedPathProblem(this.path) : undefined;
    if (problem) throw new ValidationError(scope, problem);
  }

  private constructor(
    /** Probe design. */
    public readonly kind: HealthProbeKind,
    private readonly path: string,
    private readonly port: number | undefined,
    private readonly options: HealthProbeTimingOptions,
  ) {}

  /**
   * Validates the probe for one Application Gateway and resolves its defaults. Called by
   * {@link ApplicationGateway}; errors name `scope`.
   */
  public bind(scope: IConstruct, context: HealthProbeBindOptions): HealthProbeConfig {
    const host = this.options.host ?? context.backendAddress;
    const interval = this.options.interval ?? HealthProbe.DEFAULT_INTERVAL;
    const timeout = this.options.timeout ?? HealthProbe.DEFAULT_TIMEOUT;
    const unhealthyThreshold = this.options.unhealthyThreshold ?? HealthProbe.DEFAULT_UNHEALTHY_THRESHOLD;

    if (!Token.isUnresolved(this.path) && !this.path.startsWith("/")) {
      throw new ValidationError(scope, `probe path must start with "/", got ${show(this.path)}; e.g. "/healthz/ready".`);
    }
    this.checkServedPath(scope);
    if (!Token.isUnresolved(host) && !isDnsHostname(host) && !isIpv4(host)) {
      throw new ValidationError(
        scope,
        `probe host must be a DNS host name or an IPv4 address (no scheme, port, path or wildcard), got ${show(host)}.`,
      );
    }
    checkInteger(scope, "probe interval", interval, 1, 86400);
    checkInteger(scope, "probe timeout", timeout, 1, 86400);
    checkInteger(scope, "probe unhealthyThreshold", unhealthyThreshold, 1, 20);

    return {
      kind: this.kind,
      path: this.path,
      host,
      port: this.port ?? context.backendPort,
      interval,
      timeout,
      unhealthyThreshold,
      statusCodes: [...HealthProbe.HEALTHY_STATUS_CODES],
    };
  }
}

/** Why a route probe on `path` could never succeed, or `undefined`. */
function unservedPathProblem(path: string): string | undefined {
  if (Token.isUnresolved(path) || isServedHealthPath(path)) return undefined;
  return (
    `probe path ${show(path)} is not served by the health responder, which answers 200 only on ` +
    `${HEALTH_SERVED_PATHS.map((p) => show(p)).join(", ")} and 404 on every other path: every backend would be marked ` +
    `unhealthy. Use HealthProbe.gatewayRoute() (probes ${show(HEALTH_READY_PATH)}) or one of those paths.`
  );
}

function checkInteger(scope: IConstruct, name: string, value: number, min: number, max: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(scope, `${name} must be an integer from ${min} to ${max}, got ${show(value)}.`);
  }
}
