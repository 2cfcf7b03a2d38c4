// Which (resource type, attribute path) pairs the synthesized stacks contain.
import { SynthesizedStack } from "./combinations";
import { BindingBlock, bindingSchema } from "./binding-schema";
import { META_ARGUMENTS } from "./azurerm-constraints";

/** Emitted attribute paths by resource address (`azurerm_x`, `data.azurerm_x`, `provider.azurerm`, `terraform`). */
export type Inventory = Map<string, Set<string>>;

function add(inventory: Inventory, resource: string, path: string): void {
  if (!inventory.has(resource)) inventory.set(resource, new Set());
  inventory.get(resource)!.add(path);
}

function isObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Paths of an azurerm body: blocks are descended (empty blocks count as themselves), maps and lists are leaves. */
function walk(schema: BindingBlock | undefined, value: { [key: string]: unknown }, prefix: string, out: Set<string>): void {
  for (const [key, v] of Object.entries(value)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const attr = schema?.[key];
    const items = Array.isArray(v) ? v : [v];
    const nested = attr?.block && !attr.map && items.every(isObject) ? (items as Array<{ [key: string]: unknown }>) : undefined;
    if (!nested || items.every((i) => Object.keys(i).length === 0)) out.add(path);
    nested?.forEach((item) => walk(attr?.block, item, path, out));
  }
}

function azurermPaths(resource: string, body: { [key: string]: unknown }): Set<string> {
  const out = new Set<string>();
  const meta = Object.fromEntries(Object.entries(body).filter(([k]) => META_ARGUMENTS.includes(k)));
  const rest = Object.fromEntries(Object.entries(body).filter(([k]) => !META_ARGUMENTS.includes(k)));
  Object.keys(meta).forEach((k) => out.add(k));
  walk(bindingSchema(resource), rest, "", out);
  return out;
}

function recordProviders(stack: SynthesizedStack, inventory: Inventory): void {
  for (const [name, blocks] of Object.entries<any[]>(stack.json.provider ?? {})) {
    for (const body of blocks) {
      const paths = name === "azurerm" ? azurermPaths("provider.azurerm", body) : new Set(Object.keys(body));
      paths.forEach((p) => add(inventory, `provider.${name}`, p));
    }
  }
}

function recordResources(stack: SynthesizedStack, inventory: Inventory): void {
  for (const kind of ["resource", "data"] as const) {
    for (const [type, instances] of Object.entries<any>(stack.json[kind] ?? {})) {
      const resource = kind === "data" ? `data.${type}` : type;
      for (const body of Object.values<any>(instances)) {
        const paths = type.startsWith("azurerm_") ? azurermPaths(resource, body) : new Set(Object.keys(body));
        paths.forEach((p) => add(inventory, resource, p));
      }
    }
  }
}

function recordTerraform(stack: SynthesizedStack, inventory: Inventory): void {
  const tf = stack.json.terraform ?? {};
  Object.keys(tf.required_providers ?? {}).forEach((p) => add(inventory, "terraform", `required_providers.${p}`));
  Object.keys(tf)
    .filter((k) => k !== "required_providers")
    .forEach((k) => add(inventory, "terraform", k));
}

/** Every emitted (resource address, attribute path) of the stacks. */
export function inventoryOf(stacks: readonly SynthesizedStack[]): Inventory {
  const inventory: Inventory = new Map();
  for (const stack of stacks) {
    recordResources(stack, inventory);
    recordProviders(stack, inventory);
    recordTerraform(stack, inventory);
  }
  return inventory;
}
