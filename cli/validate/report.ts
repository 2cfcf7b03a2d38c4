/**
 * The lines `validate` prints: one per stack, the totals, and a closing warning or error about skipped stacks.
 */
import { EXIT_FAILED, EXIT_OK } from "../io";
import { CheckResult, CheckStatus } from "../verify/result";

/** `PASS <stack>` (with its warnings in parentheses), `FAIL <stack>: <why>` or `SKIP <stack>: <why>`. */
export function formatStackResult(result: CheckResult): string {
  if (result.detail === undefined) {
    return `${result.status} ${result.name}`;
  }
  return result.status === CheckStatus.PASS ? `${result.status} ${result.name} (${result.detail})` : `${result.status} ${result.name}: ${result.detail}`;
}

/** `N passed, N failed, N skipped`. */
export function validateSummaryLine(results: readonly CheckResult[]): string {
  const count = (status: CheckStatus) => results.filter((r) => r.status === status).length;
  return `${count(CheckStatus.PASS)} passed, ${count(CheckStatus.FAIL)} failed, ${count(CheckStatus.SKIP)} skipped`;
}

/**
 * What to say about skipped stacks, for stderr: an error with `--require`, otherwise a warning, which for a
 * run where nothing was validated says so plainly (a green CI job must not hide that).
 */
export function skippedNotice(results: readonly CheckResult[], require: boolean): string | undefined {
  const skipped = results.filter((r) => r.status === CheckStatus.SKIP).length;
  if (skipped === 0) {
    return undefined;
  }
  const stacks = `${skipped} ${skipped === 1 ? "stack was" : "stacks were"}`;
  if (require) {
    return `error: --require is set and ${stacks} not validated (SKIP above); install Terraform and make the provider registry or a mirror reachable.`;
  }
  if (skipped === results.length) {
    const which = skipped === 1 ? "the only stack was" : `all ${stacks}`;
    return `warning: nothing was validated: ${which} skipped (reasons above). Pass --require to make this fail.`;
  }
  return `warning: ${stacks} skipped and not validated (reasons above). Pass --require to make this fail.`;
}

/** 1 when a stack failed, or was skipped under `--require`; else 0. */
export function validateExitCode(results: readonly CheckResult[], require: boolean): number {
  const bad = results.some((r) => r.status === CheckStatus.FAIL || (require && r.status === CheckStatus.SKIP));
  return bad ? EXIT_FAILED : EXIT_OK;
}
