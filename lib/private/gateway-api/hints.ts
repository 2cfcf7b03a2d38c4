/**
 * Says which bundle has what the validated bundle lacks: an unknown field that a newer bundle declares, an enum
 * value a newer bundle accepts, a count a newer bundle allows. Reads the kind's field history (generated,
 * loaded only when such a problem is reported).
 */
import { describeBundle, firstAppearance, GATEWAY_API_BUNDLES, GatewayApiBundle } from "./bundles";
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

const newerThan = (bundle: GatewayApiBundle) => (b: GatewayApiBundle) => GATEWAY_API_BUNDLES.indexOf(b) > GATEWAY_API_BUNDLES.indexOf(bundle);

function unknownFieldHint(history: FieldHistory, path: string, bundle: GatewayApiBundle): string {
  const all = bundlesIn(history.fields[path] ?? 0);
  const newer = all.filter(newerThan(bundle));
  if (newer.length > 0) return `unknown field in Gateway API ${bundle.version}; ${firstAppearance(newer, "this field")}`;
  if (all.length > 0) return `unknown field in Gateway API ${bundle.version} (only in older bundles, last in ${all[all.length - 1].version})`;
  return `unknown field in Gateway API ${bundle.version}; ${firstAppearance([], "this field")}`;
}

function enumHint(history: FieldHistory, p: Problem, path: string, bundle: GatewayApiBundle): string {
  const accepted = bundlesIn(history.enums[path]?.[String(p.value)] ?? 0).filter(newerThan(bundle));
  return accepted.length ? `${p.message}; ${firstAppearance(accepted, "this value")}` : p.message;
}

/** The oldest newer bundle whose bound admits the count: `v1.x (AKS Kubernetes 1.y) allows 16`. */
function limitHint(history: FieldHistory, p: Problem, path: string, bundle: GatewayApiBundle): string {
  const limits = Object.entries(history.limits[path] ?? {}).filter(([limit]) => Number(limit) >= Number(p.value));
  const candidates = limits
    .flatMap(([limit, mask]) => bundlesIn(mask).map((b) => ({ b, limit })))
    .filter(({ b }) => newerThan(bundle)(b))
    .sort((x, y) => GATEWAY_API_BUNDLES.indexOf(x.b) - GATEWAY_API_BUNDLES.indexOf(y.b));
  if (candidates.length === 0) return p.message;
  const { b, limit } = candidates[0];
  if (!b.aksKubernetesMinors) return `${p.message}; no AKS bundle allows more yet (upstream ${b.version} allows ${limit})`;
  return `${p.message}; ${describeBundle(b)} allows ${limit}`;
}

/** The problem's message with the bundle hint appended, when it has one. */
export function withHint(p: Problem, kind: string, bundle: GatewayApiBundle): string {
  const load = FIELD_HISTORIES[kind];
  if (!p.hint || !load) return p.message;
  const history = load();
  const path = schemaPath(p.path);
  if (p.hint === "unknown-field") return unknownFieldHint(history, path, bundle);
  if (p.hint === "enum") return enumHint(history, p, path, bundle);
  return limitHint(history, p, path, bundle);
}
