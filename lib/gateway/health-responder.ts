import { createHash } from "crypto";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import {
  DeploymentV1,
  DeploymentV1SpecTemplateSpec,
  DeploymentV1SpecTemplateSpecContainer,
  DeploymentV1SpecTemplateSpecContainerVolumeMount,
} from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { validatedGatewayApiManifest } from "../private/manifest";
import { gatewayApiBundleOf } from "../private/gateway-api/bundles";
import { ISharedGateway } from "./gateway-ref";
import { dnsLabelProblem } from "../private/validation";
import { AppRegistry } from "../private/app-registry";
import { claimNamespace, reservedNamespaceProblem } from "../private/namespaces";
import { HEALTH_LIVE_PATH, HEALTH_PATH_PREFIX, HEALTH_READY_PATH } from "../core/health-paths";

/** Properties of {@link HealthResponder}. */
export interface HealthResponderProps {
  /** The shared Gateway whose listeners the `/healthz` route attaches to. */
  readonly gateway: ISharedGateway;
  /**
   * Namespace of the responder, created here. It must differ from the Gateway's namespace.
   *
   * @default "gateway-health"
   */
  readonly namespace?: string;
  /**
   * Container image: an unprivileged nginx (listening on 8080 as a non-root user, with its temporary files
   * under `/tmp`), pinned by tag or digest. `latest` and untagged images are refused.
   *
   * @default "docker.io/nginxinc/nginx-unprivileged:1.30-alpine" (`HealthResponder.DEFAULT_IMAGE`)
   */
  readonly image?: string;
  /**
   * Number of responder pods; at least 2, because the Application Gateway probes the whole platform
   * through this route, so the responder being down takes every backend down.
   *
   * @default 2
   */
  readonly replicas?: number;
}

const OWNER = "health responder";
const PORT = 8080;
const NAME = "health-responder";
const SELECTOR = { "app.kubernetes.io/name": NAME };
const LABELS = { ...SELECTOR, "app.kubernetes.io/part-of": "cdktf-aks-gateway" };

/**
 * A small hardened nginx that answers `200` on `/healthz`, `/healthz/ready` and `/healthz/live` (and `404`
 * elsewhere), routed from every listener of the shared Gateway for any hostname. The Application Gateway
 * probes `/healthz/ready` through the gateway, so a healthy probe proves the whole path: load balancer,
 * Envoy, routing and a pod behind it.
 *
 * Creates its namespace (Pod Security `restricted` enforced), the nginx configuration (ConfigMap), the
 * Deployment (non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp, no service
 * account token, spread over nodes), a PodDisruptionBudget, a Service (80 → 8080), the HTTPRoute
 * (`PathPrefix /healthz`) and a NetworkPolicy that admits only the gateway's pods and denies all egress.
 * Admits its namespace on the Gateway and reserves `/healthz` on every hostname.
 *
 * Construct ids: `Namespace`, `Config`, `Resource` (the Deployment), `DisruptionBudget`, `Service`,
 * `Route`, `NetworkPolicy`.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class HealthResponder extends Construct {
  /** Default namespace. */
  public static readonly DEFAULT_NAMESPACE = "gateway-health";
  /**
   * Default image: nginx's own unprivileged build on the 1.30 stable branch (patch releases follow; the
   * upstream PoC's nginx:1.27 mainline branch no longer gets fixes). It runs as UID 101 on port 8080, so the
   * pod passes Pod Security `restricted` without extra capabilities.
   */
  public static readonly DEFAULT_IMAGE = "docker.io/nginxinc/nginx-unprivileged:1.30-alpine";
  /** Default number of pods. */
  public static readonly DEFAULT_REPLICAS = 2;
  /** Path prefix routed to the responder and reserved on the Gateway. */
  public static readonly PATH_PREFIX = HEALTH_PATH_PREFIX;
  /** Readiness path, the one load balancers and the Application Gateway should probe. */
  public static readonly READY_PATH = HEALTH_READY_PATH;
  /** Liveness path. */
  public static readonly LIVE_PATH = HEALTH_LIVE_PATH;
  /** UID and GID of the nginx user in the unprivileged image. */
  public static readonly RUN_AS_USER = 101;

  /** Namespace of the responder. */
  public readonly namespace: string;
  /** Name of the responder's Service. */
  public readonly serviceName = NAME;
  /** Name of the responder's HTTPRoute. */
  public readonly routeName = "healthz";
  /** The Deployment. */
  public readonly resource: DeploymentV1;
  /** The HTTPRoute's `kubernetes_manifest`. */
  public readonly route: Manifest;

  constructor(scope: Construct, id: string, props: HealthResponderProps) {
    super(scope, id);
    this.namespace = props.namespace ?? HealthResponder.DEFAULT_NAMESPACE;
    const image = props.image ?? HealthResponder.DEFAULT_IMAGE;
    const replicas = props.replicas ?? HealthResponder.DEFAULT_REPLICAS;
    const gateway = props.gateway;
    this.validate(image, replicas, gateway);
    claimNamespace(this, gateway, this.namespace, "the health responder");
    this.reservePath(gateway);

    const ns = this.createNamespace(gateway);
    const namespace = ns.metadata.name;
    const nginxConf = renderNginxConf();
    const config = this.createConfig(namespace, nginxConf);
    this.resource = this.createDeployment(namespace, image, replicas, nginxConf, config);
    this.createDisruptionBudget(namespace);
    const service = this.createService(namespace);
    this.route = this.createRoute(gateway, ns, service);
    this.createNetworkPolicy(namespace, gateway);
  }

  /** The responder's namespace: Pod Security `restricted` enforced, admitted on the Gateway. */
  private createNamespace(gateway: ISharedGateway): NamespaceV1 {
    return new NamespaceV1(this, "Namespace", {
      metadata: {
        name: this.namespace,
        labels: {
          "app.kubernetes.io/part-of": "cdktf-aks-gateway",
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
          ...gateway.admissionLabels,
        },
      },
    });
  }

  /** The ConfigMap holding nginx.conf, mounted read-only at `/etc/nginx`. */
  private createConfig(namespace: string, nginxConf: string): ConfigMapV1 {
    return new ConfigMapV1(this, "Config", {
      metadata: { name: `${NAME}-nginx`, namespace, labels: LABELS },
      data: { "nginx.conf": nginxConf },
    });
  }

  /** The Deployment; its pod template carries a checksum of nginx.conf so a configuration change rolls the pods. */
  private createDeployment(
    namespace: string,
    image: string,
    replicas: number,
    nginxConf: string,
    config: ConfigMapV1,
  ): DeploymentV1 {
    return new DeploymentV1(this, "Resource", {
      metadata: { name: NAME, namespace, labels: LABELS },
      spec: {
        replicas: String(replicas),
        selector: { matchLabels: SELECTOR },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "1", maxUnavailable: "0" } },
        template: {
          metadata: {
            labels: LABELS,
            // Rolls the pods when the configuration changes.
            annotations: { "checksum/config": createHash("sha256").update(nginxConf).digest("hex") },
          },
          spec: podSpec(image, config.metadata.name),
        },
      },
    });
  }

  /** Keeps at least one pod up during voluntary disruptions (node drains, upgrades). */
  private createDisruptionBudget(namespace: string): PodDisruptionBudgetV1 {
    return new PodDisruptionBudgetV1(this, "DisruptionBudget", {
      metadata: { name: NAME, namespace, labels: LABELS },
      spec: { minAvailable: "1", selector: { matchLabels: SELECTOR } },
    });
  }

  /** The ClusterIP Service the route points at (80 → the pods' 8080). */
  private createService(namespace: string): ServiceV1 {
    return new ServiceV1(this, "Service", {
      metadata: { name: this.serviceName, namespace, labels: LABELS },
      spec: {
        type: "ClusterIP",
        selector: SELECTOR,
        port: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP", appProtocol: "http" }],
      },
    });
  }

  /** The HTTPRoute sending `/healthz*` from every listener of the Gateway, for any hostname, to the Service. */
  private createRoute(gateway: ISharedGateway, ns: NamespaceV1, service: ServiceV1): Manifest {
    return new Manifest(this, "Route", {
      manifest: validatedGatewayApiManifest(
        this,
        {
          apiVersion: "gateway.networking.k8s.io/v1",
          kind: "HTTPRoute",
          metadata: { name: this.routeName, namespace: this.namespace, labels: LABELS },
          spec: {
            // No hostnames: the probe's Host header is whatever the Application Gateway sends.
            parentRefs: gateway.listenerNames.map((sectionName) => ({
              group: "gateway.networking.k8s.io",
              kind: "Gateway",
              name: gateway.gatewayName,
              namespace: gateway.gatewayNamespace,
              sectionName,
            })),
            rules: [
              {
                matches: [{ path: { type: "PathPrefix", value: HealthResponder.PATH_PREFIX } }],
                backendRefs: [{ group: "", kind: "Service", name: this.serviceName, port: 80 }],
              },
            ],
          },
        },
        gatewayApiBundleOf(this, gateway.gatewayApiVersion),
      ),
      dependsOn: [ns, service],
    });
  }

  /** Admits only the Gateway's pods, on the container port, and denies all egress. */
  private createNetworkPolicy(namespace: string, gateway: ISharedGateway): NetworkPolicyV1 {
    return new NetworkPolicyV1(this, "NetworkPolicy", {
      metadata: { name: NAME, namespace, labels: LABELS },
      spec: {
        podSelector: { matchLabels: SELECTOR },
        // Egress listed with no rule: the responder talks to nobody.
        policyTypes: ["Ingress", "Egress"],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": gateway.gatewayNamespace } },
                podSelector: { matchLabels: { "gateway.networking.k8s.io/gateway-name": gateway.gatewayName } },
              },
            ],
            ports: [{ port: String(PORT), protocol: "TCP" }],
          },
        ],
      },
    });
  }

  private validate(image: string, replicas: number, gateway: ISharedGateway): void {
    if (!Token.isUnresolved(this.namespace) && dnsLabelProblem(this.namespace) !== undefined) {
      throw new ValidationError(
        this,
        `namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), ` +
          `got ${show(this.namespace)}.`,
      );
    }
    const reserved = Token.isUnresolved(this.namespace) ? undefined : reservedNamespaceProblem(this.namespace);
    if (reserved) {
      throw new ValidationError(this, `namespace ${reserved}. Use a namespace of its own, e.g. ${show(HealthResponder.DEFAULT_NAMESPACE)}.`);
    }
    if (this.namespace === gateway.gatewayNamespace) {
      throw new ValidationError(
        this,
        `namespace ${show(this.namespace)} is the Gateway's namespace; the responder creates its own namespace. ` +
          `Choose another, e.g. ${show(HealthResponder.DEFAULT_NAMESPACE)}.`,
      );
    }
    if (!Token.isUnresolved(replicas) && !(Number.isInteger(replicas) && replicas >= 2)) {
      throw new ValidationError(
        this,
        `replicas must be an integer of at least 2 (every Application Gateway backend is probed through the ` +
          `responder), got ${show(replicas)}.`,
      );
    }
    if (!Token.isUnresolved(image) && !isPinnedImage(image)) {
      throw new ValidationError(
        this,
        `image must be pinned by a tag other than "latest" or by a digest, e.g. ` +
          `${show(HealthResponder.DEFAULT_IMAGE)}, got ${show(image)}.`,
      );
    }
  }

  private reservePath(gateway: ISharedGateway): void {
    const ownership = AppRegistry.of(gateway).ownership(gateway);
    const existing = ownership.findReservation(HealthResponder.PATH_PREFIX);
    if (existing) {
      throw new ValidationError(
        this,
        `${existing.owner} already reserves ${show(existing.pathPrefix)} on Gateway ` +
          `${show(gateway.gatewayName)}; a Gateway has one health responder. Remove this one.`,
      );
    }
    try {
      ownership.reserve(OWNER, HealthResponder.PATH_PREFIX);
    } catch (e) {
      throw new ValidationError(this, (e as Error).message);
    }
  }
}

/** The writable directories nginx needs under a read-only root filesystem, each as volume and mount. */
function scratchDirs() {
  return [
    emptyDir("tmp", "/tmp"),
    emptyDir("cache", "/var/cache/nginx"),
    emptyDir("run", "/var/run"),
  ];
}

/** A small size-limited `emptyDir` volume and its mount. */
function emptyDir(name: string, mountPath: string) {
  return {
    volume: { name, emptyDir: { sizeLimit: "16Mi" } },
    mount: { name, mountPath },
  };
}

/** The pod spec: non-root, no service account token, spread over nodes, nginx plus its config and scratch volumes. */
function podSpec(image: string, configMapName: string): DeploymentV1SpecTemplateSpec {
  const uid = String(HealthResponder.RUN_AS_USER);
  const scratch = scratchDirs();
  return {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: uid,
      seccompProfile: { type: "RuntimeDefault" },
    },
    topologySpreadConstraint: [
      {
        maxSkew: 1,
        topologyKey: "kubernetes.io/hostname",
        whenUnsatisfiable: "DoNotSchedule",
        // Tainted nodes (e.g. a CriticalAddonsOnly system pool) must not count as empty domains.
        nodeTaintsPolicy: "Honor",
        labelSelector: [{ matchLabels: SELECTOR }],
      },
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "ScheduleAnyway",
        nodeTaintsPolicy: "Honor",
        labelSelector: [{ matchLabels: SELECTOR }],
      },
    ],
    container: [nginxContainer(image, scratch.map((s) => s.mount))],
    volume: [
      { name: "config", configMap: { name: configMapName } },
      ...scratch.map((s) => s.volume),
    ],
  };
}

/** The hardened nginx container: read-only root, no capabilities, probed on the readiness and liveness paths. */
function nginxContainer(
  image: string,
  scratchMounts: DeploymentV1SpecTemplateSpecContainerVolumeMount[],
): DeploymentV1SpecTemplateSpecContainer {
  return {
    name: "nginx",
    image,
    port: [{ name: "http", containerPort: PORT, protocol: "TCP" }],
    env: [{ name: "NGINX_ENTRYPOINT_QUIET_LOGS", value: "1" }],
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
    resources: {
      requests: { cpu: "10m", memory: "16Mi" },
      limits: { cpu: "100m", memory: "32Mi" },
    },
    readinessProbe: httpProbe(HealthResponder.READY_PATH),
    livenessProbe: httpProbe(HealthResponder.LIVE_PATH),
    volumeMount: [
      { name: "config", mountPath: "/etc/nginx", readOnly: true },
      ...scratchMounts,
    ],
  };
}

/** An HTTP GET probe on the container's `http` port. */
function httpProbe(path: string) {
  return {
    httpGet: { path, port: "http" },
    periodSeconds: 10,
    timeoutSeconds: 2,
    failureThreshold: 3,
  };
}

/** A complete nginx.conf: one worker, temporary files and pid under /tmp, answers only on /healthz*. */
function renderNginxConf(): string {
  const ok = (path: string) => `    location = ${path} { return 200 "ok\\n"; }`;
  return [
    "worker_processes 1;",
    "error_log /dev/stderr warn;",
    "pid /tmp/nginx.pid;",
    "events { worker_connections 256; }",
    "http {",
    "  server_tokens off;",
    "  access_log off;",
    "  default_type text/plain;",
    "  client_body_temp_path /tmp/client_temp;",
    "  proxy_temp_path /tmp/proxy_temp;",
    "  fastcgi_temp_path /tmp/fastcgi_temp;",
    "  uwsgi_temp_path /tmp/uwsgi_temp;",
    "  scgi_temp_path /tmp/scgi_temp;",
    "  server {",
    `    listen ${PORT};`,
    ok(HealthResponder.PATH_PREFIX),
    ok(HealthResponder.READY_PATH),
    ok(HealthResponder.LIVE_PATH),
    "    location / { return 404; }",
    "  }",
    "}",
    "",
  ].join("\n");
}

/** Whether an image reference carries a digest, or a tag other than `latest`. */
function isPinnedImage(image: string): boolean {
  if (/\s/.test(image) || image.length === 0) return false;
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return true;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  if (colon <= 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) && tag !== "latest";
}
