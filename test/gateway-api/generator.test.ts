/**
 * The generator on small synthetic CRD schemas, for what the vendored bundles do not exercise (yet):
 * messageExpression, fieldPath, transition rules, nested defaults, and refusing what it does not implement.
 */
import * as ts from "typescript";
import * as cel from "../../lib/private/gateway-api/runtime/cel";
import { Problem, SchemaModule } from "../../lib/private/gateway-api/runtime/problem";
import * as rules from "../../lib/private/gateway-api/runtime/rules";
import * as schemaRuntime from "../../lib/private/gateway-api/runtime/schema";
import { nodeRequire, Schema } from "./tools";

const { validatorModule }: { validatorModule(m: object): string } = nodeRequire("../../tools/gateway-api/validator-module.js");

const RUNTIME: { [path: string]: unknown } = { "../runtime/schema": schemaRuntime, "../runtime/cel": cel, "../runtime/rules": rules };

/** Generates, transpiles and loads the validator module of a root schema whose spec is `spec`. */
function load(spec: Schema): SchemaModule {
  const schema = { type: "object", properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, spec } };
  const source = validatorModule({ kind: "Test", hash: "0000000000000000", schema, users: [] });
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: { [k: string]: unknown } = {};
  new Function("require", "exports", js)((p: string) => RUNTIME[p], exports);
  return exports as unknown as SchemaModule;
}

function check(m: SchemaModule, spec: unknown): string[] {
  const object = { spec };
  const out: Problem[] = [];
  m.applyDefaults(object);
  m.validateSchema(object, out);
  m.checkRules(object, out);
  return out.map((p) => `${p.path}: ${p.message}`);
}

test("messageExpression gives the message; a failing one falls back to message", () => {
  const m = load({
    type: "object",
    properties: { n: { type: "integer" } },
    "x-kubernetes-validations": [
      { rule: "self.n < 10", message: "n too big", messageExpression: "self.n > 15 ? 'n is big' : 'n is 10 to 15'" },
      { rule: "self.n < 5", message: "n over 5", messageExpression: "self.missing" },
    ],
  });
  expect(check(m, { n: 20 })).toEqual(["spec: n is big", "spec: n over 5"]);
  expect(check(m, { n: 1 })).toEqual([]);
});

test("fieldPath moves the error to the named field", () => {
  const m = load({
    type: "object",
    properties: { a: { type: "string" } },
    "x-kubernetes-validations": [{ rule: "self.a != 'x'", message: "a must not be x", fieldPath: ".a" }],
  });
  expect(check(m, { a: "x" })).toEqual(["spec.a: a must not be x"]);
});

test("transition rules (oldSelf) are skipped: they apply to updates only", () => {
  const m = load({
    type: "object",
    properties: { a: { type: "string", "x-kubernetes-validations": [{ rule: "self == oldSelf", message: "immutable" }] } },
  });
  expect(check(m, { a: "x" })).toEqual([]);
});

test("defaults apply inside defaulted objects, then the rules see them", () => {
  const m = load({
    type: "object",
    properties: {
      outer: {
        type: "object",
        default: {},
        properties: { inner: { type: "string", default: "d" } },
        "x-kubernetes-validations": [{ rule: "self.inner == 'd'", message: "inner is not defaulted" }],
      },
    },
  });
  expect(check(m, {})).toEqual([]);
});

test("a rule without message gets the API server's default message", () => {
  const m = load({ type: "object", properties: { n: { type: "integer" } }, "x-kubernetes-validations": [{ rule: "self.n > 1" }] });
  expect(check(m, { n: 0 })).toEqual(["spec: failed rule: self.n > 1"]);
});

test.each([
  [{ type: "string", nullable: true }, /nullable: true is not supported/],
  [{ type: "string", format: "uuid" }, /format uuid is enforced by the API server but not implemented/],
  [{ type: "array", items: { type: "string" }, uniqueItems: true }, /unsupported schema keyword uniqueItems/],
  [{ type: "object", properties: { "a-b": { type: "string" } } }, /is not an identifier/],
  [{ type: "object", "x-kubernetes-validations": [{ rule: "self.x.lowerAscii() == 'a'" }] }, /unsupported CEL method lowerAscii/],
  [{ type: "object", "x-kubernetes-validations": [{ rule: "true", optionalOldSelf: true }] }, /unsupported x-kubernetes-validations key optionalOldSelf/],
])("refuses %j", (spec, error) => {
  expect(() => load(spec)).toThrow(error);
});
