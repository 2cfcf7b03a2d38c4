import { Check, RetryPolicy, runCheck } from "./check";
import { backendHealthCheck, gatewayProgrammedCheck, gatewayServiceCheck } from "./cluster-checks";
import { CommandRunner } from "./command-runner";
import { Endpoint, healthzCheck, httpsRedirectCheck, publicEndpoint, routeCheck, wafCheck } from "./http-checks";
import { HttpClient } from "./http-client";
import { PlatformOutputs, ReadOutputsOptions, TrafficOutputs, parsePlatformOutputs, parseTrafficOutputs, readStackOutputs } from "./outputs";
import { CheckResult, fail } from "./result";

/** What the checks talk to. The CLI passes real ones; tests pass fakes or a client aimed at 127.0.0.1. */
export interface VerifyDependencies {
  readonly http: HttpClient;
  /** Runs terraform, az and kubectl. */
  readonly commands: CommandRunner;
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
   * Called with each result as soon as it is known, so a long run reports progress.
   *
   * @default - results are only returned
   */
  readonly onResult?: (result: CheckResult) => void;
}

export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_DELAY_MS = 2_000;

/** The two stacks to verify. */
export interface StackNames {
  readonly platform: string;
  readonly traffic: string;
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
  return runChecks(platformChecks(platform, traffic, deps, options), deps, options);
}

/**
 * The checks, in report order: Application Gateway backend health, readiness path, each route, WAF, HTTPS redirect,
 * then the Gateway and its Service in the cluster. Without traffic outputs the route and cluster checks are skipped.
 */
export function platformChecks(
  platform: PlatformOutputs,
  traffic: TrafficOutputs | undefined,
  deps: VerifyDependencies,
  options: VerifyOptions = {},
): Check[] {
  const http = { platform, http: deps.http, endpoint: options.endpoint ?? publicEndpoint(platform.publicIpAddress) };
  const cluster = { platform, commands: deps.commands };
  const unavailable = "traffic stack outputs unavailable";
  return [
    backendHealthCheck(cluster),
    healthzCheck(http),
    ...(traffic ? traffic.routeChecks.map((route) => routeCheck(http, route)) : [skipped("routes", unavailable)]),
    wafCheck(http),
    httpsRedirectCheck(http),
    traffic ? gatewayProgrammedCheck(cluster, traffic) : skipped("gateway-programmed", unavailable),
    traffic ? gatewayServiceCheck(cluster, traffic) : skipped("gateway-service", unavailable),
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

function skipped(name: string, reason: string): Check {
  return { name, skipReason: reason, attempt: async () => undefined };
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
