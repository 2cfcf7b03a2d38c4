/**
 * What the generated validators report, before `validate.ts` turns it into problem strings.
 */

/** One thing the API server would reject, found by a generated validator. */
export interface Problem {
  /** JSON path of the offending value, e.g. `spec.rules[0].matches` (empty for the object itself). */
  readonly path: string;
  /** What is wrong, without the path. */
  readonly message: string;
  /**
   * The API server skips the CEL rules when the schema check finds this kind of error (a type, format,
   * required, enum, maxLength, maxItems or maxProperties violation), because the rules assume a well-formed
   * object (apiextensions-apiserver: registry/customresource/strategy.go, `hasBlockingErr`).
   */
  readonly blocking: boolean;
  /**
   * Set for errors another bundle may not make: an unknown field, a value outside an enum, an upper bound
   * (maxItems, maxProperties, maxLength) exceeded.
   */
  readonly hint?: "unknown-field" | "enum" | "limit";
  /** The rejected value (`enum`), or the count that exceeds the bound (`limit`). */
  readonly value?: unknown;
}

/** The validator generated for one CRD schema (one bundle, kind and API version). */
export interface SchemaModule {
  /** Applies the schema's `default`s in place, as the API server does before validating. */
  applyDefaults(object: unknown): void;
  /** Checks the OpenAPI schema (types, bounds, patterns, list types, unknown fields). */
  validateSchema(object: unknown, out: Problem[]): void;
  /** Evaluates the `x-kubernetes-validations` CEL rules (transition rules excluded). */
  checkRules(object: unknown, out: Problem[]): void;
}

/** For each field path of a kind (lists as `[]`, maps as `{}`), the bundles whose schema has it. */
export interface FieldHistory {
  /** Path to a bit mask over the catalog's bundles (bit 0 = oldest). */
  readonly fields: { readonly [path: string]: number };
  /** Path to enum value to the bit mask of the bundles that accept the value there. */
  readonly enums: { readonly [path: string]: { readonly [value: string]: number } };
  /** Path to upper bound to the bit mask of the bundles with that bound (only bounds that differ). */
  readonly limits: { readonly [path: string]: { readonly [limit: string]: number } };
}
