import { Testing, TerraformResource, TerraformStack, TerraformVariable } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { IstioAmbient, IstioAmbientProps } from "../lib/mesh/istio-ambient";
import { resourcesOf, synthJson, testStack } from "./util";

const REPO = "https://istio-release.storage.googleapis.com/charts";

/** Synthesizes one IstioAmbient and returns it with the parsed JSON. */
function synth(props?: IstioAmbientProps): { istio: IstioAmbient; stack: TerraformStack; json: any } {
  const stack = testStack();
  const istio = new IstioAmbient(stack, "Istio", props);
  return { istio, stack, json: synthJson(stack) };
}

/** The synthesized block of one resource. */
function block(json: any, resource: TerraformResource): any {
  return resourcesOf(json, resource.terraformResourceType)[resource.friendlyUniqueId];
}

/** The Terraform address other resources use in `depends_on`. */
function address(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** The release's single values document, parsed. */
function valuesOf(json: any, release: Release): any {
  const values = block(json, release).values;
  expect(values).toHaveLength(1);
  return JSON.parse(values[0]);
}

describe("IstioAmbient", () => {
  describe("defaults", () => {
    test("creates the istio-system namespace and four releases, nothing else", () => {
      const { json } = synth();
      expect(Object.keys(resourcesOf(json, NamespaceV1.tfResourceType))).toHaveLength(1);
      expect(Object.keys(resourcesOf(json, Release.tfResourceType))).toHaveLength(4);
      expect(Object.keys(json.resource).sort()).toEqual([NamespaceV1.tfResourceType, Release.tfResourceType].sort());
    });

    test("the namespace is a kubernetes_namespace_v1 named istio-system", () => {
      const synthesized = Testing.synthScope((scope) => {
        new IstioAmbient(scope, "Istio");
      });
      expect(synthesized).toHaveResourceWithProperties(NamespaceV1, { metadata: { name: "istio-system" } });
    });

    test.each([
      ["istio-base", "base"],
      ["istiod", "istiod"],
      ["istio-cni", "cni"],
      ["ztunnel", "ztunnel"],
    ])("release %s installs chart %s from Istio's repository at the pinned version, atomically", (name, chart) => {
      const synthesized = Testing.synthScope((scope) => {
        new IstioAmbient(scope, "Istio");
      });
      expect(synthesized).toHaveResourceWithProperties(Release, {
        name,
        chart,
        repository: REPO,
        version: IstioAmbient.DEFAULT_VERSION,
        namespace: "istio-system",
        atomic: true,
        wait: true,
        timeout: 600,
        max_history: 10,
      });
    });

    test("the namespace is created by Terraform, not by Helm", () => {
      const { istio, json } = synth();
      for (const release of istio.releases) {
        expect(block(json, release).create_namespace).toBeUndefined();
      }
    });

    test("installs in order: namespace → base → istiod → cni → ztunnel", () => {
      const { istio, json } = synth();
      expect(block(json, istio.base).depends_on).toEqual([address(istio.namespaceResource)]);
      expect(block(json, istio.istiod).depends_on).toEqual([address(istio.base)]);
      expect(block(json, istio.cni).depends_on).toEqual([address(istio.istiod)]);
      expect(block(json, istio.ztunnel).depends_on).toEqual([address(istio.cni)]);
    });

    test("base gets only the Istio namespace (no profile, no Gateway API CRD settings)", () => {
      const { istio, json } = synth();
      expect(valuesOf(json, istio.base)).toEqual({ global: { istioNamespace: "istio-system" } });
    });

    test("istiod uses the ambient profile with at least two replicas", () => {
      const { istio, json } = synth();
      expect(valuesOf(json, istio.istiod)).toEqual({
        profile: "ambient",
        global: { istioNamespace: "istio-system" },
        autoscaleMin: 2,
        autoscaleMax: 5,
      });
    });

    test("cni uses the ambient profile and no platform override", () => {
      const { istio, json } = synth();
      expect(valuesOf(json, istio.cni)).toEqual({ profile: "ambient" });
    });

    test("ztunnel is told where istiod lives", () => {
      const { istio, json } = synth();
      expect(valuesOf(json, istio.ztunnel)).toEqual({ istioNamespace: "istio-system" });
    });

    test("exposes the GatewayClass, namespace, version and releases in install order", () => {
      const { istio } = synth();
      expect(istio.gatewayClassName).toBe("istio");
      expect(IstioAmbient.GATEWAY_CLASS_NAME).toBe("istio");
      expect(IstioAmbient.DATAPLANE_MODE_LABEL).toBe("istio.io/dataplane-mode");
      expect(istio.namespace).toBe("istio-system");
      expect(istio.version).toBe(IstioAmbient.DEFAULT_VERSION);
      expect(istio.releases).toEqual([istio.base, istio.istiod, istio.cni, istio.ztunnel]);
    });

    test("the default version is a pinned x.y.z release at or above the minimum", () => {
      expect(IstioAmbient.DEFAULT_VERSION).toMatch(/^1\.(2[6-9]|[3-9]\d)\.\d+$/);
    });

    test("releases can be used as dependsOn by other resources", () => {
      const stack = testStack();
      const istio = new IstioAmbient(stack, "Istio");
      const after = new NamespaceV1(stack, "Tenant", { metadata: { name: "tenant-a" }, dependsOn: istio.releases });
      const json = synthJson(stack);
      expect(block(json, after).depends_on).toEqual(istio.releases.map(address));
    });
  });

  describe("options", () => {
    test("version is used by every release", () => {
      const { istio, json } = synth({ version: "1.28.10" });
      expect(istio.version).toBe("1.28.10");
      for (const release of istio.releases) expect(block(json, release).version).toBe("1.28.10");
    });

    test("the minimum version is accepted", () => {
      const { json, istio } = synth({ version: "1.26.0" });
      expect(block(json, istio.istiod).version).toBe("1.26.0");
    });

    test("namespace is created and used by every release and every chart that locates istiod", () => {
      const { istio, json } = synth({ namespace: "mesh-system" });
      expect(istio.namespace).toBe("mesh-system");
      expect(block(json, istio.namespaceResource).metadata).toEqual({ name: "mesh-system" });
      for (const release of istio.releases) expect(block(json, release).namespace).toBe("mesh-system");
      expect(valuesOf(json, istio.base).global.istioNamespace).toBe("mesh-system");
      expect(valuesOf(json, istio.istiod).global.istioNamespace).toBe("mesh-system");
      expect(valuesOf(json, istio.ztunnel).istioNamespace).toBe("mesh-system");
    });

    test("repository (an OCI mirror) is used by every release", () => {
      const mirror = "oci://myregistry.azurecr.io/helm/istio";
      const { istio, json } = synth({ repository: mirror });
      for (const release of istio.releases) expect(block(json, release).repository).toBe(mirror);
    });

    test("istiodReplicas sets the autoscaler minimum and keeps the maximum at 5", () => {
      const { istio, json } = synth({ values: { istiodReplicas: 3 } });
      expect(valuesOf(json, istio.istiod)).toMatchObject({ autoscaleMin: 3, autoscaleMax: 5 });
    });

    test("istiodReplicas above 5 raises the autoscaler maximum to match", () => {
      const { istio, json } = synth({ values: { istiodReplicas: 8 } });
      expect(valuesOf(json, istio.istiod)).toMatchObject({ autoscaleMin: 8, autoscaleMax: 8 });
    });

    test("istiodReplicas of 1 is accepted", () => {
      const { istio, json } = synth({ values: { istiodReplicas: 1 } });
      expect(valuesOf(json, istio.istiod)).toMatchObject({ autoscaleMin: 1, autoscaleMax: 5 });
    });

    test("istiodResources sets requests and limits", () => {
      const { istio, json } = synth({
        values: { istiodResources: { cpuRequest: "250m", memoryRequest: "1Gi", cpuLimit: "2", memoryLimit: "4Gi" } },
      });
      expect(valuesOf(json, istio.istiod).resources).toEqual({
        requests: { cpu: "250m", memory: "1Gi" },
        limits: { cpu: "2", memory: "4Gi" },
      });
    });

    test("istiodResources without limits sets requests only", () => {
      const { istio, json } = synth({ values: { istiodResources: { cpuRequest: "0.5", memoryRequest: "2048Mi" } } });
      expect(valuesOf(json, istio.istiod).resources).toEqual({ requests: { cpu: "0.5", memory: "2048Mi" } });
    });

    test("istiodResources with only a memory limit sets that limit only", () => {
      const { istio, json } = synth({
        values: { istiodResources: { cpuRequest: "500m", memoryRequest: "2Gi", memoryLimit: "3Gi" } },
      });
      expect(valuesOf(json, istio.istiod).resources.limits).toEqual({ memory: "3Gi" });
    });

    test("unresolved tokens are not validated", () => {
      const stack = testStack();
      const version = new TerraformVariable(stack, "IstioVersion", { type: "string" });
      const namespace = new TerraformVariable(stack, "IstioNamespace", { type: "string" });
      const repository = new TerraformVariable(stack, "IstioRepository", { type: "string" });
      const istio = new IstioAmbient(stack, "Istio", {
        version: version.stringValue,
        namespace: namespace.stringValue,
        repository: repository.stringValue,
      });
      const json = synthJson(stack);
      expect(block(json, istio.istiod).version).toBe("${var.IstioVersion}");
      expect(block(json, istio.istiod).namespace).toBe("${var.IstioNamespace}");
      expect(block(json, istio.istiod).repository).toBe("${var.IstioRepository}");
    });
  });

  describe("validation", () => {
    const create = (props: IstioAmbientProps) => () => new IstioAmbient(testStack(), "Istio", props);

    test("throws when the version has a v prefix", () => {
      expect(create({ version: "v1.30.5" })).toThrow(/test\/Istio: version must be an Istio release as "x.y.z".*got "v1.30.5"/);
    });

    test("throws when the version is not x.y.z", () => {
      expect(create({ version: "1.30" })).toThrow(/version must be an Istio release as "x.y.z".*got "1.30"/);
    });

    test("throws when the version is a pre-release", () => {
      expect(create({ version: "1.31.0-beta.1" })).toThrow(/no pre-release.*got "1.31.0-beta.1"/);
    });

    test("throws when the version is older than 1.26", () => {
      expect(create({ version: "1.25.5" })).toThrow(/version "1.25.5" is older than 1.26.0.*Use 1.26.0 or later/);
    });

    test("throws when the namespace is not a DNS-1123 label", () => {
      expect(create({ namespace: "Istio_System" })).toThrow(/namespace must be a DNS-1123 label.*got "Istio_System"/);
    });

    test("throws when the namespace is longer than 63 characters", () => {
      expect(create({ namespace: "a".repeat(64) })).toThrow(/namespace must be a DNS-1123 label.*at most 63/);
    });

    test("throws when the namespace always exists", () => {
      expect(create({ namespace: "kube-system" })).toThrow(
        /namespace "kube-system" is a system namespace .* but IstioAmbient creates .*Use a dedicated namespace/,
      );
    });

    test("throws when the repository is plain HTTP", () => {
      expect(create({ repository: "http://charts.example.com/istio" })).toThrow(
        /repository must be an https:\/\/ or oci:\/\/ URL.*got "http:\/\/charts.example.com\/istio"/,
      );
    });

    test("throws when the repository is not a URL", () => {
      expect(create({ repository: "istio" })).toThrow(/repository must be an https:\/\/ or oci:\/\/ URL.*got "istio"/);
    });

    test("throws when istiodReplicas is zero", () => {
      expect(create({ values: { istiodReplicas: 0 } })).toThrow(/istiodReplicas must be a whole number of at least 1, got 0/);
    });

    test("throws when istiodReplicas is not a whole number", () => {
      expect(create({ values: { istiodReplicas: 1.5 } })).toThrow(/istiodReplicas must be a whole number of at least 1, got 1.5/);
    });

    test("throws when an istiod resource is not a Kubernetes quantity", () => {
      expect(create({ values: { istiodResources: { cpuRequest: "500m", memoryRequest: "2 GB" } } })).toThrow(
        /istiodResources.memoryRequest must be a Kubernetes quantity, got "2 GB"/,
      );
    });

    test("throws when an istiod limit is not a Kubernetes quantity", () => {
      expect(
        create({ values: { istiodResources: { cpuRequest: "500m", memoryRequest: "2Gi", cpuLimit: "two" } } }),
      ).toThrow(/istiodResources.cpuLimit must be a Kubernetes quantity, got "two"/);
    });
  });
});
