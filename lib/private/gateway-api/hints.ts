/**
 * Says which bundle has what the validated bundle lacks: an unknown field that a newer bundle declares, an enum
 * value a newer bundle accepts. Reads the kind's field history (generated, loaded only when needed).
 */
import { firstAppearance, GATEWAY_API_BUNDLES, GatewayApiBundle } from "./bundles";
import { BUNDLE_VERSIONS, FIELD_HISTORIES } from "./generated";
import { FieldHistory, Problem } from "./runtime/problem";

/** `spec.rules[0].filters[1]["x"]` → `spec.rules[].filters[]{}`: the path as the field history keys it. */
export function schemaPath(path: string): string {
  return path.replace(/\[\d+\]/g, "[]").replace(/\["(?:[^"\\]|\\.)*"\]/g, "{}");
}

/** The bundles (oldest first) whose bit is set in `mask`. */
function bundlesIn(mask: number): GatewayApiBundle[] {
  return GATEWAY_API_BUNDLES.filter((b) => {
    const i = BUNDLE_VERSIONS.indexOf(b.version as (typeof BUNDLE_VERSIONS)[number]);
    return i >= 0 && (mask & (1 << i)) !== 0;
  });
}

/** Where the rejected thing exists, relative to `bundle`: newer bundles first, else older (removed). */
function where(mask: number | undefined, bundle: GatewayApiBundle, what: string): string {
  const all = bundlesIn(mask ?? 0);
  const index = GATEWAY_API_BUNDLES.indexOf(bundle);
  const newer = all.filter((b) => GATEWAY_API_BUNDLES.indexOf(b) > index);
  if (newer.length > 0) return firstAppearance(newer, what);
  if (all.length > 0) return `only in older bundles (last in ${all[all.length - 1].version})`;
  return firstAppearance([], what);
}

/** The problem's message with the bundle hint appended, when it has one. */
export function withHint(p: Problem, kind: string, bundle: GatewayApiBundle): string {
  if (!p.hint) return p.message;
  const load = FIELD_HISTORIES[kind];
  const history: FieldHistory | undefined = load ? load() : undefined;
  if (!history) return p.message;
  const path = schemaPath(p.path);
  if (p.hint === "unknown-field") {
    return `unknown field in Gateway API ${bundle.version}; ${where(history.fields[path], bundle, "this field")}`;
  }
  const mask = history.enums[path]?.[String(p.value)];
  const accepted = bundlesIn(mask ?? 0).filter((b) => GATEWAY_API_BUNDLES.indexOf(b) > GATEWAY_API_BUNDLES.indexOf(bundle));
  return accepted.length ? `${p.message}; ${firstAppearance(accepted, "this value")}` : p.message;
}
