/**
 * Checks the generated schema validators call, one OpenAPI keyword each, with the API server's semantics
 * (kube-openapi validation as apiextensions-apiserver runs it for custom resources).
 */
import { isIPv4Format, isIPv6Format } from "./ip";
import { Problem } from "./problem";

type Json = { [key: string]: unknown };

/** A compiled `pattern`: the JavaScript translation and the original RE2 source for messages. */
export interface Pattern {
  readonly re: RegExp;
  readonly source: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Path of a property: `spec`, `spec.rules`. Keys that are not identifiers are quoted: `a["b.c"]`. */
export function child(path: string, name: string): string {
  if (!IDENTIFIER.test(name)) return entry(path, name);
  return path === "" ? name : `${path}.${name}`;
}

/** Path of a list item: `spec.rules[0]`. */
export function item(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Path of a map entry (additionalProperties): always quoted, `annotations["example.com/x"]`. */
export function entry(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`;
}

/** A short rendering of a value for messages (never throws: bigints and cycles fall back to String). */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A JSON object (not null, not an array). */
export function isObject(x: unknown): x is Json {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function typeOf(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "array";
  if (typeof x === "number") return Number.isInteger(x) ? "integer" : "number";
  return typeof x;
}

function push(out: Problem[], path: string, message: string, blocking: boolean, extra?: Partial<Problem>): void {
  out.push({ path, message, blocking, ...extra });
}

/** `type` (and `nullable`): pushes a blocking problem and returns false when `x` has another type. */
export function type(x: unknown, path: string, out: Problem[], expected: string, nullable = false): boolean {
  if (x === null && nullable) return false;
  const actual = typeOf(x);
  const ok = actual === expected || (expected === "number" && actual === "integer");
  if (!ok) {
    const article = /^[aeiou]/.test(expected) ? "an" : "a";
    push(out, path, `must be ${article} ${expected}, got ${actual === "null" ? "null" : show(x)}`, true);
  }
  return ok;
}

/** `required`. */
export function required(x: Json, path: string, out: Problem[], names: readonly string[]): void {
  for (const name of names) {
    if (x[name] === undefined) push(out, child(path, name), "is required", true);
  }
}

/** Fields the schema does not declare: the API server would silently prune them; we report them. */
export function unknown(x: Json, path: string, out: Problem[], known: { readonly [name: string]: 1 }): void {
  for (const name of Object.keys(x)) {
    if (known[name] !== 1) push(out, child(path, name), "unknown field", false, { hint: "unknown-field" });
  }
}

/** `enum`. */
export function oneOfValues(x: unknown, path: string, out: Problem[], values: readonly unknown[]): void {
  if (values.includes(x)) return;
  const list = values.map((v) => show(v)).join(", ");
  push(out, path, `${show(x)} is not one of ${list}`, true, { hint: "enum", value: x });
}

/** Length in Unicode code points, as Go's `utf8.RuneCountInString`. */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** `minLength`/`maxLength` (maxLength is blocking: TooLong). Pass -1 for an absent bound. */
export function length(x: string, path: string, out: Problem[], min: number, max: number): void {
  const n = codePoints(x);
  if (max >= 0 && n > max) push(out, path, `is ${n} characters long, at most ${max} allowed`, true, { hint: "limit", value: n });
  if (min >= 0 && n < min) push(out, path, `is ${n} characters long, at least ${min} required`, false);
}

/** `pattern` (a partial match, as Go's `regexp.MatchString`; the patterns carry their own anchors). */
export function pattern(x: string, path: string, out: Problem[], p: Pattern): void {
  if (!p.re.test(x)) push(out, path, `${show(x)} does not match ${p.source}`, false);
}

const FORMATS: { readonly [name: string]: (s: string) => boolean } = {
  ipv4: isIPv4Format,
  ipv6: isIPv6Format,
};

/** `format`, for the formats the API server enforces on strings (ipv4, ipv6). Blocking (TypeInvalid). */
export function format(x: string, path: string, out: Problem[], name: string): void {
  const check = FORMATS[name];
  if (check && !check(x)) push(out, path, `${show(x)} is not a valid ${name} address`, true);
}

/** `minimum`/`maximum` (integers and numbers). Pass undefined for an absent bound. */
export function range(x: number, path: string, out: Problem[], min: number | undefined, max: number | undefined): void {
  if (min !== undefined && x < min) push(out, path, `${x} is less than the minimum ${min}`, false);
  if (max !== undefined && x > max) push(out, path, `${x} is greater than the maximum ${max}`, false);
}

/** `minItems`/`maxItems` (maxItems is blocking: TooMany). Pass -1 for an absent bound. */
export function items(x: readonly unknown[], path: string, out: Problem[], min: number, max: number): void {
  if (max >= 0 && x.length > max) push(out, path, `has ${x.length} items, at most ${max} allowed`, true, { hint: "limit", value: x.length });
  if (min >= 0 && x.length < min) push(out, path, `has ${x.length} items, at least ${min} required`, false);
}

/** `minProperties`/`maxProperties` (maxProperties is blocking: TooMany). Pass -1 for an absent bound. */
export function properties(x: Json, path: string, out: Problem[], min: number, max: number): void {
  const n = Object.keys(x).length;
  if (max >= 0 && n > max) push(out, path, `has ${n} entries, at most ${max} allowed`, true, { hint: "limit", value: n });
  if (min >= 0 && n < min) push(out, path, `has ${n} entries, at least ${min} required`, false);
}

/** `x-kubernetes-list-type: set`: no two equal items. */
export function uniqueSet(x: readonly unknown[], path: string, out: Problem[]): void {
  const seen = new Map<string, number>();
  x.forEach((value, i) => {
    const key = JSON.stringify(value);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else push(out, item(path, i), `duplicate entry ${show(value)} (also at ${item(path, first)})`, false);
  });
}

/** `x-kubernetes-list-type: map`: no two items with the same values of the `x-kubernetes-list-map-keys`. */
export function uniqueMap(x: readonly unknown[], path: string, out: Problem[], keys: readonly string[]): void {
  const seen = new Map<string, number>();
  x.forEach((value, i) => {
    if (!isObject(value)) return;
    const tuple = keys.map((k) => value[k]);
    const id = JSON.stringify(tuple);
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return;
    }
    const described = keys.map((k, j) => `${k} ${show(tuple[j])}`).join(", ");
    push(out, item(path, i), `duplicate entry with ${described} (also at ${item(path, first)})`, false);
  });
}

/** A schema check that reports into its own list, for `anyOf`/`oneOf`/`not` branches. */
export type Branch = (x: unknown, path: string, out: Problem[]) => void;

function runBranch(branch: Branch, x: unknown, path: string): Problem[] {
  const out: Problem[] = [];
  branch(x, path, out);
  return out;
}

/** `anyOf`: at least one branch must pass. */
export function anyOf(x: unknown, path: string, out: Problem[], branches: readonly Branch[], what: readonly string[]): void {
  const results = branches.map((b) => runBranch(b, x, path));
  if (results.some((r) => r.length === 0)) return;
  push(out, path, `${show(x)} matches none of: ${what.join("; ")}`, results.some((r) => r.some((p) => p.blocking)));
}

/** `oneOf`: exactly one branch must pass; when none does, the problems of the closest branch are reported. */
export function oneOf(x: unknown, path: string, out: Problem[], branches: readonly Branch[]): void {
  const results = branches.map((b) => runBranch(b, x, path));
  const passed = results.filter((r) => r.length === 0).length;
  if (passed === 1) return;
  if (passed > 1) {
    push(out, path, `matches ${passed} of the ${branches.length} alternatives; exactly one is allowed`, false);
    return;
  }
  const closest = results.reduce((best, r) => (r.length < best.length ? r : best));
  out.push(...closest);
}

/** `not`: the branch must fail. */
export function not(x: unknown, path: string, out: Problem[], branch: Branch, what: string): void {
  if (runBranch(branch, x, path).length === 0) push(out, path, `must not match: ${what}`, false);
}

/**
 * A copy of `x` without the `null` values of object fields, which the API server prunes (or replaces by the
 * default) before validating non-nullable fields; the paths of the removed nulls go to `nulls`.
 */
export function copyWithoutNulls(x: unknown, path: string, nulls: string[]): unknown {
  if (Array.isArray(x)) return x.map((v, i) => copyWithoutNulls(v, item(path, i), nulls));
  if (!isObject(x)) return x;
  const out: Json = {};
  for (const [k, v] of Object.entries(x)) {
    if (v === null) nulls.push(child(path, k));
    else if (v !== undefined) out[k] = copyWithoutNulls(v, child(path, k), nulls);
  }
  return out;
}
