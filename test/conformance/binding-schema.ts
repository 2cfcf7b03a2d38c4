// The provider schema as the prebuilt cdktf bindings carry it. @cdktf/provider-azurerm 14.23.1 is generated from
// the hashicorp/azurerm 4.55.0 schema (package.json `cdktf.provider.version`), so its config interfaces say exactly
// which arguments exist at 4.55.0 and which are Required. Computed-only attributes have no config field at all.
import { readFileSync } from "fs";
import { join } from "path";

/** One argument of a block, as the binding declares it. */
export interface BindingAttribute {
  /** Terraform name (snake_case), taken from the `{@link …#name}` anchor of the field's TSDoc. */
  readonly name: string;
  /** True when the config field has no `?`: the schema marks it Required. */
  readonly required: boolean;
  /** The nested block's schema when the argument is a block (its type is another interface of the binding). */
  readonly block?: BindingBlock;
  /** True when the type is a string map (`tags`), whose keys are data, not attribute names. */
  readonly map: boolean;
}

/** The arguments a block accepts, by Terraform name. */
export type BindingBlock = { readonly [name: string]: BindingAttribute };

const PACKAGE_ROOTS: { [provider: string]: string } = {
  azurerm: "@cdktf/provider-azurerm/lib",
};

const INTERFACE = /export interface (\w+)( extends [^{]+)? \{([\s\S]*?)\n\}/g;
const FIELD = /\{@link \S+#(\w+) [^}]*\}\s*\*\/\s*readonly (\w+)(\?)?: ([^;]+);/g;

/** Directory of the binding of a resource (`azurerm_public_ip`), data source (`data.azurerm_client_config`) or provider. */
export function bindingDirectory(address: string): string {
  const isData = address.startsWith("data.");
  const type = isData ? address.slice(5) : address;
  const [provider, ...rest] = type.split("_");
  const root = PACKAGE_ROOTS[provider];
  if (!root) throw new Error(`no prebuilt binding for ${address}`);
  const name = rest.length === 0 ? "provider" : (isData ? ["data", provider, ...rest] : rest).join("-");
  return join(require.resolve(`${root.split("/lib")[0]}/package.json`), "..", "lib", name);
}

function parseInterfaces(source: string): { interfaces: Map<string, string>; root?: string } {
  const interfaces = new Map<string, string>();
  let root: string | undefined;
  for (const m of source.matchAll(INTERFACE)) {
    interfaces.set(m[1], m[3]);
    const isRoot = m[2]?.includes("TerraformMetaArguments") || /ProviderConfig$/.test(m[1]);
    if (isRoot && root === undefined) root = m[1];
  }
  return { interfaces, root };
}

function buildBlock(name: string, interfaces: Map<string, string>, seen: Set<string>): BindingBlock {
  const body = interfaces.get(name);
  if (body === undefined || seen.has(name)) return {};
  const block: { [name: string]: BindingAttribute } = {};
  for (const m of body.matchAll(FIELD)) {
    const [, tfName, , optional, type] = m;
    const nested = (type.match(/\b[A-Z]\w+/g) ?? []).find((t) => interfaces.has(t));
    block[tfName] = {
      name: tfName,
      required: optional === undefined,
      block: nested ? buildBlock(nested, interfaces, new Set([...seen, name])) : undefined,
      map: /\{\s*\[key: string\]/.test(type),
    };
  }
  return block;
}

const cache = new Map<string, BindingBlock>();

/** The top-level block of a resource, data source or provider (`provider.azurerm`), read from its binding. */
export function bindingSchema(address: string): BindingBlock {
  const cached = cache.get(address);
  if (cached) return cached;
  const typeName = address.startsWith("provider.") ? address.slice(9) : address;
  const dir = bindingDirectory(typeName);
  const { interfaces, root } = parseInterfaces(readFileSync(join(dir, "index.d.ts"), "utf8"));
  if (!root) throw new Error(`no config interface in the binding of ${address}`);
  const schema = buildBlock(root, interfaces, new Set());
  cache.set(address, schema);
  return schema;
}
