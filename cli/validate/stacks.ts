/**
 * The stacks of a synthesized app, read from `<outDir>/manifest.json`, in deploy order.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { deployOrder } from "../summary";
import { StackSource } from "./validate-output";

/** A stack to validate. */
export interface SynthesizedStack extends StackSource {
  readonly name: string;
}

/** The synthesized app cannot be read; the message says what to run. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

interface ManifestStack {
  name: string;
  synthesizedStackPath: string;
  workingDirectory?: string;
  dependencies: string[];
}

/**
 * The stacks listed in `<outDir>/manifest.json`, dependencies first, limited to `only` when it names any.
 * Throws `InputError` when the manifest or a stack's cdk.tf.json is missing or unreadable, or `only` names a
 * stack the app does not have.
 */
export function readStacks(outDir: string, only: readonly string[] = []): SynthesizedStack[] {
  const manifestPath = join(outDir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new InputError(`${manifestPath} not found; run \`cdktf synth\` first, or pass the output directory (cdktf.json "output").`);
  }
  const manifest = readJson(manifestPath) as { stacks?: Record<string, Partial<ManifestStack>> };
  const listed = Object.values(manifest?.stacks ?? {}).filter((s) => typeof s?.name === "string");
  if (listed.length === 0) {
    throw new InputError(`${manifestPath} lists no stacks; re-run \`cdktf synth\`.`);
  }
  let ordered: ManifestStack[];
  try {
    ordered = deployOrder(
      listed.map((s) => ({
        name: s.name as string,
        synthesizedStackPath: s.synthesizedStackPath ?? join("stacks", s.name as string, "cdk.tf.json"),
        workingDirectory: s.workingDirectory,
        dependencies: Array.isArray(s.dependencies) ? s.dependencies : [],
      })),
    );
  } catch (error) {
    throw new InputError(`${manifestPath}: ${(error as Error).message}`);
  }
  const names = ordered.map((s) => s.name);
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new InputError(`no stack ${unknown.map((n) => JSON.stringify(n)).join(", ")} in ${manifestPath}; its stacks are ${names.join(", ")}.`);
  }
  return ordered
    .filter((s) => only.length === 0 || only.includes(s.name))
    .map((s) => {
      const stackFile = join(outDir, s.synthesizedStackPath);
      if (!existsSync(stackFile)) {
        throw new InputError(`${stackFile} not found although ${manifestPath} lists stack ${s.name}; re-run \`cdktf synth\`.`);
      }
      return { name: s.name, workingDirectory: join(outDir, s.workingDirectory ?? join("stacks", s.name)), json: readJson(stackFile) };
    });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new InputError(`${file} is not readable JSON (${(error as Error).message}); re-run \`cdktf synth\`.`);
  }
}
