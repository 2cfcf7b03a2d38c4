/**
 * Validates a Gateway API object at synth time the way the API server of a cluster running a given bundle
 * validates a create: served kind and version, ObjectMeta, the CRD's OpenAPI schema after defaulting, then the
 * CEL rules. Stricter in one way: fields the bundle does not have are errors (the API server would prune them
 * silently), as are `null` values (pruned) and `status` (ignored on create).
 */
import { GatewayApiBundle } from "./bundles";
import { withHint } from "./hints";
import { metadataProblems } from "./metadata";
import { schemaModule } from "./load";
import { resolveServedCrd } from "./served";
import { Problem } from "./runtime/problem";
import { copyWithoutNulls, isObject, show } from "./runtime/schema";

/** The API server's note when a schema error stops the CEL rules (registry/customresource/strategy.go). */
export const RULES_NOT_CHECKED =
  "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";

function render(p: Problem, kind: string, bundle: GatewayApiBundle): string {
  const message = withHint(p, kind, bundle);
  return p.path === "" ? message : `${p.path}: ${message}`;
}

/** The object without `status` (reported), without nulls (reported), with the schema's defaults applied. */
function prepare(object: { [key: string]: unknown }, problems: Problem[]): { [key: string]: unknown } {
  const { status, ...rest } = object;
  if (status !== undefined) {
    problems.push({ path: "status", message: "is written by the controller; the API server ignores it on create, remove it", blocking: false });
  }
  const nulls: string[] = [];
  const copy = copyWithoutNulls(rest, "", nulls) as { [key: string]: unknown };
  for (const path of nulls) {
    problems.push({ path, message: "is null; omit the field instead (the API server drops nulls)", blocking: false });
  }
  return copy;
}

/**
 * Problems the API server of a cluster running `bundle` would report for creating `object` (plus unknown
 * fields, nulls and status), as `path: message` strings; empty when the object is valid.
 */
export function validateGatewayApiObject(object: unknown, bundle: GatewayApiBundle): string[] {
  if (!isObject(object)) return [`must be a Kubernetes object, got ${show(object)}`];
  const served = resolveServedCrd(object.apiVersion, object.kind, bundle);
  if (Array.isArray(served)) return served;
  const module = schemaModule(served.module);
  const problems = metadataProblems(object.metadata, served.kind, served.crd.scope);
  const copy = prepare(object, problems);
  module.applyDefaults(copy);
  module.validateSchema(copy, problems);
  if (problems.some((p) => p.blocking)) problems.push({ path: "", message: RULES_NOT_CHECKED, blocking: false });
  else module.checkRules(copy, problems);
  return problems.map((p) => render(p, served.kind, bundle));
}
