#!/usr/bin/env node
"use strict";
/**
 * Generates lib/private/gateway-api/generated/ from the vendored Gateway API CRD schemas
 * (vendor/gateway-api/gateway-api-v*-standard.json):
 *   index.ts              bundles, served kinds and API versions, lazy loaders;
 *   <kind>-<hash>.ts      one validator per distinct served schema (OpenAPI checks, defaults, CEL rules);
 *   history-<kind>.ts     which bundles have each field and enum value (for "first in vX" hints).
 *
 * Usage: node tools/generate-gateway-api.js          writes the files (and removes stale ones)
 *        node tools/generate-gateway-api.js --check  exits 1 if the committed files differ
 * Needs the devDependency @marcbachmann/cel-js (CEL parser) and Node 20.19+ (require of an ES module).
 */
const fs = require("fs");
const path = require("path");
const { validatorModule } = require("./gateway-api/validator-module");
const { historyModule } = require("./gateway-api/history-module");
const { catalogModule } = require("./gateway-api/catalog-module");

const ROOT = path.resolve(__dirname, "..");
const SPEC_DIR = path.join(ROOT, "vendor", "gateway-api");
const OUT_DIR = path.join(ROOT, "lib", "private", "gateway-api", "generated");

const versionKey = (v) => v.replace(/^v/, "").split(".").map(Number);
const byVersion = (a, b) => {
  const [x, y] = [versionKey(a), versionKey(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};
const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The vendored bundles, oldest first, with their CRDs sorted by kind and versions by name. */
function loadBundles() {
  const files = fs.readdirSync(SPEC_DIR).filter((f) => /^gateway-api-v[\d.]+-standard\.json$/.test(f));
  const bundles = files.map((file) => {
    const spec = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), "utf8"));
    const crds = Object.values(spec.crds)
      .map((crd) => ({
        ...crd,
        versions: Object.entries(crd.versions)
          .sort(([a], [b]) => byString(a, b))
          .map(([name, v]) => ({ name, ...v })),
      }))
      .sort((a, b) => byString(a.kind, b.kind));
    return { version: spec.source.tag, file, source: spec.source, crds, schemas: spec.schemas };
  });
  return bundles.sort((a, b) => byVersion(a.version, b.version));
}

/** Served schemas grouped by (kind, hash), with the bundles and API versions that serve each. */
function servedSchemas(bundles) {
  const modules = new Map();
  bundles.forEach((bundle, bundleIndex) => {
    for (const crd of bundle.crds) {
      for (const v of crd.versions.filter((x) => x.served)) {
        const name = `${crd.kind.toLowerCase()}-${v.schema}`;
        if (!modules.has(name)) modules.set(name, { name, kind: crd.kind, hash: v.schema, schema: bundle.schemas[v.schema], users: [] });
        const m = modules.get(name);
        let user = m.users.find((u) => u.bundle === bundle.version);
        if (!user) m.users.push((user = { bundle: bundle.version, bundleIndex, source: bundle.source, apiVersions: [] }));
        user.apiVersions.push(`${crd.group}/${v.name}`);
        v.module = name;
      }
    }
  });
  return [...modules.values()].sort((a, b) => byString(a.name, b.name));
}

/** All generated files: relative file name to content. */
function generate() {
  const bundles = loadBundles();
  const modules = servedSchemas(bundles);
  const files = new Map();
  for (const m of modules) files.set(`${m.name}.ts`, validatorModule(m));
  const kinds = [...new Set(modules.map((m) => m.kind))].sort(byString);
  for (const kind of kinds) {
    const schemas = modules.filter((m) => m.kind === kind).flatMap((m) => m.users.map((u) => ({ bundleIndex: u.bundleIndex, schema: m.schema })));
    files.set(`history-${kind.toLowerCase()}.ts`, historyModule(kind, schemas));
  }
  files.set("index.ts", catalogModule(bundles, modules.map((m) => m.name), kinds));
  return new Map([...files.entries()].sort(([a], [b]) => byString(a, b)));
}

/** Names of the generated files that differ from (or are missing in, or stale in) OUT_DIR. */
function diff(files) {
  const existing = fs.existsSync(OUT_DIR) ? fs.readdirSync(OUT_DIR).filter((f) => f.endsWith(".ts")) : [];
  const changed = [...files].filter(([f, content]) => !existing.includes(f) || fs.readFileSync(path.join(OUT_DIR, f), "utf8") !== content);
  const stale = existing.filter((f) => !files.has(f));
  return [...changed.map(([f]) => f), ...stale];
}

function main(argv) {
  const files = generate();
  if (argv.includes("--check")) {
    const differences = diff(files);
    if (differences.length) {
      console.error(`Out of date: ${differences.join(", ")}. Run node tools/generate-gateway-api.js`);
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const f of fs.readdirSync(OUT_DIR).filter((x) => x.endsWith(".ts") && !files.has(x))) fs.unlinkSync(path.join(OUT_DIR, f));
  let bytes = 0;
  for (const [f, content] of files) {
    fs.writeFileSync(path.join(OUT_DIR, f), content);
    bytes += Buffer.byteLength(content);
  }
  console.log(`Wrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) to ${path.relative(ROOT, OUT_DIR)}`);
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { generate, diff, OUT_DIR };
