/**
 * Real-looking Gateway API objects for the validator tests, valid on every bundle that serves their kind.
 */
import { GATEWAY_API_BUNDLES, GatewayApiBundle } from "../../lib/private/gateway-api/bundles";

export type Json = { [key: string]: any };

export const GROUP = "gateway.networking.k8s.io";

/** A deep copy to mutate in a test. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** The bundle with this version (throws if missing). */
export function bundle(version: string): GatewayApiBundle {
  const b = GATEWAY_API_BUNDLES.find((x) => x.version === version);
  if (!b) throw new Error(`no bundle ${version}`);
  return b;
}

export const V1_2 = bundle("v1.2.1");
export const V1_3 = bundle("v1.3.0");
export const V1_4 = bundle("v1.4.1");
export const V1_5 = bundle("v1.5.1");
export const V1_6 = bundle("v1.6.1");

/** The shared Gateway as the library builds it: internal LB annotations, parameters, tenant listeners, HTTPS. */
export function gateway(): Json {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: "Gateway",
    metadata: { name: "shared-gateway", namespace: "gateway-system", labels: { "app.kubernetes.io/part-of": "aksgw" } },
    spec: {
      gatewayClassName: "approuting-istio",
      infrastructure: {
        annotations: {
          "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
          "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.240.4.4",
          "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-gateway",
        },
        labels: { "aksgw.example/tier": "edge" },
        parametersRef: { group: "", kind: "ConfigMap", name: "shared-gateway-params" },
      },
      listeners: [
        {
          name: "http",
          port: 80,
          protocol: "HTTP",
          allowedRoutes: {
            namespaces: {
              from: "Selector",
              selector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["app1", "app2", "gateway-health"] }] },
            },
            kinds: [{ group: GROUP, kind: "HTTPRoute" }],
          },
        },
        {
          name: "app1-https",
          port: 443,
          protocol: "HTTPS",
          hostname: "apps.contoso.example",
          tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: "apps-contoso-example-tls" }] },
          allowedRoutes: { namespaces: { from: "Selector", selector: { matchLabels: { "kubernetes.io/metadata.name": "app1" } } } },
        },
      ],
    },
  };
}

/** `n` path matches for one rule. */
export function matches(n: number, prefix = "/m"): Json[] {
  return Array.from({ length: n }, (_, i) => ({ path: { type: "PathPrefix", value: `${prefix}${i}` } }));
}

/** A tenant route: sectionName parentRef, hostnames, 64 matches in one rule, filters, weights, timeouts. */
export function httpRoute(): Json {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: "HTTPRoute",
    metadata: { name: "web", namespace: "app1" },
    spec: {
      parentRefs: [
        { group: GROUP, kind: "Gateway", name: "shared-gateway", namespace: "gateway-system", sectionName: "http" },
        { name: "shared-gateway", namespace: "gateway-system", sectionName: "app1-https" },
      ],
      hostnames: ["apps.contoso.example", "*.app1.contoso.example"],
      rules: [
        {
          matches: matches(64, "/app1/v"),
          filters: [
            { type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "X-Tenant", value: "app1" }], remove: ["X-Debug"] } },
            { type: "ResponseHeaderModifier", responseHeaderModifier: { add: [{ name: "Cache-Control", value: "no-store" }] } },
          ],
          backendRefs: [
            { name: "hello", port: 80, weight: 90 },
            { group: "", kind: "Service", name: "hello-canary", port: 80, weight: 10 },
          ],
          timeouts: { request: "10s", backendRequest: "5s" },
        },
        {
          matches: [{ path: { type: "PathPrefix", value: "/app1/old" }, headers: [{ name: "X-Version", value: "1" }] }],
          filters: [{ type: "URLRewrite", urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: "/app1/new" } } }],
          backendRefs: [{ name: "hello", port: 80 }],
        },
        {
          matches: [{ path: { type: "Exact", value: "/app1/login" }, method: "GET", queryParams: [{ name: "next", value: "home" }] }],
          filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }],
        },
      ],
    },
  };
}

/** A GRPCRoute with a method match and a header filter. */
export function grpcRoute(): Json {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: "GRPCRoute",
    metadata: { name: "grpc", namespace: "app1" },
    spec: {
      parentRefs: [{ name: "shared-gateway", namespace: "gateway-system" }],
      hostnames: ["grpc.contoso.example"],
      rules: [
        {
          matches: [{ method: { service: "com.example.Greeter", method: "SayHello" } }],
          filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: { add: [{ name: "x-tenant", value: "app1" }] } }],
          backendRefs: [{ name: "greeter", port: 50051 }],
        },
      ],
    },
  };
}

/** The GatewayClass of a self-managed Istio. */
export function gatewayClass(): Json {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: "GatewayClass",
    metadata: { name: "istio" },
    spec: { controllerName: "istio.io/gateway-controller", parametersRef: { group: "", kind: "ConfigMap", name: "istio-defaults", namespace: "istio-system" } },
  };
}

/** A ReferenceGrant letting routes in app1 use Services in shared-services (v1beta1: served by every bundle). */
export function referenceGrant(version = "v1beta1"): Json {
  return {
    apiVersion: `${GROUP}/${version}`,
    kind: "ReferenceGrant",
    metadata: { name: "app1-routes", namespace: "shared-services" },
    spec: { from: [{ group: GROUP, kind: "HTTPRoute", namespace: "app1" }], to: [{ group: "", kind: "Service" }] },
  };
}

/** A BackendTLSPolicy (v1.4.1 and later). */
export function backendTlsPolicy(): Json {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: "BackendTLSPolicy",
    metadata: { name: "hello-tls", namespace: "app1" },
    spec: {
      targetRefs: [{ group: "", kind: "Service", name: "hello" }],
      validation: { caCertificateRefs: [{ group: "", kind: "ConfigMap", name: "hello-ca" }], hostname: "hello.app1.svc.cluster.local" },
    },
  };
}

/** A TLSRoute (v1.5.1 and later). */
export function tlsRoute(): Json {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: "TLSRoute",
    metadata: { name: "passthrough", namespace: "app1" },
    spec: {
      parentRefs: [{ name: "shared-gateway", namespace: "gateway-system", sectionName: "tls" }],
      hostnames: ["db.contoso.example", "*.db.contoso.example"],
      rules: [{ backendRefs: [{ name: "db", port: 5432 }] }],
    },
  };
}

/** A ListenerSet (v1.5.1 and later) attaching one tenant listener to the shared Gateway. */
export function listenerSet(): Json {
  return {
    apiVersion: `${GROUP}/v1`,
    kind: "ListenerSet",
    metadata: { name: "app3", namespace: "app3" },
    spec: {
      parentRef: { name: "shared-gateway", namespace: "gateway-system" },
      listeners: [{ name: "app3-http", port: 80, protocol: "HTTP", hostname: "app3.contoso.example" }],
    },
  };
}

/** Every fixture with the oldest bundle that serves it. */
export const FIXTURES: ReadonlyArray<{ readonly name: string; readonly make: () => Json; readonly from: GatewayApiBundle }> = [
  { name: "Gateway", make: gateway, from: V1_2 },
  { name: "HTTPRoute", make: httpRoute, from: V1_2 },
  { name: "GRPCRoute", make: grpcRoute, from: V1_2 },
  { name: "GatewayClass", make: gatewayClass, from: V1_2 },
  { name: "ReferenceGrant v1beta1", make: () => referenceGrant("v1beta1"), from: V1_2 },
  { name: "ReferenceGrant v1", make: () => referenceGrant("v1"), from: V1_5 },
  { name: "BackendTLSPolicy", make: backendTlsPolicy, from: V1_4 },
  { name: "TLSRoute", make: tlsRoute, from: V1_5 },
  { name: "ListenerSet", make: listenerSet, from: V1_5 },
];

/** The bundles from `from` on. */
export function bundlesFrom(from: GatewayApiBundle): GatewayApiBundle[] {
  return GATEWAY_API_BUNDLES.slice(GATEWAY_API_BUNDLES.indexOf(from));
}
