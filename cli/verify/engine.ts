import { backendProtocolCheck } from "./backend-settings";
import { DEFAULT_CERT_MIN_DAYS } from "./certificate-check";
import { Check, RetryPolicy, runCheck, skippedCheck } from "./check";
import { backendHealthCheck, gatewayProgrammedCheck, gatewayServiceCheck } from "./cluster-checks";
import { CommandRunner } from "./command-runner";
import { gatewayHttpsListenerCheck } from "./gateway-listener-check";
import { Endpoint, healthzCheck, httpsRedirectCheck, publicEndpoint, routeCheck, wafCheck } from "./http-checks";
import { HttpClient } from "./http-client";
import {
  PlatformOutputs,
  ReadOutputsOptions,
  TenantStackOutputs,
  TrafficOutputs,
  parsePlatformOutputs,
  parseTenantStackOutputs,
  parseTrafficOutputs,
  readStackOutputs,
  withTenantStacks,
} from "./outputs";
import { CheckResult, fail } from "./result";
import { tenantHostnameChecks } from "./tenant-checks";
import { NodeTlsProber, TlsProber } from "./tls-probe";

/** What the checks talk to. The CLI passes real ones; tests pass fakes or a client aimed at 127.0.0.1. */
export interface VerifyDependencies {
  readonly http: HttpClient;
  /** Runs terraform, az and kubectl. */
  readonly commands: CommandRunner;
  /**
   * Reads the certificate the edge serves per SNI.
   *
   * @default - a NodeTlsProber with its default timeout and Node's trusted CAs
   */
  readonly tls?: TlsProber;
  /**
   * The current time, for certificate expiry.
   *
   * @default - the system clock
   */
  readonly now?: () => Date;
  /**
   * Waits between retries.
   *
   * @default - a real timer
   */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface VerifyOptions {
  /**
   * Retries after a failed attempt of a check (so `retries + 1` attempts at most).
   *
   * @default DEFAULT_RETRIES
   */
  readonly retries?: number;
  /**
   * Pause before each retry.
   *
   * @default DEFAULT_RETRY_DELAY_MS
   */
  readonly retryDelayMs?: number;
  /**
   * Where HTTP checks send requests.
   *
   * @default - the platform stack's public_ip_address on ports 80 and 443
   */
  readonly endpoint?: Endpoint;
  /**
   * A served certificate must stay valid at least this many more days.
   *
   * @default DEFAULT_CERT_MIN_DAYS
   */
  readonly certMinDays?: number;
  /**
   * Accept untrusted certificate chains (the certificate checks then say the chain was not verified). The HTTP
   * client is configured separately.
   *
   * @default false
   */
  readonly insecure?: boolean;
  /**
   * Called with each result as soon as it is known, so a long run reports progress.
   *
   * @default - results are only returned
   */
  readonly onResult?: (result: CheckResult) => void;
}

export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 2_000;

/** The stacks to verify. */
export interface StackNames {
  readonly platform: string;
  readonly traffic: string;
  /**
   * Tenant stacks whose route checks and tenant hostnames join the traffic stack's.
   *
   * @default - none
   */
  readonly tenants?: readonly string[];
}

/**
 * Reads both stacks' outputs and runs every check. Unreadable platform outputs end the run with one failure;
 * unreadable traffic outputs fail once and skip the checks that need them.
 */
export async function verify(
  stacks: StackNames,
  deps: VerifyDependencies,
  options: VerifyOptions = {},
  outputsOptions: ReadOutputsOptions = {},
): Promise<CheckResult[]> {
  const platform = await loadOutputs(stacks.platform, deps, outputsOptions, parsePlatformOutputs);
  if (typeof platform === "string") {
    return [announce(fail(`outputs ${stacks.platform}`, platform), options)];
  }
  const traffic = await loadOutputs(stacks.traffic, deps, outputsOptions, parseTrafficOutputs);
  if (typeof traffic === "string") {
    const failed = announce(fail(`outputs ${stacks.traffic}`, traffic), options);
    return [failed, ...(await runChecks(platformChecks(platform, undefined, deps, options), deps, options))];
  }
  const failures: CheckResult[] = [];
  const tenants = new Map<string, TenantStackOutputs>();
  for (const stack of stacks.tenants ?? []) {
    const outputs = await loadOutputs(stack, deps, outputsOptions, parseTenantStackOutputs);
    if (typeof outputs === "string") failures.push(announce(fail(`outputs ${stack}`, outputs), options));
    else tenants.set(stack, outputs);
  }
  let merged: TrafficOutputs;
  try {
    merged = withTenantStacks(traffic, tenants);
  } catch (error) {
    return [...failures, announce(fail("outputs tenant stacks", (error as Error).message), options)];
  }
  return [...failures, ...(await runChecks(platformChecks(platform, merged, deps, options), deps, options))];
}

/**
 * The checks, in report order: Application Gateway backend health and protocol, readiness path, each route,
 * WAF, HTTPS redirect, per tenant hostname the served certificate and the redirect, then the Gateway, its
 * HTTPS listener and its Service in the cluster. Without traffic outputs the checks that need them are skipped.
 */
export function platformChecks(
  platform: PlatformOutputs,
  traffic: TrafficOutputs | undefined,
  deps: VerifyDependencies,
  options: VerifyOptions = {},
): Check[] {
  const endpoint = options.endpoint ?? publicEndpoint(platform.publicIpAddress);
  const http = { platform, http: deps.http, endpoint };
  const certificate = {
    tls: deps.tls ?? new NodeTlsProber(),
    endpoint,
    minDays: options.certMinDays ?? DEFAULT_CERT_MIN_DAYS,
    insecure: options.insecure ?? false,
    now: deps.now ?? (() => new Date()),
  };
  const cluster = { platform, commands: deps.commands };
  const unavailable = "traffic stack outputs unavailable";
  return [
    backendHealthCheck(cluster),
    backendProtocolCheck(cluster),
    healthzCheck(http),
    ...(traffic ? traffic.routeChecks.map((route) => routeCheck(http, route)) : [skippedCheck("routes", unavailable)]),
    wafCheck(http),
    httpsRedirectCheck(http),
    ...tenantHostnameChecks(http, certificate, traffic),
    traffic ? gatewayProgrammedCheck(cluster, traffic) : skippedCheck("gateway-programmed", unavailable),
    traffic ? gatewayHttpsListenerCheck(cluster, traffic) : skippedCheck("gateway-https-listener", unavailable),
    traffic ? gatewayServiceCheck(cluster, traffic) : skippedCheck("gateway-service", unavailable),
  ];
}

/** Runs checks one after another (stable report order, no burst of requests). */
export async function runChecks(checks: readonly Check[], deps: VerifyDependencies, options: VerifyOptions = {}): Promise<CheckResult[]> {
  const policy: RetryPolicy = {
    retries: options.retries ?? DEFAULT_RETRIES,
    delayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const results: CheckResult[] = [];
  for (const check of checks) {
    results.push(announce(await runCheck(check, policy), options));
  }
  return results;
}

function announce(result: CheckResult, options: VerifyOptions): CheckResult {
  options.onResult?.(result);
  return result;
}

async function loadOutputs<T>(
  stack: string,
  deps: VerifyDependencies,
  options: ReadOutputsOptions,
  parse: (stack: string, raw: Record<string, unknown>) => T,
): Promise<T | string> {
  try {
    return parse(stack, await readStackOutputs(deps.commands, stack, options));
  } catch (error) {
    return (error as Error).message;
  }
}
