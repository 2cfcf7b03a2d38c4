import { Construct } from "constructs";
import { Aspects, TerraformOutput, TerraformStack, Token } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { AzapiProvider } from "../lib/azapi/provider";
import { ExistingNetworkAttributes, Network, NetworkProps } from "../lib/network/network";
import { INetwork } from "../lib/network/network-ref";
import { ValidationError } from "../lib/core/errors";
import { show } from "../lib/core/show";
import { regionProblem, subscriptionIdProblem, tagProblems } from "../lib/core/azure-names";
import { AksCluster, AksClusterProps } from "../lib/cluster/aks-cluster";
import { ApplicationGateway, ApplicationGatewayProps, BackendProtocol } from "../lib/edge/application-gateway";
import { HealthProbe, HealthProbeKind } from "../lib/edge/health-probe";
import { PlatformPolicy } from "../lib/policy/platform-policy";
import { StateBackend } from "./state-backend";
import { provisionGatewayCertificate, GatewayCertificateInput } from "./private/gateway-certificate";
import { SharedGateway } from "../lib/gateway/shared-gateway";
import { LOG_ANALYTICS_WORKSPACE_ID, armIdProblem, certificateUriOfSecretId, keyVaultSecretIdProblem } from "../lib/core/azure-ids";

/**
 * HTTPS end to end: the shared Gateway's certificate, synced from Key Vault by the AKS app-routing add-on.
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
 */
export interface PlatformGatewayTlsConfig {
  /**
   * Resource ID of the Key Vault that holds the certificate. The vault must use the Azure RBAC permission model:
   * the gateway's identity gets "Key Vault Secrets User" on it.
   */
  readonly keyVaultId: string;
  /**
   * Versionless URI of the Gateway's certificate, `https://<vault>.vault.azure.net/certificates/<name>`; give
   * `dnsNames` with it. A certificate from a private CA also needs `edge.trustedRootCertificate`.
   *
   * @default - the Application Gateway's certificate (`edge.tls`): the same certificate at both hops
   */
  readonly certificateUri?: string;
  /**
   * DNS names the Gateway's certificate covers.
   *
   * @default - those of `edge.tls`, when `certificateUri` is left out
   */
  readonly dnsNames?: string[];
  /**
   * Namespace of the shared Gateway (the traffic stack's `gateway.namespace`): the identity trusts the
   * ServiceAccount there. The traffic stack fails synth when the two differ.
   *
   * @default "gateway-system"
   */
  readonly gatewayNamespace?: string;
}

/** What PlatformStack provisioned for the Gateway's Key Vault certificate; the traffic stack reads it. */
export interface PlatformGatewayCertificate {
  /** Versionless Key Vault certificate URI. */
  readonly certificateUri: string;
  /** DNS names the certificate covers. */
  readonly dnsNames: string[];
  /** Name of the user-assigned identity that reads the vault (the traffic stack reads its client ID by this name). */
  readonly identityName: string;
  /** Resource group of the identity. */
  readonly resourceGroupName: string;
  /** Namespace of the shared Gateway the federated credential trusts. */
  readonly gatewayNamespace: string;
  /** ServiceAccount the federated credential trusts. */
  readonly serviceAccountName: string;
}

/**
 * Configuration of the Azure stack. Everything has a default; the smallest config is `{}`.
 */
export interface PlatformStackConfig {
  /**
   * Azure region.
   *
   * @default "swedencentral"
   */
  readonly location?: string;
  /**
   * Prefix of every Azure name, so several platforms can share a subscription.
   *
   * @default "aksgw"
   */
  readonly namePrefix?: string;
  /**
   * Subscription to deploy into.
   *
   * @default - The `ARM_SUBSCRIPTION_ID` environment variable (azurerm 4.x requires one of the two).
   */
  readonly subscriptionId?: string;
  /**
   * Tags on the resource group.
   *
   * @default - `{ "managed-by": "cdktf-aks-gateway" }`
   */
  readonly tags?: { [key: string]: string };
  /**
   * Address plan of the VNet.
   *
   * @default - See `Network` (10.240.0.0/16 with nodes, gateway and Application Gateway subnets)
   */
  readonly network?: Omit<NetworkProps, "resourceGroup" | "namePrefix" | "gatewayPorts">;
  /**
   * Use an existing VNet and subnets instead of creating them (`Network.fromExisting`). Its NSGs are yours:
   * they must admit the Application Gateway subnet to the gateway subnet on the listener port it reaches (80, or
   * 443 with `gatewayTls` or an HTTPS backend; and 15021 when the edge probes Envoy's status port) and the Application Gateway v2 management traffic (GatewayManager 65200-65535).
   *
   * @default - A new VNet, see `network`
   */
  readonly existingNetwork?: ExistingNetworkAttributes;
  /**
   * AKS options.
   *
   * @default - See `AksCluster` (app-routing Istio, Entra ID + Azure RBAC, CNI overlay with Cilium)
   */
  readonly cluster?: Omit<AksClusterProps, "resourceGroup" | "network" | "namePrefix">;
  /**
   * Application Gateway options (TLS certificate, WAF, probe, capacity). The backend port is the shared
   * Gateway's HTTP listener, port 80.
   *
   * @default - See `ApplicationGateway` (WAF_v2, Prevention, DRS 2.1 + bot manager, HTTP only)
   */
  readonly edge?: Omit<
    ApplicationGatewayProps,
    "resourceGroup" | "subnet" | "backendAddress" | "backendPort" | "namePrefix" | "diagnostics"
  >;
  /**
   * HTTPS end to end. The Application Gateway (which needs `edge.tls`) re-encrypts to the shared Gateway's
   * `https` listener on port 443, whose certificate the AKS app-routing add-on syncs from Key Vault; the stack
   * turns on the cluster's Key Vault secrets provider and creates the identity that reads the vault (Key Vault
   * Secrets User, and a federated credential for the Gateway's ServiceAccount). The traffic stack puts the
   * certificate on the Gateway. Requires `GatewayMode.APP_ROUTING_ISTIO`.
   *
   * @default - TLS ends at the Application Gateway, which reaches the Gateway over HTTP inside the VNet
   * @see https://learn.microsoft.com/azure/aks/app-routing-gateway-api-dns-tls
   */
  readonly gatewayTls?: PlatformGatewayTlsConfig;
  /**
   * Create a Log Analytics workspace `log-<prefix>` (PerGB2018, 30 days) and send to it the Application Gateway's
   * access, performance and firewall logs and, by default, the cluster's Container Insights data and control-plane
   * logs (see `cluster.monitoring`; `cluster.defender` reports there too). Log Analytics bills ingestion per GB.
   *
   * @default false
   */
  readonly logAnalytics?: boolean;
  /**
   * Resource ID of an existing Log Analytics workspace to use as `logAnalytics` would use a new one. Not together
   * with `logAnalytics`.
   *
   * @default - none; see `logAnalytics`
   */
  readonly existingLogAnalyticsWorkspaceId?: string;
  /**
   * Where Terraform state lives.
   *
   * @default StateBackend.local()
   */
  readonly backend?: StateBackend;
}

/**
 * The Azure half of the platform: resource group, network, AKS with the Gateway API, Application Gateway
 * WAF_v2 in front of the gateway's static private IP, and optionally Log Analytics (created or brought), which
 * then receives the edge's logs and the cluster's Container Insights data and control-plane logs.
 *
 * The Application Gateway's backend is the literal gateway IP chosen by the network, so it does not depend
 * on the cluster: Azure creates both in parallel.
 */
export class PlatformStack extends TerraformStack {
  /** The platform's resource group (`rg-<prefix>`). */
  public readonly resourceGroup: ResourceGroup;
  /** The network: created by `Network`, or the existing one from `existingNetwork`. */
  public readonly network: INetwork;
  /** The AKS cluster with the Gateway API turned on. */
  public readonly cluster: AksCluster;
  /** The Application Gateway WAF_v2 in front of the gateway's private IP. */
  public readonly applicationGateway: ApplicationGateway;
  /** The Log Analytics workspace, when `logAnalytics` is on. */
  public readonly logAnalyticsWorkspace?: LogAnalyticsWorkspace;
  /** Resource ID of the workspace logs go to: the new one, the existing one, or `undefined`. */
  public readonly logAnalyticsWorkspaceId?: string;
  /** Name prefix of the platform's Azure resources. */
  public readonly namePrefix: string;
  /**
   * Name of the platform's resource group (`rg-<prefix>`), as written: a literal, so the Kubernetes stacks read
   * the cluster without a cross-stack reference (and without access to this stack's state).
   */
  public readonly resourceGroupName: string;
  /** Subscription the platform deploys into, when configured (the traffic stack uses the same). */
  public readonly subscriptionId?: string;
  /** The Gateway's Key Vault certificate and the identity that reads it, with `gatewayTls`. */
  public readonly gatewayCertificate?: PlatformGatewayCertificate;

  constructor(scope: Construct, id: string, config: PlatformStackConfig = {}) {
    super(scope, id);
    validatePlatformConfig(this, config);
    const namePrefix = config.namePrefix ?? "aksgw";
    const location = config.location ?? "swedencentral";
    this.namePrefix = namePrefix;
    this.resourceGroupName = `rg-${namePrefix}`;
    this.subscriptionId = config.subscriptionId;
    (config.backend ?? StateBackend.local()).bind(this);
    Aspects.of(this).add(new PlatformPolicy());

    new AzurermProvider(this, "azurerm", { features: [{}], subscriptionId: config.subscriptionId });
    new AzapiProvider(this, "azapi", { subscriptionId: config.subscriptionId });
    this.resourceGroup = new ResourceGroup(this, "ResourceGroup", {
      name: this.resourceGroupName,
      location,
      tags: config.tags ?? { "managed-by": "cdktf-aks-gateway" },
    });
    this.network = this.createNetwork(config, namePrefix);
    if (config.logAnalytics ?? false) {
      this.logAnalyticsWorkspace = new LogAnalyticsWorkspace(this, "LogAnalytics", {
        name: `log-${namePrefix}`,
        resourceGroupName: this.resourceGroup.name,
        location,
        sku: "PerGB2018",
        retentionInDays: 30,
      });
    }
    this.logAnalyticsWorkspaceId = this.logAnalyticsWorkspace?.id ?? config.existingLogAnalyticsWorkspaceId;
    this.cluster = new AksCluster(this, "Cluster", {
      ...config.cluster,
      keyVaultSecretsProvider: config.cluster?.keyVaultSecretsProvider ?? (config.gatewayTls ? {} : undefined),
      monitoring: { ...config.cluster?.monitoring, logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId },
      resourceGroup: this.resourceGroup,
      network: this.network,
      namePrefix,
    });
    if (config.gatewayTls) {
      this.gatewayCertificate = provisionGatewayCertificate(this, gatewayCertificateInput(this, config), this.cluster, this.resourceGroup, this.resourceGroupName, namePrefix);
    }
    this.applicationGateway = new ApplicationGateway(this, "Edge", {
      ...config.edge,
      ...this.reencryption(config),
      resourceGroup: this.resourceGroup,
      subnet: this.network.appGatewaySubnet,
      backendAddress: this.network.gatewayAddress,
      namePrefix,
      diagnostics: this.logAnalyticsWorkspaceId ? { logAnalyticsWorkspaceId: this.logAnalyticsWorkspaceId } : undefined,
    });
    this.addOutputs();
  }

  /**
   * With `gatewayTls`: the Application Gateway re-encrypts (HTTPS to port 443) and, unless `edge.probe` is given,
   * probes `/healthz/ready` with the Host and SNI `healthz.<domain>` of the certificate's first wildcard name, a name
   * the certificate covers (so the backend certificate check passes) and that the health route answers.
   */
  private reencryption(config: PlatformStackConfig): Partial<ApplicationGatewayProps> {
    if (!this.gatewayCertificate) return {};
    if (config.edge?.backendProtocol === BackendProtocol.HTTP) {
      throw new ValidationError(
        this,
        `edge.backendProtocol is BackendProtocol.HTTP, but gatewayTls makes the Application Gateway re-encrypt to the ` +
          `Gateway's https listener. Remove edge.backendProtocol, or gatewayTls.`,
      );
    }
    if (config.edge?.probe) return { backendProtocol: BackendProtocol.HTTPS };
    const wildcard = this.gatewayCertificate.dnsNames.find((n) => n.startsWith("*."));
    if (wildcard === undefined) {
      throw new ValidationError(
        this,
        `gatewayTls: the Application Gateway probes the Gateway over HTTPS, so its probe needs a host name the Gateway's ` +
          `certificate covers, and the certificate ${show(this.gatewayCertificate.dnsNames)} has no wildcard to derive one ` +
          `from. Give edge.probe: HealthProbe.gatewayRoute({ host: "<a covered name no tenant owns>" }).`,
      );
    }
    return { backendProtocol: BackendProtocol.HTTPS, probe: HealthProbe.gatewayRoute({ host: `healthz${wildcard.slice(1)}` }) };
  }

  /** A new VNet from `network`, or the existing one from `existingNetwork`. */
  private createNetwork(config: PlatformStackConfig, namePrefix: string): INetwork {
    if (config.existingNetwork) return Network.fromExisting(this, "Network", config.existingNetwork);
    // The NSGs open the listener the Application Gateway reaches (443 end to end, else 80), and Envoy's status
    // port when the probe targets it.
    const https = config.gatewayTls !== undefined || config.edge?.backendProtocol === BackendProtocol.HTTPS;
    const listenerPort = https ? ApplicationGateway.DEFAULT_HTTPS_BACKEND_PORT : 80;
    const gatewayPorts =
      config.edge?.probe?.kind === HealthProbeKind.ENVOY_STATUS_PORT ? [listenerPort, HealthProbe.ENVOY_STATUS_PORT] : [listenerPort];
    return new Network(this, "Network", { ...config.network, resourceGroup: this.resourceGroup, namePrefix, gatewayPorts });
  }

  private addOutputs(): void {
    const output = (name: string, value: unknown, description: string) =>
      new TerraformOutput(this, name, { value, description, staticId: true });
    output("public_ip_address", this.applicationGateway.publicIpAddress, "Public IP of the Application Gateway");
    output("gateway_private_ip", this.network.gatewayAddress, "Static private IP of the shared gateway's internal load balancer");
    output("resource_group_name", this.resourceGroup.name, "Resource group of the platform");
    output("cluster_name", this.cluster.clusterName, "AKS cluster name");
    output("application_gateway_name", this.applicationGateway.applicationGatewayName, "Application Gateway name");
    output("https_enabled", this.applicationGateway.httpsEnabled, "Whether the Application Gateway terminates HTTPS");
    output("waf_mode", this.applicationGateway.wafMode, "WAF policy mode");
    output("probe_host", this.applicationGateway.probeHost, "Host (and SNI) of the Application Gateway's probe, which the health route answers");
    output("backend_protocol", this.applicationGateway.backendProtocol, "Protocol from the Application Gateway to the shared Gateway (Https: re-encrypted)");
    output(
      "get_credentials_command",
      `az aks get-credentials --resource-group ${this.resourceGroup.name} --name ${this.cluster.clusterName} && kubelogin convert-kubeconfig -l azurecli`,
      "Command that writes a kubeconfig for the cluster (Entra ID, through kubelogin)",
    );
  }
}

/** The Gateway certificate PlatformStack provisions for: as given, or the edge certificate's. */
function gatewayCertificateInput(stack: PlatformStack, config: PlatformStackConfig): GatewayCertificateInput {
  const tls = config.gatewayTls!;
  const edge = config.edge?.tls;
  const fail = (message: string): never => {
    throw new ValidationError(stack, `gatewayTls: ${message}`);
  };
  if (edge === undefined) {
    fail(
      "HTTPS end to end needs HTTPS at the edge first: give edge.tls (ListenerCertificate.fromKeyVault), or leave " +
        "gatewayTls out.",
    );
  }
  const gatewayNamespace = tls.gatewayNamespace ?? SharedGateway.DEFAULT_NAMESPACE;
  if (tls.certificateUri !== undefined) {
    if (tls.dnsNames === undefined) {
      fail(`certificateUri ${show(tls.certificateUri)} was given without dnsNames; list the DNS names the certificate covers.`);
    }
    return { keyVaultId: tls.keyVaultId, certificateUri: tls.certificateUri, dnsNames: tls.dnsNames!, gatewayNamespace };
  }
  if (tls.dnsNames !== undefined) {
    fail(`dnsNames ${show(tls.dnsNames)} were given without certificateUri; the edge certificate's own dnsNames apply to it.`);
  }
  const secretId = edge!.secretId;
  if (Token.isUnresolved(secretId) || keyVaultSecretIdProblem(secretId) !== undefined) {
    fail(
      `the Gateway's certificate defaults to the edge certificate, whose secretId ${show(secretId)} is not a literal Key ` +
        `Vault secret identifier. Give gatewayTls.certificateUri and dnsNames.`,
    );
  }
  return { keyVaultId: tls.keyVaultId, certificateUri: certificateUriOfSecretId(secretId), dnsNames: [...edge!.dnsNames], gatewayNamespace };
}

/** Props the stack sets itself from the rest of the platform, so its config types leave them out. */
const STACK_SET_PROPS = {
  network: ["resourceGroup", "namePrefix", "gatewayPorts"],
  cluster: ["resourceGroup", "network", "namePrefix"],
  edge: ["resourceGroup", "subnet", "backendAddress", "backendPort", "namePrefix", "diagnostics"],
} as const;

/** Checks the config before anything is created, so each mistake is reported against the stack, with the fix. */
function validatePlatformConfig(stack: PlatformStack, config: PlatformStackConfig): void {
  const fail = (message: string): never => {
    throw new ValidationError(stack, message);
  };
  if (config.existingNetwork && config.network) {
    fail(
      "both network (a new VNet's address plan) and existingNetwork were given. Pass one: network to create a " +
        "VNet, or existingNetwork to use yours.",
    );
  }
  if (config.logAnalytics && config.existingLogAnalyticsWorkspaceId !== undefined) {
    fail(
      `both logAnalytics (a new workspace) and existingLogAnalyticsWorkspaceId ${show(config.existingLogAnalyticsWorkspaceId)} ` +
        `were given. Pass one: logAnalytics: true to create a workspace, or existingLogAnalyticsWorkspaceId to use yours.`,
    );
  }
  const existing = config.existingLogAnalyticsWorkspaceId;
  const existingProblem = existing === undefined || Token.isUnresolved(existing) ? undefined : armIdProblem(existing, LOG_ANALYTICS_WORKSPACE_ID);
  if (existingProblem) fail(`existingLogAnalyticsWorkspaceId ${show(existing)} ${existingProblem}.`);
  const givenWorkspace = config.cluster?.monitoring?.logAnalyticsWorkspaceId;
  if (givenWorkspace !== undefined) {
    fail(
      `cluster.monitoring.logAnalyticsWorkspaceId is set by PlatformStack itself, got ${show(givenWorkspace)}. Remove it; use ` +
        `logAnalytics: true, or existingLogAnalyticsWorkspaceId for a workspace of yours (the edge's logs go there too).`,
    );
  }
  for (const [field, hidden] of Object.entries(STACK_SET_PROPS)) {
    const given = (config as Record<string, Record<string, unknown> | undefined>)[field];
    const set = hidden.find((key) => given !== undefined && given[key] !== undefined);
    if (set !== undefined) {
      fail(
        `${field}.${set} is set by PlatformStack itself (from the rest of the platform), got ${show(given![set])}. ` +
          `Remove it; to build the parts yourself, use the constructs (${field === "edge" ? "ApplicationGateway" : field === "cluster" ? "AksCluster" : "Network"}) in your own stack.`,
      );
    }
  }
  const location = config.location;
  const locationProblem = location === undefined || Token.isUnresolved(location) ? undefined : regionProblem(location);
  if (locationProblem) fail(`location ${show(location)} ${locationProblem}`);
  const subscription = config.subscriptionId;
  const subscriptionProblem =
    subscription === undefined || Token.isUnresolved(subscription) ? undefined : subscriptionIdProblem(subscription);
  if (subscriptionProblem) fail(`subscriptionId ${show(subscription)} ${subscriptionProblem}.`);
  const tagIssues = config.tags === undefined || Token.isUnresolved(config.tags) ? [] : tagProblems(config.tags);
  if (tagIssues.length > 0) fail(`tags: ${tagIssues.join("; ")}.`);
}
