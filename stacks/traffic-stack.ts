import { Construct } from "constructs";
import { Aspects, TerraformOutput, TerraformStack, Token, dependable } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { DataAzurermUserAssignedIdentity } from "@cdktf/provider-azurerm/lib/data-azurerm-user-assigned-identity";
import { GatewayTls } from "../lib/gateway/gateway-tls";
import { ApplicationGateway, BackendProtocol } from "../lib/edge/application-gateway";
import { edgeCoverageProblems } from "./private/edge-coverage";
import { GatewayMode } from "../lib/core/gateway-mode";
import { SharedGateway, SharedGatewayProps } from "../lib/gateway/shared-gateway";
import { HealthResponder } from "../lib/gateway/health-responder";
import { Tenant, TenantProps } from "../lib/tenancy/tenant";
import { HostnameAdmissionPolicy } from "../lib/tenancy/hostname-admission-policy";
import { PlatformPrincipals, TenantGuardrailPolicy } from "../lib/tenancy/tenant-guardrail-policy";
import { IstioAmbient, IstioAmbientProps } from "../lib/mesh/istio-ambient";
import { ClusterCredentials } from "./cluster-credentials";
import { checkRouteCheck, routeCheckProblems, routeChecksOutputValue, tenantHostnamesOutputValue, tenantsOf } from "./route-checks";
import { connectToCluster } from "./private/cluster-connection";
import { createTenant } from "./private/add-tenant";
import { addTenantDnsRecords } from "./private/tenant-dns";
import { DnsZoneRef } from "../lib/edge/dns-records";
import { ValidationError } from "../lib/core/errors";
import { show } from "../lib/core/show";
import { resourceGroupNameProblem, subscriptionIdProblem } from "../lib/core/azure-names";
import { PlatformStack } from "./platform-stack";
import { PlatformPolicy } from "../lib/policy/platform-policy";
import { StateBackend } from "./state-backend";

/** Where the cluster is, as the Kubernetes stacks (traffic and tenant stacks) find it: by name, not by reference. */
export interface ClusterLocation {
  /** Name of the AKS cluster. */
  readonly clusterName: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /**
   * Subscription of the cluster.
   *
   * @default - the `ARM_SUBSCRIPTION_ID` environment variable
   */
  readonly subscriptionId?: string;
}

/** Where tenant DNS records go and what they alias: the zone, and the Application Gateway's public IP by name. */
export interface TenantDnsPlan {
  /** The zone of the records. */
  readonly zone: DnsZoneRef;
  /** Name of the Application Gateway's public IP (`pip-agw-<prefix>`). */
  readonly publicIpName: string;
  /** Resource group of the public IP. */
  readonly publicIpResourceGroupName: string;
}

/** A request the post-deploy verifier sends through the public endpoint, and what it expects back. */
export interface RouteCheck {
  /** Name printed in the verifier's PASS/FAIL line; unique in the stack. */
  readonly name: string;
  /** Host header: a hostname a tenant owns, or the gateway's private IP for the health route. */
  readonly host: string;
  /** Request path (absolute, optionally with a query string), inside a path the host's tenant owns. */
  readonly path: string;
  /**
   * Expected HTTP status (100–599).
   *
   * @default 200
   */
  readonly expectStatus?: number;
  /**
   * A substring the body must contain (not empty).
   *
   * @default - The body is not checked.
   */
  readonly expectBodyContains?: string;
}

/**
 * An AKS cluster and gateway subnet that exist already (another Terraform project, Bicep, the portal).
 * The cluster must have the Managed Gateway API installation and, in app-routing mode, app-routing Istio
 * turned on (what `GatewayApiEnablement` does), and its identity needs Network Contributor on the subnet.
 */
export interface ExistingPlatform {
  /** Name of the AKS cluster. */
  readonly clusterName: string;
  /** Resource group of the AKS cluster. */
  readonly resourceGroupName: string;
  /**
   * Which Istio implements the Gateway API on the cluster.
   *
   * @default GatewayMode.APP_ROUTING_ISTIO
   */
  readonly gatewayMode?: GatewayMode;
  /** Static private IP for the gateway's internal load balancer, inside the gateway subnet. */
  readonly gatewayAddress: string;
  /** Name of the subnet (in the cluster's VNet) for the gateway's internal load balancer. */
  readonly gatewaySubnetName: string;
  /**
   * Subscription of the cluster.
   *
   * @default - The `ARM_SUBSCRIPTION_ID` environment variable
   */
  readonly subscriptionId?: string;
  /**
   * Kubernetes version of the cluster (`1.34` or `1.34.2`): it decides the Gateway API bundle AKS installs,
   * which the Gateway and every route are validated against, and (self-managed mode) the Istio releases that
   * support the cluster.
   *
   * @default - unknown: the oldest bundle AKS installs (v1.2.1, Kubernetes 1.26–1.33)
   */
  readonly kubernetesVersion?: string;
}

/** An ExistingPlatform with its defaults applied. */
type ResolvedPlatform = Required<Omit<ExistingPlatform, "subscriptionId" | "kubernetesVersion">> &
  Pick<ExistingPlatform, "subscriptionId" | "kubernetesVersion">;

/**
 * Configuration of the Kubernetes stack.
 */
export interface TrafficStackConfig {
  /**
   * The Azure side this stack builds on: the `PlatformStack` of the same app (deployed first; its cluster and the
   * other Azure facts this stack needs are read by their literal names, not from its state), or an
   * `ExistingPlatform` deployed some other way.
   */
  readonly platform: PlatformStack | ExistingPlatform;
  /**
   * How the Kubernetes and Helm providers authenticate.
   *
   * @default ClusterCredentials.kubelogin(KubeloginMode.AZURE_CLI)
   */
  readonly credentials?: ClusterCredentials;
  /**
   * Options of the shared Gateway.
   *
   * @default - See `SharedGateway` (namespace gateway-system, HTTP listener, ETP Local, HPA 2-5)
   */
  readonly gateway?: Omit<SharedGatewayProps, "gatewayMode" | "address" | "subnetName" | "kubernetesVersion">;
  /**
   * Options of the self-managed Istio ambient install; used only when the cluster's gateway mode is
   * `GatewayMode.SELF_MANAGED_ISTIO`.
   *
   * @default - See `IstioAmbient`
   */
  readonly istio?: IstioAmbientProps;
  /**
   * Who may add, change or remove the Gateway admission label on namespaces (see `TenantGuardrailPolicy`).
   *
   * @default - ServiceAccounts and a namespace's own tenant owners are denied; cluster administrators may
   */
  readonly platformPrincipals?: PlatformPrincipals;
  /**
   * An Azure DNS zone for tenant hostnames: every tenant (here or in a tenant stack) gets alias A records for its
   * hostnames inside the zone, pointing at the Application Gateway's public IP, created in the tenant's own stack
   * (adding a tenant never touches the platform stack). Needs the platform to be a `PlatformStack`. The identity
   * running Terraform needs "DNS Zone Contributor" on the zone.
   *
   * @default - no DNS records; publish the hostnames yourself
   * @see https://learn.microsoft.com/azure/dns/dns-alias
   */
  readonly dnsZone?: DnsZoneRef;
  /**
   * Where Terraform state lives; use the same kind as the platform stack.
   *
   * @default StateBackend.local()
   */
  readonly backend?: StateBackend;
}

/**
 * The Kubernetes half of the platform: the shared Gateway, the health responder and its route, the
 * hostname admission and tenant guardrail policies, the tenants, and (in self-managed mode) Istio ambient.
 *
 * It is a separate stack because `kubernetes_manifest` needs the API server and the Gateway API CRDs at
 * plan time, and AKS installs those CRDs only when the platform stack has updated the cluster. It finds the
 * cluster by name through a data source, so it needs no access to the platform's state and no credential is an output.
 */
export class TrafficStack extends TerraformStack {
  /** The shared Gateway every tenant routes through. */
  public readonly gateway: SharedGateway;
  /** The `/healthz` responder the Application Gateway probes. */
  public readonly healthResponder: HealthResponder;
  /** The admission policy that holds kubectl-made HTTPRoutes to their tenant's hostnames and paths. */
  public readonly admissionPolicy: HostnameAdmissionPolicy;
  /** The admission policy that keeps tenant owners from undoing their namespace's guardrails. */
  public readonly guardrailPolicy: TenantGuardrailPolicy;
  /** The self-managed Istio ambient install, in `GatewayMode.SELF_MANAGED_ISTIO`. */
  public readonly istio?: IstioAmbient;
  /** Where the cluster is; tenant stacks connect to it the same way. */
  public readonly cluster: ClusterLocation;
  /** How this stack (and its tenant stacks) authenticate to the cluster. */
  public readonly credentials: ClusterCredentials;
  /** Which Istio implements the Gateway API on the cluster. */
  public readonly gatewayMode: GatewayMode;
  /** Static private IP of the gateway's internal load balancer. */
  public readonly gatewayAddress: string;
  /**
   * Host of the verifier's health route check: the gateway's IP, or the Application Gateway probe's host name when
   * it re-encrypts (its backend certificate check needs a name the Gateway's certificate covers).
   */
  public readonly healthCheckHost: string;
  /** Where tenant DNS records go, with `dnsZone`. */
  public readonly dns?: TenantDnsPlan;
  private readonly tenantScope: Construct;
  private readonly tenants: Tenant[] = [];
  private readonly checks: RouteCheck[] = [];
  private readonly probeHost?: string;
  private readonly edge?: ApplicationGateway;

  constructor(scope: Construct, id: string, config: TrafficStackConfig) {
    super(scope, id);
    validateTrafficConfig(this, config);
    const platform = TrafficStack.platformOf(config.platform);
    if (config.platform instanceof PlatformStack) this.addDependency(config.platform);
    (config.backend ?? StateBackend.local()).bind(this);
    Aspects.of(this).add(new PlatformPolicy());
    this.credentials = config.credentials ?? ClusterCredentials.kubelogin();
    this.cluster = { clusterName: platform.clusterName, resourceGroupName: platform.resourceGroupName, subscriptionId: platform.subscriptionId };
    this.gatewayAddress = platform.gatewayAddress;
    const connection = connectToCluster(this, this.cluster, this.credentials);

    this.gatewayMode = platform.gatewayMode;
    if (this.gatewayMode === GatewayMode.SELF_MANAGED_ISTIO) {
      new HelmProvider(this, "helm", { kubernetes: connection });
      this.istio = new IstioAmbient(this, "Istio", { ...config.istio, kubernetesVersion: platform.kubernetesVersion });
    }
    this.gateway = new SharedGateway(this, "Gateway", {
      ...config.gateway,
      https: config.gateway?.https ?? this.platformGatewayTls(config.platform),
      gatewayMode: platform.gatewayMode,
      address: platform.gatewayAddress,
      subnetName: platform.gatewaySubnetName,
      kubernetesVersion: platform.kubernetesVersion,
    });
    if (this.istio) {
      // istiod must run before the Gateway it programs is created.
      this.gateway.resource.dependsOn = [...(this.gateway.resource.dependsOn ?? []), ...this.istio.releases.map((r) => dependable(r))];
    }
    this.tenantScope = new Construct(this, "Tenants");
    this.healthResponder = new HealthResponder(this, "Health", { gateway: this.gateway });
    this.admissionPolicy = new HostnameAdmissionPolicy(this, "HostnameAdmission", { gateway: this.gateway });
    this.guardrailPolicy = new TenantGuardrailPolicy(this, "TenantGuardrails", {
      gateway: this.gateway,
      platformPrincipals: config.platformPrincipals,
    });
    this.edge = config.platform instanceof PlatformStack ? config.platform.applicationGateway : undefined;
    this.probeHost = this.edge?.probeHost;
    // Re-encrypting, the Application Gateway checks the Gateway's certificate against the Host: the gateway's IP
    // would fail that check, the probe's host passes it.
    const reencrypts = config.platform instanceof PlatformStack && config.platform.applicationGateway.backendProtocol === BackendProtocol.HTTPS;
    this.healthCheckHost = reencrypts && this.probeHost !== undefined ? this.probeHost : platform.gatewayAddress;
    if (config.dnsZone && config.platform instanceof PlatformStack) {
      const edge = config.platform.applicationGateway;
      this.dns = { zone: config.dnsZone, publicIpName: edge.publicIpName, publicIpResourceGroupName: platform.resourceGroupName };
    }

    this.addRouteCheck({ name: "health /healthz/ready", host: this.healthCheckHost, path: "/healthz/ready" });
    this.node.addValidation({ validate: () => this.synthProblems() });
    this.addOutputs();
  }

  private addOutputs(): void {
    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description, staticId: true });
    output("gateway_name", this.gateway.gatewayName, "Name of the shared Gateway");
    output("gateway_namespace", this.gateway.gatewayNamespace, "Namespace of the shared Gateway");
    output("gateway_service_name", this.gateway.serviceName, "Service the gateway implementation generates");
    output(
      "gateway_external_traffic_policy",
      this.gateway.parameters.externalTrafficPolicy,
      "externalTrafficPolicy the gateway's Service declares (Local keeps the client IP)",
    );
    output("route_checks", routeChecksOutputValue(this.checks), "Requests the post-deploy verifier sends through the public endpoint");
    output(
      "tenant_hostnames",
      tenantHostnamesOutputValue(this.tenants),
      "Hostnames of this stack's tenants (the verifier checks each exact one's certificate and redirect)",
    );
  }

  /**
   * Adds a tenant attached to the shared Gateway. Its construct path is `Tenants/<name>`, so renaming a
   * tenant replaces its resources. In the self-managed Istio mode, tenants join the ambient mesh unless
   * `ambient: false` is given. A tenant may not own the Application Gateway probe's Host: its routes would
   * shadow the health route for that Host, and the probe would fail.
   */
  public addTenant(options: Omit<TenantProps, "gateway">): Tenant {
    const tenant = createTenant(this.tenantScope, options, this.gateway, this.gatewayMode);
    if (this.dns) addTenantDnsRecords(this, tenant, this.dns);
    this.tenants.push(tenant);
    return tenant;
  }

  /** Every tenant on this stack's gateway, in this stack or in tenant stacks of the app. */
  public get gatewayTenants(): readonly Tenant[] {
    return tenantsOf(this.gateway);
  }

  /** What can only be checked once every tenant (in any stack of the app) and route check exists. */
  private synthProblems(): string[] {
    const problems = routeCheckProblems(this, this.checks);
    if (this.edge) problems.push(...edgeCoverageProblems(this.edge, this.gatewayTenants));
    const probe = this.probeHost;
    if (probe !== undefined && !Token.isUnresolved(probe)) {
      for (const tenant of this.gatewayTenants.filter((t) => t.ownsHostname(probe))) {
        problems.push(
          `${tenant.node.path}: tenant ${JSON.stringify(tenant.tenantName)} owns ${JSON.stringify(probe)}, the Host the ` +
            `Application Gateway probe sends. A tenant route on that hostname takes precedence over the hostname-less ` +
            `health route, so the probe would reach the tenant and may mark the whole gateway unhealthy. Give the probe ` +
            `another host (edge.probe host), or the tenant other hostnames.`,
        );
      }
    }
    return problems;
  }

  /**
   * The Gateway's Key Vault certificate that a PlatformStack with `gatewayTls` provisioned: the identity's client
   * ID is read by its literal name (data source `GatewayCertificateIdentity`), not through the platform's state.
   */
  private platformGatewayTls(platform: PlatformStack | ExistingPlatform): GatewayTls | undefined {
    const certificate = platform instanceof PlatformStack ? platform.gatewayCertificate : undefined;
    if (!certificate) return undefined;
    const identity = new DataAzurermUserAssignedIdentity(this, "GatewayCertificateIdentity", {
      name: certificate.identityName,
      resourceGroupName: certificate.resourceGroupName,
    });
    return GatewayTls.fromKeyVault({
      certificateUri: certificate.certificateUri,
      dnsNames: certificate.dnsNames,
      identityClientId: identity.clientId,
      serviceAccountName: certificate.serviceAccountName,
    });
  }

  /** The platform facts this stack needs, from a PlatformStack (its literal names) or as given. */
  private static platformOf(platform: PlatformStack | ExistingPlatform): ResolvedPlatform {
    if (platform instanceof PlatformStack) {
      return {
        clusterName: platform.cluster.clusterName,
        resourceGroupName: platform.resourceGroupName,
        gatewayMode: platform.cluster.gatewayMode,
        gatewayAddress: platform.network.gatewayAddress,
        gatewaySubnetName: platform.network.gatewaySubnet.subnetName,
        subscriptionId: platform.subscriptionId,
        kubernetesVersion: platform.cluster.kubernetesVersion,
      };
    }
    return { ...platform, gatewayMode: platform.gatewayMode ?? GatewayMode.APP_ROUTING_ISTIO };
  }

  /** Every tenant added with `addTenant`. */
  public get allTenants(): readonly Tenant[] {
    return this.tenants;
  }

  /**
   * Declares a request the post-deploy verifier (`cdktf-aks-gateway verify`) sends and checks. The check's
   * fields are checked now; at synth, its host and path must land on a tenant's routes (or, for the gateway's
   * IP, on the health route), or synth fails naming the check.
   */
  public addRouteCheck(check: RouteCheck): void {
    checkRouteCheck(this, check, this.checks);
    this.checks.push(check);
  }

  /** The declared route checks. */
  public get routeChecks(): readonly RouteCheck[] {
    return this.checks;
  }
}

/** Checks the config before anything is created: the names of an existing platform and props the stack sets. */
function validateTrafficConfig(stack: TrafficStack, config: TrafficStackConfig): void {
  const fail = (message: string): never => {
    throw new ValidationError(stack, message);
  };
  const given = config.gateway as Record<string, unknown> | undefined;
  const hidden = ["gatewayMode", "address", "subnetName", "kubernetesVersion"].find((k) => given?.[k] !== undefined);
  if (hidden !== undefined) {
    fail(
      `gateway.${hidden} is set by TrafficStack itself (from the platform), got ${show(given![hidden])}. Remove it` +
        (hidden === "kubernetesVersion" ? "; declare the version on the platform (AksCluster or ExistingPlatform)." : "."),
    );
  }
  if (config.dnsZone && !(config.platform instanceof PlatformStack)) {
    fail(
      `dnsZone ${show(config.dnsZone.zoneName)} needs the platform to be a PlatformStack of this app (the records alias ` +
        `its Application Gateway's public IP). With an existing platform, publish the hostnames with your own records.`,
    );
  }
  if (config.platform instanceof PlatformStack) {
    const certificate = config.platform.gatewayCertificate;
    if (certificate && given?.https !== undefined) {
      fail(
        `gateway.https is set by the platform's gatewayTls (the Key Vault certificate ${show(certificate.certificateUri)}). ` +
          `Remove gateway.https, or gatewayTls from the platform stack.`,
      );
    }
    const namespace = config.gateway?.namespace ?? SharedGateway.DEFAULT_NAMESPACE;
    if (certificate && !Token.isUnresolved(namespace) && namespace !== certificate.gatewayNamespace) {
      fail(
        `gateway.namespace is ${show(namespace)}, but the platform's gatewayTls federates the certificate identity with ` +
          `ServiceAccounts in ${show(certificate.gatewayNamespace)}; the add-on could not read the certificate. Set ` +
          `gatewayTls.gatewayNamespace to ${show(namespace)} on the platform stack, or use the same namespace here.`,
      );
    }
    return;
  }
  const existing = config.platform;
  const check = (field: string, value: string | undefined, problem: (v: string) => string | undefined) => {
    const issue = value === undefined || Token.isUnresolved(value) ? undefined : problem(value);
    if (issue) fail(`platform.${field} ${show(value)} ${issue}.`);
  };
  check("clusterName", existing.clusterName, aksNameProblem);
  check("resourceGroupName", existing.resourceGroupName, resourceGroupNameProblem);
  check("subscriptionId", existing.subscriptionId, subscriptionIdProblem);
  check("kubernetesVersion", existing.kubernetesVersion, (v) =>
    /^1\.(\d+)(\.\d+)?$/.test(v) && Number(v.split(".")[1]) >= 26
      ? undefined
      : 'must be a Kubernetes version 1.26 or later, as "1.34" or "1.34.2" (the Managed Gateway API needs 1.26+)',
  );
}

/** AKS cluster names: 1-63 letters, digits, '-' and '_', starting and ending with a letter or digit. */
function aksNameProblem(value: string): string | undefined {
  return /^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/.test(value)
    ? undefined
    : "is not an AKS cluster name (1-63 letters, digits, '-' and '_', starting and ending with a letter or digit)";
}
