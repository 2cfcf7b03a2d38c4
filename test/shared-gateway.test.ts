import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Lazy, Testing } from "cdktf";
import { Construct } from "constructs";
import { ExternalTrafficPolicy } from "../lib/gateway/gateway-parameters";
import { SharedGateway, SharedGatewayProps } from "../lib/gateway/shared-gateway";
import { GatewayTls } from "../lib/gateway/gateway-tls";
import { gatewayApiProblems, resourcesOf, synthJson, testStack } from "./util";
import { GatewayMode } from "../lib/core/gateway-mode";

/** DNS names of the test certificates. */
const NAMES = ["*.apps.example.com"];

const required: SharedGatewayProps = {
  gatewayMode: GatewayMode.APP_ROUTING_ISTIO,
  address: "10.240.4.4",
  subnetName: "snet-gateway",
};

/** Deep partial match: every object level may have more keys; arrays match element by element. */
function partial(value: any): any {
  if (Array.isArray(value)) return value.map(partial);
  if (value !== null && typeof value === "object") {
    return expect.objectContaining(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, partial(v)])));
  }
  return value;
}

function gateway(scope: Construct, props: Partial<SharedGatewayProps> = {}): SharedGateway {
  return new SharedGateway(scope, "Gateway", { ...required, ...props });
}

/** Synthesizes and returns the Gateway manifests and the parsed JSON. */
function synthGateway(build: (scope: Construct) => void): { manifests: any[]; json: any } {
  const stack = testStack();
  build(stack);
  const json = synthJson(stack);
  const manifests = Object.values(resourcesOf(json, "kubernetes_manifest"))
    .map((r: any) => r.manifest)
    .filter((m: any) => m.kind === "Gateway");
  return { manifests, json };
}

function onlyGateway(build: (scope: Construct) => void): any {
  const { manifests } = synthGateway(build);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}

/** The listeners' allowedRoutes: namespaces carrying the Gateway's admission label, HTTPRoutes only. */
const selectorOn = (gateway: string) => ({
  namespaces: { from: "Selector", selector: { matchLabels: { "cdktf-aks-gateway/gateway": gateway } } },
  kinds: [
    { group: "gateway.networking.k8s.io", kind: "HTTPRoute" },
    { group: "gateway.networking.k8s.io", kind: "GRPCRoute" },
  ],
});

describe("SharedGateway", () => {
  test("defaults: gateway-system namespace, HTTP listener on 80, internal LB annotations, parametersRef", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope);
    });
    expect(synth).toHaveResourceWithProperties(NamespaceV1, {
      metadata: partial({
        name: "gateway-system",
        labels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted" },
      }),
    });
    expect(synth).toHaveResourceWithProperties(ConfigMapV1, {
      metadata: partial({ name: "shared-gateway-parameters" }),
    });
    expect(synth).toHaveResourceWithProperties(Manifest, {
      manifest: {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "Gateway",
        metadata: { name: "shared-gateway", namespace: "gateway-system" },
        spec: {
          gatewayClassName: "approuting-istio",
          infrastructure: {
            annotations: {
              "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
              "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-gateway",
              "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.240.4.4",
            },
            parametersRef: { group: "", kind: "ConfigMap", name: "shared-gateway-parameters" },
          },
          listeners: [{ name: "http", protocol: "HTTP", port: 80, allowedRoutes: selectorOn("gateway-system.shared-gateway") }],
        },
      },
    });
  });

  test("the ConfigMap lives in the Gateway's namespace, and the Gateway depends on both", () => {
    const stack = testStack();
    gateway(stack);
    const json = synthJson(stack);
    const [nsId] = Object.keys(resourcesOf(json, "kubernetes_namespace_v1"));
    const [cmId] = Object.keys(resourcesOf(json, "kubernetes_config_map_v1"));
    const cm = resourcesOf(json, "kubernetes_config_map_v1")[cmId];
    expect(cm.metadata.namespace).toBe(`\${kubernetes_namespace_v1.${nsId}.metadata[0].name}`);
    const gw = Object.values(resourcesOf(json, "kubernetes_manifest"))[0] as any;
    expect(gw.depends_on).toEqual([`kubernetes_namespace_v1.${nsId}`, `kubernetes_config_map_v1.${cmId}`]);
  });

  test("publishes its attributes", () => {
    const gw = gateway(testStack());
    expect(gw.gatewayName).toBe("shared-gateway");
    expect(gw.gatewayNamespace).toBe("gateway-system");
    expect(gw.listenerNames).toEqual(["http"]);
    expect(gw.address).toBe("10.240.4.4");
    expect(gw.gatewayClassName).toBe("approuting-istio");
    expect(gw.serviceName).toBe("shared-gateway-approuting-istio");
    // The ownership registry is reached only through Tenant's checks, never through the gateway.
    expect("routeOwnership" in gw).toBe(false);
    expect(gw.admissionLabels).toEqual({ "cdktf-aks-gateway/gateway": "gateway-system.shared-gateway" });
  });

  test("names the generated Service after the class", () => {
    expect(gateway(testStack(), { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO }).serviceName).toBe("shared-gateway-istio");
    expect(gateway(testStack(), { name: "edge", gatewayMode: GatewayMode.SELF_MANAGED_ISTIO }).serviceName).toBe("edge-istio");
  });

  test("takes a custom name and namespace", () => {
    const m = onlyGateway((s) => gateway(s, { name: "edge", namespace: "edge-system" }));
    expect(m.metadata).toEqual({ name: "edge", namespace: "edge-system" });
    expect(m.spec.infrastructure.parametersRef.name).toBe("edge-parameters");
    expect(m.spec.listeners[0].allowedRoutes).toEqual(selectorOn("edge-system.edge"));
  });

  test("https adds a Terminate listener on 443 with the Secret, the only listener routes attach to", () => {
    let gw!: SharedGateway;
    const m = onlyGateway((s) => (gw = gateway(s, { https: GatewayTls.fromSecret("gateway-tls", NAMES) })));
    expect(gw.listenerNames).toEqual(["https"]);
    expect(gw.listenerPorts).toEqual([80, 443]);
    expect(m.spec.listeners).toEqual([
      { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" }, kinds: [selectorOn("x").kinds[0]] } },
      {
        name: "https",
        protocol: "HTTPS",
        port: 443,
        tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: "gateway-tls" }] },
        allowedRoutes: selectorOn("gateway-system.shared-gateway"),
      },
    ]);
  });

  test("with https, the http listener serves only a 301 redirect to HTTPS from the Gateway's namespace", () => {
    const stack = testStack();
    gateway(stack, { https: GatewayTls.fromSecret("gateway-tls", NAMES) });
    const json = synthJson(stack);
    const routes = Object.values(resourcesOf(json, "kubernetes_manifest")).filter((r: any) => r.manifest.kind === "HTTPRoute") as any[];
    expect(routes).toHaveLength(1);
    expect(routes[0].manifest).toEqual({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "shared-gateway-https-redirect", namespace: "gateway-system" },
      spec: {
        parentRefs: [{ name: "shared-gateway", sectionName: "http" }],
        rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
      },
    });
    expect(gatewayApiProblems(routes[0].manifest)).toEqual({});
    const [gatewayKey] = Object.entries(resourcesOf(json, "kubernetes_manifest")).find(([, r]: any) => r.manifest.kind === "Gateway")!;
    expect(routes[0].depends_on).toEqual([`kubernetes_manifest.${gatewayKey}`]);
  });

  test("without https there is no redirect and routes attach to the http listener", () => {
    const stack = testStack();
    const gw = gateway(stack);
    expect(gw.listenerNames).toEqual(["http"]);
    expect(gw.httpsRedirect).toBeUndefined();
    expect(Object.keys(resourcesOf(synthJson(stack), "kubernetes_manifest"))).toHaveLength(1);
  });

  test("with https, the Service overlay nulls the probe annotations of both listener ports", () => {
    const { json } = synthGateway((s) => gateway(s, { https: GatewayTls.fromSecret("gateway-tls", NAMES) }));
    const cm = Object.values(resourcesOf(json, "kubernetes_config_map_v1"))[0] as any;
    const annotations = Object.keys(JSON.parse(cm.data.service).metadata.annotations);
    expect(annotations.sort()).toEqual(
      [80, 443]
        .flatMap((p) => ["port", "protocol", "request-path"].map((k) => `service.beta.kubernetes.io/port_${p}_health-probe_${k}`))
        .sort(),
    );
  });

  test("admits namespaces by the admission label on the listener routes attach to, and labels its own namespace with it", () => {
    const { manifests, json } = synthGateway((s) => gateway(s, { https: GatewayTls.fromSecret("gateway-tls", NAMES) }));
    const https = manifests[0].spec.listeners.find((l: any) => l.name === "https");
    expect(https.allowedRoutes).toEqual(selectorOn("gateway-system.shared-gateway"));
    const ns = Object.values(resourcesOf(json, "kubernetes_namespace_v1"))[0] as any;
    expect(ns.metadata.labels["cdktf-aks-gateway/gateway"]).toBe("gateway-system.shared-gateway");
  });

  test("throws when namespace and name are too long for the admission label value", () => {
    expect(() => gateway(testStack(), { name: "g".repeat(40), namespace: "n".repeat(30) })).toThrow(
      /namespace and name ".*" make 71 characters, but the admission label value \(<namespace>\.<name>\) allows at most 63/,
    );
  });

  test("never admits routes from all namespaces", () => {
    const m = onlyGateway((s) => {
      gateway(s, { https: GatewayTls.fromSecret("gateway-tls", NAMES) });
    });
    expect(m.spec.listeners.map((l: any) => l.allowedRoutes.namespaces.from)).toEqual(["Same", "Selector"]);
    expect(JSON.stringify(m)).not.toContain('"All"');
  });

  test("the synthesized Gateway passes the Gateway API schema", () => {
    const m = onlyGateway((s) => {
      gateway(s, {
        https: GatewayTls.fromSecret("gateway-tls", NAMES),
        infrastructureAnnotations: { "service.beta.kubernetes.io/azure-allowed-ip-ranges": "10.240.5.0/24" },
      });
    });
    expect(gatewayApiProblems(m)).toEqual({});
  });

  test("merges extra infrastructure annotations", () => {
    const m = onlyGateway((s) =>
      gateway(s, {
        infrastructureAnnotations: { "service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout": "10" },
      }),
    );
    expect(m.spec.infrastructure.annotations).toEqual({
      "service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout": "10",
      "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
      "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-gateway",
      "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.240.4.4",
    });
  });

  test("passes autoscaling, disruption budget and traffic policy to the parameters ConfigMap", () => {
    const { json } = synthGateway((s) =>
      gateway(s, {
        autoscaling: { minReplicas: 3, maxReplicas: 6, cpuUtilization: 70 },
        disruptionBudget: { minAvailable: 2 },
        externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER,
      }),
    );
    const data = (Object.values(resourcesOf(json, "kubernetes_config_map_v1"))[0] as any).data;
    expect(JSON.parse(data.service)).toEqual({ spec: { externalTrafficPolicy: "Cluster" } });
    expect(JSON.parse(data.horizontalPodAutoscaler).spec).toMatchObject({ minReplicas: 3, maxReplicas: 6 });
    expect(JSON.parse(data.podDisruptionBudget)).toEqual({ spec: { minAvailable: 2 } });
  });

  test("ETP Cluster renders as given on either class (PlatformPolicy AKSGW-10 refuses it on class istio)", () => {
    const istio = gateway(testStack(), { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO, externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER });
    expect(istio.parameters.externalTrafficPolicy).toBe(ExternalTrafficPolicy.CLUSTER);
  });

  test("skips validation of unresolved tokens and renders their values", () => {
    const token = (v: string) => Lazy.stringValue({ produce: () => v });
    const m = onlyGateway((s) => {
      gateway(s, {
        gatewayMode: GatewayMode.SELF_MANAGED_ISTIO,
        address: token("10.240.4.5"),
        subnetName: token("snet-ilb"),
      });
    });
    expect(m.spec.gatewayClassName).toBe("istio");
    expect(m.spec.infrastructure.annotations["service.beta.kubernetes.io/azure-load-balancer-ipv4"]).toBe("10.240.4.5");
    expect(m.spec.infrastructure.annotations["service.beta.kubernetes.io/azure-load-balancer-internal-subnet"]).toBe(
      "snet-ilb",
    );
    expect(m.spec.listeners[0].allowedRoutes).toEqual(selectorOn("gateway-system.shared-gateway"));
  });

  describe("validation", () => {
    const make = (props: Partial<SharedGatewayProps>) => () => gateway(testStack(), props);

    test("throws when the name is not a DNS-1123 label", () => {
      expect(make({ name: "Shared_Gateway" })).toThrow(/name must be a DNS-1123 label.*"Shared_Gateway"/);
    });
    test("throws when the namespace is not a DNS-1123 label", () => {
      expect(make({ namespace: "gateway.system" })).toThrow(/namespace must be a DNS-1123 label.*"gateway.system"/);
    });
    test("throws when the generated Service name is too long", () => {
      expect(make({ name: "a".repeat(50) })).toThrow(/generated Service name .* must be a DNS-1035 label.*it has 67/);
    });
    test("throws when the generated Service name starts with a digit", () => {
      expect(make({ name: "1gateway" })).toThrow(/generated Service name "1gateway-approuting-istio"/);
    });
    test("throws when the address is not an IPv4 address", () => {
      expect(make({ address: "10.240.4.0/28" })).toThrow(/address must be an IPv4 address.*"10.240.4.0\/28"/);
      expect(make({ address: "10.240.4.256" })).toThrow(/address must be an IPv4 address/);
      expect(make({ address: "10.240.04.4" })).toThrow(/address must be an IPv4 address/);
    });
    test("throws when the subnet name is not an Azure subnet name", () => {
      expect(
        make({ subnetName: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s" }),
      ).toThrow(/subnetName must be an Azure subnet name.*Pass the name, not the ID/);
    });
    test("throws when the TLS Secret name is invalid", () => {
      expect(make({ https: GatewayTls.fromSecret("Gateway_TLS", NAMES) })).toThrow(
        /GatewayTls.fromSecret\(\) takes a Secret name.*"Gateway_TLS"/,
      );
    });
    test("throws when infrastructure annotations turn off the load balancer's Floating IP", () => {
      expect(
        make({ infrastructureAnnotations: { "service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip": "true" } }),
      ).toThrow(/must not set "service.beta.kubernetes.io\/azure-disable-load-balancer-floating-ip": without the load balancer's Floating IP/);
    });

    test("throws when infrastructure annotations exceed 8", () => {
      const extra = Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`example.com/a${i}`, "x"]));
      expect(make({ infrastructureAnnotations: extra })).toThrow(/at most 8 entries.*make 9/);
    });
    test("throws when infrastructure annotations override the load balancer annotations", () => {
      expect(
        make({ infrastructureAnnotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "false" } }),
      ).toThrow(/infrastructureAnnotations must not set .*azure-load-balancer-internal/);
    });
    test("throws when infrastructure annotations use the gateway.networking.k8s.io/ prefix", () => {
      expect(make({ infrastructureAnnotations: { "gateway.networking.k8s.io/x": "y" } })).toThrow(
        /reserved prefix "gateway.networking.k8s.io\/"/,
      );
    });
    test("throws when autoscaling.minReplicas is below 2", () => {
      expect(make({ autoscaling: { minReplicas: 1 } })).toThrow(/Gateway\/Parameters: autoscaling.minReplicas must be an integer of at least 2/);
    });
    test("throws when autoscaling.minReplicas exceeds maxReplicas", () => {
      expect(make({ autoscaling: { minReplicas: 4, maxReplicas: 3 } })).toThrow(/must not exceed maxReplicas/);
    });
    test("throws when disruptionBudget.minAvailable is negative", () => {
      expect(make({ disruptionBudget: { minAvailable: -1 } })).toThrow(/minAvailable must be a non-negative integer/);
    });
    test("throws when disruptionBudget.minAvailable is not below minReplicas", () => {
      expect(make({ disruptionBudget: { minAvailable: 3 } })).toThrow(/minAvailable \(3\) must be lower than/);
    });
  });
});

describe("SharedGateway apply behaviour", () => {
  test("apply waits for the Gateway to be Programmed, so an unallocatable load balancer IP fails the deploy", () => {
    const stack = testStack();
    gateway(stack);
    const resource = Object.values(resourcesOf(synthJson(stack), "kubernetes_manifest")).find(
      (r: any) => r.manifest.kind === "Gateway",
    ) as any;
    expect(resource.wait).toEqual({ condition: [{ type: "Programmed", status: "True" }] });
    expect(resource.timeouts).toEqual({ create: "20m", update: "20m" });
  });
});
