import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { dnsSubdomainProblem } from "../private/validation";

/**
 * How the gateway's load-balanced Service routes external traffic to its pods.
 *
 * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#external-traffic-policy
 */
export enum ExternalTrafficPolicy {
  /**
   * Only nodes running a gateway pod receive traffic; the client source IP is preserved, and the Azure load
   * balancer probes kube-proxy's `healthCheckNodePort`, so nodes without a gateway pod show as down (expected).
   */
  LOCAL = "Local",
  /**
   * Every node receives traffic and forwards it (SNAT, source IP lost). On class `approuting-istio` AKS adds
   * kube-proxy probe annotations itself; on class `istio` nothing does, so the Azure load balancer probes
   * `GET /` on the listener port, Envoy answers 404 and every backend is marked down.
   */
  CLUSTER = "Cluster",
}

/**
 * Horizontal scaling of the gateway's Envoy pods (the generated HorizontalPodAutoscaler).
 *
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api
 */
export interface GatewayAutoscaling {
  /**
   * Minimum number of gateway pods. AKS rejects fewer than 2.
   *
   * @default 2
   */
  readonly minReplicas?: number;
  /**
   * Maximum number of gateway pods.
   *
   * @default 5
   */
  readonly maxReplicas?: number;
  /**
   * Average CPU utilization, in percent of the pods' CPU requests, that the autoscaler aims for.
   *
   * @default 80
   */
  readonly cpuUtilization?: number;
}

/**
 * The generated PodDisruptionBudget of the gateway's Envoy pods.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export interface GatewayDisruptionBudget {
  /**
   * Gateway pods that must stay up during voluntary disruptions (node drains, upgrades). Must be lower than
   * `minReplicas`, or a node drain at minimum scale would block.
   *
   * @default 1
   */
  readonly minAvailable?: number;
}

/** Properties of {@link GatewayParameters}. */
export interface GatewayParametersProps {
  /** Name of the ConfigMap, referenced from the Gateway's `spec.infrastructure.parametersRef`. */
  readonly name: string;
  /** Namespace of the ConfigMap; it must be the Gateway's namespace. */
  readonly namespace: string;
  /** Ports of the Gateway's listeners; the probe annotations AKS adds are removed for each one. */
  readonly listenerPorts: number[];
  /**
   * External traffic policy of the generated Service.
   *
   * @default ExternalTrafficPolicy.LOCAL
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Scaling of the generated HorizontalPodAutoscaler.
   *
   * @default - 2 to 5 pods at 80 % CPU (the AKS defaults, written out so they are visible and reviewed)
   */
  readonly autoscaling?: GatewayAutoscaling;
  /**
   * The generated PodDisruptionBudget.
   *
   * @default - `minAvailable: 1`
   */
  readonly disruptionBudget?: GatewayDisruptionBudget;
}

/**
 * The per-Gateway parameters ConfigMap (`spec.infrastructure.parametersRef`) that customizes the Deployment,
 * Service, HorizontalPodAutoscaler and PodDisruptionBudget Istio generates for a Gateway.
 *
 * Each data key holds a strategic-merge overlay, serialized as JSON (valid YAML) so `null` deletes a field.
 * Only fields on the AKS allow-list are set: Service `externalTrafficPolicy` and annotations, HPA
 * `minReplicas`/`maxReplicas`/`metrics`, PDB `minAvailable`. With the Local policy the overlay nulls the
 * `port_<port>_health-probe_*` annotations the app-routing add-on adds for the Cluster policy, one set per
 * listener port, so the Azure load balancer probes kube-proxy's health check node port instead.
 *
 * Needs Istio 1.26 or later.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 */
export class GatewayParameters extends Construct {
  /** Default minimum number of gateway pods (the AKS default and minimum). */
  public static readonly DEFAULT_MIN_REPLICAS = 2;
  /** Default maximum number of gateway pods (the AKS default). */
  public static readonly DEFAULT_MAX_REPLICAS = 5;
  /** Default target CPU utilization in percent (the AKS default). */
  public static readonly DEFAULT_CPU_UTILIZATION = 80;
  /** Default PodDisruptionBudget `minAvailable` (the AKS default). */
  public static readonly DEFAULT_MIN_AVAILABLE = 1;
  /** Default external traffic policy. */
  public static readonly DEFAULT_EXTERNAL_TRAFFIC_POLICY = ExternalTrafficPolicy.LOCAL;
  /** AKS rejects an HPA `minReplicas` below this. */
  public static readonly MIN_REPLICAS_FLOOR = 2;

  /** Name of the ConfigMap. */
  public readonly configMapName: string;
  /** Namespace of the ConfigMap. */
  public readonly configMapNamespace: string;
  /** External traffic policy written into the Service overlay. */
  public readonly externalTrafficPolicy: ExternalTrafficPolicy;
  /** Minimum number of gateway pods. */
  public readonly minReplicas: number;
  /** Maximum number of gateway pods. */
  public readonly maxReplicas: number;
  /** Target CPU utilization in percent. */
  public readonly cpuUtilization: number;
  /** PodDisruptionBudget `minAvailable`. */
  public readonly minAvailable: number;
  /** The `kubernetes_config_map_v1`. */
  public readonly resource: ConfigMapV1;

  constructor(scope: Construct, id: string, props: GatewayParametersProps) {
    super(scope, id);
    this.configMapName = props.name;
    this.configMapNamespace = props.namespace;
    this.externalTrafficPolicy = props.externalTrafficPolicy ?? GatewayParameters.DEFAULT_EXTERNAL_TRAFFIC_POLICY;
    this.minReplicas = props.autoscaling?.minReplicas ?? GatewayParameters.DEFAULT_MIN_REPLICAS;
    this.maxReplicas = props.autoscaling?.maxReplicas ?? GatewayParameters.DEFAULT_MAX_REPLICAS;
    this.cpuUtilization = props.autoscaling?.cpuUtilization ?? GatewayParameters.DEFAULT_CPU_UTILIZATION;
    this.minAvailable = props.disruptionBudget?.minAvailable ?? GatewayParameters.DEFAULT_MIN_AVAILABLE;
    this.validate(props);

    this.resource = new ConfigMapV1(this, "Resource", {
      metadata: {
        name: this.configMapName,
        namespace: this.configMapNamespace,
        labels: { "app.kubernetes.io/part-of": "cdktf-aks-gateway" },
      },
      data: {
        service: JSON.stringify(this.serviceOverlay(props.listenerPorts)),
        horizontalPodAutoscaler: JSON.stringify({
          spec: {
            minReplicas: this.minReplicas,
            maxReplicas: this.maxReplicas,
            metrics: [
              {
                type: "Resource",
                resource: { name: "cpu", target: { type: "Utilization", averageUtilization: this.cpuUtilization } },
              },
            ],
          },
        }),
        podDisruptionBudget: JSON.stringify({ spec: { minAvailable: this.minAvailable } }),
      },
    });
  }

  private serviceOverlay(ports: number[]): object {
    const spec = { externalTrafficPolicy: this.externalTrafficPolicy };
    if (this.externalTrafficPolicy !== ExternalTrafficPolicy.LOCAL) return { spec };
    const annotations: Record<string, null> = {};
    for (const port of ports) {
      for (const suffix of ["port", "protocol", "request-path"]) {
        annotations[`service.beta.kubernetes.io/port_${port}_health-probe_${suffix}`] = null;
      }
    }
    return { metadata: { annotations }, spec };
  }

  private validate(props: GatewayParametersProps): void {
    if (!Token.isUnresolved(props.name) && dnsSubdomainProblem(props.name) !== undefined) {
      throw new ValidationError(
        this,
        `name must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters), ` +
          `got ${show(props.name)}.`,
      );
    }
    if (props.listenerPorts.length === 0) {
      throw new ValidationError(this, `listenerPorts must list at least one port, got ${show(props.listenerPorts)}.`);
    }
    const badPort = props.listenerPorts.find((p) => !Token.isUnresolved(p) && !(Number.isInteger(p) && p >= 1 && p <= 65535));
    if (badPort !== undefined) {
      throw new ValidationError(this, `listener ports must be integers from 1 to 65535, got ${show(badPort)}.`);
    }
    const { minReplicas: min, maxReplicas: max, cpuUtilization: cpu, minAvailable } = this;
    const known = (n: number) => !Token.isUnresolved(n);
    if (known(min) && !(Number.isInteger(min) && min >= GatewayParameters.MIN_REPLICAS_FLOOR)) {
      throw new ValidationError(
        this,
        `autoscaling.minReplicas must be an integer of at least ${GatewayParameters.MIN_REPLICAS_FLOOR} ` +
          `(AKS rejects less), got ${show(min)}. Set minReplicas to 2 or more.`,
      );
    }
    if (known(max) && !Number.isInteger(max)) {
      throw new ValidationError(this, `autoscaling.maxReplicas must be an integer, got ${show(max)}.`);
    }
    if (known(min) && known(max) && min > max) {
      throw new ValidationError(
        this,
        `autoscaling.minReplicas (${show(min)}) must not exceed maxReplicas (${show(max)}). ` +
          `Raise maxReplicas or lower minReplicas.`,
      );
    }
    if (known(cpu) && !(Number.isInteger(cpu) && cpu >= 1 && cpu <= 100)) {
      throw new ValidationError(
        this,
        `autoscaling.cpuUtilization must be an integer percentage from 1 to 100, got ${show(cpu)}.`,
      );
    }
    if (known(minAvailable) && !(Number.isInteger(minAvailable) && minAvailable >= 0)) {
      throw new ValidationError(
        this,
        `disruptionBudget.minAvailable must be a non-negative integer, got ${show(minAvailable)}.`,
      );
    }
    if (known(minAvailable) && known(min) && minAvailable >= min) {
      throw new ValidationError(
        this,
        `disruptionBudget.minAvailable (${show(minAvailable)}) must be lower than autoscaling.minReplicas ` +
          `(${show(min)}), or no gateway pod could be evicted at minimum scale and node drains would block. ` +
          `Lower minAvailable or raise minReplicas.`,
      );
    }
  }
}
