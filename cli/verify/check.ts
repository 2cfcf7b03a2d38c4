import { CheckResult, fail, pass, skip } from "./result";

/**
 * One verification. `attempt` resolves to `undefined` when the deployment is as expected and to a one-line
 * problem otherwise; it never rejects. A check that does not apply carries `skipReason` instead.
 */
export interface Check {
  readonly name: string;
  /**
   * Why the check does not apply to this deployment.
   *
   * @default - the check applies and `attempt` runs
   */
  readonly skipReason?: string;
  attempt(): Promise<string | undefined>;
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
    problem = await check.attempt();
    if (problem === undefined) {
      return pass(check.name);
    }
  }
  return fail(check.name, attempts > 1 ? `${problem} (after ${attempts} attempts)` : problem!);
}
