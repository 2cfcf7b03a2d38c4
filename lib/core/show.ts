/**
 * How error messages quote what the user typed. Shared by the constructs and the stacks; not exported from
 * the package.
 */

/** Marks a value JSON cannot show (NaN, Infinity, undefined, a function) while `show` serializes. */
const MARK = "\u0000show\u0000";

/**
 * A value as the user typed it, for error messages: JSON, except that `NaN`, `Infinity`, `-Infinity`,
 * `undefined` (also inside objects and arrays), functions and symbols appear as such instead of as `null`
 * or not at all.
 */
export function show(value: unknown): string {
  const literals: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    const literal = literalOf(v);
    if (literal === undefined) return v;
    literals.push(literal);
    return `${MARK}${literals.length - 1}`;
  });
  if (text === undefined) return String(value);
  return text.replace(/"\\u0000show\\u0000(\d+)"/g, (_m, i: string) => literals[Number(i)]);
}

/** How `show` writes a value JSON would drop or turn into `null`; `undefined` for what JSON writes as is. */
function literalOf(v: unknown): string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? undefined : String(v);
  if (typeof v === "string") return v.startsWith(MARK) ? JSON.stringify(v) : undefined; // a user value, not a mark
  if (v === undefined || typeof v === "symbol") return String(v);
  if (typeof v === "function") return "[function]";
  if (typeof v === "bigint") return `${v}n`;
  return undefined;
}
