/**
 * Which Istio releases exist and which Kubernetes versions each Istio minor supports. Internal to the mesh
 * layer (not exported from the package); the default pin is tested against `ISTIO_RELEASES`.
 */

/** Istio patch releases this library has seen announced, with where. Extend it when you move the default pin. */
export const ISTIO_RELEASES: readonly { readonly version: string; readonly source: string }[] = [
  { version: "1.30.0", source: "https://istio.io/latest/news/releases/1.30.x/ (May 18, 2026)" },
  { version: "1.30.1", source: "https://istio.io/latest/news/releases/1.30.x/announcing-1.30.1/ (June 4, 2026)" },
  { version: "1.30.2", source: "https://istio.io/latest/zh/news/releases/1.30.x/ (June 24, 2026)" },
  { version: "1.30.3", source: "https://istio.io/latest/zh/news/releases/1.30.x/announcing-1.30.3/ (July 16, 2026)" },
  { version: "1.30.4", source: "https://istio.io/latest/zh/news/releases/1.30.x/announcing-1.30.4/ (August 27, 2026)" },
  { version: "1.30.5", source: "https://istio.io/latest/zh/news/releases/1.30.x/announcing-1.30.5/ (changes since 1.30.4)" },
];

/**
 * Kubernetes minors each Istio minor supports (istio/istio.io: data/compatibility/supportStatus.yml, `k8sVersions`,
 * as of November 2026).
 */
export const ISTIO_KUBERNETES_SUPPORT: { readonly [istioMinor: string]: readonly [number, number] } = {
  "1.26": [29, 33],
  "1.27": [29, 33],
  "1.28": [30, 34],
  "1.29": [31, 35],
  "1.30": [32, 36],
};

/**
 * Why Istio `istioVersion` (`x.y.z`) cannot run on Kubernetes `kubernetesVersion` (`1.34` or `1.34.2`), or
 * `undefined` when it can or when either is unknown to this table.
 */
export function istioKubernetesProblem(istioVersion: string, kubernetesVersion: string): string | undefined {
  const istioMinor = /^(\d+\.\d+)\./.exec(istioVersion)?.[1];
  const k8sMinor = /^v?1\.(\d+)/.exec(kubernetesVersion)?.[1];
  const range = istioMinor === undefined ? undefined : ISTIO_KUBERNETES_SUPPORT[istioMinor];
  if (range === undefined || k8sMinor === undefined) return undefined;
  const minor = Number(k8sMinor);
  if (minor >= range[0] && minor <= range[1]) return undefined;
  const fits = Object.entries(ISTIO_KUBERNETES_SUPPORT)
    .filter(([, [from, to]]) => minor >= from && minor <= to)
    .map(([m]) => m);
  return (
    `Istio ${istioMinor} supports Kubernetes 1.${range[0]}–1.${range[1]}, not ${kubernetesVersion}` +
    (fits.length > 0 ? `; Istio ${fits.join(" or ")} supports it` : "")
  );
}
