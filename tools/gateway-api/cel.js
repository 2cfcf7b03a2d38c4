"use strict";
/**
 * Transpiles the CEL rules of the CRDs into JavaScript expressions over lib/private/gateway-api/runtime/cel.ts
 * (imported as `c`). Parsing is cel-js's (`@marcbachmann/cel-js`, a devDependency); only the generated
 * JavaScript runs in the library. Anything outside the subset the Gateway API CRDs use throws, so a new bundle
 * with a new function fails here, at generation time.
 */

/** cel-js is an ES module; Node 20.19+ can require() it. */
function celParser() {
  return require("@marcbachmann/cel-js");
}

/** The CEL keywords Kubernetes escapes as `__keyword__` in field names (schema/cel/model/escaping.go). */
const RESERVED = new Set([
  "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
  "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
]);

/** Kubernetes' `Unescape` of a CEL field name to the property name. */
function unescapeField(name) {
  return name.replace(/__([^_]+)__/g, (all, inner) => {
    const plain = { underscores: "__", dot: ".", dash: "-", slash: "/" }[inner];
    if (plain !== undefined) return plain;
    if (RESERVED.has(inner) && all === name) return inner;
    throw new Error(`invalid escape sequence ${all} in CEL field ${name}`);
  });
}

const COMPARISONS = { "<": "c.lt", "<=": "c.le", ">": "c.gt", ">=": "c.ge" };
const MACROS = { all: "c.all", exists: "c.exists", exists_one: "c.existsOne", filter: "c.filter" };
const METHODS = { contains: "c.contains", startsWith: "c.startsWith", endsWith: "c.endsWith", split: "c.split", substring: "c.substring" };
const GLOBALS = { size: "c.size", duration: "c.duration", isIP: "c.isIP" };

/** Transpiles one parsed expression. `scope` has the comprehension variables; `ctx.regex()` hoists patterns. */
function emit(node, scope, ctx) {
  const a = node.args;
  const e = (n) => emit(n, scope, ctx);
  switch (node.op) {
    case "value": return literal(a);
    case "id": return identifier(a, scope, ctx);
    case ".": return `c.select(${e(a[0])}, ${JSON.stringify(unescapeField(a[1]))})`;
    case "[]": return `c.index(${e(a[0])}, ${e(a[1])})`;
    case "list": return `[${a.map(e).join(", ")}]`;
    case "map": return mapLiteral(a, e);
    case "?:": return `(${asBool(a[0], "_?_:_", e)} ? ${e(a[1])} : ${e(a[2])})`;
    case "&&": return `c.and(${operands(node, "&&").map((n) => `() => ${e(n)}`).join(", ")})`;
    case "||": return `c.or(${operands(node, "||").map((n) => `() => ${e(n)}`).join(", ")})`;
    case "!_": return `!${asBool(a, "!_", e)}`;
    case "-_": return `c.negate(${e(a)})`;
    case "==": return `c.equals(${e(a[0])}, ${e(a[1])})`;
    case "!=": return `!c.equals(${e(a[0])}, ${e(a[1])})`;
    case "in": return `c.isIn(${e(a[0])}, ${e(a[1])})`;
    case "+": return `c.add(${e(a[0])}, ${e(a[1])})`;
    case "call": return globalCall(a[0], a[1], e);
    case "rcall": return memberCall(a[0], a[1], a[2], scope, ctx);
    default:
      if (COMPARISONS[node.op]) return `${COMPARISONS[node.op]}(${e(a[0])}, ${e(a[1])})`;
      throw new Error(`unsupported CEL operator ${node.op}`);
  }
}

const BOOL_OPS = new Set(["==", "!=", "<", "<=", ">", ">=", "in", "&&", "||", "!_"]);
const BOOL_CALLS = new Set(["has", "isIP", "all", "exists", "exists_one", "matches", "contains", "startsWith", "endsWith"]);

/** Whether the expression always yields a bool (or an error), so it needs no runtime check where CEL wants one. */
function yieldsBool(node) {
  if (BOOL_OPS.has(node.op)) return true;
  if (node.op === "value") return typeof node.args === "boolean";
  return (node.op === "call" || node.op === "rcall") && BOOL_CALLS.has(node.args[0]);
}

/**
 * The operand of `!` or a ternary condition, checked to be a bool unless it always is one. Every emitted form
 * is a call, a `!call` or a parenthesized ternary, so no parentheses are needed.
 */
function asBool(node, op, e) {
  return yieldsBool(node) ? e(node) : `c.bool(${e(node)}, "${op}")`;
}

/** The operands of a chain of the same logical operator: `a && (b && c)` → [a, b, c] (same CEL result). */
function operands(node, op) {
  return node.op === op ? node.args.flatMap((n) => operands(n, op)) : [node];
}

function literal(v) {
  if (typeof v === "bigint") {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`CEL int ${v} out of range`);
    return String(v);
  }
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string" || v === null) return JSON.stringify(v);
  throw new Error(`unsupported CEL literal ${String(v)}`);
}

function identifier(name, scope, ctx) {
  if (scope.has(name)) return `v_${name}`;
  if (name === "self") return "self";
  if (name === "oldSelf") {
    ctx.usesOldSelf = true;
    return "oldSelf";
  }
  throw new Error(`unknown CEL identifier ${name}`);
}

function mapLiteral(entries, e) {
  const parts = entries.map(([k, v]) => {
    if (k.op !== "value" || typeof k.args !== "string") throw new Error("only string keys are supported in CEL map literals");
    return `${JSON.stringify(k.args)}: ${e(v)}`;
  });
  return `{ ${parts.join(", ")} }`;
}

function globalCall(name, args, e) {
  if (name === "has") {
    const [sel] = args;
    if (args.length !== 1 || sel.op !== ".") throw new Error("has() takes one field selection");
    return `c.has(${e(sel.args[0])}, ${JSON.stringify(unescapeField(sel.args[1]))})`;
  }
  if (GLOBALS[name] && args.length === 1) return `${GLOBALS[name]}(${e(args[0])})`;
  throw new Error(`unsupported CEL function ${name}/${args.length}`);
}

function memberCall(name, target, args, scope, ctx) {
  const e = (n) => emit(n, scope, ctx);
  if (MACROS[name]) {
    const [variable, predicate] = args;
    if (args.length !== 2 || variable.op !== "id") throw new Error(`unsupported form of the ${name} macro`);
    const inner = new Set(scope).add(variable.args);
    return `${MACROS[name]}(${e(target)}, (v_${variable.args}) => ${emit(predicate, inner, ctx)})`;
  }
  if (name === "size" && args.length === 0) return `c.size(${e(target)})`;
  if (name === "matches" && args.length === 1) {
    if (args[0].op !== "value" || typeof args[0].args !== "string") throw new Error("matches() needs a literal pattern");
    return `c.matches(${e(target)}, ${ctx.regex(args[0].args)})`;
  }
  if (METHODS[name]) return `${METHODS[name]}(${[target, ...args].map(e).join(", ")})`;
  throw new Error(`unsupported CEL method ${name}/${args.length}`);
}

/**
 * Transpiles a rule into `{ code, usesOldSelf }`: `code` is a JavaScript expression of `self`.
 * `regex(pattern)` returns the name of a hoisted RegExp constant for an RE2 pattern.
 */
function transpile(rule, regex) {
  const { parse } = celParser();
  const ctx = { usesOldSelf: false, regex };
  const code = emit(parse(rule).ast, new Set(), ctx);
  return { code, usesOldSelf: ctx.usesOldSelf };
}

module.exports = { transpile, unescapeField };
