/**
 * `cdktf-aks-gateway validate [dir]`: `terraform validate` over every synthesized stack, for CI pipelines.
 */
import { mkdirSync } from "fs";
import { CliIo, EXIT_OK, EXIT_USAGE } from "../io";
import { skip } from "../verify/result";
import { HELP_TEXT, UsageError, ValidateCliOptions, parseValidateArgs } from "./cli";
import { validateStacks } from "./engine";
import { TerraformEnv, TerraformProcessRunner, TerraformRunner } from "./process-runner";
import { formatStackResult, skippedNotice, validateExitCode, validateSummaryLine } from "./report";
import { InputError, SynthesizedStack, readStacks } from "./stacks";
import { TerraformEnvironment, terraformEnvironment } from "./terraform-env";
import { probeTerraform } from "./terraform-version";

/** Replacements for what the command would otherwise build itself; for tests. */
export interface ValidateOverrides {
  /**
   * Makes the runner for terraform, given the `--timeout` deadline.
   *
   * @default - a TerraformProcessRunner with that deadline
   */
  readonly createRunner?: (options: { readonly timeoutMs: number }) => TerraformRunner;
  /**
   * The environment terraform inherits (and TERRAFORM_BINARY_NAME is read from).
   *
   * @default process.env
   */
  readonly env?: TerraformEnv;
}

/** Runs `validate`; resolves to the exit code. */
export async function validateCommand(argv: readonly string[], io: CliIo, overrides: ValidateOverrides = {}): Promise<number> {
  let options: ValidateCliOptions;
  let stacks: SynthesizedStack[];
  try {
    const parsed = parseValidateArgs(argv);
    if (parsed.help) {
      io.out(HELP_TEXT);
      return EXIT_OK;
    }
    options = parsed.options;
    stacks = readStacks(options.outDir, options.stacks);
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.err(`error: ${error.message}`);
      if (error instanceof UsageError) io.err("Run with --help for usage.");
      return EXIT_USAGE;
    }
    throw error;
  }
  const baseEnv = overrides.env ?? process.env;
  const terraform = options.terraform ?? (baseEnv.TERRAFORM_BINARY_NAME || "terraform");
  const environment = terraformEnvironment(baseEnv, options.outDir);
  const runner = (overrides.createRunner ?? ((o) => new TerraformProcessRunner(o)))({ timeoutMs: options.timeoutMs });
  const probe = await probeTerraform(runner, terraform, environment.env);
  if (probe.kind === "missing" && options.terraform !== undefined) {
    io.err(`error: --terraform: ${probe.reason}`);
    return EXIT_USAGE;
  }
  let results;
  if (probe.kind === "usable") {
    const env = prepareCache(environment, io);
    io.out(`Validating ${stacks.length} ${stacks.length === 1 ? "stack" : "stacks"} in ${options.outDir} with Terraform ${probe.version}${cacheNote(environment)}:`);
    results = await validateStacks(stacks, { runner, terraform, env, timeoutMs: options.timeoutMs }, (r) => io.out(formatStackResult(r)));
  } else {
    results = stacks.map((s) => skip(s.name, probe.reason));
    results.forEach((r) => io.out(formatStackResult(r)));
  }
  io.out(validateSummaryLine(results));
  const notice = skippedNotice(results, options.require);
  if (notice !== undefined) io.err(notice);
  return validateExitCode(results, options.require);
}

/** Creates the default cache folder (terraform refuses a missing one); without it, runs without a cache. */
function prepareCache(environment: TerraformEnvironment, io: CliIo): TerraformEnv {
  if (environment.pluginCacheSource !== "default" || environment.pluginCacheDir === undefined) {
    return environment.env;
  }
  try {
    mkdirSync(environment.pluginCacheDir, { recursive: true });
    return environment.env;
  } catch (error) {
    io.err(`warning: cannot create the provider cache ${environment.pluginCacheDir} (${(error as Error).message}); running without one`);
    const { TF_PLUGIN_CACHE_DIR: _unused, ...rest } = environment.env;
    return rest;
  }
}

function cacheNote(environment: TerraformEnvironment): string {
  switch (environment.pluginCacheSource) {
    case "default":
      return ` (provider cache ${environment.pluginCacheDir})`;
    case "TF_PLUGIN_CACHE_DIR":
      return ` (provider cache ${environment.pluginCacheDir}, from TF_PLUGIN_CACHE_DIR)`;
    default:
      return " (provider cache from the CLI configuration)";
  }
}
