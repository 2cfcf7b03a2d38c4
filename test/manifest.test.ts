import { TerraformStack, Testing, Token, Lazy } from "cdktf";
import { validatedGatewayApiManifest } from "../lib/private/manifest";
import { gatewayApiBundle } from "../lib/private/gateway-api/bundles";

const V1_2 = gatewayApiBundle("v1.2.1")!;
const V1_5 = gatewayApiBundle("v1.5.1")!;

function route(spec: object) {
  return { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "app1", labels: undefined }, spec };
}

describe("validatedGatewayApiManifest", () => {
  const scope = () => new TerraformStack(Testing.app(), "s");

  test("returns the plain object without undefined fields", () => {
    const object = route({ rules: [{ backendRefs: [{ name: "web", port: 80, weight: undefined }] }] });
    expect(validatedGatewayApiManifest(scope(), object, V1_2)).toEqual({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "r", namespace: "app1" },
      spec: { rules: [{ backendRefs: [{ name: "web", port: 80 }] }] },
    });
  });

  test("throws when the object breaks the bundle's schema, naming the construct, the object, the bundle and the field", () => {
    const object = route({ rules: [{ backendRefs: [{ name: "web", port: 70000 }] }] });
    expect(() => validatedGatewayApiManifest(scope(), object, V1_2)).toThrow(
      /^s: invalid HTTPRoute "r" for Gateway API v1\.2\.1 \(AKS Kubernetes 1\.26–1\.33\): spec\.rules\[0\]\.backendRefs\[0\]\.port: /,
    );
  });

  test("a field only a newer bundle has fails with the version that brings it and how to declare it", () => {
    const object = route({
      rules: [{ backendRefs: [{ name: "web", port: 80 }], filters: [{ type: "CORS", cors: { allowOrigins: ["https://a.example.com"] } }] }],
    });
    expect(() => validatedGatewayApiManifest(scope(), object, V1_2)).toThrow(
      /first in v1\.5\.1 \(AKS Kubernetes 1\.36\+\)[\s\S]*kubernetesVersion on AksCluster or ExistingPlatform/,
    );
    expect(() => validatedGatewayApiManifest(scope(), object, V1_5)).not.toThrow();
  });

  test("fields holding unresolved tokens are skipped, not guessed", () => {
    const token = Lazy.stringValue({ produce: () => "web" });
    expect(Token.isUnresolved(token)).toBe(true);
    const object = route({ rules: [{ backendRefs: [{ name: token, port: 80 }] }] });
    expect(() => validatedGatewayApiManifest(scope(), object, V1_2)).not.toThrow();
    // Another problem in the same object is still reported.
    const bad = route({ rules: [{ backendRefs: [{ name: token, port: 0 }] }] });
    expect(() => validatedGatewayApiManifest(scope(), bad, V1_2)).toThrow(/backendRefs\[0\]\.port/);
  });
});
