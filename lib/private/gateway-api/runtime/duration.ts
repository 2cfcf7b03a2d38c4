/**
 * Go's `time.ParseDuration`, which CEL's `duration(string)` uses in the API server: a possibly signed sequence
 * of decimal numbers with optional fraction and a unit (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), e.g.
 * "300ms", "-1.5h", "2h45m", or "0". Results are nanoseconds as a bigint (Go's int64 range).
 */

const UNITS: { readonly [unit: string]: bigint } = {
  ns: 1n,
  us: 1000n,
  "\u00b5s": 1000n,
  "\u03bcs": 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const MAX = 1n << 63n;

/** Thrown with Go's error text when a duration does not parse. */
export class DurationSyntaxError extends Error {}

const quote = (s: string): string => JSON.stringify(s);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** Consumes `[0-9]*`; Go fails on int64 overflow. */
function leadingInt(s: string, orig: string): { value: bigint; rest: string } {
  let i = 0;
  let value = 0n;
  for (; isDigit(s[i]); i++) {
    if (value > (MAX - 1n) / 10n) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
    value = value * 10n + BigInt(s.charCodeAt(i) - 48);
    if (value > MAX) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
  }
  return { value, rest: s.slice(i) };
}

/** Consumes the digits after a '.': their value and scale (10^digits), ignoring digits that would overflow. */
function leadingFraction(s: string): { value: bigint; scale: number; rest: string } {
  let i = 0;
  let value = 0n;
  let scale = 1;
  let overflow = false;
  for (; isDigit(s[i]); i++) {
    if (overflow) continue;
    if (value > (MAX - 1n) / 10n) {
      overflow = true;
      continue;
    }
    const next = value * 10n + BigInt(s.charCodeAt(i) - 48);
    if (next > MAX) {
      overflow = true;
      continue;
    }
    value = next;
    scale *= 10;
  }
  return { value, scale, rest: s.slice(i) };
}

/** Parses one `number unit` component; returns its nanoseconds and the rest of the string. */
function component(s: string, orig: string): { nanos: bigint; rest: string } {
  if (!(s[0] === "." || isDigit(s[0]))) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
  const int = leadingInt(s, orig);
  let rest = int.rest;
  const pre = rest.length !== s.length;
  let frac = { value: 0n, scale: 1 };
  let post = false;
  if (rest[0] === ".") {
    const f = leadingFraction(rest.slice(1));
    post = f.rest.length !== rest.length - 1;
    frac = f;
    rest = f.rest;
  }
  if (!pre && !post) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
  let i = 0;
  while (i < rest.length && rest[i] !== "." && !isDigit(rest[i])) i++;
  if (i === 0) throw new DurationSyntaxError(`time: missing unit in duration ${quote(orig)}`);
  const unitName = rest.slice(0, i);
  const unit = UNITS[unitName];
  if (unit === undefined) throw new DurationSyntaxError(`time: unknown unit ${quote(unitName)} in duration ${quote(orig)}`);
  if (int.value > MAX / unit) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
  let nanos = int.value * unit;
  if (frac.value > 0n) {
    nanos += BigInt(Math.trunc(Number(frac.value) * (Number(unit) / frac.scale)));
    if (nanos > MAX) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
  }
  return { nanos, rest: rest.slice(i) };
}

/** Go's `time.ParseDuration`: nanoseconds, or a `DurationSyntaxError` with Go's message. */
export function parseGoDuration(orig: string): bigint {
  let s = orig;
  let negative = false;
  if (s[0] === "-" || s[0] === "+") {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
  let total = 0n;
  while (s !== "") {
    const c = component(s, orig);
    total += c.nanos;
    if (total > MAX) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
    s = c.rest;
  }
  if (negative) return -total;
  if (total > MAX - 1n) throw new DurationSyntaxError(`time: invalid duration ${quote(orig)}`);
  return total;
}
