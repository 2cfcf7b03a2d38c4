/** Results a fake CommandRunner returns in the verifier's tests: `terraform output -json` and plain JSON. */
import { CommandResult } from "../cli/verify/command-runner";

/** `terraform output -json` printing these values (not sensitive). */
export const outputsJson = (values: Record<string, unknown>): CommandResult => ({
  exitCode: 0,
  stdout: JSON.stringify(Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { sensitive: false, type: "x", value }]))),
  stderr: "",
});

/** A command that succeeds printing `value` as JSON (az, kubectl). */
export const json = (value: unknown): CommandResult => ({ exitCode: 0, stdout: JSON.stringify(value), stderr: "" });
