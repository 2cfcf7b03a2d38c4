/**
 * Validating stacks one after the other: `terraform init -backend=false` once per stack, then
 * `terraform validate -json`, turned into PASS, FAIL or SKIP.
 */
import { describeFailure } from "../verify/command-runner";
import { CheckResult, fail, pass, skip } from "../verify/result";
import { classifyInitFailure } from "./init-output";
import { EXIT_TIMED_OUT, TerraformEnv, TerraformRunner } from "./process-runner";
import { SynthesizedStack } from "./stacks";
import { describeDiagnostics, parseValidateReport } from "./validate-output";

/** Arguments of `terraform init`: no backend (so no state is read or written), no prompts, plain text. */
export const INIT_ARGS: readonly string[] = ["init", "-backend=false", "-input=false", "-no-color"];
/** Arguments of `terraform validate`. */
export const VALIDATE_ARGS: readonly string[] = ["validate", "-no-color", "-json"];

/** How to run terraform. */
export interface ValidateContext {
  readonly runner: TerraformRunner;
  /** The terraform (or OpenTofu) binary. */
  readonly terraform: string;
  readonly env: TerraformEnv;
  /** The deadline the runner applies to each command, for messages. */
  readonly timeoutMs: number;
}

/**
 * Validates the stacks in the order given, one at a time (they share the provider cache, which is not safe
 * for concurrent use), reporting each result through `onResult` as soon as it is known.
 */
export async function validateStacks(
  stacks: readonly SynthesizedStack[],
  context: ValidateContext,
  onResult: (result: CheckResult) => void = () => undefined,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const stack of stacks) {
    const result = await validateStack(stack, context);
    onResult(result);
    results.push(result);
  }
  return results;
}

/** Initializes and validates one stack in its working directory. */
export async function validateStack(stack: SynthesizedStack, context: ValidateContext): Promise<CheckResult> {
  const { runner, terraform, env } = context;
  const options = { cwd: stack.workingDirectory, env };
  const init = await runner.run(terraform, INIT_ARGS, options);
  if (init.exitCode === EXIT_TIMED_OUT) {
    return fail(stack.name, timedOut("init", context));
  }
  if (init.exitCode !== 0) {
    return initFailed(stack.name, init.stdout, init.stderr, () => describeFailure("terraform init", init));
  }
  const validate = await runner.run(terraform, VALIDATE_ARGS, options);
  if (validate.exitCode === EXIT_TIMED_OUT) {
    return fail(stack.name, timedOut("validate", context));
  }
  const report = parseValidateReport(validate.stdout);
  if (report === undefined) {
    return fail(stack.name, `${describeFailure("terraform validate -json", validate)}; it printed no validate report`);
  }
  if (report.valid) {
    const warnings = report.diagnostics.filter((d) => d.severity !== "error");
    return warnings.length === 0 ? pass(stack.name) : { ...pass(stack.name), detail: describeDiagnostics(warnings, stack, false) };
  }
  return fail(stack.name, `terraform validate: ${describeDiagnostics(report.diagnostics, stack, true)}`);
}

/** SKIP when init could not download what the stack needs, FAIL when it rejected the configuration. */
function initFailed(stack: string, stdout: string, stderr: string, raw: () => string): CheckResult {
  const failure = classifyInitFailure(stdout, stderr);
  switch (failure.kind) {
    case "unavailable": {
      const from = failure.hosts.length > 0 ? ` from ${failure.hosts.join(", ")}` : "";
      const noun = failure.what.some((w) => w.startsWith("module ")) ? "" : failure.what.length === 1 ? "provider " : "providers ";
      return skip(
        stack,
        `terraform init could not download ${noun}${failure.what.join(", ")}${from}: ${failure.cause}. ` +
          "Validate where the registry is reachable, or give Terraform a provider mirror (provider_installation in the CLI configuration)",
      );
    }
    case "config": {
      const items = failure.errors.map((e) => `${e.summary}${e.detail ? `: ${e.detail}` : ""}${e.location ? ` [at ${e.location}]` : ""}`);
      const lockHint = failure.errors.some((e) => /locked provider .* does not match configured version constraint/.test(e.detail))
        ? " (the stack's .terraform.lock.hcl is from an earlier init: delete it, or let `cdktf deploy` upgrade it)"
        : "";
      return fail(stack, `terraform init failed: ${items.join(" | ")}${lockHint}`);
    }
    default:
      return fail(stack, raw());
  }
}

function timedOut(command: string, context: ValidateContext): string {
  return (
    `terraform ${command} did not finish within ${context.timeoutMs / 1000} s (--timeout) and was stopped; ` +
    "a slow or unresponsive registry or mirror is the usual cause: raise --timeout or check the network"
  );
}
