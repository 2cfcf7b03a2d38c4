/**
 * The CEL operators and functions the Gateway API rules use, with the semantics of cel-go as the API server
 * configures it: errors are values that `&&`, `||`, `all` and `exists` may absorb; a missing field is the
 * error "no such key"; strings are sequences of code points. The generator transpiles each rule into a
 * JavaScript function built from these; evaluation errors are thrown as `CelError`.
 */
import { celIsIP } from "./ip";
import { DurationSyntaxError, parseGoDuration } from "./duration";

/** A CEL evaluation error (cel-go's `types.Err`). */
export class CelError extends Error {}

/** A CEL `google.protobuf.Duration`, in nanoseconds. */
export class CelDuration {
  constructor(readonly nanos: bigint) {}
}

type CelMap = { [key: string]: unknown };

function isMap(x: unknown): x is CelMap {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof CelDuration);
}

function typeName(x: unknown): string {
  if (x === null) return "null_type";
  if (Array.isArray(x)) return "list";
  if (x instanceof CelDuration) return "google.protobuf.Duration";
  if (typeof x === "number") return Number.isInteger(x) ? "int" : "double";
  if (typeof x === "boolean") return "bool";
  return typeof x === "object" ? "map" : typeof x;
}

function noOverload(fn: string, ...args: unknown[]): CelError {
  return new CelError(`no such overload: ${fn}(${args.map(typeName).join(", ")})`);
}

const hasOwn = (m: CelMap, key: string): boolean => Object.prototype.hasOwnProperty.call(m, key);

/** `x.f`: the field, or the error "no such key". */
export function select(x: unknown, field: string): unknown {
  if (!isMap(x)) throw noOverload(`_.${field}`, x);
  if (!hasOwn(x, field) || x[field] === undefined) throw new CelError(`no such key: ${field}`);
  return x[field];
}

/** `has(x.f)`. */
export function has(x: unknown, field: string): boolean {
  if (!isMap(x)) throw noOverload(`has(_.${field})`, x);
  return hasOwn(x, field) && x[field] !== undefined;
}

/** `x[i]` on a list (int index) or a map (key). */
export function index(x: unknown, i: unknown): unknown {
  if (Array.isArray(x) && typeof i === "number" && Number.isInteger(i)) {
    if (i < 0 || i >= x.length) throw new CelError(`index out of bounds: ${i}`);
    return x[i];
  }
  if (isMap(x) && typeof i === "string") {
    if (!hasOwn(x, i)) throw new CelError(`no such key: ${i}`);
    return x[i];
  }
  throw noOverload("_[_]", x, i);
}

/** `size(x)` / `x.size()`: code points of a string, items of a list, entries of a map. */
export function size(x: unknown): number {
  if (typeof x === "string") return [...x].length;
  if (Array.isArray(x)) return x.length;
  if (isMap(x)) return Object.keys(x).length;
  throw noOverload("size", x);
}

/** CEL equality (heterogeneous: values of different types are not equal). */
export function equals(a: unknown, b: unknown): boolean {
  if (a instanceof CelDuration || b instanceof CelDuration) {
    return a instanceof CelDuration && b instanceof CelDuration && a.nanos === b.nanos;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => equals(v, b[i]));
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && equals(a[k], b[k]));
  }
  return a === b;
}

function compareStrings(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The ordering of `<`, `<=`, `>`, `>=`: negative, zero or positive. */
function compare(a: unknown, b: unknown, op: string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (a instanceof CelDuration && b instanceof CelDuration) return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
  throw noOverload(op, a, b);
}

/** `a < b`. */
export const lt = (a: unknown, b: unknown): boolean => compare(a, b, "_<_") < 0;
/** `a <= b`. */
export const le = (a: unknown, b: unknown): boolean => compare(a, b, "_<=_") <= 0;
/** `a > b`. */
export const gt = (a: unknown, b: unknown): boolean => compare(a, b, "_>_") > 0;
/** `a >= b`. */
export const ge = (a: unknown, b: unknown): boolean => compare(a, b, "_>=_") >= 0;

/** `a + b` on numbers, strings, lists and durations. */
export function add(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (a instanceof CelDuration && b instanceof CelDuration) return new CelDuration(a.nanos + b.nanos);
  throw noOverload("_+_", a, b);
}

/** `-a`. */
export function negate(a: unknown): unknown {
  if (typeof a === "number") return -a;
  if (a instanceof CelDuration) return new CelDuration(-a.nanos);
  throw noOverload("-_", a);
}

/** A value used as a boolean (`!`, ternary condition, rule result). */
export function bool(x: unknown, op: string): boolean {
  if (typeof x !== "boolean") throw noOverload(op, x);
  return x;
}

function attempt(f: () => unknown): { value?: unknown; error?: CelError } {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof CelError) return { error: e };
    throw e;
  }
}

/**
 * `a && b && ...`: false if any operand is false, even if others are errors (CEL's commutative logic, so a
 * chain evaluates as its nested binary form would); otherwise the first error; otherwise true.
 */
export function and(...operands: Array<() => unknown>): boolean {
  return logical(operands, false, "_&&_");
}

/** `a || b || ...`: true if any operand is true, even if others are errors; otherwise the first error; else false. */
export function or(...operands: Array<() => unknown>): boolean {
  return logical(operands, true, "_||_");
}

function logical(operands: Array<() => unknown>, decisive: boolean, op: string): boolean {
  let error: CelError | undefined;
  for (const operand of operands) {
    const r = attempt(operand);
    if (r.value === decisive) return decisive;
    if (r.error || r.value !== !decisive) error ??= r.error ?? noOverload(op, r.value);
  }
  if (error) throw error;
  return !decisive;
}

/** `a in b`: list membership (CEL equality) or map key presence. */
export function isIn(a: unknown, b: unknown): boolean {
  if (Array.isArray(b)) return b.some((v) => equals(a, v));
  if (isMap(b)) return typeof a === "string" && hasOwn(b, a);
  throw noOverload("@in", a, b);
}

/** What comprehension macros iterate: the items of a list, the keys of a map. */
function range(x: unknown, macro: string): readonly unknown[] {
  if (Array.isArray(x)) return x;
  if (isMap(x)) return Object.keys(x);
  throw noOverload(macro, x);
}

/** `x.all(v, p)`: false wins over errors; otherwise any error is the result. */
export function all(x: unknown, p: (v: unknown) => unknown): boolean {
  let error: CelError | undefined;
  for (const v of range(x, "all")) {
    const r = attempt(() => p(v));
    if (r.value === false) return false;
    if (r.error || r.value !== true) error ??= r.error ?? noOverload("all", r.value);
  }
  if (error) throw error;
  return true;
}

/** `x.exists(v, p)`: true wins over errors; otherwise any error is the result. */
export function exists(x: unknown, p: (v: unknown) => unknown): boolean {
  let error: CelError | undefined;
  for (const v of range(x, "exists")) {
    const r = attempt(() => p(v));
    if (r.value === true) return true;
    if (r.error || r.value !== false) error ??= r.error ?? noOverload("exists", r.value);
  }
  if (error) throw error;
  return false;
}

/** `x.exists_one(v, p)`: exactly one element satisfies `p`; any error is the result. */
export function existsOne(x: unknown, p: (v: unknown) => unknown): boolean {
  let count = 0;
  for (const v of range(x, "exists_one")) {
    if (bool(p(v), "exists_one")) count++;
  }
  return count === 1;
}

/** `x.filter(v, p)`: the elements (or map keys) that satisfy `p`; any error is the result. */
export function filter(x: unknown, p: (v: unknown) => unknown): unknown[] {
  return range(x, "filter").filter((v) => bool(p(v), "filter"));
}

function str(x: unknown, fn: string, ...rest: unknown[]): string {
  if (typeof x !== "string") throw noOverload(fn, x, ...rest);
  return x;
}

/** `s.contains(t)`. */
export function contains(s: unknown, t: unknown): boolean {
  return str(s, "contains", t).includes(str(t, "contains", s));
}

/** `s.startsWith(t)`. */
export function startsWith(s: unknown, t: unknown): boolean {
  return str(s, "startsWith", t).startsWith(str(t, "startsWith", s));
}

/** `s.endsWith(t)`. */
export function endsWith(s: unknown, t: unknown): boolean {
  return str(s, "endsWith", t).endsWith(str(t, "endsWith", s));
}

/** `s.matches(re)`: RE2 search (not anchored), with the pattern translated to JavaScript by the generator. */
export function matches(s: unknown, re: RegExp): boolean {
  return re.test(str(s, "matches"));
}

/** `s.split(sep)` / `s.split(sep, n)` of the Kubernetes strings library (Go `strings.SplitN`). */
export function split(s: unknown, sep: unknown, n = -1): string[] {
  const text = str(s, "split", sep);
  const separator = str(sep, "split", s);
  if (n === 0) return [];
  const parts = separator === "" ? [...text] : text.split(separator);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}

/** `s.substring(start)` / `s.substring(start, end)`, in code points, of the Kubernetes strings library. */
export function substring(s: unknown, start: unknown, end?: unknown): string {
  const chars = [...str(s, "substring", start)];
  const from = start as number;
  const to = end === undefined ? chars.length : (end as number);
  if (!Number.isInteger(from) || !Number.isInteger(to)) throw noOverload("substring", s, start, end);
  if (from > to) throw new CelError(`invalid substring range. start: ${from}, end: ${to}`);
  if (from < 0 || from > chars.length) throw new CelError(`index out of range: ${from}`);
  if (to > chars.length) throw new CelError(`index out of range: ${to}`);
  return chars.slice(from, to).join("");
}

/** `duration(s)`: Go's `time.ParseDuration`. */
export function duration(s: unknown): CelDuration {
  if (s instanceof CelDuration) return s;
  try {
    return new CelDuration(parseGoDuration(str(s, "duration")));
  } catch (e) {
    if (e instanceof DurationSyntaxError) throw new CelError(e.message);
    throw e;
  }
}

/** `isIP(s)` of the Kubernetes IP library. */
export function isIP(s: unknown): boolean {
  return celIsIP(str(s, "isIP"));
}
