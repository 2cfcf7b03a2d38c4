import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { ValidationError, show } from "../private/errors";
import { validatedGatewayApiManifest } from "../private/manifest";
import { GatewayApiBundle, gatewayApiBundleForKubernetes } from "../private/gateway-api/bundles";
import { ISharedGateway } from "./gateway-ref";
import {
  ExternalTrafficPolicy,
  GatewayAutoscaling,
  GatewayDisruptionBudget,
  GatewayParameters,
} from "./gateway-parameters";
import { dnsLabelProblem } from "../private/validation";
import { isIpv4 } from "../private/cidr";
import { claimNamespace, reservedNamespaceProblem } from "../private/namespaces";
import { GatewayMode, gatewayClassNameOf } from "../core/gateway-mode";
import { FLOATING_IP_OFF_ANNOTATION, INTERNAL_LB_ANNOTATION } from "../private/annotations";
import { GATEWAY_ADMISSION_LABEL } from "../core/tenant-metadata";
import { GatewayTls } from "./gateway-tls";
import { gatewayTlsProblems, keyVaultSecretName, uncoveredHostnames } from "./private/gateway-tls-checks";
import { AppRegistry, Taken } from "../private/app-registry";

/** Properties of {@link SharedGateway}. */
export interface SharedGatewayProps {
  /**
   * Which Istio implements the Gateway API on the cluster; it decides the GatewayClass the Gateway uses
   * (`approuting-istio` or `istio`). `IAksCluster.gatewayMode` gives it.
   */
  readonly gatewayMode: GatewayMode;
  /**
   * Static private IPv4 address of the gateway's internal load balancer, inside `subnetName`
   * (`INetwork.gatewayAddress`). Pinned with the `azure-load-balancer-ipv4` annotation.
   *
   * @see https://learn.microsoft.com/azure/aks/internal-lb
   */
  readonly address: string;
  /**
   * Name of the subnet, in the cluster's virtual network, that holds the internal load balancer
   * (`INetwork.gatewaySubnet.subnetName`). The cluster identity needs Network Contributor on it.
   *
   * @see https://learn.microsoft.com/azure/aks/internal-lb
   */
  readonly subnetName: string;
  /**
   * Name of the Gateway object. The generated Deployment and Service are named `<name>-<gatewayClassName>`.
   *
   * @default "shared-gateway"
   */
  readonly name?: string;
  /**
   * Namespace of the Gateway and its Envoy pods. It is created here, so it must not exist yet.
   *
   * @default "gateway-system"
   */
  readonly namespace?: string;
  /**
   * Adds an `https` listener on port 443 that terminates TLS with this certificate, and makes it the only
   * listener routes attach to: the `http` listener (port 80) then serves one route, a `301` redirect to HTTPS, so
   * plain HTTP never reaches a tenant. Every tenant hostname on the Gateway must be covered by the certificate's
   * `dnsNames`, or synth fails. `PlatformStack` sets it up end to end (Key Vault certificate, identity, the
   * Application Gateway re-encrypting to port 443) when given `gatewayTls`.
   *
   * @default - HTTP listener on port 80 only; routes attach to it
   * @see https://gateway-api.sigs.k8s.io/guides/tls/
   */
  readonly https?: GatewayTls;
  /**
   * Scaling of the gateway's Envoy pods.
   *
   * @default - 2 to 5 pods at 80 % CPU
   * @see https://learn.microsoft.com/azure/aks/istio-gateway-api
   */
  readonly autoscaling?: GatewayAutoscaling;
  /**
   * PodDisruptionBudget of the gateway's Envoy pods.
   *
   * @default - `minAvailable: 1`
   */
  readonly disruptionBudget?: GatewayDisruptionBudget;
  /**
   * External traffic policy of the gateway's load-balanced Service. `LOCAL` keeps the client source IP and
   * lets the Azure load balancer probe kube-proxy's health check node port; `CLUSTER` on class `istio`
   * leaves the load balancer probing `GET /`, which Envoy answers with 404, so `PlatformPolicy` rule AKSGW-10
   * fails synth unless suppressed with a reason.
   *
   * @default ExternalTrafficPolicy.LOCAL
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Kubernetes version of the cluster (`1.34` or a patch such as `1.34.2`). It decides the Gateway API bundle
   * AKS installs (v1.2.1 on 1.26–1.33, v1.3.0 on 1.34, v1.4.1 on 1.35, v1.5.1 on 1.36+), and the Gateway and
   * every route on it are validated at synth against that bundle's CRD schemas: a field the bundle lacks fails
   * with the version that brings it.
   *
   * @default - unknown: the oldest bundle AKS installs (v1.2.1), so only what every supported cluster has is allowed
   * @see https://learn.microsoft.com/azure/aks/managed-gateway-api
   */
  readonly kubernetesVersion?: string;
  /**
   * Extra annotations for the resources generated for the Gateway (`spec.infrastructure.annotations`), e.g.
   * `service.beta.kubernetes.io/azure-allowed-ip-ranges`. The three internal load balancer annotations are
   * always set and cannot be overridden; Gateway API allows 8 annotations in all.
   *
   * @default - only the internal load balancer annotations
   * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
   */
  readonly infrastructureAnnotations?: { [key: string]: string };
}

const INTERNAL_LB_SUBNET = "service.beta.kubernetes.io/azure-load-balancer-internal-subnet";
const LB_IPV4 = "service.beta.kubernetes.io/azure-load-balancer-ipv4";

/**
 * One Gateway shared by every tenant, on a static private IP of an Azure internal load balancer.
 *
 * Creates the Gateway's namespace, the per-Gateway parameters ConfigMap ({@link GatewayParameters}) and the
 * Gateway (`kubernetes_manifest`). Listeners are `http` (80) and, with {@link SharedGatewayProps.https},
 * `https` (443, Terminate), without hostnames; with HTTPS, routes attach to `https` only and an HTTPRoute in the
 * Gateway's namespace redirects all of `http` to HTTPS. A Key Vault certificate also brings the ServiceAccount the
 * app-routing add-on reads it with. Routes attach only from namespaces carrying the Gateway's
 * admission label ({@link SharedGateway.admissionLabels}: `cdktf-aks-gateway/gateway: <namespace>.<name>`), which
 * only the platform sets (`TenantGuardrailPolicy` guards it), and only as HTTPRoutes and GRPCRoutes; `from: All` is never used.
 * Because the listeners select on a label, adding or removing a tenant never changes the Gateway.
 *
 * Construct ids: `Namespace`, `Parameters`, `Resource` (the Gateway); with HTTPS `HttpsRedirect`, and with a Key
 * Vault certificate `CertificateServiceAccount`.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 * @see https://gateway-api.sigs.k8s.io/guides/multiple-ns/
 */
export class SharedGateway extends Construct implements ISharedGateway {
  /**
   * How long an apply waits for the Gateway to report `Programmed=True` (its load balancer has the IP).
   * Role assignments made in the same deploy can take minutes to reach the cloud provider.
   */
  public static readonly PROGRAMMED_TIMEOUT = "20m";
  /** Default name of the Gateway. */
  public static readonly DEFAULT_NAME = "shared-gateway";
  /** Default namespace of the Gateway. */
  public static readonly DEFAULT_NAMESPACE = "gateway-system";
  /** Name of the plain HTTP listener (port 80), present on every shared Gateway. */
  public static readonly HTTP_LISTENER = "http";
  /** Name of the TLS listener (port 443), present when `https` is set. */
  public static readonly HTTPS_LISTENER = "https";
  /** Status code of the HTTP-to-HTTPS redirect (permanent, so clients and caches remember it). */
  public static readonly REDIRECT_STATUS = 301;
  /** Gateway API limit on `spec.infrastructure.annotations`. */
  public static readonly MAX_INFRASTRUCTURE_ANNOTATIONS = 8;

  /** Name of the Gateway object. */
  public readonly gatewayName: string;
  /** Namespace of the Gateway and its Envoy pods. */
  public readonly gatewayNamespace: string;
  /**
   * Names of the listeners routes attach to (as `sectionName`): `http` without TLS; with TLS only `https`, since
   * the `http` listener serves nothing but the redirect to HTTPS.
   */
  public readonly listenerNames: string[];
  /** Ports of the Gateway's listeners: 80, and 443 with TLS. */
  public readonly listenerPorts: number[];
  /** The certificate of the `https` listener, when TLS is on. */
  public readonly tls?: GatewayTls;
  /** The ServiceAccount the app-routing add-on reads a Key Vault certificate with (`GatewayTls.fromKeyVault`). */
  public readonly certificateServiceAccount?: ServiceAccountV1;
  /** The HTTPRoute that redirects the `http` listener to HTTPS, when TLS is on. */
  public readonly httpsRedirect?: Manifest;
  /** GatewayClass of the Gateway. */
  public readonly gatewayClassName: string;
  /** Which Istio implements the Gateway. */
  public readonly gatewayMode: GatewayMode;
  /** Static private IP of the gateway's internal load balancer. */
  public readonly address: string;
  /** Name of the Service generated for the Gateway: `<name>-<gatewayClassName>`. */
  public readonly serviceName: string;
  /** The label every namespace whose routes may attach carries: `cdktf-aks-gateway/gateway: <namespace>.<name>`. */
  public readonly admissionLabels: { readonly [key: string]: string };
  /** Gateway API bundle the cluster runs (`v1.2.1` … `v1.5.1`), from `kubernetesVersion`; routes are validated against it. */
  public readonly gatewayApiVersion: string;
  /** The parameters ConfigMap referenced by `spec.infrastructure.parametersRef`. */
  public readonly parameters: GatewayParameters;
  /** The `kubernetes_namespace_v1` of the Gateway. */
  public readonly namespaceResource: NamespaceV1;
  /** The Gateway's `kubernetes_manifest`. */
  public readonly resource: Manifest;

  private readonly bundle: GatewayApiBundle;
  private readonly annotations: { [key: string]: string };

  constructor(scope: Construct, id: string, props: SharedGatewayProps) {
    super(scope, id);
    this.gatewayName = props.name ?? SharedGateway.DEFAULT_NAME;
    this.gatewayNamespace = props.namespace ?? SharedGateway.DEFAULT_NAMESPACE;
    this.gatewayMode = props.gatewayMode;
    this.gatewayClassName = gatewayClassNameOf(props.gatewayMode);
    this.address = props.address;
    this.tls = props.https;
    this.annotations = {
      ...(props.infrastructureAnnotations ?? {}),
      [INTERNAL_LB_ANNOTATION]: "true",
      [INTERNAL_LB_SUBNET]: props.subnetName,
      [LB_IPV4]: props.address,
    };
    this.validate(props);
    this.bundle = bundleFor(this, props.kubernetesVersion);
    this.gatewayApiVersion = this.bundle.version;
    claimNamespace(this, this, this.gatewayNamespace, "the shared Gateway");

    const externalTrafficPolicy = props.externalTrafficPolicy ?? GatewayParameters.DEFAULT_EXTERNAL_TRAFFIC_POLICY;

    this.listenerNames = this.tls ? [SharedGateway.HTTPS_LISTENER] : [SharedGateway.HTTP_LISTENER];
    this.listenerPorts = this.tls ? [80, 443] : [80];
    // Istio names the generated Deployment and Service `<gateway>-<GatewayClass>` (FACTS §6).
    this.serviceName = `${this.gatewayName}-${this.gatewayClassName}`;
    this.admissionLabels = { [GATEWAY_ADMISSION_LABEL]: `${this.gatewayNamespace}.${this.gatewayName}` };

    this.namespaceResource = new NamespaceV1(this, "Namespace", {
      metadata: {
        name: this.gatewayNamespace,
        labels: {
          "app.kubernetes.io/part-of": "cdktf-aks-gateway",
          // Envoy pods generated by Istio meet baseline; restricted is reported, not enforced (unverified
          // that every Istio version sets the seccomp profile restricted requires).
          "pod-security.kubernetes.io/enforce": "baseline",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/audit": "restricted",
          ...this.admissionLabels,
        },
      },
    });

    this.certificateServiceAccount = this.createCertificateServiceAccount();

    this.parameters = new GatewayParameters(this, "Parameters", {
      name: `${this.gatewayName}-parameters`,
      namespace: this.namespaceResource.metadata.name,
      listenerPorts: this.listenerPorts,
      externalTrafficPolicy,
      autoscaling: props.autoscaling,
      disruptionBudget: props.disruptionBudget,
    });

    this.resource = new Manifest(this, "Resource", {
      manifest: this.renderGateway(),
      dependsOn: [this.namespaceResource, this.parameters.resource, ...(this.certificateServiceAccount ? [this.certificateServiceAccount] : [])],
      // Apply fails visibly when the internal load balancer cannot get its IP (taken, outside the subnet,
      // missing Network Contributor) instead of succeeding with a Gateway that never serves.
      wait: { condition: [{ type: "Programmed", status: "True" }] },
      timeouts: { create: SharedGateway.PROGRAMMED_TIMEOUT, update: SharedGateway.PROGRAMMED_TIMEOUT },
    });
    if (this.tls) this.httpsRedirect = this.createHttpsRedirect();
    this.node.addValidation({ validate: () => this.coverageProblems() });
  }

  /** The ServiceAccount of `GatewayTls.fromKeyVault`, bound by workload identity to the identity that reads the vault. */
  private createCertificateServiceAccount(): ServiceAccountV1 | undefined {
    const keyVault = this.tls?.keyVault;
    if (!keyVault) return undefined;
    return new ServiceAccountV1(this, "CertificateServiceAccount", {
      metadata: {
        name: keyVault.serviceAccountName ?? GatewayTls.DEFAULT_SERVICE_ACCOUNT,
        namespace: this.namespaceResource.metadata.name,
        annotations: { "azure.workload.identity/client-id": keyVault.identityClientId },
        labels: { "azure.workload.identity/use": "true", "app.kubernetes.io/part-of": "cdktf-aks-gateway" },
      },
      // The add-on requests tokens for it through the TokenRequest API; no pod mounts it.
      automountServiceAccountToken: false,
    });
  }

  /** The only route on the `http` listener: a redirect of every request to the same URL over HTTPS. */
  private createHttpsRedirect(): Manifest {
    const route = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: `${this.gatewayName}-https-redirect`, namespace: this.gatewayNamespace },
      spec: {
        parentRefs: [{ name: this.gatewayName, sectionName: SharedGateway.HTTP_LISTENER }],
        rules: [
          {
            filters: [
              { type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: SharedGateway.REDIRECT_STATUS } },
            ],
          },
        ],
      },
    };
    return new Manifest(this, "HttpsRedirect", {
      manifest: validatedGatewayApiManifest(this, route, this.bundle),
      dependsOn: [this.resource],
    });
  }

  /** Tenant hostnames on this Gateway that its certificate does not cover. */
  private coverageProblems(): string[] {
    if (!this.tls) return [];
    const tenants = AppRegistry.of(this).membersOf<TenantLike>(Taken.TENANT, this);
    return tenants.flatMap((tenant) =>
      uncoveredHostnames(this.tls!.dnsNames, tenant.hostnames).map(
        (hostname) =>
          `${tenant.node.path}: tenant hostname ${JSON.stringify(hostname)} is not covered by the Gateway's certificate ` +
          `(dnsNames ${JSON.stringify(this.tls!.dnsNames)} of ${this.node.path}); clients and the Application Gateway ` +
          `would reject the TLS handshake. Add ${JSON.stringify(hostname)} (or a wildcard one label above it) to the ` +
          `certificate and its dnsNames, or give the tenant a covered hostname.`,
      ),
    );
  }

  private renderGateway(): { [key: string]: any } {
    const allowedRoutes = {
      namespaces: {
        from: "Selector" as const,
        selector: { matchLabels: { ...this.admissionLabels } },
      },
      // GRPCRoute is standard in every bundle AKS installs; admitting it always keeps the Gateway unchanged when a
      // tenant (perhaps in its own stack) adds one.
      kinds: [
        { group: "gateway.networking.k8s.io", kind: "HTTPRoute" },
        { group: "gateway.networking.k8s.io", kind: "GRPCRoute" },
      ],
    };
    const listeners: any[] = [
      { name: SharedGateway.HTTP_LISTENER, protocol: "HTTP", port: 80, allowedRoutes },
    ];
    if (this.tls) {
      // With TLS, routes attach only to `https`; `http` admits only the redirect route from the Gateway's namespace.
      listeners[0].allowedRoutes = { namespaces: { from: "Same" }, kinds: [allowedRoutes.kinds[0]] };
      listeners.push({ name: SharedGateway.HTTPS_LISTENER, protocol: "HTTPS", port: 443, tls: this.renderTls(this.tls), allowedRoutes });
    }
    const infrastructure = {
      annotations: this.annotations,
      parametersRef: { group: "", kind: "ConfigMap", name: this.parameters.configMapName },
    };
    const gateway = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: this.gatewayName, namespace: this.gatewayNamespace },
      spec: { gatewayClassName: this.gatewayClassName, infrastructure, listeners },
    };
    return validatedGatewayApiManifest(this, gateway, this.bundle);
  }

  /**
   * The `https` listener's `tls`. For a Key Vault certificate, `certificateRefs` names the Secret the add-on
   * creates and writes into this same field (`kv-gw-cert-<gateway>-<listener>`), so Terraform and the add-on
   * apply the same value: no drift on plan, and no server-side-apply conflict between the two field managers.
   */
  private renderTls(tls: GatewayTls): { [key: string]: unknown } {
    const secretName = tls.keyVault ? keyVaultSecretName(this.gatewayName, SharedGateway.HTTPS_LISTENER) : tls.secretName;
    const rendered: { [key: string]: unknown } = {
      mode: "Terminate",
      certificateRefs: [{ group: "", kind: "Secret", name: secretName }],
    };
    if (tls.keyVault) {
      rendered.options = {
        "kubernetes.azure.com/tls-cert-keyvault-uri": tls.keyVault.certificateUri,
        "kubernetes.azure.com/tls-cert-service-account": tls.keyVault.serviceAccountName ?? GatewayTls.DEFAULT_SERVICE_ACCOUNT,
      };
    }
    return rendered;
  }

  private validate(props: SharedGatewayProps): void {
    this.validateNames(props);
    this.validatePlacement(props);
    const tlsProblem = props.https ? gatewayTlsProblems(props.https, props.gatewayMode)[0] : undefined;
    if (tlsProblem) throw new ValidationError(this, `https: ${tlsProblem}`);
    this.validateAnnotations(props);
  }

  /** The Gateway's name and namespace, and the names derived from them (Service, admission label value). */
  private validateNames(props: SharedGatewayProps): void {
    const name = this.gatewayName;
    if (!Token.isUnresolved(name) && dnsLabelProblem(name) !== undefined) {
      throw new ValidationError(
        this,
        `name must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters, starting and ` +
          `ending with a letter or digit), got ${show(name)}.`,
      );
    }
    if (!Token.isUnresolved(this.gatewayNamespace) && dnsLabelProblem(this.gatewayNamespace) !== undefined) {
      throw new ValidationError(
        this,
        `namespace must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), ` +
          `got ${show(this.gatewayNamespace)}.`,
      );
    }
    const reserved = Token.isUnresolved(this.gatewayNamespace) ? undefined : reservedNamespaceProblem(this.gatewayNamespace);
    if (reserved) {
      throw new ValidationError(this, `namespace ${reserved}. Use a namespace of its own, e.g. ${show(SharedGateway.DEFAULT_NAMESPACE)}.`);
    }
    const cls = gatewayClassNameOf(props.gatewayMode);
    if (!Token.isUnresolved(name) && !Token.isUnresolved(cls)) {
      const service = `${name}-${cls}`;
      if (service.length > 63 || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(service)) {
        throw new ValidationError(
          this,
          `the generated Service name ${show(service)} (<name>-<gatewayClassName>) must be a DNS-1035 label: at ` +
            `most 63 characters, starting with a letter (it has ${service.length}). Choose a shorter name that ` +
            `starts with a letter.`,
        );
      }
    }
    const admission = `${this.gatewayNamespace}.${name}`;
    if (!Token.isUnresolved(admission) && admission.length > 63) {
      throw new ValidationError(
        this,
        `namespace and name ${show(admission)} make ${admission.length} characters, but the admission label value ` +
          `(<namespace>.<name>) allows at most 63. Shorten the Gateway's name or namespace.`,
      );
    }
  }

  /** The internal load balancer's address and subnet. */
  private validatePlacement(props: SharedGatewayProps): void {
    if (!Token.isUnresolved(props.address) && !isIpv4(props.address)) {
      throw new ValidationError(
        this,
        `address must be an IPv4 address such as "10.240.4.4" (the gateway's static private IP), got ` +
          `${show(props.address)}.`,
      );
    }
    if (!Token.isUnresolved(props.subnetName) && !isAzureSubnetName(props.subnetName)) {
      throw new ValidationError(
        this,
        `subnetName must be an Azure subnet name (1-80 letters, digits, '_', '.', '-', starting with a letter or ` +
          `digit and ending with a letter, digit or '_'), got ${show(props.subnetName)}. Pass the name, not the ID.`,
      );
    }
  }

  /** Extra infrastructure annotations: none the construct owns, none that break the path, within the limit. */
  private validateAnnotations(props: SharedGatewayProps): void {
    const extra = Object.keys(props.infrastructureAnnotations ?? {});
    const managed = extra.filter((k) => [INTERNAL_LB_ANNOTATION, INTERNAL_LB_SUBNET, LB_IPV4].includes(k));
    if (managed.length > 0) {
      throw new ValidationError(
        this,
        `infrastructureAnnotations must not set ${show(managed)}: the construct sets them from address and ` +
          `subnetName. Remove them.`,
      );
    }
    if (extra.includes(FLOATING_IP_OFF_ANNOTATION)) {
      throw new ValidationError(
        this,
        `infrastructureAnnotations must not set ${show(FLOATING_IP_OFF_ANNOTATION)}: without the load balancer's Floating IP, ` +
          `packets reach the nodes addressed to the node instead of the gateway IP, and the node subnet's NSG rule ` +
          `that admits only the Application Gateway subnet no longer applies. Remove the annotation.`,
      );
    }
    const dropped = extra.filter((k) => k.startsWith("gateway.networking.k8s.io/"));
    if (dropped.length > 0) {
      throw new ValidationError(
        this,
        `infrastructureAnnotations ${show(dropped)} use the reserved prefix "gateway.networking.k8s.io/", which ` +
          `implementations drop. Use another key.`,
      );
    }
    const count = Object.keys(this.annotations).length;
    if (count > SharedGateway.MAX_INFRASTRUCTURE_ANNOTATIONS) {
      throw new ValidationError(
        this,
        `spec.infrastructure.annotations allows at most ${SharedGateway.MAX_INFRASTRUCTURE_ANNOTATIONS} entries; ` +
          `the 3 internal load balancer annotations plus ${extra.length} in infrastructureAnnotations make ` +
          `${count}. Pass at most ${SharedGateway.MAX_INFRASTRUCTURE_ANNOTATIONS - 3} extra annotations.`,
      );
    }
  }
}

/** What the coverage check reads from a tenant (the gateway layer does not import the tenancy layer). */
interface TenantLike extends IConstruct {
  readonly hostnames: readonly string[];
}

function isAzureSubnetName(s: string): boolean {
  return /^[A-Za-z0-9]([A-Za-z0-9._-]{0,78}[A-Za-z0-9_])?$/.test(s);
}

/** The Gateway API bundle of the cluster's Kubernetes version (the oldest AKS installs when unknown). */
function bundleFor(scope: Construct, kubernetesVersion: string | undefined): GatewayApiBundle {
  const version = kubernetesVersion === undefined || Token.isUnresolved(kubernetesVersion) ? undefined : kubernetesVersion;
  try {
    return gatewayApiBundleForKubernetes(version);
  } catch (e) {
    throw new ValidationError(scope, `kubernetesVersion ${show(kubernetesVersion)}: ${(e as Error).message}.`);
  }
}
