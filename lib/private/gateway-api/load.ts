/**
 * Lazy loading of the generated validators: a module is required the first time an object of its (bundle,
 * kind, API version) is validated, so validating one HTTPRoute loads neither the Gateway validator nor other
 * bundles' HTTPRoute validators.
 */
import { SCHEMA_MODULES } from "./generated";
import { SchemaModule } from "./runtime/problem";

const loaded = new Map<string, SchemaModule>();

/** The generated validator module `name` (e.g. `httproute-fb8b3bcb42e5baa9`), loaded on first use. */
export function schemaModule(name: string): SchemaModule {
  let module = loaded.get(name);
  if (!module) {
    const load = SCHEMA_MODULES[name];
    if (!load) throw new Error(`no generated Gateway API validator ${name}; run node tools/generate-gateway-api.js`);
    module = load();
    loaded.set(name, module);
  }
  return module;
}

/** Names of the validator modules loaded so far (for tests of the lazy loading). */
export function loadedSchemaModules(): string[] {
  return [...loaded.keys()];
}
