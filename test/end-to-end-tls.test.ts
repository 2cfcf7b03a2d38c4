/**
 * HTTPS end to end (issue 9): what PlatformStack provisions for `gatewayTls`, and how the traffic stack puts the
 * Key Vault certificate on the shared Gateway. Resource shapes follow azurerm v4.55.0 (federated_identity_credential_resource.go:
 * audience MaxItems 1, parent_id a user-assigned identity ID, resource_group_name the identity's group).
 */
import { App, Testing } from "cdktf";
import { BackendProtocol } from "../lib/edge/application-gateway";
import { HealthProbe } from "../lib/edge/health-probe";
import { PlatformStack, PlatformStackConfig } from "../stacks/platform-stack";
import { TrafficStack, TrafficStackConfig } from "../stacks/traffic-stack";
import { TenantStack } from "../stacks/tenant-stack";
import { ListenerCertificate } from "../lib/edge/listener-certificate";
import { GatewayMode } from "../lib/core/gateway-mode";
import { GatewayTls } from "../lib/gateway/gateway-tls";
import { stackJson } from "./stack-util";

const SUB = "00000000-0000-0000-0000-000000000000";
const VAULT_ID = `/subscriptions/${SUB}/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-aksgw`;
const SECRET_ID = "https://kv-aksgw.vault.azure.net/secrets/apps-example-com";
const CERT_URI = "https://kv-aksgw.vault.azure.net/certificates/apps-example-com";
const EDGE_IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-certs/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-edge`;
const DNS = ["*.apps.example.com"];

const edgeTls = (dnsNames = DNS) => ListenerCertificate.fromKeyVault({ secretId: SECRET_ID, identity: { id: EDGE_IDENTITY }, dnsNames });

function build(platform: Partial<PlatformStackConfig> = {}, traffic: Partial<TrafficStackConfig> = {}) {
  const app = new App();
  const p = new PlatformStack(app, "platform", {
    edge: { tls: edgeTls() },
    gatewayTls: { keyVaultId: VAULT_ID },
    ...platform,
  });
  const t = new TrafficStack(app, "traffic", { platform: p, ...traffic });
  return { app, platform: p, traffic: t };
}

const values = (json: any, type: string, data = false): any[] => Object.values((data ? json.data : json.resource)?.[type] ?? {});

describe("PlatformStack gatewayTls", () => {
  const { platform } = build();
  const json = stackJson(platform);

  test("turns on the cluster's Key Vault secrets provider with rotation", () => {
    expect(values(json, "azurerm_kubernetes_cluster")[0].key_vault_secrets_provider).toEqual({
      secret_rotation_enabled: true,
      secret_rotation_interval: "2m",
    });
  });

  test("an identity with Key Vault Secrets User on the vault, federated with the Gateway's ServiceAccount on the cluster's issuer", () => {
    const identities = Object.entries(json.resource.azurerm_user_assigned_identity) as [string, any][];
    const [key, identity] = identities.find(([, i]) => i.name === "id-aksgw-gateway-tls")!;
    expect(identity.resource_group_name).toMatch(/azurerm_resource_group\./);
    const [fic] = values(json, "azurerm_federated_identity_credential");
    expect(fic.subject).toBe("system:serviceaccount:gateway-system:gateway-certificates");
    expect(fic.issuer).toMatch(/^\$\{azurerm_kubernetes_cluster\.\w+\.oidc_issuer_url\}$/);
    expect(fic.parent_id).toBe(`\${azurerm_user_assigned_identity.${key}.id}`);
    expect(fic.audience).toEqual(["api://AzureADTokenExchange"]);
    const role = values(json, "azurerm_role_assignment").find((r) => r.scope === VAULT_ID);
    expect(role).toMatchObject({ role_definition_name: "Key Vault Secrets User", principal_id: `\${azurerm_user_assigned_identity.${key}.principal_id}` });
  });

  test("the gateway subnet's NSG admits the Application Gateway on 443, not 80", () => {
    const rules = values(json, "azurerm_network_security_rule").filter((r) => r.name === "AllowAppGatewayToGateway");
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect([rule.destination_port_range ?? rule.destination_port_ranges].flat()).toEqual(["443"]);
    expect(platform.gatewayCertificate).toEqual({
      certificateUri: CERT_URI,
      dnsNames: DNS,
      identityName: "id-aksgw-gateway-tls",
      resourceGroupName: "rg-aksgw",
      gatewayNamespace: "gateway-system",
      serviceAccountName: "gateway-certificates",
    });
  });

  test.each([
    [{ edge: {} }, /gatewayTls: HTTPS end to end needs HTTPS at the edge first: give edge.tls/],
    [{ gatewayTls: { keyVaultId: VAULT_ID, certificateUri: CERT_URI } }, /certificateUri ".*" was given without dnsNames/],
    [{ gatewayTls: { keyVaultId: VAULT_ID, dnsNames: DNS } }, /dnsNames \["\*\.apps\.example\.com"\] were given without certificateUri/],
    [{ gatewayTls: { keyVaultId: VAULT_ID.replace("kv-aksgw", "kv-other"), certificateUri: CERT_URI, dnsNames: DNS } },
      /the certificate ".*" is in vault "kv-aksgw", but keyVaultId names vault "kv-other"/],
    [{ gatewayTls: { keyVaultId: "kv-aksgw", certificateUri: CERT_URI, dnsNames: DNS } }, /keyVaultId "kv-aksgw" is not a Key Vault resource ID/],
    [{ gatewayTls: { keyVaultId: VAULT_ID, certificateUri: `${CERT_URI}/0123456789abcdef0123456789abcdef`, dnsNames: DNS } }, /leave the version out/],
    [{ cluster: { gatewayMode: GatewayMode.SELF_MANAGED_ISTIO } }, /gatewayTls: the Gateway's Key Vault certificate is synced by the AKS app-routing add-on/],
  ])("refuses %j", (config, message) => {
    expect(() => build(config as any)).toThrow(message);
  });

  test("gatewayTls without certificateUri takes the edge certificate's URI", () => {
    const app = new App();
    const p = new PlatformStack(app, "platform", { edge: { tls: edgeTls() }, gatewayTls: { keyVaultId: VAULT_ID } });
    expect(p.gatewayCertificate?.certificateUri).toBe(CERT_URI);
    expect(p.gatewayCertificate?.dnsNames).toEqual(DNS);
  });
});

describe("PlatformStack gatewayTls: the Application Gateway re-encrypts", () => {
  const { platform } = build();
  const json = stackJson(platform);
  const agw = values(json, "azurerm_application_gateway")[0];

  test("HTTPS backend settings on 443 and an HTTPS probe whose Host and SNI the certificate covers", () => {
    expect(agw.backend_http_settings.map((b: any) => [b.protocol, b.port])).toEqual([["Https", 443]]);
    expect(agw.probe).toEqual([expect.objectContaining({ protocol: "Https", host: "healthz.apps.example.com", path: "/healthz/ready" })]);
    expect(json.output.backend_protocol.value).toBe("Https");
    expect(json.output.probe_host.value).toBe("healthz.apps.example.com");
  });

  test("an explicit probe is kept; an explicit HTTP backend is refused", () => {
    const probe = HealthProbe.gatewayRoute({ host: "probe.apps.example.com" });
    expect(build({ edge: { tls: edgeTls(), probe } }).platform.applicationGateway.probeHost).toBe("probe.apps.example.com");
    expect(() => build({ edge: { tls: edgeTls(), backendProtocol: BackendProtocol.HTTP } })).toThrow(
      /edge.backendProtocol is BackendProtocol.HTTP, but gatewayTls makes the Application Gateway re-encrypt/,
    );
  });

  test("a certificate without a wildcard needs an explicit probe host", () => {
    const exact = ["app1.example.com"];
    expect(() => build({ edge: { tls: edgeTls(exact) }, gatewayTls: { keyVaultId: VAULT_ID } })).toThrow(
      /the certificate \["app1.example.com"\] has no wildcard to derive one from. Give edge.probe/,
    );
    const probe = HealthProbe.gatewayRoute({ host: "app1.example.com" });
    expect(() => build({ edge: { tls: edgeTls(exact), probe }, gatewayTls: { keyVaultId: VAULT_ID } })).not.toThrow();
  });
});

describe("TrafficStack with the platform's gatewayTls", () => {
  const { traffic } = build();
  const json = stackJson(traffic);

  test("reads the identity's client ID by its literal name, not from the platform's state", () => {
    const [identity] = values(json, "azurerm_user_assigned_identity", true);
    expect(identity).toEqual({ name: "id-aksgw-gateway-tls", resource_group_name: "rg-aksgw" });
    expect(JSON.stringify(json)).not.toContain("azurerm_resource_group.");
    const [sa] = values(json, "kubernetes_service_account_v1");
    expect(sa.metadata.annotations["azure.workload.identity/client-id"]).toMatch(/^\$\{data\.azurerm_user_assigned_identity\.\w+\.client_id\}$/);
    expect(JSON.stringify(json)).not.toContain("terraform_remote_state");
  });

  test("the Gateway's https listener reads the certificate from Key Vault; routes attach only to it", () => {
    const gateway = values(json, "kubernetes_manifest").map((r) => r.manifest).find((m) => m.kind === "Gateway");
    expect(gateway.spec.listeners.map((l: any) => [l.name, l.port])).toEqual([["http", 80], ["https", 443]]);
    expect(gateway.spec.listeners[1].tls.options).toEqual({
      "kubernetes.azure.com/tls-cert-keyvault-uri": CERT_URI,
      "kubernetes.azure.com/tls-cert-service-account": "gateway-certificates",
    });
    expect(traffic.gateway.listenerNames).toEqual(["https"]);
  });

  test("the verifier's health check sends the probe's host, which the Gateway's certificate covers", () => {
    expect(traffic.healthCheckHost).toBe("healthz.apps.example.com");
    expect(traffic.routeChecks[0]).toEqual({ name: "health /healthz/ready", host: "healthz.apps.example.com", path: "/healthz/ready" });
    expect(() => Testing.synth(traffic, true)).not.toThrow();
  });

  test("a tenant owning the probe's host (here by wildcard) fails synth", () => {
    const { traffic: t } = build();
    t.addTenant({ name: "apps", hostnames: ["*.apps.example.com"] });
    expect(() => Testing.synth(t, true)).toThrow(/tenant "apps" owns "healthz.apps.example.com", the Host the Application Gateway probe sends/);
  });

  test("refuses gateway.https on top of the platform's gatewayTls", () => {
    expect(() => build({}, { gateway: { https: GatewayTls.fromSecret("tls", DNS) } })).toThrow(
      /gateway.https is set by the platform's gatewayTls .* Remove gateway.https/,
    );
  });

  test("refuses a gateway namespace the identity is not federated with", () => {
    expect(() => build({}, { gateway: { namespace: "edge-system" } })).toThrow(
      /gateway.namespace is "edge-system", but the platform's gatewayTls federates .* "gateway-system"/,
    );
    expect(() =>
      build({ gatewayTls: { keyVaultId: VAULT_ID, certificateUri: CERT_URI, dnsNames: DNS, gatewayNamespace: "edge-system" } }, { gateway: { namespace: "edge-system" } }),
    ).not.toThrow();
  });
});

describe("edge certificate coverage of tenant hostnames (checked at synth)", () => {
  const SHOP_SECRET = "https://kv-aksgw.vault.azure.net/secrets/shop-example-org";
  function edgeOnly(additional: string[][] = []) {
    const app = new App();
    const platform = new PlatformStack(app, "platform", {
      edge: {
        tls: edgeTls(),
        additionalCertificates: additional.map((dnsNames, i) =>
          ListenerCertificate.fromKeyVault({ secretId: `${SHOP_SECRET}-${i}`, identity: { id: EDGE_IDENTITY }, dnsNames }),
        ),
      },
    });
    const traffic = new TrafficStack(app, "traffic", { platform });
    return { app, traffic };
  }

  test("a hostname no edge certificate covers fails, naming the hostname, what the edge would serve and every certificate tried", () => {
    const { traffic } = edgeOnly();
    traffic.addTenant({ name: "shop", hostnames: ["shop.example.org"] });
    expect(() => Testing.synth(traffic, true)).toThrow(
      /traffic\/Tenants\/shop: tenant hostname "shop.example.org" is not covered at the edge: the Application Gateway would serve the certificate with dnsNames \["\*.apps.example.com"\] for it.*Certificates tried: https:\/\/kv-aksgw.vault.azure.net\/secrets\/apps-example-com \(dnsNames \["\*.apps.example.com"\]\)/,
    );
  });

  test("one label too deep for the wildcard is not covered", () => {
    const { traffic } = edgeOnly();
    traffic.addTenant({ name: "deep", hostnames: ["a.b.apps.example.com"] });
    expect(() => Testing.synth(traffic, true)).toThrow(/tenant hostname "a.b.apps.example.com" is not covered at the edge/);
  });

  test("a tenant's own domain with its own certificate in additionalCertificates is covered", () => {
    const { traffic } = edgeOnly([["shop.example.org"]]);
    traffic.addTenant({ name: "shop", hostnames: ["shop.example.org"] });
    traffic.addTenant({ name: "app1", hostnames: ["app1.apps.example.com", "*.app1.apps.example.com"] });
    expect(() => Testing.synth(traffic, true)).toThrow(/tenant hostname "\*.app1.apps.example.com" is not covered at the edge/);
    const ok = edgeOnly([["shop.example.org"]]).traffic;
    ok.addTenant({ name: "shop", hostnames: ["shop.example.org"] });
    ok.addTenant({ name: "app1", hostnames: ["app1.apps.example.com"] });
    expect(() => Testing.synth(ok, true)).not.toThrow();
  });

  test("a tenant in its own stack is checked too", () => {
    const { app, traffic } = edgeOnly();
    const stack = new TenantStack(app, "tenant-shop", { traffic });
    stack.addTenant({ name: "shop", hostnames: ["shop.example.org"] });
    expect(() => Testing.synth(traffic, true)).toThrow(/tenant-shop\/shop: tenant hostname "shop.example.org" is not covered at the edge/);
  });

  test("without HTTPS at the edge no certificate is required", () => {
    const app = new App();
    const traffic = new TrafficStack(app, "traffic", { platform: new PlatformStack(app, "platform", {}) });
    traffic.addTenant({ name: "shop", hostnames: ["shop.example.org"] });
    expect(() => Testing.synth(traffic, true)).not.toThrow();
  });
});
