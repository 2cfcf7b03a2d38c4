import {
  describeBundle,
  GATEWAY_API_BUNDLES,
  gatewayApiBundleForKubernetes,
  OLDEST_AKS_BUNDLE,
} from "../../lib/private/gateway-api/bundles";
import { BUNDLE_VERSIONS, CATALOG } from "../../lib/private/gateway-api/generated";

describe("gatewayApiBundleForKubernetes", () => {
  test.each([
    ["1.26", "v1.2.1"],
    ["1.30.5", "v1.2.1"],
    ["1.33", "v1.2.1"],
    ["1.34", "v1.3.0"],
    ["1.34.2", "v1.3.0"],
    ["v1.34.2", "v1.3.0"],
    ["1.35", "v1.4.1"],
    ["1.35.0", "v1.4.1"],
    ["1.36", "v1.5.1"],
    ["1.41.3", "v1.5.1"],
  ])("Kubernetes %s gets Gateway API %s (AKS docs: managed-gateway-api.md)", (kubernetes, expected) => {
    expect(gatewayApiBundleForKubernetes(kubernetes).version).toBe(expected);
  });

  test("an unknown version gets the oldest AKS bundle", () => {
    expect(gatewayApiBundleForKubernetes(undefined)).toBe(OLDEST_AKS_BUNDLE);
    expect(OLDEST_AKS_BUNDLE.version).toBe("v1.2.1");
  });

  test("throws when the version is older than the first AKS bundle", () => {
    expect(() => gatewayApiBundleForKubernetes("1.25.6")).toThrow(/needs Kubernetes 1\.26 or later, got 1\.25\.6/);
  });

  test.each(["", "1", "2.1", "1.x", "latest", "1.34.2-beta"])("throws when the version is malformed: %j", (v) => {
    expect(() => gatewayApiBundleForKubernetes(v)).toThrow(/must look like 1\.34 or 1\.34\.2/);
  });

  test("v1.6.1 is upstream only: no Kubernetes version maps to it", () => {
    const minors = Array.from({ length: 30 }, (_, i) => `1.${26 + i}`);
    expect(minors.map((m) => gatewayApiBundleForKubernetes(m).version)).not.toContain("v1.6.1");
    expect(describeBundle(GATEWAY_API_BUNDLES[4])).toBe("v1.6.1 (not installed by AKS)");
  });
});

describe("bundle table", () => {
  test("lists the vendored bundles, oldest first", () => {
    expect(GATEWAY_API_BUNDLES.map((b) => b.version)).toEqual([...BUNDLE_VERSIONS]);
  });

  test.each(GATEWAY_API_BUNDLES.map((b) => [b.version, b] as const))("%s: kinds agree with the vendored CRDs", (version, b) => {
    const served = Object.entries(CATALOG[version])
      .filter(([, crd]) => Object.values(crd.versions).some((v) => v.served))
      .map(([kind]) => kind);
    expect([...b.kinds].sort()).toEqual(served.sort());
  });

  test("kinds per bundle: BackendTLSPolicy from v1.4.1, ListenerSet and TLSRoute from v1.5.1", () => {
    const kinds = Object.fromEntries(GATEWAY_API_BUNDLES.map((b) => [b.version, b.kinds.length]));
    expect(kinds).toEqual({ "v1.2.1": 5, "v1.3.0": 5, "v1.4.1": 6, "v1.5.1": 8, "v1.6.1": 10 });
    expect(GATEWAY_API_BUNDLES[2].kinds).toContain("BackendTLSPolicy");
    expect(GATEWAY_API_BUNDLES[1].kinds).not.toContain("BackendTLSPolicy");
  });

  test("every row cites its source", () => {
    for (const b of GATEWAY_API_BUNDLES) {
      expect(b.source).toMatch(new RegExp(`kubernetes-sigs/gateway-api ${b.version.replace(/\./g, "\\.")} \\([0-9a-f]{40}\\)`));
      if (b.aksKubernetesMinors) expect(b.source).toMatch(/managed-gateway-api\.md/);
    }
  });

  test("describes the AKS Kubernetes versions of a bundle", () => {
    expect(GATEWAY_API_BUNDLES.map(describeBundle)).toEqual([
      "v1.2.1 (AKS Kubernetes 1.26\u20131.33)",
      "v1.3.0 (AKS Kubernetes 1.34)",
      "v1.4.1 (AKS Kubernetes 1.35)",
      "v1.5.1 (AKS Kubernetes 1.36+)",
      "v1.6.1 (not installed by AKS)",
    ]);
  });
});
