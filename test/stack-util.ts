import { TerraformStack, Testing } from "cdktf";

/** Parsed synthesized JSON of a stack (validations skipped; tests of validations pass `true`). */
export function stackJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** `type.name` addresses a value references through `${…}` interpolations. */
export function references(value: unknown): string[] {
  const text = JSON.stringify(value ?? null);
  const out = new Set<string>();
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const r of m[1].matchAll(/\b((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)/g)) out.add(r[1]);
  }
  return [...out];
}

/**
 * Every resource address reachable from `start` through references and depends_on, in one stack's JSON.
 */
export function reachableFrom(json: any, start: string): Set<string> {
  const lookup = (address: string): any => {
    const parts = address.split(".");
    if (parts[0] === "data") return json.data?.[parts[1]]?.[parts[2]];
    return json.resource?.[parts[0]]?.[parts[1]];
  };
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const address = queue.pop()!;
    if (seen.has(address)) continue;
    seen.add(address);
    const body = lookup(address);
    if (!body) continue;
    const deps = (body.depends_on ?? []) as string[];
    queue.push(...references(body), ...deps);
  }
  return seen;
}
