import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { DEFAULT_OUT_DIR } from "./outputs";

/**
 * The tenant stacks of a traffic stack: the stacks of the synthesized app (`<outDir>/manifest.json`) that
 * depend on it, in manifest order. `[]` when there is no manifest (outputs are then read from the traffic
 * stack alone, as before tenant stacks existed).
 */
export function tenantStacksOf(trafficStack: string, outDir: string = DEFAULT_OUT_DIR): string[] {
  const file = path.join(outDir, "manifest.json");
  if (!existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { stacks?: Record<string, { dependencies?: string[] }> };
  return Object.entries(manifest.stacks ?? {})
    .filter(([, stack]) => (stack.dependencies ?? []).includes(trafficStack))
    .map(([name]) => name);
}
