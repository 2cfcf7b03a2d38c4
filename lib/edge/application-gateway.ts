import { Token } from "cdktf";
import { Construct } from "constructs";
import * as agw from "@cdktf/provider-azurerm/lib/application-gateway";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { ISubnet } from "../network/network-ref";
import { IResourceGroup } from "../network/resource-group";
import { AZURE_RESERVED_ADDRESS_COUNT, CidrError, Cidr, isIpv4, parseCidr } from "../private/cidr";
import { validateNamePrefix } from "../private/names";
import { ValidationError, show } from "../private/errors";
import { LOG_ANALYTICS_WORKSPACE_ID, armIdProblem } from "../private/azure-ids";
import { HealthProbe, HealthProbeConfig } from "./health-probe";
import { ListenerCertificate } from "./listener-certificate";
import { WafMode, WafPolicy, WafPolicyOptions } from "./waf-policy";
import { ALL_AVAILABILITY_ZONES, AvailabilityZone } from "../network/availability-zone";

/**
 * Predefined TLS policies for the listeners. Only policies with TLS 1.2 as minimum are offered: Azure
 * stopped TLS 1.0/1.1 on Application Gateway on 2025-08-31, which rules out `AppGwSslPolicy20150501` and
 * `AppGwSslPolicy20170401`. The 2022 policies add TLS 1.3; the `S` variants drop CBC cipher suites.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview
 */
export enum ApplicationGatewayTlsPolicy {
  /** TLS 1.2 only, strong cipher suites (no TLS 1.3). */
  APPGW_SSL_POLICY_20170401S = "AppGwSslPolicy20170401S",
  /** TLS 1.2 and 1.3. */
  APPGW_SSL_POLICY_20220101 = "AppGwSslPolicy20220101",
  /** TLS 1.2 and 1.3 without CBC suites. The default. */
  APPGW_SSL_POLICY_20220101S = "AppGwSslPolicy20220101S",
}

/** Instance autoscaling of a v2 Application Gateway. */
export interface ApplicationGatewayAutoscaleOptions {
  /**
   * Instances kept running (0–100 in azurerm 4.55.0). Two or more keep the gateway up through an
   * instance failure or a zone outage.
   *
   * @default 2
   * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant
   */
  readonly minCapacity?: number;

  /**
   * Upper bound on instances (2–125). The gateway subnet needs one address per instance plus 5.
   *
   * @default 10
   */
  readonly maxCapacity?: number;
}

/** Where the gateway sends its logs and metrics. */
export interface ApplicationGatewayDiagnosticsOptions {
  /** Resource ID of the Log Analytics workspace. */
  readonly logAnalyticsWorkspaceId: string;
}

/** Props of an {@link ApplicationGateway}. */
export interface ApplicationGatewayProps {
  /** Resource group (and region) of the gateway, its public IP and WAF policy. */
  readonly resourceGroup: IResourceGroup;

  /**
   * The subnet dedicated to Application Gateways. Its NSG must admit `GatewayManager` on TCP 65200–65535.
   *
   * @see https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure
   */
  readonly subnet: ISubnet;

  /**
   * The shared gateway's static private IP (an IPv4 literal), the only backend.
   *
   * A literal keeps the Application Gateway independent of the AKS cluster: both deploy in parallel and
   * nothing fills the pool after deploy.
   */
  readonly backendAddress: string;

  /**
   * Prefix of the Azure names: `agw-<prefix>`, `pip-agw-<prefix>`, `waf-<prefix>`, `diag-agw-<prefix>`.
   *
   * @default "aksgw"
   */
  readonly namePrefix?: string;

  /**
   * WAF policy settings.
   *
   * @default - Prevention, Microsoft_DefaultRuleSet 2.1 + Microsoft_BotManagerRuleSet 1.1, body check on,
   * 128 KB bodies, 100 MB uploads
   */
  readonly waf?: WafPolicyOptions;

  /**
   * Backend health probe.
   *
   * @default - `HealthProbe.gatewayRoute()`: `/healthz/ready` on the backend port, Host = backendAddress
   */
  readonly probe?: HealthProbe;

  /**
   * Listener certificate. When given, clients get HTTPS on 443 and HTTP 80 redirects permanently to it.
   *
   * @default - HTTP only: a listener on 80 routes to the backend
   */
  readonly tls?: ListenerCertificate;

  /**
   * Predefined TLS policy of the listeners.
   *
   * @default ApplicationGatewayTlsPolicy.APPGW_SSL_POLICY_20220101S
   * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview
   */
  readonly tlsPolicy?: ApplicationGatewayTlsPolicy;

  /**
   * Instance autoscaling.
   *
   * @default - 2 to 10 instances
   */
  readonly autoscale?: ApplicationGatewayAutoscaleOptions;

  /**
   * Availability zones of the gateway and its public IP; `[]` for a region without zones.
   *
   * @default ["1", "2", "3"]
   * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant
   */
  readonly zones?: AvailabilityZone[];

  /**
   * Port of the shared gateway's HTTP listener, used by the backend settings (1–65535).
   *
   * @default 80
   */
  readonly backendPort?: number;

  /**
   * Seconds the gateway waits for a backend response (1–86400).
   *
   * @default 60
   */
  readonly requestTimeout?: number;

  /**
   * Send access, performance and firewall logs and all metrics to Log Analytics.
   *
   * @default - no diagnostic setting
   * @see https://learn.microsoft.com/azure/application-gateway/application-gateway-diagnostics
   */
  readonly diagnostics?: ApplicationGatewayDiagnosticsOptions;
}

/** Names of the gateway's sub-resources. They are part of the gateway's Azure configuration. */
const N = {
  gatewayIp: "gateway-ip-configuration",
  frontendIp: "public-frontend",
  httpPort: "port-80",
  httpsPort: "port-443",
  pool: "shared-gateway",
  settings: "shared-gateway-http",
  probe: "shared-gateway-health",
  httpListener: "http",
  httpsListener: "https",
  catchAll: "catch-all",
  redirect: "http-to-https",
  certificate: "listener-certificate",
} as const;


/**
 * Azure Application Gateway WAF_v2 in front of the shared gateway's static private IP.
 *
 * One public frontend, one backend pool holding the literal IP, one catch-all Basic rule to it (routing
 * belongs to the Gateway API), and backend settings that pass the client's Host through to Envoy. The WAF
 * policy ({@link WafPolicy}) runs in Prevention with DRS 2.1 and Bot Manager 1.1 by default.
 *
 * @see https://learn.microsoft.com/azure/application-gateway/overview-v2
 */
export class ApplicationGateway extends Construct {
  /** Default name prefix. */
  public static readonly DEFAULT_NAME_PREFIX = "aksgw";
  /** Default TLS policy. */
  public static readonly DEFAULT_TLS_POLICY = ApplicationGatewayTlsPolicy.APPGW_SSL_POLICY_20220101S;
  /** Default minimum instances. */
  public static readonly DEFAULT_MIN_CAPACITY = 2;
  /** Default maximum instances. */
  public static readonly DEFAULT_MAX_CAPACITY = 10;
  /** Default availability zones. */
  public static readonly DEFAULT_ZONES: readonly AvailabilityZone[] = ALL_AVAILABILITY_ZONES;
  /** Default backend port. */
  public static readonly DEFAULT_BACKEND_PORT = 80;
  /** Default backend request timeout, seconds. */
  public static readonly DEFAULT_REQUEST_TIMEOUT = 60;
  /** Priority of the catch-all rule. */
  public static readonly CATCH_ALL_PRIORITY = 100;
  /** Priority of the HTTP-to-HTTPS redirect rule. */
  public static readonly REDIRECT_PRIORITY = 200;
  /**
   * Log categories the diagnostic setting enables. Azure documents the performance log as v1-only, so on
   * WAF_v2 it stays empty; it is kept so the setting lists every category the resource type offers.
   */
  public static readonly LOG_CATEGORIES: readonly string[] = [
    "ApplicationGatewayAccessLog",
    "ApplicationGatewayPerformanceLog",
    "ApplicationGatewayFirewallLog",
  ];

  /** The azurerm Application Gateway. */
  public readonly resource: agw.ApplicationGateway;
  /** Resource ID of the gateway. */
  public readonly applicationGatewayId: string;
  /** Azure name of the gateway. */
  public readonly applicationGatewayName: string;
  /** The gateway's public IPv4 address. */
  public readonly publicIpAddress: string;
  /** Resource ID of the public IP. */
  public readonly publicIpId: string;
  /** Name of the public IP (`pip-agw-<prefix>`), as written: other stacks read the IP by this name. */
  public readonly publicIpName: string;
  /** The WAF policy associated with the gateway. */
  public readonly wafPolicy: WafPolicy;
  /** Whether clients get HTTPS (a listener certificate was given). */
  public readonly httpsEnabled: boolean;
  /** Mode of the WAF policy. */
  public readonly wafMode: WafMode;
  /** Protocol the backend settings use toward the shared Gateway: `Http`, or `Https` when traffic is re-encrypted. */
  public readonly backendProtocol: string;
  /** Host header (and SNI) the backend health probe sends; no tenant may own it (its routes would answer the probe). */
  public readonly probeHost: string;
  /** Diagnostic setting, when `diagnostics` was given. */
  public readonly diagnosticSetting?: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: ApplicationGatewayProps) {
    super(scope, id);

    const prefix = props.namePrefix ?? ApplicationGateway.DEFAULT_NAME_PREFIX;
    const backendPort = props.backendPort ?? ApplicationGateway.DEFAULT_BACKEND_PORT;
    const requestTimeout = props.requestTimeout ?? ApplicationGateway.DEFAULT_REQUEST_TIMEOUT;
    const minCapacity = props.autoscale?.minCapacity ?? ApplicationGateway.DEFAULT_MIN_CAPACITY;
    const maxCapacity = props.autoscale?.maxCapacity ?? ApplicationGateway.DEFAULT_MAX_CAPACITY;
    const zones = props.zones ?? [...ApplicationGateway.DEFAULT_ZONES];
    const tlsPolicy = props.tlsPolicy ?? ApplicationGateway.DEFAULT_TLS_POLICY;

    const subnet = this.parseSubnet(props.subnet);
    validateNamePrefix(this, prefix);
    this.validateBackendAddress(props.backendAddress, subnet);
    this.checkInteger("backendPort", backendPort, 1, 65535);
    this.checkInteger("requestTimeout", requestTimeout, 1, 86400);
    this.validateAutoscale(minCapacity, maxCapacity, subnet);
    this.validateZones(zones);
    if (props.diagnostics) this.validateWorkspaceId(props.diagnostics.logAnalyticsWorkspaceId);
    const probe = (props.probe ?? HealthProbe.gatewayRoute()).bind(this, {
      backendAddress: props.backendAddress,
      backendPort,
    });
    const certificate = props.tls?.bind(this);

    this.wafPolicy = new WafPolicy(this, "WafPolicy", {
      ...props.waf,
      resourceGroup: props.resourceGroup,
      name: `waf-${prefix}`,
    });

    const publicIp = new PublicIp(this, "PublicIp", {
      name: `pip-agw-${prefix}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      sku: "Standard",
      allocationMethod: "Static",
      zones: zones.length > 0 ? zones : undefined,
    });

    this.resource = new agw.ApplicationGateway(this, "Resource", {
      name: `agw-${prefix}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      zones: zones.length > 0 ? zones : undefined,
      sku: { name: "WAF_v2", tier: "WAF_v2" },
      autoscaleConfiguration: { minCapacity, maxCapacity },
      firewallPolicyId: this.wafPolicy.wafPolicyId,
      forceFirewallPolicyAssociation: true,
      sslPolicy: { policyType: "Predefined", policyName: tlsPolicy },
      identity: certificate ? { type: "UserAssigned", identityIds: [certificate.identityId] } : undefined,
      gatewayIpConfiguration: [{ name: N.gatewayIp, subnetId: props.subnet.subnetId }],
      frontendIpConfiguration: [{ name: N.frontendIp, publicIpAddressId: publicIp.id }],
      frontendPort: certificate
        ? [
            { name: N.httpPort, port: 80 },
            { name: N.httpsPort, port: 443 },
          ]
        : [{ name: N.httpPort, port: 80 }],
      backendAddressPool: [{ name: N.pool, ipAddresses: [props.backendAddress] }],
      backendHttpSettings: [
        {
          name: N.settings,
          port: backendPort,
          protocol: "Http",
          cookieBasedAffinity: "Disabled",
          pickHostNameFromBackendAddress: false,
          requestTimeout,
          probeName: N.probe,
        },
      ],
      probe: [renderProbe(probe)],
      sslCertificate: certificate ? [{ name: N.certificate, keyVaultSecretId: certificate.secretId }] : undefined,
      ...(certificate ? httpsRouting() : httpRouting()),
      dependsOn: certificate && certificate.dependsOn.length > 0 ? certificate.dependsOn : undefined,
    });

    this.applicationGatewayId = this.resource.id;
    this.applicationGatewayName = this.resource.name;
    this.publicIpAddress = publicIp.ipAddress;
    this.publicIpId = publicIp.id;
    this.publicIpName = `pip-agw-${prefix}`;
    this.httpsEnabled = certificate !== undefined;
    this.probeHost = probe.host;
    this.backendProtocol = "Http";
    this.wafMode = this.wafPolicy.mode;

    if (props.diagnostics) {
      this.diagnosticSetting = new MonitorDiagnosticSetting(this, "Diagnostics", {
        name: `diag-agw-${prefix}`,
        targetResourceId: this.resource.id,
        logAnalyticsWorkspaceId: props.diagnostics.logAnalyticsWorkspaceId,
        enabledLog: ApplicationGateway.LOG_CATEGORIES.map((category) => ({ category })),
        enabledMetric: [{ category: "AllMetrics" }],
      });
    }
  }


  private validateBackendAddress(address: string, subnet: Cidr | undefined): void {
    if (Token.isUnresolved(address)) return;
    if (!isIpv4(address)) {
      throw new ValidationError(
        this,
        `backendAddress must be the shared gateway's static private IPv4 address (a literal such as "10.240.4.4"), got ${show(address)}.`,
      );
    }
    if (subnet?.containsIp(address)) {
      throw new ValidationError(
        this,
        `backendAddress ${show(address)} lies in the Application Gateway subnet ${show(subnet.toString())}, which only Application Gateways may use; pass the shared gateway's IP from its own subnet.`,
      );
    }
  }

  private validateAutoscale(min: number, max: number, subnet: Cidr | undefined): void {
    this.checkInteger("autoscale.minCapacity", min, 0, 100);
    this.checkInteger("autoscale.maxCapacity", max, 2, 125);
    if (Token.isUnresolved(min) || Token.isUnresolved(max)) return;
    if (min > max) {
      throw new ValidationError(
        this,
        `autoscale.minCapacity (${show(min)}) is greater than autoscale.maxCapacity (${show(max)}); raise maxCapacity or lower minCapacity.`,
      );
    }
    const needed = max + AZURE_RESERVED_ADDRESS_COUNT;
    if (subnet && subnet.size < needed) {
      throw new ValidationError(
        this,
        `subnet ${show(subnet.toString())} has ${subnet.size} addresses but ${max} instances need ${needed} (one per instance + ${AZURE_RESERVED_ADDRESS_COUNT} reserved); use a larger subnet (/24 is recommended) or lower autoscale.maxCapacity.`,
      );
    }
  }

  /** The subnet's CIDR, parsed; undefined for a token. */
  private parseSubnet(subnet: ISubnet): Cidr | undefined {
    if (Token.isUnresolved(subnet.cidr)) return undefined;
    try {
      return parseCidr(subnet.cidr);
    } catch (e) {
      if (e instanceof CidrError) throw new ValidationError(this, `subnet.cidr: ${e.message}`);
      throw e;
    }
  }

  private validateZones(zones: AvailabilityZone[]): void {
    if (Token.isUnresolved(zones)) return;
    const allowed: readonly string[] = ALL_AVAILABILITY_ZONES;
    if (zones.some((z) => !Token.isUnresolved(z) && !allowed.includes(z)) || new Set(zones).size !== zones.length) {
      throw new ValidationError(
        this,
        `zones must be distinct values among ${show(allowed)} (or [] for a region without zones), got ${show(zones)}.`,
      );
    }
  }

  private validateWorkspaceId(workspaceId: string): void {
    if (Token.isUnresolved(workspaceId)) return;
    const problem = armIdProblem(workspaceId, LOG_ANALYTICS_WORKSPACE_ID);
    if (problem) {
      throw new ValidationError(this, `diagnostics.logAnalyticsWorkspaceId ${show(workspaceId)} ${problem}.`);
    }
  }

  private checkInteger(name: string, value: number, min: number, max: number): void {
    if (Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ValidationError(this, `${name} must be an integer from ${min} to ${max}, got ${show(value)}.`);
    }
  }
}

function renderProbe(probe: HealthProbeConfig): agw.ApplicationGatewayProbe {
  return {
    name: N.probe,
    protocol: "Http",
    path: probe.path,
    host: probe.host,
    pickHostNameFromBackendHttpSettings: false,
    port: probe.port,
    interval: probe.interval,
    timeout: probe.timeout,
    unhealthyThreshold: probe.unhealthyThreshold,
    match: { statusCode: probe.statusCodes },
  };
}

type Routing = Pick<agw.ApplicationGatewayConfig, "httpListener" | "requestRoutingRule" | "redirectConfiguration">;

/** HTTP 80 straight to the backend. */
function httpRouting(): Routing {
  return {
    httpListener: [
      { name: N.httpListener, frontendIpConfigurationName: N.frontendIp, frontendPortName: N.httpPort, protocol: "Http" },
    ],
    requestRoutingRule: [catchAll(N.httpListener)],
  };
}

/** HTTPS 443 to the backend; HTTP 80 redirects permanently to it, keeping path and query. */
function httpsRouting(): Routing {
  return {
    httpListener: [
      { name: N.httpListener, frontendIpConfigurationName: N.frontendIp, frontendPortName: N.httpPort, protocol: "Http" },
      {
        name: N.httpsListener,
        frontendIpConfigurationName: N.frontendIp,
        frontendPortName: N.httpsPort,
        protocol: "Https",
        sslCertificateName: N.certificate,
      },
    ],
    redirectConfiguration: [
      {
        name: N.redirect,
        redirectType: "Permanent",
        targetListenerName: N.httpsListener,
        includePath: true,
        includeQueryString: true,
      },
    ],
    requestRoutingRule: [
      catchAll(N.httpsListener),
      {
        name: N.redirect,
        ruleType: "Basic",
        httpListenerName: N.httpListener,
        redirectConfigurationName: N.redirect,
        priority: ApplicationGateway.REDIRECT_PRIORITY,
      },
    ],
  };
}

function catchAll(listener: string): agw.ApplicationGatewayRequestRoutingRule {
  return {
    name: N.catchAll,
    ruleType: "Basic",
    httpListenerName: listener,
    backendAddressPoolName: N.pool,
    backendHttpSettingsName: N.settings,
    priority: ApplicationGateway.CATCH_ALL_PRIORITY,
  };
}
