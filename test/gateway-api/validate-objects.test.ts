import { validateGatewayApiObject } from "../../lib/private/gateway-api/validate";
import {
  backendTlsPolicy,
  bundlesFrom,
  copy,
  FIXTURES,
  gateway,
  gatewayClass,
  GROUP,
  httpRoute,
  referenceGrant,
  V1_2,
  V1_3,
  V1_4,
  V1_5,
  V1_6,
} from "./fixtures";

describe("valid objects", () => {
  const cases = FIXTURES.flatMap((f) => bundlesFrom(f.from).map((b) => [f.name, b.version, f, b] as const));
  test.each(cases)("%s is valid on Gateway API %s", (_name, _version, f, b) => {
    expect(validateGatewayApiObject(f.make(), b)).toEqual([]);
  });

  test("does not change the object it validates (defaults go to a copy)", () => {
    const route = httpRoute();
    delete route.spec.rules[0].backendRefs[0].weight;
    const before = copy(route);
    validateGatewayApiObject(route, V1_2);
    expect(route).toEqual(before);
  });
});

describe("kind and apiVersion", () => {
  test("throws nothing and reports a non-object", () => {
    expect(validateGatewayApiObject("HTTPRoute", V1_2)).toEqual(['must be a Kubernetes object, got "HTTPRoute"']);
  });

  test("reports a kind the bundle does not install, with the first bundle and AKS version that has it", () => {
    expect(validateGatewayApiObject(backendTlsPolicy(), V1_3)).toEqual([
      "kind BackendTLSPolicy is not installed by Gateway API v1.3.0 (AKS Kubernetes 1.34); first in v1.4.1 (AKS Kubernetes 1.35)",
    ]);
  });

  test("says when no AKS bundle has a kind yet (TCPRoute: upstream v1.6.1 only)", () => {
    const tcp = { apiVersion: `${GROUP}/v1`, kind: "TCPRoute", metadata: { name: "t", namespace: "a" }, spec: { parentRefs: [{ name: "g" }], rules: [{ backendRefs: [{ name: "s", port: 5432 }] }] } };
    expect(validateGatewayApiObject(tcp, V1_5)).toEqual([
      "kind TCPRoute is not installed by Gateway API v1.5.1 (AKS Kubernetes 1.36+); no AKS bundle has it yet; upstream v1.6.1 does",
    ]);
    expect(validateGatewayApiObject(tcp, V1_6)).toEqual([]);
  });

  test("reports a kind that is not a Gateway API standard kind", () => {
    const o = { ...gateway(), kind: "MeshGateway" };
    expect(validateGatewayApiObject(o, V1_5)).toEqual(['kind "MeshGateway" is not a Gateway API standard-channel kind']);
  });

  test("reports ReferenceGrant v1 before v1.5.1 and names the served version", () => {
    expect(validateGatewayApiObject(referenceGrant("v1"), V1_4)).toEqual([
      `apiVersion: ${GROUP}/v1 of ReferenceGrant is not served by Gateway API v1.4.1 (AKS Kubernetes 1.35), which serves ${GROUP}/v1beta1; first in v1.5.1 (AKS Kubernetes 1.36+)`,
    ]);
  });

  test("reports an API version that is not served (BackendTLSPolicy v1alpha3 is in the CRD but not served)", () => {
    const o = { ...backendTlsPolicy(), apiVersion: `${GROUP}/v1alpha3` };
    expect(validateGatewayApiObject(o, V1_5)).toEqual([
      `apiVersion: ${GROUP}/v1alpha3 of BackendTLSPolicy is not served by Gateway API v1.5.1 (AKS Kubernetes 1.36+), which serves ${GROUP}/v1`,
    ]);
  });

  test.each([
    [{ kind: undefined }, "kind: is required (a Gateway API kind such as HTTPRoute)"],
    [{ apiVersion: undefined }, `apiVersion: is required (e.g. ${GROUP}/v1)`],
    [{ apiVersion: "networking.k8s.io/v1" }, `apiVersion: "networking.k8s.io/v1" is not in the Gateway API group (${GROUP}/<version>)`],
    [{ apiVersion: GROUP }, `apiVersion: "${GROUP}" is not in the Gateway API group (${GROUP}/<version>)`],
  ])("reports a missing or foreign apiVersion/kind: %j", (patch, message) => {
    expect(validateGatewayApiObject({ ...gateway(), ...patch }, V1_2)).toEqual([message]);
  });
});

describe("metadata, status and nulls", () => {
  test("requires a name and checks it is a DNS subdomain", () => {
    const o = gateway();
    delete o.metadata.name;
    expect(validateGatewayApiObject(o, V1_2)).toContain("metadata.name: is required");
    o.metadata.name = "Shared_Gateway";
    expect(validateGatewayApiObject(o, V1_2)).toEqual([
      "metadata.name: \"Shared_Gateway\" is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')",
    ]);
  });

  test("rejects a namespace on a cluster-scoped GatewayClass", () => {
    const o = gatewayClass();
    o.metadata.namespace = "default";
    expect(validateGatewayApiObject(o, V1_2)).toEqual(["metadata.namespace: must not be set: GatewayClass is cluster-scoped"]);
  });

  test("checks label keys and values, and fields the API server sets", () => {
    const o = gateway();
    o.metadata.labels = { "bad key!": "x", ok: "not valid value!" };
    o.metadata.uid = "1234";
    expect(validateGatewayApiObject(o, V1_2)).toEqual([
      `metadata.labels["bad key!"]: key has a name part that is not 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      `metadata.labels["ok"]: "not valid value!" is not 0 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      "metadata.uid: is set by the API server; remove it from the manifest",
    ]);
  });

  test("reports status, which the API server ignores on create", () => {
    const o = { ...gateway(), status: { conditions: [] } };
    expect(validateGatewayApiObject(o, V1_2)).toEqual(["status: is written by the controller; the API server ignores it on create, remove it"]);
  });

  test("reports nulls, which the API server drops", () => {
    const o = gateway();
    o.spec.listeners[0].hostname = null;
    expect(validateGatewayApiObject(o, V1_2)).toEqual([
      "spec.listeners[0].hostname: is null; omit the field instead (the API server drops nulls)",
    ]);
  });
});

describe("lazy loading", () => {
  test("validating an HTTPRoute for v1.2.1 loads only that validator", () => {
    jest.isolateModules(() => {
      const { validateGatewayApiObject: validate } = require("../../lib/private/gateway-api/validate");
      const { loadedSchemaModules: loaded } = require("../../lib/private/gateway-api/load");
      expect(loaded()).toEqual([]);
      expect(validate(httpRoute(), V1_2)).toEqual([]);
      expect(loaded()).toEqual(["httproute-fb8b3bcb42e5baa9"]);
    });
  });
});

describe("kinds across bundles", () => {
  test.each([V1_2, V1_3, V1_4, V1_5, V1_6].map((b) => [b.version, b] as const))("%s: GatewayClass v1beta1 is still served", (_v, b) => {
    const o = { ...gatewayClass(), apiVersion: `${GROUP}/v1beta1` };
    expect(validateGatewayApiObject(o, b)).toEqual([]);
  });
});
