/**
 * The CEL runtime against cel-go semantics (as the API server runs the rules): error values and commutative
 * logic, comprehensions, code-point strings, the Kubernetes strings library, duration() and isIP().
 */
import * as c from "../../lib/private/gateway-api/runtime/cel";
import { CelError } from "../../lib/private/gateway-api/runtime/cel";

const boom = (): never => {
  throw new CelError("no such key: x");
};
const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    return e instanceof CelError ? `error: ${e.message}` : `crash: ${(e as Error).message}`;
  }
};

describe("logic: errors are absorbed by a decisive operand, on either side", () => {
  test.each([
    ["error && false", () => c.and(boom, () => false), false],
    ["false && error", () => c.and(() => false, boom), false],
    ["error && true", () => c.and(boom, () => true), "error: no such key: x"],
    ["true && error", () => c.and(() => true, boom), "error: no such key: x"],
    ["error || true", () => c.or(boom, () => true), true],
    ["true || error", () => c.or(() => true, boom), true],
    ["error || false", () => c.or(boom, () => false), "error: no such key: x"],
    ["true && true && false", () => c.and(() => true, () => true, () => false), false],
    ["1 && true", () => c.and(() => 1, () => true), "error: no such overload: _&&_(int)"],
  ])("%s", (_name, f, expected) => {
    expect(outcome(f)).toEqual(expected);
  });

  test("! and ternary conditions need a bool", () => {
    expect(outcome(() => c.bool("true", "!_"))).toBe("error: no such overload: !_(string)");
  });
});

describe("comprehensions", () => {
  const p = (v: unknown) => (v === "e" ? boom() : v === "t");
  test.each([
    ["all: false wins over errors", () => c.all(["e", "f"], p), false],
    ["all: otherwise the error", () => c.all(["e", "t"], p), "error: no such key: x"],
    ["all: empty list", () => c.all([], p), true],
    ["exists: true wins over errors", () => c.exists(["e", "t"], p), true],
    ["exists: otherwise the error", () => c.exists(["e", "f"], p), "error: no such key: x"],
    ["exists_one: exactly one", () => c.existsOne(["t", "f"], p), true],
    ["exists_one: two", () => c.existsOne(["t", "t"], p), false],
    ["exists_one: errors are fatal", () => c.existsOne(["t", "e"], p), "error: no such key: x"],
    ["filter", () => c.filter(["t", "f", "t"], p), ["t", "t"]],
    ["filter: errors are fatal", () => c.filter(["f", "e"], p), "error: no such key: x"],
    ["maps iterate keys", () => c.all({ a: 1, b: 2 }, (k) => typeof k === "string"), true],
  ])("%s", (_name, f, expected) => {
    expect(outcome(f)).toEqual(expected);
  });
});

describe("values", () => {
  test("a missing field is the error 'no such key'; has() tests presence", () => {
    expect(outcome(() => c.select({ a: 1 }, "b"))).toBe("error: no such key: b");
    expect(c.has({ a: 1 }, "a")).toBe(true);
    expect(c.has({ a: 1 }, "b")).toBe(false);
    expect(outcome(() => c.has("s", "a"))).toBe("error: no such overload: has(_.a)(string)");
  });

  test("indexes: bounds and keys", () => {
    expect(c.index([1, 2], 1)).toBe(2);
    expect(outcome(() => c.index([1, 2], 2))).toBe("error: index out of bounds: 2");
    expect(outcome(() => c.index({ a: 1 }, "b"))).toBe("error: no such key: b");
  });

  test("size counts code points, list items and map entries", () => {
    expect(c.size("\u{1F600}a")).toBe(2);
    expect(c.size([1, 2, 3])).toBe(3);
    expect(c.size({ a: 1 })).toBe(1);
    expect(outcome(() => c.size(3))).toBe("error: no such overload: size(int)");
  });

  test("equality is heterogeneous and deep", () => {
    expect(c.equals("1", 1)).toBe(false);
    expect(c.equals([1, { a: "x" }], [1, { a: "x" }])).toBe(true);
    expect(c.equals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(c.equals(c.duration("60s"), c.duration("1m"))).toBe(true);
  });

  test("strings compare by code point (not UTF-16 unit)", () => {
    expect(c.lt("\uffff", "\u{1F600}")).toBe(true);
    expect(c.ge("b", "a")).toBe(true);
    expect(outcome(() => c.lt("a", 1))).toBe("error: no such overload: _<_(string, int)");
  });

  test("in: list membership and map keys", () => {
    expect(c.isIn("*", ["a", "*"])).toBe(true);
    expect(c.isIn("a", { a: 1 })).toBe(true);
    expect(c.isIn(1, ["1"])).toBe(false);
  });

  test("+ adds numbers, strings, lists and durations", () => {
    expect(c.add(1, 2)).toBe(3);
    expect(c.add("a", "b")).toBe("ab");
    expect(c.add([1], [2])).toEqual([1, 2]);
    expect(c.equals(c.add(c.duration("1m"), c.duration("30s")), c.duration("90s"))).toBe(true);
    expect(outcome(() => c.add("a", 1))).toBe("error: no such overload: _+_(string, int)");
  });
});

describe("strings", () => {
  test("matches() searches (RE2 partial match) unless the pattern is anchored", () => {
    expect(c.matches("xabcx", /abc/u)).toBe(true);
    expect(c.matches("xabcx", /^abc$/u)).toBe(false);
  });

  test("contains, startsWith, endsWith", () => {
    expect(c.contains("/a//b", "//")).toBe(true);
    expect(c.startsWith("*.a", "*.")).toBe(true);
    expect(c.endsWith("/a/..", "/..")).toBe(true);
  });

  test("split (Go strings.SplitN)", () => {
    expect(c.split("a/b/c", "/")).toEqual(["a", "b", "c"]);
    expect(c.split("abc", "/")).toEqual(["abc"]);
    expect(c.split("", "/")).toEqual([""]);
    expect(c.split("a\u{1F600}", "")).toEqual(["a", "\u{1F600}"]);
    expect(c.split("a/b/c", "/", 2)).toEqual(["a", "b/c"]);
    expect(c.split("a/b/c", "/", 0)).toEqual([]);
  });

  test("substring counts code points and checks the range", () => {
    expect(c.substring("*.\u{1F600}b", 2)).toBe("\u{1F600}b");
    expect(c.substring("abc", 1, 2)).toBe("b");
    expect(c.substring("abc", 3)).toBe("");
    expect(outcome(() => c.substring("abc", 4))).toBe("error: invalid substring range. start: 4, end: 3");
    expect(outcome(() => c.substring("abc", -1))).toBe("error: index out of range: -1");
    expect(outcome(() => c.substring("abc", 1, 5))).toBe("error: index out of range: 5");
  });
});

describe("duration() is Go's time.ParseDuration", () => {
  const ns = (s: string): unknown => outcome(() => c.duration(s).nanos);
  test.each([
    ["10s", 10_000_000_000n],
    ["1h30m", 5_400_000_000_000n],
    ["1.5h", 5_400_000_000_000n],
    ["-1.5h", -5_400_000_000_000n],
    ["+5ms", 5_000_000n],
    ["0", 0n],
    [".5s", 500_000_000n],
    ["5.s", 5_000_000_000n],
    ["1\u00b5s", 1000n],
    ["1\u03bcs", 1000n],
    ["1h1h", 7_200_000_000_000n],
    ["9223372036854775807ns", 9223372036854775807n],
    ["2562047h", 9223369200000000000n],
    ["-9223372036854775808ns", -9223372036854775808n],
  ])("%s", (input, expected) => {
    expect(ns(input)).toBe(expected);
  });

  test.each([
    ["", 'error: time: invalid duration ""'],
    ["1", 'error: time: missing unit in duration "1"'],
    ["1x", 'error: time: unknown unit "x" in duration "1x"'],
    [".", 'error: time: invalid duration "."'],
    ["s", 'error: time: invalid duration "s"'],
    ["9223372036854775808ns", 'error: time: invalid duration "9223372036854775808ns"'],
    ["2562048h", 'error: time: invalid duration "2562048h"'],
  ])("rejects %j", (input, expected) => {
    expect(ns(input)).toBe(expected);
  });
});

describe("isIP() of the Kubernetes IP library (netip.ParseAddr, no zone, no IPv4-mapped IPv6)", () => {
  test.each([
    ["1.2.3.4", true],
    ["255.255.255.255", true],
    ["::", true],
    ["::1", true],
    ["fe80::1", true],
    ["1:2:3:4:5:6:7:8", true],
    ["1:2:3:4:5:6:7::", true],
    ["::1.2.3.4", true],
    ["256.1.1.1", false],
    ["01.2.3.4", false],
    ["1.2.3", false],
    ["1.2.3.4.5", false],
    ["", false],
    [" 1.2.3.4", false],
    ["fe80::1%eth0", false],
    ["::ffff:1.2.3.4", false],
    ["::ffff:102:304", false],
    ["1::2::3", false],
    ["1:2:3:4:5:6:7:8:9", false],
    ["1:2:3:4:5:6:7:8::", false],
    ["12345::", false],
    ["::1.2.3.04", false],
    ["db.contoso.example", false],
  ])("%j → %s", (input, expected) => {
    expect(c.isIP(input)).toBe(expected);
  });
});
