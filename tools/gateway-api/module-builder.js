"use strict";
/**
 * Collects the constants and functions of one generated module, deduplicated by content so that identical
 * sub-schemas (HTTPRoute filters appear under rules[] and under backendRefs[]) and identical rules share code.
 */

/** JSON with sorted keys: the identity of a schema node. */
function stableStringify(value) {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

class ModuleBuilder {
  constructor() {
    this.constants = [];
    this.constantNames = new Map();
    this.functions = [];
    this.functionNames = new Map();
  }

  /** A module-level `const` with the given initializer; the same initializer gets the same name. */
  constant(prefix, initializer, comment) {
    const key = `${prefix}:${initializer}`;
    if (!this.constantNames.has(key)) {
      const name = `${prefix}${this.constants.length}`;
      this.constantNames.set(key, name);
      const lead = comment ? `// ${comment}\n` : "";
      this.constants.push(`${lead}const ${name} = ${initializer};`);
    }
    return this.constantNames.get(key);
  }

  /**
   * A function for `key` (kind prefix + identity); `build(name)` returns its source, or undefined when the
   * function would do nothing (then this returns undefined and callers skip the call).
   */
  fn(prefix, key, build) {
    const id = `${prefix}:${key}`;
    if (this.functionNames.has(id)) return this.functionNames.get(id);
    const name = `${prefix}${this.functions.length}`;
    this.functionNames.set(id, name); // reserve the name first: schemas are trees, but stay safe on cycles
    const index = this.functions.length;
    this.functions.push(null);
    const source = build(name);
    if (source === undefined) {
      this.functionNames.set(id, undefined);
      this.functions[index] = "";
      return undefined;
    }
    this.functions[index] = source;
    return name;
  }

  /** The module body: constants, then functions, in creation order. */
  render() {
    return [...this.constants, "", ...this.functions.filter((f) => f !== "")].join("\n");
  }
}

module.exports = { ModuleBuilder, stableStringify };
