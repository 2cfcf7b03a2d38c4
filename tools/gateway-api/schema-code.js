"use strict";
/**
 * Generates the validator module of one CRD `openAPIV3Schema`: straight-line JavaScript per schema node for the
 * OpenAPI keywords (calling lib/private/gateway-api/runtime/schema.ts as `s`), a defaulting pass, and the
 * transpiled CEL rules (runtime/cel.ts as `c`, runtime/rules.ts `rule`).
 */
const { ModuleBuilder, stableStringify } = require("./module-builder");
const { regexLiteral } = require("./re2");

const KEYWORDS = new Set([
  "type", "properties", "required", "items", "additionalProperties", "enum", "pattern", "format", "minLength",
  "maxLength", "minItems", "maxItems", "minimum", "maximum", "minProperties", "maxProperties", "default", "anyOf",
  "oneOf", "not", "description", "nullable", "x-kubernetes-validations", "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-preserve-unknown-fields",
]);
/** String formats kube-openapi validates (strfmt.Default); those we check are in runtime/schema.ts. */
const KUBE_FORMATS = new Set([
  "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3", "uuid4", "uuid5",
  "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor", "byte", "password", "date", "datetime",
  "date-time", "duration",
]);
const CHECKED_FORMATS = new Set(["ipv4", "ipv6", "password"]);
const RULE_KEYS = new Set(["rule", "message", "messageExpression", "reason", "fieldPath"]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Fails generation on anything this generator would not check like the API server. */
function assertSupported(schema, where) {
  for (const k of Object.keys(schema)) {
    if (!KEYWORDS.has(k)) throw new Error(`unsupported schema keyword ${k} at ${where}`);
  }
  if (schema.nullable === true) throw new Error(`nullable: true is not supported (at ${where})`);
  const stringy = schema.type === "string" || schema.type === undefined;
  if (stringy && KUBE_FORMATS.has(schema.format) && !CHECKED_FORMATS.has(schema.format)) {
    throw new Error(`format ${schema.format} is enforced by the API server but not implemented (at ${where})`);
  }
  for (const name of Object.keys(schema.properties ?? {})) {
    if (!IDENTIFIER.test(name)) throw new Error(`property name ${JSON.stringify(name)} is not an identifier (at ${where})`);
  }
}

/** The schema without what its validator ignores (defaults, CEL rules), so more nodes share a validator. */
function validationView(schema) {
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "default" || k === "x-kubernetes-validations" || k === "description") continue;
    if (k === "properties") out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, validationView(sub)]));
    else if (k === "items" || k === "additionalProperties" || k === "not") out[k] = validationView(v);
    else if (k === "anyOf" || k === "oneOf") out[k] = v.map(validationView);
    else out[k] = v;
  }
  return out;
}

const indent = (lines) => lines.map((l) => `  ${l}`).join("\n");
const prop = (name) => `x.${name}`;

/** A readable summary of a value-validation schema, for anyOf/not messages. */
function describe(schema) {
  const parts = [];
  if (schema.type) parts.push(`a ${schema.type}`);
  if (schema.format) parts.push(`format ${schema.format}`);
  if (schema.enum) parts.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (schema.pattern) parts.push(`matching ${schema.pattern}`);
  if (schema.not) parts.push(`not (${describe(schema.not)})`);
  if (schema.anyOf) parts.push(`any of (${schema.anyOf.map(describe).join(" | ")})`);
  for (const [k, sub] of Object.entries(schema.properties ?? {})) parts.push(`${k}: ${describe(sub)}`);
  return parts.join(" and ") || "anything";
}

class SchemaCode {
  constructor() {
    this.b = new ModuleBuilder();
    this.uses = new Set();
  }

  /** `name(x, p, e)` checking the OpenAPI keywords of `schema`, or undefined if it checks nothing. */
  validator(schema, where, structural) {
    assertSupported(schema, where);
    const prefix = structural ? "v" : "b";
    return this.b.fn(prefix, stableStringify(validationView(schema)), (name) => {
      const lines = this.validatorLines(schema, where, structural);
      return lines.length ? `function ${name}(x, p, e) {\n${indent(lines)}\n}` : undefined;
    });
  }

  validatorLines(schema, where, structural) {
    const t = schema.type;
    const lines = [];
    // enum applies whatever the type (kube-openapi's common validator), so a wrong type also reports it
    const values = schema.enum ? `s.oneOfValues(x, p, e, ${this.b.constant("E", JSON.stringify(schema.enum))});` : undefined;
    if (t && values) lines.push(`const typed = s.type(x, p, e, ${JSON.stringify(t)});`, values, "if (!typed) return;");
    else if (t) lines.push(`if (!s.type(x, p, e, ${JSON.stringify(t)})) return;`);
    else if (values) lines.push(values);
    const guard = (type, test, body) => {
      if (!body.length) return;
      if (t === type || (type === "number" && t === "integer")) lines.push(...body);
      else if (!t) lines.push(`if (${test}) {`, ...body.map((l) => `  ${l}`), "}");
    };
    guard("object", "s.isObject(x)", this.objectLines(schema, where, structural));
    guard("array", "Array.isArray(x)", this.arrayLines(schema, where, structural));
    guard("string", 'typeof x === "string"', this.stringLines(schema));
    guard("number", 'typeof x === "number"', this.numberLines(schema));
    lines.push(...this.combinatorLines(schema, where));
    return lines;
  }

  objectLines(schema, where, structural) {
    const lines = [];
    if (schema.required?.length) lines.push(`s.required(x, p, e, ${this.b.constant("K", JSON.stringify(schema.required))});`);
    const open = schema["x-kubernetes-preserve-unknown-fields"] || schema.additionalProperties !== undefined;
    if (structural && schema.type === "object" && !open) {
      const known = Object.keys(schema.properties ?? {}).map((k) => `${k}: 1`);
      lines.push(`s.unknown(x, p, e, ${this.b.constant("F", `{ __proto__: null${known.map((k) => `, ${k}`).join("")} }`)});`);
    }
    if (schema.minProperties !== undefined || schema.maxProperties !== undefined) {
      lines.push(`s.properties(x, p, e, ${schema.minProperties ?? -1}, ${schema.maxProperties ?? -1});`);
    }
    const calls = [];
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      const f = this.validator(sub, `${where}.${name}`, structural);
      if (f) calls.push(`if ((v = ${prop(name)}) !== undefined) ${f}(v, s.child(p, "${name}"), e);`);
    }
    if (calls.length) lines.push("let v;", ...calls);
    const extra = schema.additionalProperties;
    const f = extra && typeof extra === "object" ? this.validator(extra, `${where}{}`, structural) : undefined;
    if (f) lines.push(`for (const k of Object.keys(x)) ${f}(x[k], s.entry(p, k), e);`);
    return lines;
  }

  arrayLines(schema, where, structural) {
    const lines = [];
    if (schema.minItems !== undefined || schema.maxItems !== undefined) {
      lines.push(`s.items(x, p, e, ${schema.minItems ?? -1}, ${schema.maxItems ?? -1});`);
    }
    const listType = schema["x-kubernetes-list-type"];
    if (listType === "set") lines.push("s.uniqueSet(x, p, e);");
    if (listType === "map") {
      const keys = this.b.constant("K", JSON.stringify(schema["x-kubernetes-list-map-keys"]));
      lines.push(`s.uniqueMap(x, p, e, ${keys});`);
    }
    const f = schema.items ? this.validator(schema.items, `${where}[]`, structural) : undefined;
    if (f) lines.push(`for (let i = 0; i < x.length; i++) ${f}(x[i], s.item(p, i), e);`);
    return lines;
  }

  stringLines(schema) {
    const lines = [];
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      lines.push(`s.length(x, p, e, ${schema.minLength ?? -1}, ${schema.maxLength ?? -1});`);
    }
    if (schema.pattern !== undefined) {
      const init = `{ re: ${regexLiteral(schema.pattern)}, source: ${JSON.stringify(schema.pattern)} }`;
      lines.push(`s.pattern(x, p, e, ${this.b.constant("P", init)});`);
    }
    if (schema.format === "ipv4" || schema.format === "ipv6") lines.push(`s.format(x, p, e, "${schema.format}");`);
    return lines;
  }

  numberLines(schema) {
    if (schema.minimum === undefined && schema.maximum === undefined) return [];
    return [`s.range(x, p, e, ${schema.minimum ?? "undefined"}, ${schema.maximum ?? "undefined"});`];
  }

  combinatorLines(schema, where) {
    const lines = [];
    const branch = (sub, i) => this.validator(sub, `${where}<${i}>`, false) ?? "(() => undefined)";
    if (schema.anyOf) {
      const names = schema.anyOf.map(branch).join(", ");
      const what = this.b.constant("W", JSON.stringify(schema.anyOf.map(describe)));
      lines.push(`s.anyOf(x, p, e, [${names}], ${what});`);
    }
    if (schema.oneOf) lines.push(`s.oneOf(x, p, e, [${schema.oneOf.map(branch).join(", ")}]);`);
    if (schema.not) lines.push(`s.not(x, p, e, ${branch(schema.not, "not")}, ${JSON.stringify(describe(schema.not))});`);
    for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.not ? [schema.not] : [])]) {
      if (hasRules(sub) || hasDefaults(sub)) throw new Error(`rules or defaults inside anyOf/oneOf/not are not supported (at ${where})`);
    }
    return lines;
  }
}

function hasDefaults(schema) {
  return subtreeSome(schema, (s) => Object.values(s.properties ?? {}).some((p) => p.default !== undefined));
}

function hasRules(schema) {
  return subtreeSome(schema, (s) => (s["x-kubernetes-validations"] ?? []).length > 0);
}

/** Whether `test` holds for `schema` or a structural descendant (properties, items, additionalProperties). */
function subtreeSome(schema, test) {
  if (!schema || typeof schema !== "object") return false;
  if (test(schema)) return true;
  const extra = typeof schema.additionalProperties === "object" ? [schema.additionalProperties] : [];
  return [...Object.values(schema.properties ?? {}), schema.items, ...extra].some((s) => subtreeSome(s, test));
}

module.exports = { SchemaCode, hasDefaults, hasRules, indent, prop, RULE_KEYS };
