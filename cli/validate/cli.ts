/**
 * The command line of `cdktf-aks-gateway validate`: its flags, their defaults and the help text.
 */
import { MINIMUM_TERRAFORM_VERSION } from "./terraform-version";
import { PLUGIN_CACHE_DIR_NAME } from "./terraform-env";

/** What the command line asks for. */
export interface ValidateCliOptions {
  /** The cdktf output directory holding manifest.json. */
  readonly outDir: string;
  /** Stacks to validate; empty means every stack in the manifest. */
  readonly stacks: readonly string[];
  /**
   * The binary named with `--terraform`.
   *
   * @default - none: TERRAFORM_BINARY_NAME, else `terraform`
   */
  readonly terraform?: string;
  /** Deadline of each terraform command, in milliseconds. */
  readonly timeoutMs: number;
  /** Count a skipped stack as a failure. */
  readonly require: boolean;
}

/** The parsed command line: either a request for help or the options. */
export type ParsedValidateArgs = { readonly help: true } | { readonly help: false; readonly options: ValidateCliOptions };

import { UsageError, splitFlag } from "../io";

export { UsageError };

/** Default output directory, as in cdktf.json. */
export const DEFAULT_OUT_DIR = "cdktf.out";
/** `terraform init` downloads each provider once (azurerm alone is about 60 MB zipped): 5 minutes covers a slow link. */
export const DEFAULT_TIMEOUT_SECONDS = 300;
/** Longest `--timeout` accepted. */
export const MAX_TIMEOUT_SECONDS = 3600;

/** What `validate --help` prints. */
export const HELP_TEXT = `Usage: cdktf-aks-gateway validate [dir] [options]

Runs \`terraform init -backend=false\` and \`terraform validate\` in each synthesized stack, in deploy
order, printing PASS/FAIL/SKIP per stack and a closing "N passed, N failed, N skipped" line. It catches
what synth cannot: unknown arguments, wrong types and broken references in the generated Terraform.
No state, backend or cloud API is touched.

Arguments:
  dir                   the cdktf output directory (default: ${DEFAULT_OUT_DIR}); run \`cdktf synth\` first

Options:
  --stack <name>        validate only this stack; repeat for more (default: every stack)
  --terraform <binary>  Terraform or OpenTofu binary (default: TERRAFORM_BINARY_NAME, else terraform)
  --timeout <seconds>   deadline for each terraform command (default: ${DEFAULT_TIMEOUT_SECONDS}, max ${MAX_TIMEOUT_SECONDS})
  --require             a skipped stack fails the run (exit 1): for pipelines that must validate
  -h, --help            show this text

Results:
  PASS  terraform validate found no errors (its warnings are appended)
  FAIL  terraform validate found errors (each with its construct path and cdk.tf.json line),
        init failed on the configuration, or a command timed out
  SKIP  validation cannot run here: no terraform binary, terraform older than ${MINIMUM_TERRAFORM_VERSION}, or init
        could not download a provider (registry unreachable, offline, or not in the mirror)

Providers are cached in <dir>/${PLUGIN_CACHE_DIR_NAME} unless TF_PLUGIN_CACHE_DIR (or plugin_cache_dir in
the Terraform CLI configuration) is set. Exit code: 0 nothing failed (a warning says so when every stack
was skipped), 1 a stack failed or, with --require, was skipped, 2 bad command line (a --terraform binary
that does not exist included) or no synthesized app in <dir>.`;

type FlagName = "stack" | "terraform" | "timeout" | "require" | "help";
const VALUE_FLAGS: readonly FlagName[] = ["stack", "terraform", "timeout"];
const SWITCHES: readonly FlagName[] = ["require", "help"];

/** Parses the arguments after `validate`. Throws `UsageError` for anything it does not understand. */
export function parseValidateArgs(argv: readonly string[]): ParsedValidateArgs {
  const values = new Map<FlagName, string[]>();
  const switches = new Set<FlagName>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      return { help: true };
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    if (!arg.startsWith("--")) {
      throw new UsageError(`unknown option ${arg}; run with --help for the list`);
    }
    const { name, inline } = splitFlag(arg, SWITCHES);
    if (SWITCHES.includes(name)) {
      switches.add(name);
    } else if (VALUE_FLAGS.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("-"))) {
        throw new UsageError(`--${name} needs a value, e.g. --${name} ${example(name)}`);
      }
      if (name !== "stack" && values.has(name)) {
        throw new UsageError(`--${name} given twice; pass it once`);
      }
      values.set(name, [...(values.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${name}; run with --help for the list`);
    }
  }
  if (positional.length > 1) {
    throw new UsageError(`validate takes one directory, got ${positional.length}: ${positional.map((a) => JSON.stringify(a)).join(" ")}`);
  }
  return {
    help: false,
    options: {
      outDir: positional[0] ?? DEFAULT_OUT_DIR,
      stacks: [...new Set(values.get("stack") ?? [])],
      terraform: values.get("terraform")?.[0],
      timeoutMs: timeoutMs(values.get("timeout")?.[0]),
      require: switches.has("require"),
    },
  };
}

function timeoutMs(raw: string | undefined): number {
  if (raw === undefined) {
    return DEFAULT_TIMEOUT_SECONDS * 1000;
  }
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`--timeout must be a number of seconds, more than 0 and at most ${MAX_TIMEOUT_SECONDS}; got ${JSON.stringify(raw)}`);
  }
  return Math.round(value * 1000);
}

function example(flag: FlagName): string {
  switch (flag) {
    case "stack":
      return "aksgw-platform";
    case "terraform":
      return "tofu";
    default:
      return "600";
  }
}
