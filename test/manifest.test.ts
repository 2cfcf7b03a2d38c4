import { Testing } from "cdktf";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { validatedManifest } from "../lib/private/manifest";

describe("validatedManifest", () => {
  test("returns the plain object without undefined fields", () => {
    const scope = Testing.app();
    const route = new HTTPRoute({ metadata: { name: "r", namespace: undefined }, spec: { rules: [{ backendRefs: [{ name: "s", port: 80 }] }] } });
    expect(validatedManifest(scope, route)).toEqual({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "r" },
      spec: { rules: [{ backendRefs: [{ name: "s", port: 80 }] }] },
    });
  });

  test("throws when the object breaks its schema, naming the construct and the field", () => {
    const app = Testing.app();
    const route = new HTTPRoute({ metadata: { name: "r" }, spec: { rules: [{ backendRefs: [{ name: "s", port: 70000 }] }] } });
    expect(() => validatedManifest(app, route)).toThrow(/invalid Kubernetes object: .*backendRefs\/0\/port must be <= 65535/);
  });
});
