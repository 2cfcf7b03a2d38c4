import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { Lazy, Testing } from "cdktf";
import {
  ExternalTrafficPolicy,
  GatewayParameters,
  GatewayParametersProps,
} from "../lib/gateway/gateway-parameters";
import { resourcesOf, synthJson, testStack } from "./util";

const base: GatewayParametersProps = { name: "gw-parameters", namespace: "gateway-system", listenerPorts: [80] };

/** The ConfigMap's data, each overlay parsed back from its JSON string. */
function overlays(props: Partial<GatewayParametersProps> = {}): Record<string, any> {
  const stack = testStack();
  new GatewayParameters(stack, "Parameters", { ...base, ...props });
  const maps = Object.values(resourcesOf(synthJson(stack), "kubernetes_config_map_v1"));
  expect(maps).toHaveLength(1);
  const data = maps[0].data as Record<string, string>;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, JSON.parse(v)]));
}

function probeAnnotations(port: number): Record<string, null> {
  return {
    [`service.beta.kubernetes.io/port_${port}_health-probe_port`]: null,
    [`service.beta.kubernetes.io/port_${port}_health-probe_protocol`]: null,
    [`service.beta.kubernetes.io/port_${port}_health-probe_request-path`]: null,
  };
}

describe("GatewayParameters", () => {
  test("is a ConfigMap with the given name and namespace and the three overlay keys", () => {
    const synth = Testing.synthScope((scope) => {
      new GatewayParameters(scope, "Parameters", base);
    });
    expect(synth).toHaveResourceWithProperties(ConfigMapV1, {
      metadata: expect.objectContaining({ name: "gw-parameters", namespace: "gateway-system" }),
    });
    expect(Object.keys(overlays()).sort()).toEqual(["horizontalPodAutoscaler", "podDisruptionBudget", "service"]);
  });

  test("defaults: ETP Local with the probe annotations nulled on port 80, HPA 2-5 at 80 % CPU, PDB 1", () => {
    const o = overlays();
    expect(o.service).toEqual({
      metadata: { annotations: probeAnnotations(80) },
      spec: { externalTrafficPolicy: "Local" },
    });
    expect(o.horizontalPodAutoscaler).toEqual({
      spec: {
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
      },
    });
    expect(o.podDisruptionBudget).toEqual({ spec: { minAvailable: 1 } });
  });

  test("the serialized service overlay keeps explicit nulls", () => {
    const stack = testStack();
    new GatewayParameters(stack, "Parameters", base);
    const map = Object.values(resourcesOf(synthJson(stack), "kubernetes_config_map_v1"))[0];
    expect(map.data.service).toContain('"service.beta.kubernetes.io/port_80_health-probe_port":null');
  });

  test("nulls the probe annotations of every listener port", () => {
    const o = overlays({ listenerPorts: [80, 443] });
    expect(o.service.metadata.annotations).toEqual({ ...probeAnnotations(80), ...probeAnnotations(443) });
  });

  test("ETP Cluster sets only the policy and leaves the probe annotations alone", () => {
    const o = overlays({ externalTrafficPolicy: ExternalTrafficPolicy.CLUSTER, listenerPorts: [80, 443] });
    expect(o.service).toEqual({ spec: { externalTrafficPolicy: "Cluster" } });
  });

  test("writes the given autoscaling and disruption budget", () => {
    const o = overlays({ autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 60 }, disruptionBudget: { minAvailable: 2 } });
    expect(o.horizontalPodAutoscaler.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    expect(o.horizontalPodAutoscaler.spec.metrics[0].resource.target.averageUtilization).toBe(60);
    expect(o.podDisruptionBudget).toEqual({ spec: { minAvailable: 2 } });
  });

  test("partial autoscaling keeps the other defaults", () => {
    const o = overlays({ autoscaling: { maxReplicas: 8 } });
    expect(o.horizontalPodAutoscaler.spec).toMatchObject({ minReplicas: 2, maxReplicas: 8 });
    expect(o.horizontalPodAutoscaler.spec.metrics[0].resource.target.averageUtilization).toBe(80);
  });

  test("sets only fields on the AKS allow-list", () => {
    const o = overlays({ listenerPorts: [80, 443] });
    expect(Object.keys(o.service.spec)).toEqual(["externalTrafficPolicy"]);
    expect(Object.keys(o.service.metadata)).toEqual(["annotations"]);
    expect(Object.keys(o.horizontalPodAutoscaler.spec).sort()).toEqual(["maxReplicas", "metrics", "minReplicas"]);
    expect(Object.keys(o.podDisruptionBudget.spec)).toEqual(["minAvailable"]);
  });

  test("publishes the resolved values", () => {
    const p = new GatewayParameters(testStack(), "Parameters", base);
    expect([p.minReplicas, p.maxReplicas, p.cpuUtilization, p.minAvailable]).toEqual([
      GatewayParameters.DEFAULT_MIN_REPLICAS,
      GatewayParameters.DEFAULT_MAX_REPLICAS,
      GatewayParameters.DEFAULT_CPU_UTILIZATION,
      GatewayParameters.DEFAULT_MIN_AVAILABLE,
    ]);
    expect(p.externalTrafficPolicy).toBe(ExternalTrafficPolicy.LOCAL);
    expect(p.configMapName).toBe("gw-parameters");
  });

  test("skips unresolved tokens", () => {
    const stack = testStack();
    const token = Lazy.stringValue({ produce: () => "gw-parameters" });
    const p = new GatewayParameters(stack, "Parameters", { ...base, name: token, namespace: token });
    expect(p.configMapName).toBe(token);
  });

  describe("validation", () => {
    const make = (props: Partial<GatewayParametersProps>) => () =>
      new GatewayParameters(testStack(), "Parameters", { ...base, ...props });

    test("throws when the name is not a DNS-1123 subdomain", () => {
      expect(make({ name: "GW_params" })).toThrow(/name must be a DNS-1123 subdomain.*"GW_params"/);
    });
    test("throws when no listener port is given", () => {
      expect(make({ listenerPorts: [] })).toThrow(/listenerPorts must list at least one port/);
    });
    test("throws when a listener port is out of range", () => {
      expect(make({ listenerPorts: [80, 70000] })).toThrow(/listener ports must be integers from 1 to 65535, got 70000/);
    });
    test("throws when minReplicas is below 2", () => {
      expect(make({ autoscaling: { minReplicas: 1 } })).toThrow(/minReplicas must be an integer of at least 2.*got 1/);
    });
    test("throws when minReplicas is not an integer", () => {
      expect(make({ autoscaling: { minReplicas: 2.5 } })).toThrow(/minReplicas must be an integer/);
    });
    test("throws when maxReplicas is not an integer", () => {
      expect(make({ autoscaling: { maxReplicas: 4.5 } })).toThrow(/maxReplicas must be an integer, got 4.5/);
    });
    test("throws when minReplicas exceeds maxReplicas", () => {
      expect(make({ autoscaling: { minReplicas: 6, maxReplicas: 5 } })).toThrow(
        /minReplicas \(6\) must not exceed maxReplicas \(5\)/,
      );
    });
    test("throws when cpuUtilization is out of range", () => {
      expect(make({ autoscaling: { cpuUtilization: 0 } })).toThrow(/cpuUtilization must be an integer percentage from 1 to 100, got 0/);
      expect(make({ autoscaling: { cpuUtilization: 150 } })).toThrow(/cpuUtilization/);
    });
    test("throws when minAvailable is negative", () => {
      expect(make({ disruptionBudget: { minAvailable: -1 } })).toThrow(/minAvailable must be a non-negative integer, got -1/);
    });
    test("throws when minAvailable is not below minReplicas", () => {
      expect(make({ disruptionBudget: { minAvailable: 2 } })).toThrow(
        /minAvailable \(2\) must be lower than autoscaling.minReplicas \(2\)/,
      );
    });
    test("accepts minAvailable 0", () => {
      expect(make({ disruptionBudget: { minAvailable: 0 } })).not.toThrow();
    });
  });
});
