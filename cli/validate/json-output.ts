/**
 * Reading the JSON a terraform command printed, also when a wrapper added lines around it: the
 * hashicorp/setup-terraform GitHub Action's default wrapper prints `[command]…` before and `::debug::…` after
 * (hashicorp/terraform-cdk#1020, hashicorp/setup-terraform#20).
 */

/** The JSON value in `stdout`, or undefined when there is none. */
export function parseJsonOutput(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    // Look for a pretty-printed object between a line "{" and the last line "}".
  }
  const lines = stdout.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === "{");
  const end = lines.map((line) => line.trim()).lastIndexOf("}");
  if (start === -1 || end <= start) {
    return undefined;
  }
  try {
    return JSON.parse(lines.slice(start, end + 1).join("\n"));
  } catch {
    return undefined;
  }
}
