import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { HealthResponder, HealthResponderProps } from "../lib/gateway/health-responder";
import { SharedGateway, SharedGatewayProps } from "../lib/gateway/shared-gateway";
import { GatewayTls } from "../lib/gateway/gateway-tls";
import { gatewayApiProblems, resourcesOf, synthJson, testStack } from "./util";
import { ownershipOf } from "./tenancy-fixtures";
import { GatewayMode } from "../lib/core/gateway-mode";

/** Deep partial match: every object level may have more keys; arrays match element by element. */
function partial(value: any): any {
  if (Array.isArray(value)) return value.map(partial);
  if (value !== null && typeof value === "object") {
    return expect.objectContaining(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, partial(v)])));
  }
  return value;
}

function sharedGateway(scope: Construct, props: Partial<SharedGatewayProps> = {}): SharedGateway {
  return new SharedGateway(scope, "Gateway", {
    gatewayMode: GatewayMode.APP_ROUTING_ISTIO,
    address: "10.240.4.4",
    subnetName: "snet-gateway",
    ...props,
  });
}

function responder(scope: Construct, props: Partial<HealthResponderProps> = {}): HealthResponder {
  return new HealthResponder(scope, "Health", { gateway: props.gateway ?? sharedGateway(scope), ...props });
}

/** The one resource of a type in a synth of `build`. */
function single(json: any, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  expect(all).toHaveLength(1);
  return all[0];
}

function manifestsOfKind(json: any, kind: string): any[] {
  return Object.values(resourcesOf(json, "kubernetes_manifest"))
    .map((r: any) => r.manifest)
    .filter((m: any) => m.kind === kind);
}

function synthDefault(props: Partial<HealthResponderProps> = {}): any {
  const stack = testStack();
  responder(stack, props);
  return synthJson(stack);
}

describe("HealthResponder", () => {
  test("creates its namespace with Pod Security restricted enforced", () => {
    const synth = Testing.synthScope((scope) => {
      responder(scope);
    });
    expect(synth).toHaveResourceWithProperties(NamespaceV1, {
      metadata: partial({
        name: "gateway-health",
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        },
      }),
    });
  });

  test("configures nginx to answer 200 on the three health paths and 404 elsewhere on 8080", () => {
    const synth = Testing.synthScope((scope) => {
      responder(scope);
    });
    expect(synth).toHaveResourceWithProperties(ConfigMapV1, {
      metadata: partial({ name: "health-responder-nginx" }),
    });
    const maps = Object.values(resourcesOf(JSON.parse(synth), "kubernetes_config_map_v1")) as any[];
    const conf: string = maps.find((m) => m.metadata.name === "health-responder-nginx").data["nginx.conf"];
    expect(conf).toContain("listen 8080;");
    for (const path of ["/healthz", "/healthz/ready", "/healthz/live"]) {
      expect(conf).toContain(`location = ${path} { return 200 "ok\\n"; }`);
    }
    expect(conf).toContain("location / { return 404; }");
    expect(conf).toContain("pid /tmp/nginx.pid;");
    expect(conf).toContain("client_body_temp_path /tmp/client_temp;");
  });

  test("runs a hardened Deployment with 2 replicas of the pinned unprivileged nginx", () => {
    const deployment = single(synthDefault(), "kubernetes_deployment_v1");
    expect(deployment.spec.replicas).toBe("2");
    expect(deployment.spec.strategy.rolling_update).toEqual({ max_surge: "1", max_unavailable: "0" });
    const pod = deployment.spec.template.spec;
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.enable_service_links).toBe(false);
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: "101",
      run_as_group: "101",
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(pod.container).toHaveLength(1);
    const c = pod.container[0];
    expect(c.image).toBe(HealthResponder.DEFAULT_IMAGE);
    expect(HealthResponder.DEFAULT_IMAGE).toBe("docker.io/nginxinc/nginx-unprivileged:1.30-alpine");
    expect(c.security_context).toEqual({
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      run_as_non_root: true,
      capabilities: { drop: ["ALL"] },
      seccomp_profile: { type: "RuntimeDefault" },
    });
    expect(c.resources).toEqual({
      requests: { cpu: "10m", memory: "16Mi" },
      limits: { cpu: "100m", memory: "32Mi" },
    });
    expect(c.port).toEqual([{ name: "http", container_port: 8080, protocol: "TCP" }]);
    expect(c.readiness_probe.http_get).toEqual({ path: "/healthz/ready", port: "http" });
    expect(c.liveness_probe.http_get).toEqual({ path: "/healthz/live", port: "http" });
  });

  test("names and labels the Deployment and selects its pods by name", () => {
    const synth = Testing.synthScope((scope) => {
      responder(scope);
    });
    expect(synth).toHaveResourceWithProperties(DeploymentV1, {
      metadata: partial({
        name: "health-responder",
        labels: { "app.kubernetes.io/name": "health-responder", "app.kubernetes.io/part-of": "cdktf-aks-gateway" },
      }),
      spec: partial({ selector: { match_labels: { "app.kubernetes.io/name": "health-responder" } } }),
    });
  });

  test("mounts the config read-only and emptyDirs for /tmp and nginx's cache and run dirs", () => {
    const pod = single(synthDefault(), "kubernetes_deployment_v1").spec.template.spec;
    expect(pod.container[0].volume_mount).toEqual([
      { name: "config", mount_path: "/etc/nginx", read_only: true },
      { name: "tmp", mount_path: "/tmp" },
      { name: "cache", mount_path: "/var/cache/nginx" },
      { name: "run", mount_path: "/var/run" },
    ]);
    const volumes = pod.volume as any[];
    expect(volumes.map((v) => v.name)).toEqual(["config", "tmp", "cache", "run"]);
    expect(volumes[0].config_map.name).toMatch(/^\$\{kubernetes_config_map_v1\..*\.metadata\[0\]\.name\}$/);
    for (const v of volumes.slice(1)) expect(v.empty_dir).toEqual({ size_limit: "16Mi" });
  });

  test("spreads pods over schedulable nodes (required) and zones (preferred)", () => {
    const pod = single(synthDefault(), "kubernetes_deployment_v1").spec.template.spec;
    expect(pod.topology_spread_constraint).toEqual([
      {
        max_skew: 1,
        topology_key: "kubernetes.io/hostname",
        when_unsatisfiable: "DoNotSchedule",
        node_taints_policy: "Honor",
        label_selector: [{ match_labels: { "app.kubernetes.io/name": "health-responder" } }],
      },
      {
        max_skew: 1,
        topology_key: "topology.kubernetes.io/zone",
        when_unsatisfiable: "ScheduleAnyway",
        node_taints_policy: "Honor",
        label_selector: [{ match_labels: { "app.kubernetes.io/name": "health-responder" } }],
      },
    ]);
  });

  test("rolls the pods when the nginx config changes", () => {
    const annotations = single(synthDefault(), "kubernetes_deployment_v1").spec.template.metadata.annotations;
    expect(annotations["checksum/config"]).toMatch(/^[0-9a-f]{64}$/);
  });

  test("keeps one pod through voluntary disruptions", () => {
    const synth = Testing.synthScope((scope) => {
      responder(scope);
    });
    expect(synth).toHaveResourceWithProperties(PodDisruptionBudgetV1, {
      spec: partial({ min_available: "1", selector: { match_labels: { "app.kubernetes.io/name": "health-responder" } } }),
    });
  });

  test("exposes port 80 to 8080 through a ClusterIP Service", () => {
    const synth = Testing.synthScope((scope) => {
      responder(scope);
    });
    expect(synth).toHaveResourceWithProperties(ServiceV1, {
      metadata: partial({ name: "health-responder" }),
      spec: partial({
        type: "ClusterIP",
        selector: { "app.kubernetes.io/name": "health-responder" },
        port: [{ name: "http", port: 80, target_port: "http", protocol: "TCP" }],
      }),
    });
  });

  test("routes PathPrefix /healthz for any hostname from the listener routes attach to (https when TLS is on)", () => {
    const stack = testStack();
    const gw = sharedGateway(stack, { name: "edge", namespace: "edge-system", https: GatewayTls.fromSecret("tls", ["*.example.com"]) });
    responder(stack, { gateway: gw });
    const route = manifestsOfKind(synthJson(stack), "HTTPRoute").find((r: any) => r.metadata.name === "healthz");
    expect(route.metadata).toMatchObject({ name: "healthz", namespace: "gateway-health" });
    expect(route.spec.hostnames).toBeUndefined();
    expect(route.spec.parentRefs).toEqual(
      ["https"].map((sectionName) => ({
        group: "gateway.networking.k8s.io",
        kind: "Gateway",
        name: "edge",
        namespace: "edge-system",
        sectionName,
      })),
    );
    expect(route.spec.rules).toEqual([
      {
        matches: [{ path: { type: "PathPrefix", value: "/healthz" } }],
        backendRefs: [{ group: "", kind: "Service", name: "health-responder", port: 80 }],
      },
    ]);
    expect(gatewayApiProblems(route)).toEqual({});
  });

  test("its namespace carries the Gateway's admission label, and the Gateway is unchanged by it", () => {
    const alone = testStack();
    sharedGateway(alone);
    const [before] = manifestsOfKind(synthJson(alone), "Gateway");
    const stack = testStack();
    const gw = sharedGateway(stack);
    responder(stack, { gateway: gw });
    const json = synthJson(stack);
    const [after] = manifestsOfKind(json, "Gateway");
    expect(after).toEqual(before);
    const ns = Object.values(resourcesOf(json, "kubernetes_namespace_v1")).find((n: any) => n.metadata.name === "gateway-health") as any;
    expect(ns.metadata.labels["cdktf-aks-gateway/gateway"]).toBe("gateway-system.shared-gateway");
  });

  test("reserves /healthz on the Gateway", () => {
    const stack = testStack();
    const gw = sharedGateway(stack);
    responder(stack, { gateway: gw });
    expect(ownershipOf(gw).findReservation("/healthz/ready")).toEqual({
      owner: "health responder",
      hostname: "*",
      pathPrefix: "/healthz",
    });
  });

  test("admits only the gateway's pods, on 8080, and denies all egress", () => {
    const synth = Testing.synthScope((scope) => {
      responder(scope);
    });
    expect(synth).toHaveResourceWithProperties(NetworkPolicyV1, {
      spec: {
        pod_selector: { match_labels: { "app.kubernetes.io/name": "health-responder" } },
        policy_types: ["Ingress", "Egress"],
        ingress: [
          {
            from: [
              {
                namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "gateway-system" } },
                pod_selector: { match_labels: { "gateway.networking.k8s.io/gateway-name": "shared-gateway" } },
              },
            ],
            ports: [{ port: "8080", protocol: "TCP" }],
          },
        ],
      },
    });
  });

  test("takes a namespace, image and replica count", () => {
    const stack = testStack();
    const image = "myregistry.azurecr.io/nginx-unprivileged@sha256:" + "a".repeat(64);
    const h = responder(stack, { namespace: "probes", image, replicas: 3 });
    const json = synthJson(stack);
    expect(h.namespace).toBe("probes");
    const namespaces = Object.values(resourcesOf(json, "kubernetes_namespace_v1")).map((n: any) => n.metadata.name);
    expect(namespaces.sort()).toEqual(["gateway-system", "probes"]);
    const deployment = single(json, "kubernetes_deployment_v1");
    expect(deployment.spec.replicas).toBe("3");
    expect(deployment.spec.template.spec.container[0].image).toBe(image);
    expect(manifestsOfKind(json, "HTTPRoute")[0].metadata.namespace).toBe("probes");
  });

  describe("validation", () => {
    test("throws when the namespace is not a DNS-1123 label", () => {
      expect(() => responder(testStack(), { namespace: "Gateway_Health" })).toThrow(
        /namespace must be a DNS-1123 label.*"Gateway_Health"/,
      );
    });
    test("throws when the namespace is the Gateway's namespace", () => {
      expect(() => responder(testStack(), { namespace: "gateway-system" })).toThrow(
        /namespace "gateway-system" is the Gateway's namespace/,
      );
    });
    test("throws when replicas is below 2", () => {
      expect(() => responder(testStack(), { replicas: 1 })).toThrow(/replicas must be an integer of at least 2.*got 1/);
    });
    test("throws when the image is not pinned", () => {
      expect(() => responder(testStack(), { image: "nginxinc/nginx-unprivileged" })).toThrow(/image must be pinned.*got "nginxinc\/nginx-unprivileged"/);
      expect(() => responder(testStack(), { image: "nginxinc/nginx-unprivileged:latest" })).toThrow(/image must be pinned/);
      expect(() => responder(testStack(), { image: "localhost:5000/nginx" })).toThrow(/image must be pinned/);
    });
    test("throws when the Gateway already has a health responder", () => {
      const stack = testStack();
      const gw = sharedGateway(stack);
      new HealthResponder(stack, "Health", { gateway: gw });
      expect(() => new HealthResponder(stack, "Health2", { gateway: gw, namespace: "health-2" })).toThrow(
        /Health2: health responder already reserves "\/healthz" on Gateway "shared-gateway"/,
      );
    });
    test("throws when a tenant already claims a path under /healthz", () => {
      const stack = testStack();
      const gw = sharedGateway(stack);
      ownershipOf(gw).claim("tenant app1", ["app1.example.com"], ["/healthz/app1"]);
      expect(() => new HealthResponder(stack, "Health", { gateway: gw })).toThrow(
        /Health: health responder reserves path prefix "\/healthz" .* tenant app1 already claims/,
      );
    });
  });
});
