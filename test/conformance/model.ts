// The types of the constraint catalogue and the JSON helpers every constraint uses.
import { SynthesizedStack } from "./combinations";

/**
 * When Terraform or Azure reports a broken constraint.
 *
 * - `validate`: `terraform validate` (schema: Required, ValidateFunc, MaxItems, AtLeastOneOf, …).
 * - `plan`: the provider's CustomizeDiff, during `terraform plan`.
 * - `apply`: inside the provider's Create/Update, or by Azure Resource Manager, during `terraform apply`.
 */
export type Phase = "validate" | "plan" | "apply";

/** The kinds of constraint, one jest `describe` each. */
export type Family =
  | "required"
  | "enum"
  | "range"
  | "format"
  | "resource-id"
  | "items"
  | "relation"
  | "provider-apply"
  | "arm"
  | "version";

/** What a constraint sees: the stack it runs in, for cross-resource look-ups. */
export interface CheckContext {
  /** The stack the instance belongs to. */
  readonly stack: SynthesizedStack;
}

/**
 * One rule of the provider (or of Azure) about an attribute or a group of attributes.
 *
 * Rules on values skip Terraform references (`${…}`), which are unknown at validate time, exactly as Terraform does;
 * rules on presence (Required, AtLeastOneOf, …) still apply to them.
 */
export interface Constraint {
  /** Resource address it applies to: `azurerm_public_ip`, `data.azurerm_client_config`, `provider.azapi`, `terraform`. */
  readonly resource: string;
  /** The family it belongs to (its `describe`). */
  readonly family: Family;
  /** What it enforces, in one line; the name of its test. */
  readonly summary: string;
  /** Where the rule lives: `azurerm v4.55.0: internal/services/…/file.go, <schema key or function>`, with a version note. */
  readonly source: string;
  /** When the rule fails. */
  readonly phase: Phase;
  /** Returns one message per violation in one instance body (empty when it holds). */
  readonly check: (body: any, ctx: CheckContext) => string[];
  /** The attribute paths the rule reads, checked against the provider schema so a typo cannot make it vacuous. */
  readonly paths?: readonly string[];
}

/** The reviewed schema of one resource type, data source or provider block. */
export interface ResourceCatalogue {
  /** Resource address: `azurerm_kubernetes_cluster`, `data.azurerm_kubernetes_cluster`, `provider.azurerm`. */
  readonly resource: string;
  /** The source file read, with the version it was read at. */
  readonly source: string;
  /**
   * Every attribute path (dot-separated, blocks included, list indices dropped) whose schema was read and whose
   * constraints are encoded below. An emitted path missing here fails the inventory test.
   */
  readonly reviewed: readonly string[];
  /** The constraints, one test each. */
  readonly constraints: readonly Constraint[];
}

/** True when the value is, or contains, a Terraform reference or function call (unknown at validate time). */
export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** True when the attribute is set in configuration (not missing, not null). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** True when the attribute is set to something non-empty (empty strings and empty lists count as unset). */
export function isNonEmpty(value: unknown): boolean {
  if (!isSet(value)) return false;
  if (Array.isArray(value) || typeof value === "string") return value.length > 0;
  return true;
}

function asList(value: unknown): any[] {
  if (!isSet(value)) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every instance of the block at a dot path (`""` is the body itself); cdktf writes MaxItems-1 blocks as objects. */
export function blocksAt(body: any, path: string): any[] {
  if (path === "") return [body];
  return path.split(".").reduce<any[]>((acc, key) => acc.flatMap((b) => asList(b?.[key])), [body]);
}

/** Splits `a.b.c` into the block path `a.b` and the attribute `c`. */
export function splitPath(path: string): [string, string] {
  const i = path.lastIndexOf(".");
  return i < 0 ? ["", path] : [path.slice(0, i), path.slice(i + 1)];
}

/** The values of an attribute in every instance of its block, list attributes flattened to their elements. */
export function valuesAt(body: any, path: string): unknown[] {
  const [block, attr] = splitPath(path);
  return blocksAt(body, block).flatMap((b) => asList(b?.[attr]));
}

/** The literal (known) values of an attribute; references are left out. */
export function knownValuesAt(body: any, path: string): unknown[] {
  return valuesAt(body, path).filter((v) => !isUnknown(v));
}

/** `azurerm_public_ip.Edge_PublicIp_38AAC295` out of `${azurerm_public_ip.Edge_PublicIp_38AAC295.id}`. */
export function referencedAddress(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{((?:data\.)?[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+(?:\[\d+\])?[a-z_.]*\}$/.exec(value);
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** The body of a resource (or `data.` source) in the same stack, by `type.name`. */
export function resolve(ctx: CheckContext, address: string): any | undefined {
  const parts = address.split(".");
  const json = ctx.stack.json;
  if (parts[0] === "data") return json.data?.[parts[1]]?.[parts[2]];
  return json.resource?.[parts[0]]?.[parts[1]];
}

/** Every `(address, name, body)` of a resource address in a stack: resources, data sources or provider blocks. */
export function instancesOf(stack: SynthesizedStack, resource: string): Array<{ name: string; body: any }> {
  const json = stack.json;
  if (resource === "terraform") return json.terraform ? [{ name: "terraform", body: json.terraform }] : [];
  if (resource.startsWith("provider.")) {
    return asList(json.provider?.[resource.slice(9)]).map((body, i) => ({ name: body.alias ?? `#${i}`, body }));
  }
  const [kind, type] = resource.startsWith("data.") ? ["data", resource.slice(5)] : ["resource", resource];
  return Object.entries(json[kind]?.[type] ?? {}).map(([name, body]) => ({ name, body }));
}

/**
 * Runs one constraint over every instance in the stacks. One line per distinct violation, naming the instances and
 * stacks it occurs in, and the source to read.
 */
export function violations(constraint: Constraint, stacks: readonly SynthesizedStack[]): string[] {
  const where = new Map<string, string[]>();
  for (const stack of stacks) {
    for (const { name, body } of instancesOf(stack, constraint.resource)) {
      for (const message of constraint.check(body, { stack })) {
        const key = `${constraint.resource}.${name}: ${message}`;
        where.set(key, [...(where.get(key) ?? []), stack.label]);
      }
    }
  }
  return [...where.entries()].map(([key, labels]) => `${key} (in ${summarize(labels)}) [${constraint.source}]`);
}

function summarize(labels: string[]): string {
  const shown = labels.slice(0, 3).join(", ");
  return labels.length > 3 ? `${shown} and ${labels.length - 3} more stacks` : shown;
}
