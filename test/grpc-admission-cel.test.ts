/**
 * The HostnameAdmissionPolicy also guards GRPCRoutes (the shared Gateway admits them once a tenant uses one):
 * its CEL, evaluated with a real CEL implementation, agrees with `tenant.addGrpcRoute`'s synth-time checks.
 */
import { Testing } from "cdktf";
import { HostnameAdmissionPolicy } from "../lib/tenancy/hostname-admission-policy";
import { Tenant } from "../lib/tenancy/tenant";
import { GrpcRouteMatch } from "../lib/tenancy/grpc-route";
import { resourcesOf } from "./util";
import { tenancyStack } from "./tenancy-fixtures";
import { evaluatePolicy, namespaceObject } from "./cel";

const PREFIXES = ["/helloworld.Greeter", "/shop.Cart/Get"];

function setup() {
  const { stack, gateway } = tenancyStack();
  new HostnameAdmissionPolicy(stack, "HostnameAdmission", { gateway });
  const tenant = new Tenant(stack, "T", { gateway, name: "t", hostnames: ["grpc.example.com"], pathPrefixes: PREFIXES });
  const json = JSON.parse(Testing.synth(stack));
  const manifests = Object.values(resourcesOf(json, "kubernetes_manifest")).map((r: any) => r.manifest);
  const [ns] = Object.values(resourcesOf(json, "kubernetes_namespace_v1")) as any[];
  return { tenant, policy: manifests.find((m) => m.kind === "ValidatingAdmissionPolicy"), namespace: namespaceObject(ns.metadata) };
}

const { tenant, policy, namespace } = setup();

function admitted(hostnames: string[], matches?: object[]): boolean {
  const object = {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "GRPCRoute",
    metadata: { name: "g", namespace: "t" },
    spec: { hostnames, rules: [{ ...(matches ? { matches } : {}), backendRefs: [{ name: "g", port: 50051 }] }] },
  };
  const resource = { group: "gateway.networking.k8s.io", version: "v1", kind: "GRPCRoute", resource: "grpcroutes" };
  return evaluatePolicy(policy, { object, namespaceObject: namespace, resource }).admitted;
}

/** Whether the synth-time checks accept the match (a fresh id per call). */
let n = 0;
function synthAccepts(match: GrpcRouteMatch | undefined): boolean {
  try {
    tenant.addGrpcRoute(`G${n++}`, { rules: [{ matches: match ? [match] : undefined, backends: [{ serviceName: "g", port: 50051 }] }] });
    return true;
  } catch {
    return false;
  }
}

test.each<[GrpcRouteMatch | undefined, boolean]>([
  [{ service: "helloworld.Greeter" }, true],
  [{ service: "helloworld.Greeter", method: "SayHello" }, true],
  [{ service: "shop.Cart", method: "Get" }, true],
  [{ service: "shop.Cart", method: "Put" }, false],
  [{ service: "shop.Cart" }, false],
  [{ service: "helloworld.GreeterX" }, false],
  [undefined, false],
])("the cluster and synth agree on %j (owned: %s)", (match, expected) => {
  const methodMatch = match ? [{ method: { type: "Exact", ...match } }] : undefined;
  expect(admitted(["grpc.example.com"], methodMatch)).toBe(expected);
  expect(synthAccepts(match)).toBe(expected);
});

test("hostnames are required and must be owned, as for HTTPRoutes", () => {
  expect(admitted(["grpc.example.com"], [{ method: { service: "helloworld.Greeter" } }])).toBe(true);
  expect(admitted(["other.example.com"], [{ method: { service: "helloworld.Greeter" } }])).toBe(false);
  expect(admitted([], [{ method: { service: "helloworld.Greeter" } }])).toBe(false);
});

test("regular-expression method matches need the tenant to own /", () => {
  expect(admitted(["grpc.example.com"], [{ method: { type: "RegularExpression", service: "helloworld\\..*" } }])).toBe(false);
});
