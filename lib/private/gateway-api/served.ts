/**
 * Whether a bundle serves an object's kind and apiVersion, as the API server's discovery would: a kind the
 * bundle does not install, or an API version it does not serve, is rejected before any schema check.
 */
import { describeBundle, firstAppearance, GATEWAY_API_BUNDLES, GatewayApiBundle } from "./bundles";
import { CATALOG, CrdEntry } from "./generated";

/** The CRD version an object maps to in a bundle. */
export interface ServedCrd {
  readonly kind: string;
  readonly crd: CrdEntry;
  /** Name of the generated validator module. */
  readonly module: string;
}

const GROUP = "gateway.networking.k8s.io";

/** The bundles, oldest first, that serve `kind` (and `version`, if given). */
function bundlesServing(kind: string, version?: string): GatewayApiBundle[] {
  return GATEWAY_API_BUNDLES.filter((b) => {
    const crd = CATALOG[b.version]?.[kind];
    if (!crd) return false;
    return version === undefined ? Object.values(crd.versions).some((v) => v.served) : crd.versions[version]?.served === true;
  });
}

function servedVersions(crd: CrdEntry): string {
  return Object.entries(crd.versions)
    .filter(([, v]) => v.served)
    .map(([name]) => `${GROUP}/${name}`)
    .join(", ");
}

/** The problem with `kind` in `bundle`, or the CRD. */
function lookupKind(kind: string, bundle: GatewayApiBundle): CrdEntry | string {
  const crd = CATALOG[bundle.version]?.[kind];
  if (crd) return crd;
  const known = bundlesServing(kind);
  if (known.length === 0) return `kind ${JSON.stringify(kind)} is not a Gateway API standard-channel kind`;
  return `kind ${kind} is not installed by Gateway API ${describeBundle(bundle)}; ${firstAppearance(known)}`;
}

/**
 * The served CRD version for the object's `apiVersion` and `kind` in `bundle`, or problem strings saying
 * which bundle (and AKS Kubernetes version) first serves it.
 */
export function resolveServedCrd(apiVersion: unknown, kind: unknown, bundle: GatewayApiBundle): ServedCrd | string[] {
  if (typeof kind !== "string" || kind === "") return ["kind: is required (a Gateway API kind such as HTTPRoute)"];
  if (typeof apiVersion !== "string" || apiVersion === "") return [`apiVersion: is required (e.g. ${GROUP}/v1)`];
  const [group, version, ...rest] = apiVersion.split("/");
  if (group !== GROUP || version === undefined || rest.length > 0) {
    return [`apiVersion: ${JSON.stringify(apiVersion)} is not in the Gateway API group (${GROUP}/<version>)`];
  }
  const crd = lookupKind(kind, bundle);
  if (typeof crd === "string") return [crd];
  const served = crd.versions[version];
  if (served?.served && served.module) return { kind, crd, module: served.module };
  const later = bundlesServing(kind, version).filter((b) => GATEWAY_API_BUNDLES.indexOf(b) > GATEWAY_API_BUNDLES.indexOf(bundle));
  const where = later.length ? `; ${firstAppearance(later, "it")}` : "";
  return [
    `apiVersion: ${apiVersion} of ${kind} is not served by Gateway API ${describeBundle(bundle)}, which serves ${servedVersions(crd)}${where}`,
  ];
}
