// Schema coverage: every emitted argument exists at azurerm 4.55.0 (or in the azapi schema), every Required argument
// is emitted, and every (resource type, attribute) the library emits has been reviewed into the catalogue.
import { COMBINATIONS, EDGE_INPUTS, synthesizeAll } from "./combinations";
import { bindingSchema, BindingBlock } from "./binding-schema";
import { CATALOGUE, CONSTRAINTS, META_ARGUMENTS, OUT_OF_SCOPE_PREFIXES } from "./azurerm-constraints";
import { AZAPI_SCHEMA, duplicateProviders } from "./catalogue/providers";
import { inventoryOf } from "./inventory";
import { blocksAt, instancesOf, isSet } from "./model";

const stacks = synthesizeAll([...COMBINATIONS, ...EDGE_INPUTS.filter((c) => c.refusedAtSynth === undefined)]);
const inventory = inventoryOf(stacks);
const reviewed = new Map(CATALOGUE.map((c) => [c.resource, new Set(c.reviewed)]));
const azurermAddresses = [...inventory.keys()].filter((r) => /^(data\.)?azurerm_|^provider\.azurerm$/.test(r));

/** `path` resolved against a binding schema: undefined when some segment is not an argument of its block. */
function schemaAt(schema: BindingBlock, path: string): BindingBlock[string] | undefined {
  const [head, ...rest] = path.split(".");
  const attr = schema[head];
  if (!attr || rest.length === 0) return attr;
  return attr.block ? schemaAt(attr.block, rest.join(".")) : undefined;
}

/** Required arguments of every emitted block instance, walked with the binding schema. */
function missingRequired(schema: BindingBlock, body: any, prefix: string): string[] {
  return Object.entries(schema).flatMap(([name, attr]) => {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    if (attr.required && !isSet(body?.[name])) return [`${path} is Required`];
    if (!attr.block || attr.map) return [];
    return blocksAt(body, name).flatMap((b) => (typeof b === "object" ? missingRequired(attr.block!, b, path) : []));
  });
}

describe("schema: azurerm 4.55.0 and azapi accept every argument the library emits", () => {
  test.each(azurermAddresses)("%s: every emitted argument is a configurable argument at 4.55.0 (none unknown, none Computed-only)", (resource) => {
    const schema = bindingSchema(resource);
    const unknown = [...inventory.get(resource)!].filter((p) => !META_ARGUMENTS.includes(p) && !schemaAt(schema, p));
    expect(unknown).toEqual([]);
  });

  test.each(azurermAddresses)("%s: every Required argument of every emitted block is set", (resource) => {
    const schema = bindingSchema(resource);
    const missing = stacks.flatMap((s) => instancesOf(s, resource).flatMap((i) => missingRequired(schema, i.body, "").map((m) => `${s.label}: ${i.name}: ${m}`)));
    expect(missing).toEqual([]);
  });

  test.each(Object.keys(AZAPI_SCHEMA))("%s: every emitted argument is in the azapi schema (none Computed-only)", (resource) => {
    const unknown = [...(inventory.get(resource) ?? [])].filter((p) => !AZAPI_SCHEMA[resource].includes(p));
    expect(unknown).toEqual([]);
  });

  test("no stack configures the same provider twice without an alias", () => {
    expect(stacks.flatMap((s) => duplicateProviders(s.json).map((m) => `${s.label}: ${m}`))).toEqual([]);
  });
});

describe("inventory: nothing reaches Terraform unreviewed", () => {
  test("every azurerm and azapi resource type, data source and provider block the library emits is in the catalogue", () => {
    const uncatalogued = [...inventory.keys()].filter((r) => !reviewed.has(r) && !OUT_OF_SCOPE_PREFIXES.some((p) => r.startsWith(p)));
    expect(uncatalogued.map((r) => `${r} is emitted but not catalogued: read its schema at azurerm v4.55.0 (or azapi ~> 2.11), add a ResourceCatalogue with its constraints to test/conformance/catalogue/, and list its attributes in \`reviewed\``)).toEqual([]);
  });

  test("every emitted (resource type, attribute path) has been reviewed", () => {
    const unreviewed = [...inventory.entries()]
      .filter(([resource]) => reviewed.has(resource))
      .flatMap(([resource, paths]) => [...paths].filter((p) => !reviewed.get(resource)!.has(p)).map((p) => `${resource}: ${p}`));
    expect(unreviewed.map((u) => `${u} is emitted but unreviewed: read its schema at azurerm v4.55.0 (ValidateFunc, Required, MaxItems, ConflictsWith, AtLeastOneOf, ForceNew and the Create/Update/CustomizeDiff checks), encode its constraints in test/conformance/catalogue/, then add the path to \`reviewed\``)).toEqual([]);
  });

  test("every constraint of the catalogue belongs to a catalogued resource", () => {
    const stray = CONSTRAINTS.filter((c) => !reviewed.has(c.resource)).map((c) => `${c.resource}: ${c.summary}`);
    expect(stray).toEqual([]);
  });

  test("every attribute a constraint reads is an argument of its resource (no typo makes a rule vacuous)", () => {
    const known = (resource: string, path: string): boolean =>
      /^(data\.)?azurerm_|^provider\.azurerm$/.test(resource)
        ? schemaAt(bindingSchema(resource), path) !== undefined
        : (AZAPI_SCHEMA[resource] ?? []).includes(path.split(".")[0]);
    const typos = CONSTRAINTS.flatMap((c) => (c.paths ?? []).filter((p) => !known(c.resource, p)).map((p) => `${c.resource}: ${p} (${c.summary})`));
    expect(typos).toEqual([]);
  });
});
