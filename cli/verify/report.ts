import { CheckResult, CheckStatus } from "./result";

/** `PASS <name>`, `PASS <name> (<note>)`, `FAIL <name>: <why>` or `SKIP <name>: <why>`. */
export function formatResult(result: CheckResult): string {
  if (result.detail === undefined) {
    return `${result.status} ${result.name}`;
  }
  return result.status === CheckStatus.PASS ? `${result.status} ${result.name} (${result.detail})` : `${result.status} ${result.name}: ${result.detail}`;
}

/** `N passed, N failed` — skipped checks count in neither. */
export function summaryLine(results: readonly CheckResult[]): string {
  const passed = results.filter((result) => result.status === CheckStatus.PASS).length;
  const failed = results.filter((result) => result.status === CheckStatus.FAIL).length;
  return `${passed} passed, ${failed} failed`;
}

/** 1 when any check failed, else 0. */
export function exitCodeOf(results: readonly CheckResult[]): number {
  return results.some((result) => result.status === CheckStatus.FAIL) ? 1 : 0;
}
