/**
 * OpenAPI keyword checks as kube-openapi applies them for the API server.
 */
import { isIPv4Format, isIPv6Format } from "../../lib/private/gateway-api/runtime/ip";
import { Problem } from "../../lib/private/gateway-api/runtime/problem";
import * as s from "../../lib/private/gateway-api/runtime/schema";

describe("formats", () => {
  test.each([
    ["1.2.3.4", true],
    ["010.001.1.1", true], // Go 1.16 parser (netutils.ParseIPSloppy): leading zeros are fine
    ["::ffff:1.2.3.4", true], // parses, and contains a dot
    ["256.1.1.1", false],
    ["1.2.3", false],
    ["::1", false], // no dot
  ])("ipv4 %j → %s", (input, expected) => {
    expect(isIPv4Format(input)).toBe(expected);
  });

  test.each([
    ["::1", true],
    ["fd00:1:2::4", true],
    ["::ffff:1.2.3.4", true],
    ["1.2.3.4", false], // no colon
    ["fe80::1%eth0", false], // net.ParseIP has no zones
    ["00001::", false], // at most 4 hex digits (netip)
    ["::01.2.3.4", false], // embedded IPv4 without leading zeros
  ])("ipv6 %j → %s", (input, expected) => {
    expect(isIPv6Format(input)).toBe(expected);
  });
});

describe("checks", () => {
  const run = (f: (out: Problem[]) => void): Problem[] => {
    const out: Problem[] = [];
    f(out);
    return out;
  };

  test("paths quote map keys and keys that are not identifiers", () => {
    expect(s.child("", "spec")).toBe("spec");
    expect(s.child("spec", "a-b")).toBe('spec["a-b"]');
    expect(s.entry("spec.labels", "app")).toBe('spec.labels["app"]');
    expect(s.item("spec.rules", 3)).toBe("spec.rules[3]");
  });

  test("type: integers are numbers, but not the other way round", () => {
    expect(run((o) => s.type(1.5, "p", o, "integer"))).toEqual([{ path: "p", message: "must be an integer, got 1.5", blocking: true }]);
    expect(run((o) => s.type(2, "p", o, "number"))).toEqual([]);
    expect(run((o) => s.type([], "p", o, "object"))).toEqual([{ path: "p", message: "must be an object, got []", blocking: true }]);
  });

  test("blocking follows the API server: maxLength/maxItems/required/enum/type block the rules, the others do not", () => {
    const blocking = (f: (out: Problem[]) => void) => run(f).map((p) => p.blocking);
    expect(blocking((o) => s.length("abc", "p", o, 4, 2))).toEqual([true, false]);
    expect(blocking((o) => s.items([1, 2, 3], "p", o, 4, 2))).toEqual([true, false]);
    expect(blocking((o) => s.required({}, "p", o, ["a"]))).toEqual([true]);
    expect(blocking((o) => s.oneOfValues("x", "p", o, ["a"]))).toEqual([true]);
    expect(blocking((o) => s.range(0, "p", o, 1, undefined))).toEqual([false]);
    expect(blocking((o) => s.pattern("x", "p", o, { re: /^a$/u, source: "^a$" }))).toEqual([false]);
    expect(blocking((o) => s.uniqueSet(["a", "a"], "p", o))).toEqual([false]);
  });

  test("lengths count code points", () => {
    expect(s.codePoints("\u{1F600}\u{1F600}")).toBe(2);
    expect(s.codePoints("\ud800")).toBe(1); // a lone surrogate counts once
  });

  test("list-type map keys: duplicates by the key tuple", () => {
    const out = run((o) => s.uniqueMap([{ name: "a", port: 1 }, { name: "a", port: 2 }, { name: "a", port: 1 }], "l", o, ["name", "port"]));
    expect(out.map((p) => `${p.path}: ${p.message}`)).toEqual(['l[2]: duplicate entry with name "a", port 1 (also at l[0])']);
  });

  test("copyWithoutNulls drops and reports nulls without touching the input", () => {
    const input = { a: null, b: { c: null, d: 1 }, e: [null] };
    const nulls: string[] = [];
    expect(s.copyWithoutNulls(input, "", nulls)).toEqual({ b: { d: 1 }, e: [null] });
    expect(nulls).toEqual(["a", "b.c"]);
    expect(input.a).toBeNull();
  });
});

test("show() renders any value briefly and never throws", () => {
  const cycle: { [k: string]: unknown } = {};
  cycle.self = cycle;
  expect(s.show(10n)).toBe("10");
  expect(s.show(cycle)).toBe("[object Object]");
  expect(s.show(undefined)).toBe("undefined");
  expect(s.show("x".repeat(100))).toHaveLength(80);
});
