import { HELP_TEXT, UsageError, parseArgs } from "./cli";
import { CommandRunner, ProcessCommandRunner } from "./command-runner";
import { verify } from "./engine";
import { Endpoint } from "./http-checks";
import { HttpClient, NodeHttpClient } from "./http-client";
import { exitCodeOf, formatResult, summaryLine } from "./report";
import { tenantStacksOf } from "./tenant-stacks";
import { NodeTlsProber, TlsProber } from "./tls-probe";
import { CliIo, EXIT_USAGE } from "../io";

export { EXIT_USAGE };

/** Where the verifier writes, one line per call. */
export type MainIo = CliIo;

/** Replacements for what `main` would otherwise build itself; for tests. */
export interface MainOverrides {
  /**
   * @default - a ProcessCommandRunner
   */
  readonly commands?: CommandRunner;
  /**
   * @default - a NodeHttpClient honouring --timeout and --insecure
   */
  readonly http?: HttpClient;
  /**
   * @default - a NodeTlsProber honouring --timeout
   */
  readonly tls?: TlsProber;
  /**
   * @default - the platform stack's public IP
   */
  readonly endpoint?: Endpoint;
  /**
   * @default - a real timer
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Tenant stacks to read route checks and hostnames from.
   *
   * @default - the stacks of cdktf.out/manifest.json that depend on the traffic stack
   */
  readonly tenantStacks?: readonly string[];

}

/** The verifier's command line: parses flags, runs every check, prints the report; resolves to the exit code. */
export async function main(argv: readonly string[], io: MainIo, overrides: MainOverrides = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err("Run with --help for usage.");
      return EXIT_USAGE;
    }
    throw error;
  }
  if (parsed.help) {
    io.out(HELP_TEXT);
    return 0;
  }
  const { options } = parsed;
  const env = overrides.env ?? process.env;
  const results = await verify(
    { platform: options.platformStack, traffic: options.trafficStack, tenants: overrides.tenantStacks ?? tenantStacksOf(options.trafficStack) },
    {
      commands: overrides.commands ?? new ProcessCommandRunner(),
      http: overrides.http ?? new NodeHttpClient({ timeoutMs: options.timeoutMs, insecure: options.insecure }),
      tls: overrides.tls ?? new NodeTlsProber({ timeoutMs: options.timeoutMs }),
      sleep: overrides.sleep,
    },
    {
      retries: options.retries,
      retryDelayMs: options.retryDelayMs,
      certMinDays: options.certMinDays,
      insecure: options.insecure,
      endpoint: overrides.endpoint,
      onResult: (result) => io.out(formatResult(result)),
    },
    { terraformBinary: env.TERRAFORM_BINARY_NAME || undefined },
  );
  io.out(summaryLine(results));
  return exitCodeOf(results);
}
