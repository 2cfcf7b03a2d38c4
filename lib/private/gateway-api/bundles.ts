/**
 * The Gateway API CRD bundles a cluster may run, and which one AKS Managed Gateway API installs for a
 * Kubernetes version. The served kinds and API versions of each bundle are in generated/index.ts (from the
 * vendored CRDs); a test checks that `kinds` here agrees with it.
 */

/** A standard-channel Gateway API kind (group gateway.networking.k8s.io). */
export type GatewayApiKind =
  | "GatewayClass"
  | "Gateway"
  | "GRPCRoute"
  | "HTTPRoute"
  | "ReferenceGrant"
  | "BackendTLSPolicy"
  | "ListenerSet"
  | "TLSRoute"
  | "TCPRoute"
  | "UDPRoute";

/** A Gateway API release whose standard-channel CRDs a cluster may run. */
export interface GatewayApiBundle {
  /** Release tag of kubernetes-sigs/gateway-api, e.g. `v1.3.0`. */
  readonly version: string;
  /**
   * The Kubernetes minor versions (1.x) on which AKS Managed Gateway API installs this bundle.
   *
   * @default - AKS does not install this bundle (upstream only)
   */
  readonly aksKubernetesMinors?: { readonly from: number; readonly to?: number };
  /** The standard-channel kinds the bundle installs. */
  readonly kinds: readonly GatewayApiKind[];
  /** Where the facts of this row come from. */
  readonly source: string;
}

const V1_2_KINDS: readonly GatewayApiKind[] = ["GatewayClass", "Gateway", "GRPCRoute", "HTTPRoute", "ReferenceGrant"];
const V1_4_KINDS: readonly GatewayApiKind[] = [...V1_2_KINDS, "BackendTLSPolicy"];
const V1_5_KINDS: readonly GatewayApiKind[] = [...V1_4_KINDS, "ListenerSet", "TLSRoute"];
const AKS_DOCS = "AKS docs: managed-gateway-api.md (bundle per Kubernetes minor)";
const CRDS = (tag: string, commit: string): string =>
  `kubernetes-sigs/gateway-api ${tag} (${commit}): config/crd/standard, vendored in vendor/gateway-api/`;

/** The bundles, oldest first. */
export const GATEWAY_API_BUNDLES: readonly GatewayApiBundle[] = [
  {
    version: "v1.2.1",
    aksKubernetesMinors: { from: 26, to: 33 },
    kinds: V1_2_KINDS,
    source: `${AKS_DOCS}; ${CRDS("v1.2.1", "a8fe5c8732a37ef471d86afaf570ff8ad0ef0221")}`,
  },
  {
    version: "v1.3.0",
    aksKubernetesMinors: { from: 34, to: 34 },
    kinds: V1_2_KINDS,
    source: `${AKS_DOCS}; ${CRDS("v1.3.0", "40be951cebe5cb3f0365fe6951403de4ff8b9f33")}`,
  },
  {
    version: "v1.4.1",
    aksKubernetesMinors: { from: 35, to: 35 },
    kinds: V1_4_KINDS,
    source: `${AKS_DOCS}; ${CRDS("v1.4.1", "477d172e6ac5eccb82b65781ddb8f924afec4170")}`,
  },
  {
    version: "v1.5.1",
    aksKubernetesMinors: { from: 36 },
    kinds: V1_5_KINDS,
    source: `${AKS_DOCS}; ${CRDS("v1.5.1", "e7677b70ae75d14a4448fba94870e7deea6cf0ad")}`,
  },
  {
    version: "v1.6.1",
    kinds: [...V1_5_KINDS, "TCPRoute", "UDPRoute"],
    source: `kubernetes-sigs/gateway-api tags (newest release; not installed by AKS); ${CRDS("v1.6.1", "8bb74df00e56ec8f944d48c25e6c1c9c2f6848e3")}`,
  },
];

/** The oldest bundle AKS installs: what an unknown Kubernetes version gets. */
export const OLDEST_AKS_BUNDLE: GatewayApiBundle = GATEWAY_API_BUNDLES[0];

const KUBERNETES_VERSION = /^v?1\.(\d+)(?:\.\d+)?$/;

/**
 * The bundle AKS Managed Gateway API installs on a cluster of the given Kubernetes version (`"1.34"`,
 * `"1.34.2"`), or the oldest AKS bundle (v1.2.1) when the version is unknown (`undefined`).
 *
 * @throws Error if the version is not `1.<minor>[.<patch>]` or is older than the first AKS bundle (1.26).
 */
export function gatewayApiBundleForKubernetes(kubernetesVersion: string | undefined): GatewayApiBundle {
  if (kubernetesVersion === undefined) return OLDEST_AKS_BUNDLE;
  const match = KUBERNETES_VERSION.exec(kubernetesVersion.trim());
  if (!match) throw new Error(`Kubernetes version must look like 1.34 or 1.34.2, got ${JSON.stringify(kubernetesVersion)}`);
  const minor = Number(match[1]);
  const bundle = GATEWAY_API_BUNDLES.find(
    (b) => b.aksKubernetesMinors && minor >= b.aksKubernetesMinors.from && minor <= (b.aksKubernetesMinors.to ?? Infinity),
  );
  if (!bundle) {
    throw new Error(`AKS Managed Gateway API needs Kubernetes 1.${OLDEST_AKS_BUNDLE.aksKubernetesMinors!.from} or later, got ${kubernetesVersion}`);
  }
  return bundle;
}

/** The bundle with this release tag (`v1.5.1`), or undefined. */
export function gatewayApiBundle(version: string): GatewayApiBundle | undefined {
  return GATEWAY_API_BUNDLES.find((b) => b.version === version);
}

/** `v1.4.1 (AKS Kubernetes 1.35)`, `v1.2.1 (AKS Kubernetes 1.26–1.33)`, `v1.6.1 (not installed by AKS)`. */
export function describeBundle(bundle: GatewayApiBundle): string {
  const k = bundle.aksKubernetesMinors;
  if (!k) return `${bundle.version} (not installed by AKS)`;
  if (k.to === undefined) return `${bundle.version} (AKS Kubernetes 1.${k.from}+)`;
  if (k.to === k.from) return `${bundle.version} (AKS Kubernetes 1.${k.from})`;
  return `${bundle.version} (AKS Kubernetes 1.${k.from}\u20131.${k.to})`;
}

/**
 * Where something first appears, for messages: `first in v1.5.1 (AKS Kubernetes 1.36+)`, or, when only
 * upstream bundles have it, `no AKS bundle has it yet; upstream v1.6.1 does`. `bundles` must be oldest first.
 */
export function firstAppearance(bundles: readonly GatewayApiBundle[], what = "it"): string {
  const aks = bundles.find((b) => b.aksKubernetesMinors);
  if (aks) return `first in ${describeBundle(aks)}`;
  if (bundles.length > 0) return `no AKS bundle has ${what} yet; upstream ${bundles[0].version} does`;
  return `no Gateway API standard-channel bundle up to ${GATEWAY_API_BUNDLES[GATEWAY_API_BUNDLES.length - 1].version} has ${what}`;
}

/**
 * The bundle of a gateway's `gatewayApiVersion`, for constructs validating objects on that gateway; throws when a
 * hand-made `ISharedGateway` names a release this library has no schemas for.
 */
export function gatewayApiBundleOf(scope: { readonly node: { readonly path: string } }, version: string): GatewayApiBundle {
  const bundle = gatewayApiBundle(version);
  if (!bundle) {
    const known = GATEWAY_API_BUNDLES.map((b) => b.version).join(", ");
    throw new Error(`${scope.node.path}: the gateway's gatewayApiVersion ${JSON.stringify(version)} is not a Gateway API bundle this library knows (${known})`);
  }
  return bundle;
}
