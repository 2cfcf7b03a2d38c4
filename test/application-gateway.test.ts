import { Testing, TerraformStack, TerraformVariable, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { ApplicationGateway as AzurermApplicationGateway } from "@cdktf/provider-azurerm/lib/application-gateway";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { ApplicationGateway, ApplicationGatewayProps, ApplicationGatewayTlsPolicy } from "../lib/edge/application-gateway";
import { HealthProbe } from "../lib/edge/health-probe";
import { ListenerCertificate } from "../lib/edge/listener-certificate";
import { ManagedRuleSet, WafMode, WafPolicy } from "../lib/edge/waf-policy";
import { ISubnet } from "../lib/network/network-ref";
import { AvailabilityZone } from "../lib/network/availability-zone";
import { resourcesOf, synthJson, testResourceGroup, testStack } from "./util";

const GATEWAY_IP = "10.240.4.4";
const SUBNET: ISubnet = {
  subnetId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-agw",
  subnetName: "snet-agw",
  cidr: "10.240.5.0/24",
};
const SECRET_ID = "https://kv-edge.vault.azure.net/secrets/www-example-com";
const DNS_NAMES = ["www.example.com"];
const IDENTITY_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw";
const WORKSPACE_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.OperationalInsights/workspaces/law-edge";

function gateway(scope: Construct, props: Partial<ApplicationGatewayProps> = {}): ApplicationGateway {
  return new ApplicationGateway(scope, "Edge", {
    resourceGroup: testResourceGroup(),
    subnet: SUBNET,
    backendAddress: GATEWAY_IP,
    ...props,
  });
}

function tls(): ListenerCertificate {
  return ListenerCertificate.fromKeyVault({ secretId: SECRET_ID, identity: { id: IDENTITY_ID }, dnsNames: DNS_NAMES });
}

/** The one Application Gateway of a synthesized stack. */
function onlyGateway(json: any): any {
  const gateways = Object.values(resourcesOf(json, "azurerm_application_gateway"));
  expect(gateways).toHaveLength(1);
  return gateways[0];
}


/** What a token attribute renders to in Terraform JSON (through a test-only output). */
function rendered(stack: TerraformStack, value: string): string {
  const id = `Out${stack.node.children.length}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output[id].value;
}

describe("ApplicationGateway defaults", () => {
  test("is a zone-redundant WAF_v2 autoscaling 2–10, named from the default prefix", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope);
    });
    expect(synth).toHaveResourceWithProperties(AzurermApplicationGateway, {
      name: "agw-aksgw",
      resource_group_name: "rg-test",
      location: "swedencentral",
      sku: { name: "WAF_v2", tier: "WAF_v2" },
      autoscale_configuration: { min_capacity: 2, max_capacity: 10 },
      zones: ["1", "2", "3"],
      gateway_ip_configuration: [{ name: "gateway-ip-configuration", subnet_id: SUBNET.subnetId }],
    });
  });

  test("associates its own WAF policy: Prevention, DRS 2.1 + Bot Manager 1.1, body check, 128 KB, 100 MB", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope);
    });
    expect(synth).toHaveResourceWithProperties(AzurermApplicationGateway, {
      firewall_policy_id: expect.stringMatching(/^\$\{azurerm_web_application_firewall_policy\.Edge_WafPolicy_[A-F0-9]+\.id\}$/),
      force_firewall_policy_association: true,
    });
    expect(synth).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      name: "waf-aksgw",
      policy_settings: {
        enabled: true,
        mode: "Prevention",
        request_body_check: true,
        max_request_body_size_in_kb: 128,
        file_upload_limit_in_mb: 100,
        request_body_enforcement: true,
        file_upload_enforcement: true,
      },
      managed_rules: {
        managed_rule_set: [
          { type: "Microsoft_DefaultRuleSet", version: "2.1" },
          { type: "Microsoft_BotManagerRuleSet", version: "1.1" },
        ],
      },
    });
  });

  test("uses the predefined TLS policy AppGwSslPolicy20220101S", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope);
    });
    expect(synth).toHaveResourceWithProperties(AzurermApplicationGateway, {
      ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101S" },
    });
  });

  test("routes HTTP 80 to the backend through one catch-all Basic rule with a priority", () => {
    const gw = onlyGateway(synthJson(gateway(testStack()).node.scope!));
    expect(gw.frontend_port).toEqual([{ name: "port-80", port: 80 }]);
    expect(gw.http_listener).toEqual([
      { name: "http", frontend_ip_configuration_name: "public-frontend", frontend_port_name: "port-80", protocol: "Http" },
    ]);
    expect(gw.request_routing_rule).toEqual([
      {
        name: "catch-all",
        rule_type: "Basic",
        http_listener_name: "http",
        backend_address_pool_name: "shared-gateway",
        backend_http_settings_name: "shared-gateway-http",
        priority: 100,
      },
    ]);
    expect(gw.redirect_configuration).toBeUndefined();
    expect(gw.ssl_certificate).toBeUndefined();
    expect(gw.identity).toBeUndefined();
  });

  test("the backend pool holds exactly the literal gateway IP", () => {
    const gw = onlyGateway(synthJson(gateway(testStack()).node.scope!));
    expect(gw.backend_address_pool).toEqual([{ name: "shared-gateway", ip_addresses: [GATEWAY_IP] }]);
  });

  test("backend settings pass the client Host through: no host_name, no pick from address, no affinity", () => {
    const gw = onlyGateway(synthJson(gateway(testStack()).node.scope!));
    expect(gw.backend_http_settings).toHaveLength(1);
    const settings = gw.backend_http_settings[0];
    expect(settings).toEqual({
      name: "shared-gateway-http",
      port: 80,
      protocol: "Http",
      cookie_based_affinity: "Disabled",
      pick_host_name_from_backend_address: false,
      request_timeout: 60,
      probe_name: "shared-gateway-health",
    });
    expect(settings).not.toHaveProperty("host_name");
  });

  test("probes /healthz/ready on the backend port with an explicit Host and 200–399", () => {
    const gw = onlyGateway(synthJson(gateway(testStack()).node.scope!));
    expect(gw.probe).toEqual([
      {
        name: "shared-gateway-health",
        protocol: "Http",
        path: "/healthz/ready",
        host: GATEWAY_IP,
        pick_host_name_from_backend_http_settings: false,
        port: 80,
        interval: 30,
        timeout: 30,
        unhealthy_threshold: 3,
        match: { status_code: ["200-399"] },
      },
    ]);
  });

  test("fronts a Standard static zonal public IP", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope);
    });
    expect(synth).toHaveResourceWithProperties(PublicIp, {
      name: "pip-agw-aksgw",
      sku: "Standard",
      allocation_method: "Static",
      zones: ["1", "2", "3"],
    });
    expect(synth).toHaveResourceWithProperties(AzurermApplicationGateway, {
      frontend_ip_configuration: [
        {
          name: "public-frontend",
          public_ip_address_id: expect.stringMatching(/^\$\{azurerm_public_ip\.Edge_PublicIp_[A-F0-9]+\.id\}$/),
        },
      ],
    });
  });

  test("creates no diagnostic setting", () => {
    const json = synthJson(gateway(testStack()).node.scope!);
    expect(resourcesOf(json, "azurerm_monitor_diagnostic_setting")).toEqual({});
  });

  test("exposes the gateway, public IP and WAF policy through typed attributes", () => {
    const stack = testStack();
    const gw = gateway(stack);
    expect(gw.resource).toBeInstanceOf(AzurermApplicationGateway);
    expect(gw.resource.node.id).toBe("Resource");
    expect(gw.wafPolicy).toBeInstanceOf(WafPolicy);
    expect(gw.wafMode).toBe(WafMode.PREVENTION);
    expect(gw.httpsEnabled).toBe(false);
    expect(gw.diagnosticSetting).toBeUndefined();
    expect(rendered(stack, gw.applicationGatewayId)).toMatch(/^\$\{azurerm_application_gateway\.Edge_[A-F0-9]+\.id\}$/);
    expect(rendered(stack, gw.applicationGatewayName)).toMatch(/^\$\{azurerm_application_gateway\.Edge_[A-F0-9]+\.name\}$/);
    expect(rendered(stack, gw.publicIpAddress)).toMatch(/^\$\{azurerm_public_ip\.Edge_PublicIp_[A-F0-9]+\.ip_address\}$/);
    expect(rendered(stack, gw.publicIpId)).toMatch(/^\$\{azurerm_public_ip\.Edge_PublicIp_[A-F0-9]+\.id\}$/);
  });

  test("nothing in the edge references a kubernetes_cluster: the backend is a literal IP", () => {
    const stack = testStack();
    const rg = testResourceGroup();
    new KubernetesCluster(stack, "Aks", {
      name: "aks",
      resourceGroupName: rg.name,
      location: rg.location,
      dnsPrefix: "aks",
      defaultNodePool: { name: "system", vmSize: "Standard_D4s_v5", nodeCount: 2 },
      identity: { type: "SystemAssigned" },
    });
    gateway(stack);
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "azurerm_kubernetes_cluster"))).toHaveLength(1);
    const edge = [
      ...Object.values(resourcesOf(json, "azurerm_application_gateway")),
      ...Object.values(resourcesOf(json, "azurerm_public_ip")),
      ...Object.values(resourcesOf(json, "azurerm_web_application_firewall_policy")),
    ];
    expect(edge).toHaveLength(3);
    for (const resource of edge) {
      expect(JSON.stringify(resource)).not.toMatch(/kubernetes_cluster/);
      expect(resource.depends_on).toBeUndefined();
    }
  });
});

describe("ApplicationGateway options", () => {
  test("tls: HTTPS 443 with the Key Vault certificate and the identity, HTTP 80 redirects permanently", () => {
    const stack = testStack();
    const gw = gateway(stack, { tls: tls() });
    expect(gw.httpsEnabled).toBe(true);
    const res = onlyGateway(synthJson(stack));
    expect(res.identity).toEqual({ type: "UserAssigned", identity_ids: [IDENTITY_ID] });
    expect(res.ssl_certificate).toEqual([{ name: "listener-certificate", key_vault_secret_id: SECRET_ID }]);
    expect(res.frontend_port).toEqual([
      { name: "port-80", port: 80 },
      { name: "port-443", port: 443 },
    ]);
    expect(res.http_listener).toEqual([
      { name: "http", frontend_ip_configuration_name: "public-frontend", frontend_port_name: "port-80", protocol: "Http" },
      {
        name: "https",
        frontend_ip_configuration_name: "public-frontend",
        frontend_port_name: "port-443",
        protocol: "Https",
        ssl_certificate_name: "listener-certificate",
      },
    ]);
    expect(res.redirect_configuration).toEqual([
      {
        name: "http-to-https",
        redirect_type: "Permanent",
        target_listener_name: "https",
        include_path: true,
        include_query_string: true,
      },
    ]);
    expect(res.request_routing_rule).toEqual([
      {
        name: "catch-all",
        rule_type: "Basic",
        http_listener_name: "https",
        backend_address_pool_name: "shared-gateway",
        backend_http_settings_name: "shared-gateway-http",
        priority: 100,
      },
      {
        name: "http-to-https",
        rule_type: "Basic",
        http_listener_name: "http",
        redirect_configuration_name: "http-to-https",
        priority: 200,
      },
    ]);
  });

  test("tls accepts an azurerm UserAssignedIdentity", () => {
    const stack = testStack();
    const rg = testResourceGroup();
    const identity = new UserAssignedIdentity(stack, "Identity", { name: "id-agw", resourceGroupName: rg.name, location: rg.location });
    gateway(stack, { tls: ListenerCertificate.fromKeyVault({ secretId: SECRET_ID, identity, dnsNames: DNS_NAMES }) });
    expect(onlyGateway(synthJson(stack)).identity).toEqual({
      type: "UserAssigned",
      identity_ids: [expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Identity\.id\}$/)],
    });
  });

  test("tlsPolicy selects another predefined policy for the HTTPS listeners", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope, { tls: tls(), tlsPolicy: ApplicationGatewayTlsPolicy.APPGW_SSL_POLICY_20220101 });
    });
    expect(synth).toHaveResourceWithProperties(AzurermApplicationGateway, {
      ssl_policy: { policy_type: "Predefined", policy_name: "AppGwSslPolicy20220101" },
    });
  });

  test("throws when tlsPolicy is given without tls (the user expects HTTPS and would get HTTP only)", () => {
    expect(() => gateway(testStack(), { tlsPolicy: ApplicationGatewayTlsPolicy.APPGW_SSL_POLICY_20170401S })).toThrow(
      /test\/Edge: tlsPolicy "AppGwSslPolicy20170401S" is set but tls is not: the policy applies only to HTTPS listeners, and without tls the Application Gateway serves plain HTTP\. Set tls to a listener certificate \(ListenerCertificate\.fromKeyVault\), or remove tlsPolicy\./,
    );
  });


  test("probe: Envoy status port 15021, /healthz/ready, explicit Host", () => {
    const gw = onlyGateway(synthJson(gateway(testStack(), { probe: HealthProbe.envoyStatusPort() }).node.scope!));
    expect(gw.probe).toEqual([
      expect.objectContaining({
        path: "/healthz/ready",
        port: 15021,
        host: GATEWAY_IP,
        pick_host_name_from_backend_http_settings: false,
        match: { status_code: ["200-399"] },
      }),
    ]);
    expect(gw.backend_http_settings[0].port).toBe(80);
  });

  test("probe: gateway route with a custom path, host and timings", () => {
    const probe = HealthProbe.gatewayRoute({
      path: "/healthz",
      host: "health.example.com",
      interval: 10,
      timeout: 5,
      unhealthyThreshold: 2,
    });
    const gw = onlyGateway(synthJson(gateway(testStack(), { probe }).node.scope!));
    expect(gw.probe).toEqual([
      expect.objectContaining({
        path: "/healthz",
        host: "health.example.com",
        port: 80,
        interval: 10,
        timeout: 5,
        unhealthy_threshold: 2,
      }),
    ]);
  });

  test("waf: Detection mode and custom rule sets and limits reach the policy", () => {
    const stack = testStack();
    const gw = gateway(stack, {
      waf: {
        mode: WafMode.DETECTION,
        managedRuleSets: [ManagedRuleSet.defaultRuleSet("2.1"), ManagedRuleSet.botManager("1.0")],
        maxRequestBodySizeKb: 2000,
        fileUploadLimitMb: 4000,
      },
    });
    expect(gw.wafMode).toBe(WafMode.DETECTION);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      policy_settings: expect.objectContaining({
        mode: "Detection",
        max_request_body_size_in_kb: 2000,
        file_upload_limit_in_mb: 4000,
      }),
      managed_rules: {
        managed_rule_set: [
          { type: "Microsoft_DefaultRuleSet", version: "2.1" },
          { type: "Microsoft_BotManagerRuleSet", version: "1.0" },
        ],
      },
    });
  });

  test("diagnostics: access, performance and firewall logs plus AllMetrics to the workspace", () => {
    const stack = testStack();
    const gw = gateway(stack, { diagnostics: { logAnalyticsWorkspaceId: WORKSPACE_ID } });
    expect(gw.diagnosticSetting).toBeInstanceOf(MonitorDiagnosticSetting);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      name: "diag-agw-aksgw",
      target_resource_id: expect.stringMatching(/^\$\{azurerm_application_gateway\.Edge_[A-F0-9]+\.id\}$/),
      log_analytics_workspace_id: WORKSPACE_ID,
      enabled_log: [
        { category: "ApplicationGatewayAccessLog" },
        { category: "ApplicationGatewayPerformanceLog" },
        { category: "ApplicationGatewayFirewallLog" },
      ],
      enabled_metric: [{ category: "AllMetrics" }],
    });
  });

  test("autoscale sets the instance range", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope, { autoscale: { minCapacity: 0, maxCapacity: 125 } });
    });
    expect(synth).toHaveResourceWithProperties(AzurermApplicationGateway, {
      autoscale_configuration: { min_capacity: 0, max_capacity: 125 },
    });
  });

  test("zones pins the gateway and its public IP to the given zones", () => {
    const synth = Testing.synthScope((scope) => {
      gateway(scope, { zones: [AvailabilityZone.TWO] });
    });
    expect(synth).toHaveResourceWithProperties(AzurermApplicationGateway, { zones: ["2"] });
    expect(synth).toHaveResourceWithProperties(PublicIp, { zones: ["2"] });
  });

  test("zones [] leaves zones out for a region without availability zones", () => {
    const json = synthJson(gateway(testStack(), { zones: [] }).node.scope!);
    expect(onlyGateway(json).zones).toBeUndefined();
    expect((Object.values(resourcesOf(json, "azurerm_public_ip"))[0] as any).zones).toBeUndefined();
  });

  test("backendPort and requestTimeout reach the backend settings and the gateway-route probe", () => {
    const gw = onlyGateway(synthJson(gateway(testStack(), { backendPort: 8080, requestTimeout: 120 }).node.scope!));
    expect(gw.backend_http_settings[0]).toEqual(expect.objectContaining({ port: 8080, request_timeout: 120 }));
    expect(gw.probe[0].port).toBe(8080);
  });

  test("namePrefix names the gateway, public IP, WAF policy and diagnostic setting", () => {
    const json = synthJson(
      gateway(testStack(), { namePrefix: "edge-prod", diagnostics: { logAnalyticsWorkspaceId: WORKSPACE_ID } }).node.scope!,
    );
    expect(onlyGateway(json).name).toBe("agw-edge-prod");
    expect((Object.values(resourcesOf(json, "azurerm_public_ip"))[0] as any).name).toBe("pip-agw-edge-prod");
    expect((Object.values(resourcesOf(json, "azurerm_web_application_firewall_policy"))[0] as any).name).toBe("waf-edge-prod");
    expect((Object.values(resourcesOf(json, "azurerm_monitor_diagnostic_setting"))[0] as any).name).toBe("diag-agw-edge-prod");
  });

  test("accepts unresolved tokens for the backend address and skips checks on them", () => {
    const stack = testStack();
    const ip = new TerraformVariable(stack, "gateway_ip", { type: "string" });
    gateway(stack, { backendAddress: ip.stringValue });
    const gw = onlyGateway(synthJson(stack));
    expect(gw.backend_address_pool[0].ip_addresses).toEqual(["${var.gateway_ip}"]);
    expect(gw.probe[0].host).toBe("${var.gateway_ip}");
  });
});

describe("ApplicationGateway validation", () => {
  const build = (props: Partial<ApplicationGatewayProps>) => () => gateway(new TerraformStack(Testing.app(), "test"), props);

  test("throws when backendAddress is a host name", () => {
    expect(build({ backendAddress: "gateway.example.com" })).toThrow(
      /test\/Edge: backendAddress must be the shared gateway's static private IPv4 address .*got "gateway.example.com"/,
    );
  });

  test("throws when backendAddress is not a valid IPv4 address", () => {
    expect(build({ backendAddress: "10.240.4.256" })).toThrow(/backendAddress must be .*got "10.240.4.256"/);
  });

  test("throws when backendAddress lies in the Application Gateway subnet", () => {
    expect(build({ backendAddress: "10.240.5.10" })).toThrow(
      /backendAddress "10.240.5.10" lies in the Application Gateway subnet "10.240.5.0\/24"/,
    );
  });

  test("throws when namePrefix breaks Azure naming rules", () => {
    expect(build({ namePrefix: "-edge" })).toThrow(/namePrefix must be 1-40 lowercase letters.*got "-edge"/);
  });

  test("throws when backendPort is out of range", () => {
    expect(build({ backendPort: 0 })).toThrow(/backendPort must be an integer from 1 to 65535, got 0/);
    expect(build({ backendPort: 65536 })).toThrow(/backendPort must be an integer from 1 to 65535, got 65536/);
  });

  test("throws when requestTimeout is out of range", () => {
    expect(build({ requestTimeout: 0 })).toThrow(/requestTimeout must be an integer from 1 to 86400, got 0/);
  });

  test("throws when autoscale.minCapacity is above 100", () => {
    expect(build({ autoscale: { minCapacity: 101, maxCapacity: 125 } })).toThrow(
      /autoscale.minCapacity must be an integer from 0 to 100, got 101/,
    );
  });

  test("throws when autoscale.maxCapacity is outside 2–125", () => {
    expect(build({ autoscale: { minCapacity: 0, maxCapacity: 1 } })).toThrow(
      /autoscale.maxCapacity must be an integer from 2 to 125, got 1/,
    );
    expect(build({ autoscale: { maxCapacity: 126 } })).toThrow(/autoscale.maxCapacity must be an integer from 2 to 125, got 126/);
  });

  test("throws when autoscale.minCapacity is greater than maxCapacity", () => {
    expect(build({ autoscale: { minCapacity: 5, maxCapacity: 3 } })).toThrow(
      /autoscale.minCapacity \(5\) is greater than autoscale.maxCapacity \(3\); raise/,
    );
  });

  test("a minCapacity above the default maxCapacity says the maximum was defaulted (it does not follow the minimum)", () => {
    expect(build({ autoscale: { minCapacity: 12 } })).toThrow(
      /autoscale.minCapacity \(12\) is greater than autoscale.maxCapacity \(10, its default: minCapacity alone does not raise it\); raise maxCapacity/,
    );
  });

  test("throws when the subnet is too small for maxCapacity instances", () => {
    expect(build({ subnet: { ...SUBNET, cidr: "10.240.5.0/28" }, autoscale: { maxCapacity: 20 } })).toThrow(
      /subnet "10.240.5.0\/28" has 16 addresses but 20 instances need 25/,
    );
  });

  test("throws when the subnet CIDR is malformed", () => {
    expect(build({ subnet: { ...SUBNET, cidr: "10.240.5.1/24" } })).toThrow(
      /test\/Edge: subnet.cidr: "10.240.5.1\/24" has host bits set; did you mean "10.240.5.0\/24"\?/,
    );
  });

  test("throws when zones holds an unknown zone", () => {
    expect(build({ zones: [AvailabilityZone.ONE, "4" as AvailabilityZone] })).toThrow(/zones must be distinct values among \["1","2","3"\].*got \["1","4"\]/);
  });

  test("throws when zones repeats a zone", () => {
    expect(build({ zones: [AvailabilityZone.ONE, AvailabilityZone.ONE] })).toThrow(/zones must be distinct values.*got \["1","1"\]/);
  });

  test("throws when diagnostics.logAnalyticsWorkspaceId is not a workspace resource ID", () => {
    expect(build({ diagnostics: { logAnalyticsWorkspaceId: "law-edge" } })).toThrow(
      /diagnostics.logAnalyticsWorkspaceId "law-edge" is not a Log Analytics workspace resource ID like \/subscriptions\//,
    );
  });

  test("throws when the WAF rule sets are invalid (the policy names the gateway's child)", () => {
    expect(build({ waf: { managedRuleSets: [ManagedRuleSet.defaultRuleSet("2.2")] } })).toThrow(
      /test\/Edge\/WafPolicy: Microsoft_DefaultRuleSet "2.2" is not accepted by azurerm 4.55.0/,
    );
  });

  test("throws when the probe is invalid (the error names the gateway)", () => {
    expect(build({ probe: HealthProbe.gatewayRoute({ path: "healthz" }) })).toThrow(
      /test\/Edge: probe path must start with "\/", got "healthz"/,
    );
  });

  test("throws when the listener certificate is invalid (the error names the gateway)", () => {
    const cert = ListenerCertificate.fromKeyVault({ secretId: "kv-edge/www", identity: { id: IDENTITY_ID }, dnsNames: DNS_NAMES });
    expect(build({ tls: cert })).toThrow(/test\/Edge: tls secretId "kv-edge\/www" is not a Key Vault secret identifier like https:\/\/<vault>.vault.azure.net\/secrets\/<name>/);
  });
});

describe("ApplicationGateway Key Vault ordering", () => {
  test("waits for what the certificate depends on, such as the identity's Key Vault role assignment", () => {
    const stack = testStack();
    const access = new UserAssignedIdentity(stack, "KvAccessStandIn", { name: "id-x", resourceGroupName: "rg", location: "swedencentral" });
    gateway(stack, {
      tls: ListenerCertificate.fromKeyVault({ secretId: SECRET_ID, identity: { id: IDENTITY_ID }, dnsNames: DNS_NAMES, dependsOn: [access] }),
    });
    expect(onlyGateway(synthJson(stack)).depends_on).toEqual([expect.stringMatching(/^azurerm_user_assigned_identity\.KvAccessStandIn/)]);
  });

  test("has no depends_on without dependencies", () => {
    const stack = testStack();
    gateway(stack, { tls: tls() });
    expect(onlyGateway(synthJson(stack)).depends_on).toBeUndefined();
  });
});

test("ApplicationGateway skips the zone check for a list token", () => {
  const stack = testStack();
  const zones = new TerraformVariable(stack, "zones", { type: "list(string)" }).listValue;
  expect(() => gateway(stack, { zones: zones as AvailabilityZone[] })).not.toThrow();
  expect(onlyGateway(synthJson(stack)).zones).toBe("${var.zones}");
});
