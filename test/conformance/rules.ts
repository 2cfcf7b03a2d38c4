// Builders for the constraint families, so the catalogue reads as a table.
import {
  CheckContext,
  Constraint,
  Family,
  Phase,
  blocksAt,
  isNonEmpty,
  isSet,
  isUnknown,
  knownValuesAt,
  splitPath,
} from "./model";

const show = (v: unknown) => JSON.stringify(v);

function build(
  resource: string,
  family: Family,
  summary: string,
  source: string,
  phase: Phase,
  check: (body: any, ctx: CheckContext) => string[],
): Constraint {
  return { resource, family, summary, source, phase, check };
}

/** Records the attribute paths a constraint reads. */
function at(paths: readonly string[], constraint: Constraint): Constraint {
  return { ...constraint, paths };
}

const under = (block: string, attrs: readonly string[]) => attrs.map((a) => (block === "" ? a : `${block}.${a}`));

/** Schema `Required`: the attribute (or block) is set in every instance of its parent block. */
export function required(resource: string, path: string, source: string): Constraint {
  const [block, attr] = splitPath(path);
  return at([path], build(resource, "required", `${path} is set (Required)`, source, "validate", (body) =>
    blocksAt(body, block)
      .filter((b) => !isSet(b?.[attr]))
      .map(() => `${path} is missing`),
  ));
}

/** `validation.StringInSlice(values, false)`: a case-sensitive enum. */
export function oneOf(resource: string, path: string, values: readonly string[], source: string, phase: Phase = "validate"): Constraint {
  return at([path], build(resource, "enum", `${path} is one of ${values.join(" | ")} (case-sensitive)`, source, phase, (body) =>
    knownValuesAt(body, path)
      .filter((v) => !values.includes(v as string))
      .map((v) => `${path} = ${show(v)} is not one of ${show(values)}`),
  ));
}

/** `validation.StringInSlice(values, true)`: an enum compared without case. */
export function oneOfIgnoringCase(resource: string, path: string, values: readonly string[], source: string): Constraint {
  const lower = values.map((v) => v.toLowerCase());
  return at([path], build(resource, "enum", `${path} is one of ${values.join(" | ")} (any case)`, source, "validate", (body) =>
    knownValuesAt(body, path)
      .filter((v) => typeof v !== "string" || !lower.includes(v.toLowerCase()))
      .map((v) => `${path} = ${show(v)} is not one of ${show(values)}`),
  ));
}

/** `validation.IntBetween(min, max)` (or an Azure range checked at apply). */
export function intBetween(resource: string, path: string, min: number, max: number, source: string, phase: Phase = "validate"): Constraint {
  return at([path], build(resource, "range", `${path} is an integer from ${min} to ${max}`, source, phase, (body) =>
    knownValuesAt(body, path)
      .filter((v) => typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      .map((v) => `${path} = ${show(v)} is outside ${min}..${max}`),
  ));
}

/** A string validator (regex, CIDR, IP, UUID, …) applied to every known value of the attribute. */
export function matches(
  resource: string,
  path: string,
  what: string,
  test: (value: string) => boolean,
  source: string,
  phase: Phase = "validate",
): Constraint {
  return at([path], build(resource, "format", `${path} is ${what}`, source, phase, (body) =>
    knownValuesAt(body, path)
      .filter((v) => typeof v !== "string" || !test(v))
      .map((v) => `${path} = ${show(v)} is not ${what}`),
  ));
}

/**
 * A go-azure-helpers resource-ID parser (`resourceids.Parser.Parse(input, false)`): static and provider segments
 * must match exactly, case included; value segments are non-empty; no segment more or less.
 *
 * @param template e.g. `/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{}/subnets/{}`
 */
export function armId(resource: string, path: string, template: string, source: string): Constraint {
  const pattern = idRegex(template);
  return at([path], build(resource, "resource-id", `${path} parses as ${template} (case-sensitive)`, source, "validate", (body) =>
    knownValuesAt(body, path)
      .filter((v) => typeof v !== "string" || !pattern.test(v))
      .map((v) => `${path} = ${show(v)} does not parse as ${template} (segment names are case-sensitive)`),
  ));
}

/** The case-sensitive regex of a resource-ID template (`{}` is one non-empty segment). */
export function idRegex(template: string): RegExp {
  return new RegExp(`^${template.split("{}").map(escapeRegex).join("[^/]+")}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function countAt(block: any, attr: string): number {
  const v = block?.[attr];
  if (!isSet(v)) return 0;
  return Array.isArray(v) ? v.length : 1;
}

/** Schema `MaxItems`. */
export function maxItems(resource: string, path: string, max: number, source: string, phase: Phase = "validate"): Constraint {
  const [block, attr] = splitPath(path);
  return at([path], build(resource, "items", `${path} has at most ${max} item(s) (MaxItems)`, source, phase, (body) =>
    blocksAt(body, block)
      .filter((b) => !isUnknown(b?.[attr]) && countAt(b, attr) > max)
      .map((b) => `${path} has ${countAt(b, attr)} items, more than ${max}`),
  ));
}

/** Schema `MinItems` (only when the attribute is set; presence is a `required` rule). */
export function minItems(resource: string, path: string, min: number, source: string, phase: Phase = "validate"): Constraint {
  const [block, attr] = splitPath(path);
  return at([path], build(resource, "items", `${path} has at least ${min} item(s) when set (MinItems)`, source, phase, (body) =>
    blocksAt(body, block)
      .filter((b) => isSet(b?.[attr]) && !isUnknown(b?.[attr]) && countAt(b, attr) < min)
      .map((b) => `${path} has ${countAt(b, attr)} items, fewer than ${min}`),
  ));
}

function setAttrs(block: any, attrs: readonly string[]): string[] {
  return attrs.filter((a) => isNonEmpty(block?.[a]));
}

/** Schema `AtLeastOneOf` within one block (empty lists count as unset, the conservative reading). */
export function atLeastOneOf(resource: string, block: string, attrs: readonly string[], source: string, fix?: string): Constraint {
  const where = block === "" ? "" : `${block}: `;
  return at(under(block, attrs), build(resource, "relation", `${where}at least one of ${attrs.join(", ")} (AtLeastOneOf)`, source, "validate", (body) =>
    blocksAt(body, block)
      .filter((b) => setAttrs(b, attrs).length === 0)
      .map(() => `${where}none of ${attrs.join(", ")} is set${fix ? `; ${fix}` : ""}`),
  ));
}

/** Schema `ExactlyOneOf` within one block. */
export function exactlyOneOf(resource: string, block: string, attrs: readonly string[], source: string, phase: Phase = "validate"): Constraint {
  const where = block === "" ? "" : `${block}: `;
  return at(under(block, attrs), build(resource, "relation", `${where}exactly one of ${attrs.join(", ")} (ExactlyOneOf)`, source, phase, (body) =>
    blocksAt(body, block)
      .map((b) => setAttrs(b, attrs))
      .filter((set) => set.length !== 1)
      .map((set) => `${where}${set.length} of ${attrs.join(", ")} are set (${set.join(", ") || "none"}), exactly one must be`),
  ));
}

/** Schema `ConflictsWith` (or an apply-time "only one of" check). */
export function conflictsWith(resource: string, block: string, a: string, b: string, source: string, phase: Phase = "validate"): Constraint {
  const where = block === "" ? "" : `${block}.`;
  return at(under(block, [a, b]), build(resource, "relation", `${where}${a} conflicts with ${where}${b}`, source, phase, (body) =>
    blocksAt(body, block)
      .filter((x) => isNonEmpty(x?.[a]) && isNonEmpty(x?.[b]))
      .map(() => `${where}${a} and ${where}${b} are both set`),
  ));
}

/** A rule written as code: cross-attribute checks in Create/Update/CustomizeDiff, or Azure's own rules. */
export function rule(
  resource: string,
  family: Family,
  summary: string,
  source: string,
  phase: Phase,
  check: (body: any, ctx: CheckContext) => string[],
): Constraint {
  return build(resource, family, summary, source, phase, check);
}
