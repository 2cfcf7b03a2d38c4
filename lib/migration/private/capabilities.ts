/**
 * What the cluster's Gateway API bundle has, read from the field histories generated from the vendored CRDs
 * (the same data the validator's "first in vX" hints use), so the migration gates features on facts, not on a
 * hand-kept version table.
 */
import { BUNDLE_VERSIONS, FIELD_HISTORIES } from "../../private/gateway-api/generated";
import { GatewayApiBundle, GATEWAY_API_BUNDLES, describeBundle } from "../../private/gateway-api/bundles";

function bit(bundle: GatewayApiBundle): number {
  return 1 << BUNDLE_VERSIONS.indexOf(bundle.version as (typeof BUNDLE_VERSIONS)[number]);
}

/** Whether HTTPRoute in `bundle` has the field at `path` (lists as `[]`), or accepts enum `value` there. */
export function httpRouteHas(bundle: GatewayApiBundle, path: string, value?: string | number): boolean {
  const history = FIELD_HISTORIES.HTTPRoute();
  const mask = value === undefined ? history.fields[path] : history.enums[path]?.[String(value)];
  return ((mask ?? 0) & bit(bundle)) !== 0;
}

/** The oldest AKS bundle with the HTTPRoute field or enum value, described: `v1.5.1 (AKS Kubernetes 1.36+)`. */
export function firstBundleWith(path: string, value?: string | number): string {
  const found = GATEWAY_API_BUNDLES.find((b) => b.aksKubernetesMinors && httpRouteHas(b, path, value));
  return found ? describeBundle(found) : "no AKS bundle yet";
}

export const CORS_FILTER = "spec.rules[].filters[].cors";
export const MIRROR_PERCENT = "spec.rules[].filters[].requestMirror.percent";
export const REDIRECT_CODE = "spec.rules[].filters[].requestRedirect.statusCode";
