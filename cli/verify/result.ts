/** The outcome of one check. */
export enum CheckStatus {
  /** The deployment behaves as expected. */
  PASS = "PASS",
  /** The deployment does not behave as expected, or the check could not run. */
  FAIL = "FAIL",
  /** The check does not apply to this deployment (for example the WAF redirect check without HTTPS). */
  SKIP = "SKIP",
}

/** One line of the report: a check's name, its status and, unless it passed, why. */
export interface CheckResult {
  /** Short, stable name of the check, e.g. `healthz-ready` or `route tenant-a`. */
  readonly name: string;
  readonly status: CheckStatus;
  /**
   * Why the check failed or was skipped; for a passed check, what it could not establish (for example a
   * certificate chain that `--insecure` left unverified).
   *
   * @default - none for a passed check
   */
  readonly detail?: string;
}

/** A passed check, optionally with a note on what was not verified. */
export function pass(name: string, note?: string): CheckResult {
  return note === undefined ? { name, status: CheckStatus.PASS } : { name, status: CheckStatus.PASS, detail: note };
}

/** A failed check and why. */
export function fail(name: string, detail: string): CheckResult {
  return { name, status: CheckStatus.FAIL, detail };
}

/** A check that does not apply, and why. */
export function skip(name: string, detail: string): CheckResult {
  return { name, status: CheckStatus.SKIP, detail };
}
