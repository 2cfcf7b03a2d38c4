import { CommandRunner, EXIT_NOT_STARTED, describeFailure } from "./command-runner";
import { PlatformOutputs } from "./outputs";

/** A parsed JSON object from az or kubectl, read defensively with `?.`. */
export type JsonObject = Record<string, any>;

/** Runs a command that prints a JSON object: the object, or a one-line problem. */
export async function runJson(runner: CommandRunner, command: string, args: readonly string[], hint: string): Promise<JsonObject | string> {
  const result = await runShaped(runner, command, args, hint, "object");
  return typeof result === "string" ? result : (result as JsonObject);
}

/** Runs a command that prints a JSON list (e.g. `az … list`): the list, or a one-line problem. */
export async function runJsonList(runner: CommandRunner, command: string, args: readonly string[], hint: string): Promise<any[] | string> {
  const result = await runShaped(runner, command, args, hint, "list");
  return typeof result === "string" ? result : (result as any[]);
}

async function runShaped(
  runner: CommandRunner,
  command: string,
  args: readonly string[],
  hint: string,
  shape: "object" | "list",
): Promise<object | string> {
  const display = [command, ...args.slice(0, 3)].join(" ");
  const result = await runner.run(command, args);
  if (result.exitCode !== 0) {
    // A missing binary needs installing, not logging in: the hint would mislead.
    return describeFailure(display, result) + (result.exitCode === EXIT_NOT_STARTED ? "" : hint);
  }
  try {
    const parsed: unknown = JSON.parse(result.stdout);
    const isList = Array.isArray(parsed);
    if (typeof parsed === "object" && parsed !== null && isList === (shape === "list")) {
      return parsed;
    }
  } catch {
    // fall through
  }
  return `${display} did not print a JSON ${shape}: ${JSON.stringify(result.stdout.slice(0, 200))}`;
}

/** The value when it is an array, else an empty one. */
export function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** The last `/` segment of an Azure resource ID (the sub-resource's name). */
export function lastSegment(id: unknown): string {
  return typeof id === "string" && id.includes("/") ? id.slice(id.lastIndexOf("/") + 1) : String(id ?? "?");
}

/** Appended to kubectl failures: the command that points kubectl at the platform's cluster. */
export function kubectlHint(platform: PlatformOutputs): string {
  return `; is kubectl pointed at cluster ${platform.clusterName}? (az aks get-credentials -g ${platform.resourceGroupName} -n ${platform.clusterName})`;
}

/** Appended to az failures. */
export const AZ_HINT = "; check `az login` and `az account show`";
