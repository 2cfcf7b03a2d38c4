import { Construct } from "constructs";
import { ITerraformDependable, Token } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { show, ValidationError } from "../private/errors";
import { AMBIENT_LABEL } from "../core/tenant-metadata";
import { GatewayMode, gatewayClassNameOf } from "../core/gateway-mode";
import { dnsLabelProblem, parseQuantity } from "../private/validation";
import { claimNamespace, reservedNamespaceProblem } from "../private/namespaces";
import { istioKubernetesProblem } from "./istio-support";

/**
 * CPU and memory of the istiod container, as Kubernetes quantities (`500m`, `1`, `2Gi`).
 */
export interface IstiodResources {
  /** CPU request, e.g. `500m`. */
  readonly cpuRequest: string;
  /** Memory request, e.g. `2Gi`. */
  readonly memoryRequest: string;
  /**
   * CPU limit, e.g. `2`.
   *
   * @default - No CPU limit
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit, e.g. `4Gi`.
   *
   * @default - No memory limit
   */
  readonly memoryLimit?: string;
}

/**
 * The few chart settings {@link IstioAmbient} lets you change. Anything else goes through the releases
 * (`istio.istiod.values`, `addOverride`), which are exposed as escape hatches.
 */
export interface IstioAmbientValues {
  /**
   * Minimum number of istiod replicas: the istiod HorizontalPodAutoscaler scales between this number and
   * the larger of this number and 5.
   *
   * The chart's PodDisruptionBudget keeps one istiod available, so with a single replica a node drain
   * (AKS node image or version upgrade) waits on istiod.
   *
   * @default 2
   * @see https://istio.io/latest/docs/setup/install/helm/
   */
  readonly istiodReplicas?: number;
  /**
   * CPU and memory of the istiod container.
   *
   * @default - The chart's: requests 500m CPU and 2048Mi memory, no limits
   */
  readonly istiodResources?: IstiodResources;
}

/**
 * Props for {@link IstioAmbient}.
 */
export interface IstioAmbientProps {
  /**
   * Istio release to install, as `x.y.z`, 1.26 or later (the oldest release accepted for ambient mode with
   * Gateway `infrastructure.parametersRef` overlays).
   *
   * All four charts use the same version; bump it to upgrade in place (istiod first, then the data plane, as
   * the release order does).
   *
   * @default IstioAmbient.DEFAULT_VERSION
   * @see https://istio.io/latest/docs/releases/supported-releases/
   */
  readonly version?: string;
  /**
   * Namespace of istiod, istio-cni and ztunnel. This construct creates it, so it must not exist yet.
   *
   * @default "istio-system"
   */
  readonly namespace?: string;
  /**
   * Helm repository holding the `base`, `istiod`, `cni` and `ztunnel` charts: `https://…` or `oci://…`.
   *
   * Override it to use a mirror (for example an Azure Container Registry that imported the charts).
   *
   * @default IstioAmbient.DEFAULT_REPOSITORY
   * @see https://istio.io/latest/docs/ambient/install/helm/
   */
  readonly repository?: string;
  /**
   * Chart settings.
   *
   * @default - Two istiod replicas, chart defaults otherwise
   */
  readonly values?: IstioAmbientValues;
  /**
   * Kubernetes version of the cluster (`1.34` or `1.34.2`): an Istio minor that does not support it (Istio's
   * support table) fails at synth, naming the Istio minors that do.
   *
   * @default - unknown: not checked
   * @see https://istio.io/latest/docs/releases/supported-releases/
   */
  readonly kubernetesVersion?: string;
}

/**
 * Self-managed Istio in ambient mode, installed with Helm: the `istio` GatewayClass for the shared Gateway,
 * plus ztunnel mTLS between workloads of ambient namespaces.
 *
 * Four `helm_release`s, each waiting for the previous one: `base` (Istio CRDs and cluster roles) →
 * `istiod` (control plane, profile `ambient`) → `cni` (node agent, profile `ambient`) → `ztunnel` (node
 * proxy), all in {@link IstioAmbient."namespace"}. Releases are atomic: a failed install is uninstalled and a
 * failed upgrade rolled back.
 *
 * Prerequisites and rules on the cluster:
 * - Gateway API CRDs come from the AKS Managed Gateway API installation
 *   (`ingressProfile.gatewayAPI.installation: Standard`, set by the platform stack). The `base` chart carries
 *   only `*.istio.io` CRDs and must never be given Gateway API CRDs: the managed installation refuses to
 *   install over CRDs from another bundle. AKS ships Gateway API v1.2.1 on Kubernetes ≤ 1.33, v1.3.0 on 1.34, v1.4.1 on 1.35 and v1.5.1
 *   on 1.36+; newer resources (ListenerSet, TLSRoute) exist only where AKS installs them.
 * - The `istio` GatewayClass is created by istiod at runtime, not by Helm, so destroying this construct
 *   leaves it (and the `istio-remote` / `istio-waypoint` classes) behind; delete them by hand before
 *   switching the cluster to app-routing Istio, which fails to start next to leftover `*.istio.io` CRDs or an
 *   `istio` GatewayClass.
 * - App-routing Istio (`webAppRouting.gatewayAPIImplementations.appRoutingIstio.mode`) and the Istio
 *   service-mesh add-on (`serviceMeshProfile.mode: Istio`) must both be off. They are mutually exclusive
 *   with each other, each runs its own istiod, and app-routing Istio fails to start next to the `*.istio.io`
 *   CRDs this construct installs.
 * - Workloads join the ambient mesh per namespace, with the label
 *   `istio.io/dataplane-mode: ambient` ({@link IstioAmbient.DATAPLANE_MODE_LABEL}). NetworkPolicies of such
 *   namespaces must admit TCP 15008 (HBONE), the port ztunnel tunnels mesh traffic through.
 * - No AKS-specific chart values are needed: Istio's `global.platform` has no AKS profile (an unknown
 *   platform fails the chart), and AKS uses the standard CNI paths.
 *
 * Gateway and route manifests that need the GatewayClass should `dependsOn: istio.releases`.
 *
 * @see https://istio.io/latest/docs/ambient/install/helm/
 * @see https://learn.microsoft.com/azure/aks/managed-gateway-api
 */
export class IstioAmbient extends Construct {
  /**
   * Istio version installed when `version` is not set: the newest 1.30 patch announced on istio.io (1.30.5,
   * after 1.30.4 of August 27, 2026), supported on Kubernetes 1.32–1.36.
   */
  public static readonly DEFAULT_VERSION = "1.30.5";
  /** Oldest Istio version accepted. */
  public static readonly MINIMUM_VERSION = "1.26.0";
  /** Namespace used when `namespace` is not set. */
  public static readonly DEFAULT_NAMESPACE = "istio-system";
  /** Istio's public Helm repository. */
  public static readonly DEFAULT_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";
  /** Minimum istiod replicas when `values.istiodReplicas` is not set. */
  public static readonly DEFAULT_ISTIOD_REPLICAS = 2;
  /** Seconds each Helm release may take (install, upgrade, or rollback) before it fails. */
  public static readonly DEFAULT_TIMEOUT_SECONDS = 600;
  /** GatewayClass that istiod creates and reconciles. */
  public static readonly GATEWAY_CLASS_NAME = gatewayClassNameOf(GatewayMode.SELF_MANAGED_ISTIO);
  /** Namespace label that enrols a namespace's pods in the ambient mesh (value `ambient`). */
  public static readonly DATAPLANE_MODE_LABEL = AMBIENT_LABEL;

  /** GatewayClass for Gateways served by this installation: `istio`. */
  public readonly gatewayClassName: string = IstioAmbient.GATEWAY_CLASS_NAME;
  /** Namespace of the Istio components. */
  public readonly namespace: string;
  /** Installed Istio version. */
  public readonly version: string;
  /** The namespace resource (`kubernetes_namespace_v1`). */
  public readonly namespaceResource: NamespaceV1;
  /** `base` release: Istio CRDs, cluster roles and the default validating webhook. */
  public readonly base: Release;
  /** `istiod` release: the control plane (profile `ambient`). */
  public readonly istiod: Release;
  /** `cni` release: the istio-cni node agent that redirects ambient pods' traffic to ztunnel. */
  public readonly cni: Release;
  /** `ztunnel` release: the per-node L4 proxy (mTLS, HBONE). */
  public readonly ztunnel: Release;
  /** All releases in install order; use as `dependsOn` for objects that need Istio running. */
  public readonly releases: Release[];

  constructor(scope: Construct, id: string, props: IstioAmbientProps = {}) {
    super(scope, id);
    const version = props.version ?? IstioAmbient.DEFAULT_VERSION;
    const namespace = props.namespace ?? IstioAmbient.DEFAULT_NAMESPACE;
    const repository = props.repository ?? IstioAmbient.DEFAULT_REPOSITORY;
    const replicas = props.values?.istiodReplicas ?? IstioAmbient.DEFAULT_ISTIOD_REPLICAS;
    const resources = props.values?.istiodResources;
    this.validateVersion(version, props.kubernetesVersion);
    this.validateNamespace(namespace);
    claimNamespace(this, this, namespace, "IstioAmbient");
    this.validateRepository(repository);
    this.validateReplicas(replicas);
    if (resources) this.validateResources(resources);

    this.version = version;
    this.namespace = namespace;

    // A typed namespace rather than `create_namespace`: Terraform deletes it on destroy (Helm never does),
    // and creating it fails loudly if an earlier Istio install left it behind.
    this.namespaceResource = new NamespaceV1(this, "Namespace", { metadata: { name: namespace } });

    const release = (releaseId: string, name: string, chart: string, values: object, after: ITerraformDependable) =>
      new Release(this, releaseId, {
        name,
        chart,
        repository,
        version,
        namespace,
        values: [JSON.stringify(values)],
        atomic: true,
        wait: true,
        timeout: IstioAmbient.DEFAULT_TIMEOUT_SECONDS,
        maxHistory: 10,
        dependsOn: [after],
      });

    this.base = release("Base", "istio-base", "base", { global: { istioNamespace: namespace } }, this.namespaceResource);
    this.istiod = release(
      "Istiod",
      "istiod",
      "istiod",
      {
        profile: "ambient",
        global: { istioNamespace: namespace },
        autoscaleMin: replicas,
        autoscaleMax: Math.max(replicas, 5),
        ...(resources ? { resources: toKubernetesResources(resources) } : {}),
      },
      this.base,
    );
    this.cni = release("Cni", "istio-cni", "cni", { profile: "ambient" }, this.istiod);
    this.ztunnel = release("Ztunnel", "ztunnel", "ztunnel", { istioNamespace: namespace }, this.cni);
    this.releases = [this.base, this.istiod, this.cni, this.ztunnel];
  }

  private validateVersion(version: string, kubernetesVersion: string | undefined): void {
    if (Token.isUnresolved(version)) return;
    this.validateVersionFormat(version);
    if (kubernetesVersion === undefined || Token.isUnresolved(kubernetesVersion)) return;
    const problem = istioKubernetesProblem(version, kubernetesVersion);
    if (problem) {
      throw new ValidationError(this, `version ${show(version)}: ${problem}. Pick an Istio release that supports the cluster's Kubernetes version.`);
    }
  }

  private validateVersionFormat(version: string): void {
    const parsed = parseVersion(version);
    if (!parsed) {
      throw new ValidationError(
        this,
        `version must be an Istio release as "x.y.z" (no "v" prefix, no pre-release), got ${show(version)}. ` +
          `Example: "${IstioAmbient.DEFAULT_VERSION}".`,
      );
    }
    if (compareVersions(parsed, parseVersion(IstioAmbient.MINIMUM_VERSION)!) < 0) {
      throw new ValidationError(
        this,
        `version ${show(version)} is older than ${IstioAmbient.MINIMUM_VERSION}, the oldest release supported for ` +
          `ambient mode with Gateway infrastructure.parametersRef overlays. Use ${IstioAmbient.MINIMUM_VERSION} or later, ` +
          `e.g. "${IstioAmbient.DEFAULT_VERSION}".`,
      );
    }
  }

  private validateNamespace(namespace: string): void {
    if (Token.isUnresolved(namespace)) return;
    if (dnsLabelProblem(namespace) !== undefined) {
      throw new ValidationError(
        this,
        `namespace must be a DNS-1123 label (lower-case letters, digits and "-", at most 63 characters), ` +
          `got ${show(namespace)}. Example: "${IstioAmbient.DEFAULT_NAMESPACE}".`,
      );
    }
    const reserved = reservedNamespaceProblem(namespace);
    if (reserved !== undefined) {
      throw new ValidationError(
        this,
        `namespace ${reserved}, but IstioAmbient creates (and on destroy deletes) its namespace. ` +
          `Use a dedicated namespace such as "${IstioAmbient.DEFAULT_NAMESPACE}".`,
      );
    }
  }

  private validateRepository(repository: string): void {
    if (Token.isUnresolved(repository)) return;
    if (!/^(https|oci):\/\/\S+$/.test(repository)) {
      throw new ValidationError(
        this,
        `repository must be an https:// or oci:// URL (charts are not fetched over plain HTTP), got ${show(repository)}. ` +
          `Example: "${IstioAmbient.DEFAULT_REPOSITORY}".`,
      );
    }
  }

  private validateReplicas(replicas: number): void {
    if (Token.isUnresolved(replicas)) return;
    if (!Number.isInteger(replicas) || replicas < 1) {
      throw new ValidationError(
        this,
        `values.istiodReplicas must be a whole number of at least 1, got ${show(replicas)}. ` +
          `Use ${IstioAmbient.DEFAULT_ISTIOD_REPLICAS} or more so a node drain keeps istiod available.`,
      );
    }
  }

  private validateResources(resources: IstiodResources): void {
    const fields: Array<keyof IstiodResources> = ["cpuRequest", "memoryRequest", "cpuLimit", "memoryLimit"];
    for (const field of fields) {
      const value = resources[field];
      if (value === undefined || Token.isUnresolved(value)) continue;
      if (parseQuantity(value) === undefined) {
        throw new ValidationError(
          this,
          `values.istiodResources.${field} must be a Kubernetes quantity, got ${show(value)}. ` +
            `Examples: "500m" or "2" for CPU, "2Gi" or "2048Mi" for memory.`,
        );
      }
    }
  }
}


/** A Kubernetes quantity in the forms people write for CPU and memory: `500m`, `0.5`, `2`, `2Gi`, `512M`. */

function parseVersion(version: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? match.slice(1).map(Number) : undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

function toKubernetesResources(r: IstiodResources): object {
  const limits = {
    ...(r.cpuLimit !== undefined ? { cpu: r.cpuLimit } : {}),
    ...(r.memoryLimit !== undefined ? { memory: r.memoryLimit } : {}),
  };
  return {
    requests: { cpu: r.cpuRequest, memory: r.memoryRequest },
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}
