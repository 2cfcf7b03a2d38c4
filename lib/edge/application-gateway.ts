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
import { LOG_ANALYTICS_WORKSPACE_ID, armIdProblem } from "../core/azure-ids";
import { HealthProbe, HealthProbeConfig, HealthProbeKind } from "./health-probe";
import { ListenerCertificate, ListenerCertificateConfig } from "./listener-certificate";
import { TrustedRootCertificate, TrustedRootCertificateConfig } from "./trusted-root-certificate";
import { WafMode, WafPolicy, WafPolicyOptions } from "./waf-policy";
import { ALL_AVAILABILITY_ZONES, AvailabilityZone } from "../network/availability-zone";
import {
  CATCH_ALL_PRIORITY,
  NAMES,
  REDIRECT_PRIORITY,
  RenderedGateway,
  SiteListener,
  planSiteListeners,
  renderGateway,
} from "./private/application-gateway-render";
import { listenerHostMatches } from "./private/dns-names";
import { LIMITS_SOURCE, brokenLimit, countGateway } from "./private/limits";

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

/**
 * Protocol from the Application Gateway to the shared Gateway (the backend settings' `protocol`).
 *
 * @see https://learn.microsoft.com/azure/application-gateway/ssl-overview
 */
export enum BackendProtocol {
  /** Plain HTTP: TLS ends at the Application Gateway. */
  HTTP = "Http",
  /**
   * Re-encryption: the Application Gateway opens TLS to the Gateway's HTTPS listener. Toward the IP backend it
   * sends the client's Host and, as SNI, the client's host name, so the Gateway still routes tenants by Host and
   * must present a certificate covering each tenant host name.
   */
  HTTPS = "Https",
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
   * Backend health probe. With `BackendProtocol.HTTPS` its host must be a DNS name the Gateway's certificate
   * covers (it is also the probe's SNI), and `HealthProbe.envoyStatusPort()` is refused (the status port
   * answers plain HTTP).
   *
   * @default - `HealthProbe.gatewayRoute()`: `/healthz/ready` on the backend port, Host = backendAddress
   */
  readonly probe?: HealthProbe;

  /**
   * The default listener certificate. When given, clients get HTTPS on 443 for any host name (a basic listener)
   * and HTTP 80 redirects permanently to HTTPS, keeping host, path and query.
   *
   * @default - HTTP only: a listener on 80 routes to the backend
   */
  readonly tls?: ListenerCertificate;

  /**
   * More certificates, such as a tenant's own for its domain. Each gets multi-site HTTPS listeners on 443
   * for its DNS names (one listener per 5 names, Azure's limit), routed to the same backend; host names no
   * additional certificate names get the `tls` certificate. Needs `tls`.
   *
   * Each costs one of the gateway's 100 certificates and at least one of its 100 active listeners; synth fails
   * past those limits. Every certificate must use the identity of `tls` (a gateway has one user-assigned
   * identity), and a DNS name may appear on one additional certificate only.
   *
   * @default - only the `tls` certificate
   * @see https://learn.microsoft.com/azure/application-gateway/multiple-site-overview
   */
  readonly additionalCertificates?: ListenerCertificate[];

  /**
   * Protocol toward the shared Gateway. `BackendProtocol.HTTPS` re-encrypts (end-to-end TLS): the backend
   * settings use HTTPS without a host override, so the client's Host and SNI reach the Gateway, and the probe
   * uses HTTPS with its own host. Needs `tls`.
   *
   * @default BackendProtocol.HTTP
   * @see https://learn.microsoft.com/azure/application-gateway/ssl-overview#end-to-end-tls-encryption
   */
  readonly backendProtocol?: BackendProtocol;

  /**
   * Root certificate of the private CA that issued the Gateway's certificate, for `BackendProtocol.HTTPS`
   * only. Read with the identity of `tls`.
   *
   * @default - the Gateway's certificate must chain to a well-known public CA
   * @see https://learn.microsoft.com/azure/application-gateway/ssl-overview#end-to-end-tls-with-the-v2-sku
   */
  readonly trustedRootCertificate?: TrustedRootCertificate;

  /**
   * Predefined TLS policy of the HTTPS listeners. Needs `tls`: without it there is no HTTPS listener for the policy
   * to apply to, and synth fails.
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
   * Port of the shared Gateway's listener the backend settings and the route probe use (1–65535): its HTTP
   * listener, or its HTTPS listener with `BackendProtocol.HTTPS`.
   *
   * @default - 80, or 443 with `BackendProtocol.HTTPS`
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

/** Props resolved with their defaults. */
interface ResolvedProps {
  readonly prefix: string;
  readonly backendProtocol: BackendProtocol;
  readonly backendPort: number;
  readonly requestTimeout: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly zones: AvailabilityZone[];
  readonly tlsPolicy: ApplicationGatewayTlsPolicy;
}

/** The probe, certificates and trusted root, validated for this gateway. */
interface BoundInputs {
  readonly probe: HealthProbeConfig;
  readonly certificate?: ListenerCertificateConfig;
  readonly additionalCertificates: ListenerCertificateConfig[];
  readonly trustedRoot?: TrustedRootCertificateConfig;
}

/** Stands for "a host one label below" when `certificateFor` is asked about a wildcard host name. */
const UNNAMED_LABEL = "unnamed-host-x0";

/**
 * Azure Application Gateway WAF_v2 in front of the shared gateway's static private IP.
 *
 * One public frontend, one backend pool holding the literal IP, one catch-all Basic rule to it (routing
 * belongs to the Gateway API), and backend settings that pass the client's Host through to Envoy. With `tls`
 * the basic HTTPS listener serves the default certificate and HTTP redirects to HTTPS; each additional
 * certificate adds multi-site HTTPS listeners for its names; `BackendProtocol.HTTPS` re-encrypts to the Gateway.
 * The WAF policy ({@link WafPolicy}) runs in Prevention with DRS 2.1 and Bot Manager 1.1 by default.
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
  /** Default backend protocol. */
  public static readonly DEFAULT_BACKEND_PROTOCOL = BackendProtocol.HTTP;
  /** Default backend port with `BackendProtocol.HTTP`. */
  public static readonly DEFAULT_BACKEND_PORT = 80;
  /** Default backend port with `BackendProtocol.HTTPS`. */
  public static readonly DEFAULT_HTTPS_BACKEND_PORT = 443;
  /** Default backend request timeout, seconds. */
  public static readonly DEFAULT_REQUEST_TIMEOUT = 60;
  /** Priority of the catch-all rule; the rules of `additionalCertificates` listeners take 1–99, before it. */
  public static readonly CATCH_ALL_PRIORITY = CATCH_ALL_PRIORITY;
  /** Priority of the HTTP-to-HTTPS redirect rule. */
  public static readonly REDIRECT_PRIORITY = REDIRECT_PRIORITY;
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
  public readonly backendProtocol: BackendProtocol;
  /** Port of the shared Gateway's listener the backend settings target (80, or 443 with HTTPS by default). */
  public readonly backendPort: number;
  /** Host header (and SNI) the backend health probe sends; no tenant may own it (its routes would answer the probe). */
  public readonly probeHost: string;
  /** The listener certificates: `tls` first, then `additionalCertificates` in order; empty without `tls`. */
  public readonly certificates: readonly ListenerCertificate[];
  /** Diagnostic setting, when `diagnostics` was given. */
  public readonly diagnosticSetting?: MonitorDiagnosticSetting;

  private readonly siteListeners: readonly SiteListener[];

  constructor(scope: Construct, id: string, props: ApplicationGatewayProps) {
    super(scope, id);

    const resolved = resolveDefaults(props);
    const bound = this.validate(props, resolved);
    this.siteListeners = planSiteListeners(bound.additionalCertificates);
    const rendered = renderGateway({
      backendAddress: props.backendAddress,
      backendPort: resolved.backendPort,
      backendProtocol: resolved.backendProtocol,
      requestTimeout: resolved.requestTimeout,
      probe: bound.probe,
      certificate: bound.certificate,
      additionalCertificates: bound.additionalCertificates,
      siteListeners: this.siteListeners,
      trustedRoot: bound.trustedRoot,
      identityIds: this.identityIds(props, bound),
    });
    this.checkLimits(rendered);

    this.wafPolicy = new WafPolicy(this, "WafPolicy", {
      ...props.waf,
      resourceGroup: props.resourceGroup,
      name: `waf-${resolved.prefix}`,
    });
    const publicIp = this.createPublicIp(props, resolved);
    this.resource = this.createGateway(props, resolved, rendered, publicIp, bound);

    this.applicationGatewayId = this.resource.id;
    this.applicationGatewayName = this.resource.name;
    this.publicIpAddress = publicIp.ipAddress;
    this.publicIpId = publicIp.id;
    this.publicIpName = `pip-agw-${resolved.prefix}`;
    this.httpsEnabled = bound.certificate !== undefined;
    this.probeHost = bound.probe.host;
    this.backendProtocol = resolved.backendProtocol;
    this.backendPort = resolved.backendPort;
    this.certificates = props.tls ? [props.tls, ...(props.additionalCertificates ?? [])] : [];
    this.wafMode = this.wafPolicy.mode;
    if (props.diagnostics) this.diagnosticSetting = this.createDiagnostics(props.diagnostics, resolved.prefix);
  }

  /**
   * The certificate the gateway presents to a client asking for `hostname`: the certificate of the first
   * multi-site listener (in rule priority order) whose host names match it the way Application Gateway matches
   * them (`*` also matches dots), else the `tls` certificate; `undefined` without `tls`. For a wildcard host name
   * (`*.apps.example.com`) it answers for a host one label below it that no exact listener names.
   *
   * A tenant host name is served correctly when `certificateFor(h)?.covers(h)` is true: a certificate elsewhere
   * in the list covering `h` does not help if another listener takes the host first.
   */
  public certificateFor(hostname: string): ListenerCertificate | undefined {
    if (this.certificates.length === 0) return undefined;
    const host = hostname.startsWith("*.") ? `${UNNAMED_LABEL}${hostname.slice(1)}` : hostname;
    const site = this.siteListeners.find((s) => s.hostNames.some((pattern) => listenerHostMatches(pattern, host)));
    return site ? this.certificates[site.certificateIndex + 1] : this.certificates[0];
  }

  /** Every check that needs no resource, first; returns the probe and certificates bound to this gateway. */
  private validate(props: ApplicationGatewayProps, resolved: ResolvedProps): BoundInputs {
    const subnet = this.parseSubnet(props.subnet);
    validateNamePrefix(this, resolved.prefix);
    this.validateBackendAddress(props.backendAddress, subnet);
    this.validateBackendProtocol(resolved.backendProtocol);
    this.checkInteger("backendPort", resolved.backendPort, 1, 65535);
    this.checkInteger("requestTimeout", resolved.requestTimeout, 1, 86400);
    this.validateAutoscale(resolved.minCapacity, resolved.maxCapacity, subnet, props.autoscale?.maxCapacity === undefined);
    this.validateZones(resolved.zones);
    if (props.diagnostics) this.validateWorkspaceId(props.diagnostics.logAnalyticsWorkspaceId);
    const probe = (props.probe ?? HealthProbe.gatewayRoute()).bind(this, {
      backendAddress: props.backendAddress,
      backendPort: resolved.backendPort,
    });
    const bound: BoundInputs = {
      probe,
      certificate: props.tls?.bind(this, "tls"),
      additionalCertificates: (props.additionalCertificates ?? []).map((c, i) => c.bind(this, `additionalCertificates[${i}]`)),
      trustedRoot: props.trustedRootCertificate?.bind(this),
    };
    this.validateTlsChoices(props, resolved, bound);
    this.validateHttpsBackend(props, resolved, probe);
    this.validateSiteNames(bound.additionalCertificates);
    return bound;
  }

  /** Options that only make sense together: additional certificates, HTTPS backends and trusted roots. */
  private validateTlsChoices(props: ApplicationGatewayProps, resolved: ResolvedProps, bound: BoundInputs): void {
    const additional = props.additionalCertificates ?? [];
    if (additional.length > 0 && !props.tls) {
      throw new ValidationError(
        this,
        `additionalCertificates has ${additional.length} certificate(s) (the first for ${show(additional[0].dnsNames)}) but tls is not set. ` +
          `Their multi-site HTTPS listeners sit beside the default HTTPS listener that tls creates, which serves every other host name. ` +
          `Set tls to the default certificate, or move one of these into tls.`,
      );
    }
    if (props.tlsPolicy !== undefined && !props.tls) {
      throw new ValidationError(
        this,
        `tlsPolicy ${show(props.tlsPolicy)} is set but tls is not: the policy applies only to HTTPS listeners, and without tls ` +
          `the Application Gateway serves plain HTTP. Set tls to a listener certificate (ListenerCertificate.fromKeyVault), or ` +
          `remove tlsPolicy.`,
      );
    }
    if (resolved.backendProtocol === BackendProtocol.HTTPS && !props.tls) {
      throw new ValidationError(
        this,
        `backendProtocol is ${show(resolved.backendProtocol)} but tls is not set: re-encrypting toward the Gateway protects nothing ` +
          `while clients reach the Application Gateway over plain HTTP. Set tls to a listener certificate, or use BackendProtocol.HTTP.`,
      );
    }
    if (bound.trustedRoot && resolved.backendProtocol !== BackendProtocol.HTTPS) {
      throw new ValidationError(
        this,
        `trustedRootCertificate ${show(bound.trustedRoot.secretId)} is set but backendProtocol is ${show(resolved.backendProtocol)}: ` +
          `the root only verifies the Gateway's certificate when the Application Gateway re-encrypts. ` +
          `Set backendProtocol: BackendProtocol.HTTPS, or remove trustedRootCertificate.`,
      );
    }
  }

  /**
   * With HTTPS toward the Gateway the probe speaks HTTPS (Azure requires the probe's protocol to match the backend
   * settings'), and its host is also its SNI and the name the Gateway's certificate is checked against.
   */
  private validateHttpsBackend(props: ApplicationGatewayProps, resolved: ResolvedProps, probe: HealthProbeConfig): void {
    if (resolved.backendProtocol !== BackendProtocol.HTTPS) return;
    if (probe.kind === HealthProbeKind.ENVOY_STATUS_PORT) {
      throw new ValidationError(
        this,
        `probe is HealthProbe.envoyStatusPort() (port ${show(probe.port)}) but backendProtocol is ${show(resolved.backendProtocol)}: ` +
          `the probe must use the backend settings' protocol, and Envoy's status port answers plain HTTP only. ` +
          `Use HealthProbe.gatewayRoute({ host: "<a DNS name the Gateway's certificate covers>" }).`,
      );
    }
    if (!Token.isUnresolved(probe.host) && isIpv4(probe.host)) {
      const given = props.probe === undefined ? " (the default: backendAddress)" : "";
      throw new ValidationError(
        this,
        `probe host ${show(probe.host)}${given} is an IP address, but with backendProtocol ${show(resolved.backendProtocol)} the probe's ` +
          `host is also its TLS SNI and the name the Gateway's certificate is checked against; Azure sends no SNI for an IP ` +
          `(RFC 6066), so the probe fails. Set HealthProbe.gatewayRoute({ host: "health.example.com" }) to a DNS name ` +
          `the Gateway's certificate covers and no tenant owns.`,
      );
    }
  }

  /** A host name can belong to one listener per port (Azure refuses two listeners with the same host name). */
  private validateSiteNames(additional: readonly ListenerCertificateConfig[]): void {
    const owner = new Map<string, number>();
    additional.forEach((certificate, i) => {
      for (const name of certificate.dnsNames) {
        const first = owner.get(name);
        if (first !== undefined) {
          throw new ValidationError(
            this,
            `additionalCertificates[${i}] dnsNames lists ${show(name)}, which additionalCertificates[${first}] also lists: ` +
              `Application Gateway refuses two listeners on port 443 with the same host name. Keep the name on one certificate.`,
          );
        }
        owner.set(name, i);
      }
    });
  }

  /**
   * The user-assigned identities the certificates name. An Application Gateway takes one, so literal IDs that
   * differ are refused; references are compared by identity object, then by string.
   */
  private identityIds(props: ApplicationGatewayProps, bound: BoundInputs): string[] {
    if (!props.tls || !bound.certificate) return [];
    const ids = [bound.certificate.identityId];
    const seen = [props.tls.identity];
    (props.additionalCertificates ?? []).forEach((certificate, i) => {
      const id = bound.additionalCertificates[i].identityId;
      if (seen.includes(certificate.identity) || ids.includes(id)) return;
      const first = ids[0];
      if (!Token.isUnresolved(id) && !Token.isUnresolved(first)) {
        throw new ValidationError(
          this,
          `additionalCertificates[${i}] identity.id ${show(id)} differs from tls identity.id ${show(first)}: an Application Gateway ` +
            `has one user-assigned identity and reads every Key Vault certificate with it. Use the identity of tls for every ` +
            `certificate and grant it Key Vault Secrets User on each vault.`,
        );
      }
      seen.push(certificate.identity);
      ids.push(id);
    });
    return ids;
  }

  /** Application Gateway v2 limits, on what is about to be emitted. */
  private checkLimits(rendered: RenderedGateway): void {
    const broken = brokenLimit(countGateway(rendered));
    if (!broken) return;
    throw new ValidationError(
      this,
      `this configuration needs ${broken.count} ${broken.limit.what}, but Application Gateway v2 allows ${broken.limit.max} ` +
        `(${LIMITS_SOURCE}). Each additional certificate costs one certificate and one listener per 5 of its DNS names: ` +
        `serve several host names with one SAN or wildcard certificate, or put some tenants behind another Application Gateway.`,
    );
  }

  private createPublicIp(props: ApplicationGatewayProps, resolved: ResolvedProps): PublicIp {
    return new PublicIp(this, "PublicIp", {
      name: `pip-agw-${resolved.prefix}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      sku: "Standard",
      allocationMethod: "Static",
      zones: resolved.zones.length > 0 ? resolved.zones : undefined,
    });
  }

  private createGateway(
    props: ApplicationGatewayProps,
    resolved: ResolvedProps,
    rendered: RenderedGateway,
    publicIp: PublicIp,
    bound: BoundInputs,
  ): agw.ApplicationGateway {
    const dependsOn = unique([bound.certificate, ...bound.additionalCertificates].flatMap((c) => c?.dependsOn ?? []));
    return new agw.ApplicationGateway(this, "Resource", {
      name: `agw-${resolved.prefix}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.resourceGroup.location,
      zones: resolved.zones.length > 0 ? resolved.zones : undefined,
      sku: { name: "WAF_v2", tier: "WAF_v2" },
      autoscaleConfiguration: { minCapacity: resolved.minCapacity, maxCapacity: resolved.maxCapacity },
      firewallPolicyId: this.wafPolicy.wafPolicyId,
      forceFirewallPolicyAssociation: true,
      sslPolicy: { policyType: "Predefined", policyName: resolved.tlsPolicy },
      gatewayIpConfiguration: [{ name: NAMES.gatewayIp, subnetId: props.subnet.subnetId }],
      frontendIpConfiguration: [{ name: NAMES.frontendIp, publicIpAddressId: publicIp.id }],
      ...rendered,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
  }

  private createDiagnostics(diagnostics: ApplicationGatewayDiagnosticsOptions, prefix: string): MonitorDiagnosticSetting {
    return new MonitorDiagnosticSetting(this, "Diagnostics", {
      name: `diag-agw-${prefix}`,
      targetResourceId: this.resource.id,
      logAnalyticsWorkspaceId: diagnostics.logAnalyticsWorkspaceId,
      enabledLog: ApplicationGateway.LOG_CATEGORIES.map((category) => ({ category })),
      enabledMetric: [{ category: "AllMetrics" }],
    });
  }

  private validateBackendProtocol(protocol: BackendProtocol): void {
    const allowed: readonly string[] = Object.values(BackendProtocol);
    if (!allowed.includes(protocol)) {
      throw new ValidationError(
        this,
        `backendProtocol must be BackendProtocol.HTTP or BackendProtocol.HTTPS (${show(allowed)}), got ${show(protocol)}.`,
      );
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

  private validateAutoscale(min: number, max: number, subnet: Cidr | undefined, maxDefaulted: boolean): void {
    this.checkInteger("autoscale.minCapacity", min, 0, 100);
    this.checkInteger("autoscale.maxCapacity", max, 2, 125);
    if (Token.isUnresolved(min) || Token.isUnresolved(max)) return;
    if (min > max) {
      throw new ValidationError(
        this,
        `autoscale.minCapacity (${show(min)}) is greater than autoscale.maxCapacity (${show(max)}` +
          `${maxDefaulted ? `, its default: minCapacity alone does not raise it` : ""}); raise maxCapacity or lower minCapacity.`,
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


function resolveDefaults(props: ApplicationGatewayProps): ResolvedProps {
  const backendProtocol = props.backendProtocol ?? ApplicationGateway.DEFAULT_BACKEND_PROTOCOL;
  const defaultPort =
    backendProtocol === BackendProtocol.HTTPS ? ApplicationGateway.DEFAULT_HTTPS_BACKEND_PORT : ApplicationGateway.DEFAULT_BACKEND_PORT;
  return {
    prefix: props.namePrefix ?? ApplicationGateway.DEFAULT_NAME_PREFIX,
    backendProtocol,
    backendPort: props.backendPort ?? defaultPort,
    requestTimeout: props.requestTimeout ?? ApplicationGateway.DEFAULT_REQUEST_TIMEOUT,
    minCapacity: props.autoscale?.minCapacity ?? ApplicationGateway.DEFAULT_MIN_CAPACITY,
    maxCapacity: props.autoscale?.maxCapacity ?? ApplicationGateway.DEFAULT_MAX_CAPACITY,
    zones: props.zones ?? [...ApplicationGateway.DEFAULT_ZONES],
    tlsPolicy: props.tlsPolicy ?? ApplicationGateway.DEFAULT_TLS_POLICY,
  };
}

function unique<T>(items: T[]): T[] {
  return items.filter((item, i) => items.indexOf(item) === i);
}
