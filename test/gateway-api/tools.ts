/**
 * Loads the generator (tools/, plain Node JS) and its devDependencies with Node's own require: cel-js is an ES
 * module that jest's module loader cannot load (see test/cel.ts). Values handed to cel-js must come from Node's
 * main realm, hence `mainRealmJson`.
 */
import * as fs from "fs";
import * as path from "path";

export const nodeRequire = process.getBuiltinModule("module").createRequire(__filename);

export const ROOT = path.resolve(__dirname, "..", "..");

/** tools/generate-gateway-api.js */
export const generator: {
  generate(): Map<string, string>;
  diff(files: Map<string, string>): string[];
  OUT_DIR: string;
} = nodeRequire("../../tools/generate-gateway-api.js");

/** tools/gateway-api/cel.js */
export const celTools: {
  transpile(rule: string, regex: (pattern: string) => string): { code: string; usesOldSelf: boolean };
  unescapeField(name: string): string;
} = nodeRequire("../../tools/gateway-api/cel.js");

/** tools/gateway-api/re2.js */
export const re2: {
  translateRe2(src: string): { source: string; flags: string };
  regexLiteral(src: string): string;
} = nodeRequire("../../tools/gateway-api/re2.js");

export const mainRealmJson: JSON = nodeRequire("vm").runInThisContext("JSON");

export type Schema = { [key: string]: any };

/** A vendored bundle file. */
export interface VendoredBundle {
  readonly source: { readonly tag: string };
  readonly crds: { readonly [name: string]: { readonly kind: string; readonly versions: { readonly [v: string]: { served: boolean; schema: string } } } };
  readonly schemas: { readonly [hash: string]: Schema };
}

/** The vendored bundles (vendor/gateway-api/), oldest first. */
export function vendoredBundles(): VendoredBundle[] {
  const dir = path.join(ROOT, "vendor", "gateway-api");
  return fs
    .readdirSync(dir)
    .filter((f) => /^gateway-api-v[\d.]+-standard\.json$/.test(f))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
}

/** Every served schema of every bundle: [bundle tag, kind, API version, hash, schema]. */
export function servedSchemas(): Array<{ tag: string; kind: string; version: string; hash: string; schema: Schema }> {
  return vendoredBundles().flatMap((b) =>
    Object.values(b.crds).flatMap((crd) =>
      Object.entries(crd.versions)
        .filter(([, v]) => v.served)
        .map(([version, v]) => ({ tag: b.source.tag, kind: crd.kind, version, hash: v.schema, schema: b.schemas[v.schema] })),
    ),
  );
}
