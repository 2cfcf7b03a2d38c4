"use strict";
/**
 * The defaulting and CEL passes of a generated validator module. Both walk only the parts of the schema that
 * have something to do (a `default`, a rule) somewhere below.
 */
const { stableStringify } = require("./module-builder");
const { hasDefaults, hasRules, indent, prop, RULE_KEYS } = require("./schema-code");
const { transpile } = require("./cel");
const { regexLiteral } = require("./re2");

/** Children of a structural node that lead to `wanted` (hasDefaults or hasRules): [accessor, path, schema]. */
function children(schema, wanted) {
  const out = [];
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    if (wanted(sub)) out.push({ kind: "property", name, schema: sub });
  }
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object" && wanted(extra)) out.push({ kind: "map", schema: extra });
  if (schema.items && wanted(schema.items)) out.push({ kind: "items", schema: schema.items });
  return out;
}

/** `name(x)` filling in the missing fields that have a `default`, recursively, or undefined. */
function defaultsFunction(code, schema) {
  if (!hasDefaults(schema)) return undefined;
  return code.b.fn("d", stableStringify(schema), (name) => {
    const lines = [];
    for (const [k, sub] of Object.entries(schema.properties ?? {})) {
      if (sub.default !== undefined) lines.push(`if (${prop(k)} === undefined) ${prop(k)} = ${JSON.stringify(sub.default)};`);
    }
    for (const c of children(schema, hasDefaults)) {
      const f = defaultsFunction(code, c.schema);
      if (c.kind === "property") lines.push(`if (${prop(c.name)} !== undefined) ${f}(${prop(c.name)});`);
      if (c.kind === "map") lines.push(`for (const k of Object.keys(x)) ${f}(x[k]);`);
      if (c.kind === "items") lines.push(`for (const v of x) ${f}(v);`);
    }
    const guard = schema.items ? "if (!Array.isArray(x)) return;" : "if (!s.isObject(x)) return;";
    return `function ${name}(x) {\n${indent([guard, ...lines])}\n}`;
  });
}

/** The constant holding a transpiled rule (the CEL source is kept as a comment). */
function ruleConstant(code, source) {
  const { code: js, usesOldSelf } = transpile(source, (pattern) => code.b.constant("R", regexLiteral(pattern)));
  if (usesOldSelf) return undefined;
  return code.b.constant("C", `(self) => ${js}`, source.replace(/\s*\n\s*/g, " "));
}

/** The `rule(...)` call (or a comment for a skipped transition rule) for one x-kubernetes-validations entry. */
function ruleLine(code, rule, where) {
  for (const k of Object.keys(rule)) {
    if (!RULE_KEYS.has(k)) throw new Error(`unsupported x-kubernetes-validations key ${k} at ${where}`);
  }
  if (rule.fieldPath !== undefined && !/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(rule.fieldPath)) {
    throw new Error(`unsupported fieldPath ${rule.fieldPath} at ${where}`);
  }
  const f = ruleConstant(code, rule.rule);
  if (!f) return `// skipped, applies to updates only (transition rule): ${rule.rule.replace(/\s*\n\s*/g, " ")}`;
  code.uses.add("rules");
  const message = rule.message?.trim() ? rule.message.trim() : `failed rule: ${rule.rule.trim()}`;
  const m = code.b.constant("M", JSON.stringify(message));
  const x = rule.messageExpression ? `, ${code.b.constant("X", `(self) => ${transpile(rule.messageExpression, () => {
    throw new Error("matches() in messageExpression is not supported");
  }).code}`)}` : "";
  const path = rule.fieldPath ? rule.fieldPath.slice(1).split(".").reduce((p, n) => `s.child(${p}, "${n}")`, "p") : "p";
  return `rule(x, ${path}, e, ${f}, ${m}${x});`;
}

/** `name(x, p, e)` evaluating the CEL rules declared on `schema` and below, or undefined. */
function rulesFunction(code, schema, where) {
  if (!hasRules(schema)) return undefined;
  return code.b.fn("r", stableStringify(schema), (name) => {
    const lines = (schema["x-kubernetes-validations"] ?? []).map((r) => ruleLine(code, r, where));
    const calls = [];
    for (const c of children(schema, hasRules)) {
      if (c.kind === "property") {
        const f = rulesFunction(code, c.schema, `${where}.${c.name}`);
        calls.push(`if ((v = ${prop(c.name)}) !== undefined) ${f}(v, s.child(p, "${c.name}"), e);`);
      }
      if (c.kind === "map") lines.push(`for (const k of Object.keys(x)) ${rulesFunction(code, c.schema, `${where}{}`)}(x[k], s.entry(p, k), e);`);
      if (c.kind === "items") lines.push(`for (let i = 0; i < x.length; i++) ${rulesFunction(code, c.schema, `${where}[]`)}(x[i], s.item(p, i), e);`);
    }
    if (calls.length) lines.push("let v;", ...calls);
    const guard = schema.type === "array" ? "if (!Array.isArray(x)) return;" : schema.type === "object" ? "if (!s.isObject(x)) return;" : undefined;
    return `function ${name}(x, p, e) {\n${indent(guard ? [guard, ...lines] : lines)}\n}`;
  });
}

module.exports = { defaultsFunction, rulesFunction };
