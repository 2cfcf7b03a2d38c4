/**
 * Every CEL rule of every vendored bundle, transpiled by the generator and run on our runtime, agrees with an
 * independent CEL implementation (cel-js) on random values shaped by the schema node the rule is declared on:
 * same result, or both an evaluation error. Values come from small pools (the rule's own string literals,
 * enum values, paths, durations) so that equalities, duplicates and missing fields are frequent.
 *
 * Not compared here (cel-js differs from cel-go, and unit tests cover ours): rules with `isIP` (not in cel-js)
 * and with RE2's `(?i)` (JavaScript has no inline flags). cel-js's has() only takes identifier chains, so for it
 * `has(self[0].f)` is written as the equivalent `'f' in self[0]`.
 */
import * as fc from "fast-check";
import * as runtime from "../../lib/private/gateway-api/runtime/cel";
import { celTools, mainRealmJson, nodeRequire, re2, Schema, servedSchemas } from "./tools";

const cel: { parse(rule: string): (context: unknown) => unknown; parse(rule: string): { ast: unknown } } = nodeRequire("@marcbachmann/cel-js");

interface Rule {
  readonly rule: string;
  readonly schema: Schema;
  readonly where: string;
}

/** Each distinct (rule, declaring schema) pair, oldSelf rules excluded. */
function collectRules(): Rule[] {
  const seen = new Map<string, Rule>();
  const walk = (s: Schema, where: string): void => {
    for (const v of s["x-kubernetes-validations"] ?? []) {
      const key = `${v.rule}\u0000${JSON.stringify(s)}`;
      if (!seen.has(key) && !/oldSelf/.test(v.rule)) seen.set(key, { rule: v.rule, schema: s, where });
    }
    for (const [k, sub] of Object.entries<Schema>(s.properties ?? {})) if (k !== "status") walk(sub, `${where}.${k}`);
    if (s.items) walk(s.items, `${where}[]`);
    if (s.additionalProperties && typeof s.additionalProperties === "object") walk(s.additionalProperties, `${where}{}`);
  };
  for (const { kind, tag, schema } of servedSchemas()) walk(schema, `${kind}@${tag}`);
  return [...seen.values()];
}

/** The string literals of a rule: the values it compares with. */
function literals(rule: string): string[] {
  return [...rule.matchAll(/'([^'\\]*)'|"([^"\\]*)"/g)].map((m) => m[1] ?? m[2]).filter((s) => !s.includes("^"));
}

const BASE_STRINGS = ["", "a", "b", "/", "/a", "//x", "/a/../b", "/a%2f", "/a/.", "1s", "10s", "1m", "0s", "*", "a.b", "*.a.b", "Service", "Gateway", "x/y"];

/**
 * A random value for `schema`, all fields optional so that missing-field errors happen too. Below `depth`
 * levels (deeper than any rule looks) objects and lists are empty.
 */
function arbitrary(schema: Schema, strings: string[], depth = 8): fc.Arbitrary<unknown> {
  const type = schema.type;
  if (depth === 0 && (type === "array" || type === "object")) return fc.constant(type === "array" ? [] : {});
  if (schema.enum) return fc.constantFrom(...schema.enum, ...(type === "string" ? strings.slice(0, 2) : []));
  if (type === "string") return fc.constantFrom(...strings);
  if (type === "integer") return fc.constantFrom(0, 1, 2, 80, 100, 443);
  if (type === "boolean") return fc.boolean();
  if (type === "array") return fc.array(arbitrary(schema.items ?? {}, strings, depth - 1), { maxLength: 4 });
  if (schema.properties) {
    const props = Object.fromEntries(Object.entries<Schema>(schema.properties).map(([k, s]) => [k, arbitrary(s, strings, depth - 1)]));
    return fc.record(props, { requiredKeys: [] });
  }
  if (schema.additionalProperties) {
    return fc.dictionary(fc.constantFrom(...strings.filter((s) => s !== "")), arbitrary(schema.additionalProperties, strings, depth - 1), { maxKeys: 3 });
  }
  return fc.constant({});
}

/** The value as cel-js sees it: main-realm objects, ints as bigint, reserved field names escaped. */
function forCelJs(value: unknown, schema: Schema): unknown {
  const escape = (v: unknown, s: Schema): unknown => {
    if (Array.isArray(v)) return v.map((x) => escape(x, s.items ?? {}));
    if (v === null || typeof v !== "object") return v;
    const out: { [k: string]: unknown } = {};
    for (const [k, x] of Object.entries(v)) {
      const sub = s.properties?.[k] ?? s.additionalProperties ?? {};
      out[s.properties?.[k] && k === "namespace" ? "__namespace__" : k] = escape(x, sub);
    }
    return out;
  };
  const reviver = (_k: string, v: unknown) => (typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v);
  return mainRealmJson.parse(JSON.stringify(escape(value, schema)), reviver);
}

/** The rule as cel-js can run it: `has(x[0].f)` → `('f' in x[0])` (same meaning on maps in cel-go). */
function forCelJsRule(rule: string): string {
  return rule.replace(/has\(([\w.]*\[\d+\][\w.[\]]*)\.(\w+)\)/g, "('$2' in $1)");
}

/** Our transpiled rule as a function of self. */
function compile(rule: string): (self: unknown) => unknown {
  const regexes: RegExp[] = [];
  const { code } = celTools.transpile(rule, (pattern) => {
    regexes.push(new Function(`return ${re2.regexLiteral(pattern)};`)());
    return `R${regexes.length - 1}`;
  });
  const names = regexes.map((_, i) => `R${i}`);
  return new Function("c", ...names, `return (self) => ${code};`)(runtime, ...regexes);
}

function outcome(f: () => unknown): unknown {
  try {
    const v = f();
    return typeof v === "boolean" ? v : `value ${String(v)}`;
  } catch {
    return "error";
  }
}

const RULES = collectRules().filter((r) => !/isIP\(|\(\?i\)/.test(r.rule));

test("there are rules to compare", () => {
  expect(RULES.length).toBeGreaterThan(60);
});

describe.each(RULES.map((r) => [r.where, r] as const))("%s", (_where, r) => {
  test(r.rule.length > 100 ? `${r.rule.slice(0, 100)}...` : r.rule, () => {
    const ours = compile(r.rule);
    const theirs = cel.parse(forCelJsRule(r.rule)) as unknown as (context: unknown) => unknown;
    const strings = [...new Set([...literals(r.rule), ...BASE_STRINGS])];
    const samples = fc.sample(arbitrary(r.schema, strings), { numRuns: 100, seed: 20261130 });
    const mismatches = samples
      .map((self) => ({ self, ours: outcome(() => ours(self)), theirs: outcome(() => theirs({ self: forCelJs(self, r.schema) })) }))
      .filter((m) => m.ours !== m.theirs);
    expect(mismatches.slice(0, 3)).toEqual([]);
  });
});
