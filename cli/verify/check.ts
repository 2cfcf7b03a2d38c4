import { CheckResult, fail, pass, skip } from "./result";

/** An attempt that passed but could not establish everything, e.g. a chain left unverified by `--insecure`. */
export interface PassedWithNote {
  readonly passedWithNote: string;
}

/** An attempt that found, only by looking, that the check does not apply (e.g. the Gateway has no HTTPS listener). */
export interface NotApplicable {
  readonly notApplicable: string;
}

/**
 * What one attempt resolves to: `undefined` when the deployment is as expected, a one-line problem otherwise,
 * or one of the two outcomes above. Neither of those is retried.
 */
export type AttemptOutcome = string | undefined | PassedWithNote | NotApplicable;

/** A pass that says what it did not verify. */
export function passedWithNote(note: string): PassedWithNote {
  return { passedWithNote: note };
}

/** A check that turned out not to apply, and why. */
export function notApplicable(reason: string): NotApplicable {
  return { notApplicable: reason };
}

/**
 * One verification. `attempt` resolves to an {@link AttemptOutcome}; it never rejects. A check that is known
 * not to apply before it runs carries `skipReason` instead.
 */
export interface Check {
  readonly name: string;
  /**
   * Why the check does not apply to this deployment.
   *
   * @default - the check applies and `attempt` runs
   */
  readonly skipReason?: string;
  attempt(): Promise<AttemptOutcome>;
}

export interface RetryPolicy {
  /** Attempts after the first failed one. */
  readonly retries: number;
  /** Pause before each retry. */
  readonly delayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Runs a check, retrying a failed attempt up to `policy.retries` times; the last problem is reported. */
export async function runCheck(check: Check, policy: RetryPolicy): Promise<CheckResult> {
  if (check.skipReason !== undefined) {
    return skip(check.name, check.skipReason);
  }
  const attempts = policy.retries + 1;
  let problem: string | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      await policy.sleep(policy.delayMs);
    }
    const outcome = await check.attempt();
    if (outcome === undefined) {
      return pass(check.name);
    }
    if (typeof outcome !== "string") {
      return "notApplicable" in outcome ? skip(check.name, outcome.notApplicable) : pass(check.name, outcome.passedWithNote);
    }
    problem = outcome;
  }
  return fail(check.name, attempts > 1 ? `${problem} (after ${attempts} attempts)` : problem!);
}

/** A check that is known not to apply before it runs. */
export function skippedCheck(name: string, reason: string): Check {
  return { name, skipReason: reason, attempt: async () => undefined };
}
