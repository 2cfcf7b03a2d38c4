// The form a user copies to snapshot-test their own stacks: synthesize, snapshot, assert a few properties.
import { Testing } from "cdktf";
import { ApplicationGateway as AzurermApplicationGateway } from "@cdktf/provider-azurerm/lib/application-gateway";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { buildFlagship, tlsSettingsFromEnv } from "../../examples/flagship/flagship";

describe("flagship example", () => {
  const { platform, traffic, tenants } = buildFlagship(Testing.app());
  const platformJson = Testing.synth(platform);
  const trafficJson = Testing.synth(traffic);
  const tenantJsons = Object.fromEntries(Object.entries(tenants).map(([name, stack]) => [name, Testing.synth(stack)]));
  /** Resources of one type across the traffic stack and every tenant stack. */
  const k8s = (type: string): any[] =>
    [trafficJson, ...Object.values(tenantJsons)].flatMap((j) => Object.values(JSON.parse(j).resource?.[type] ?? {}));
  const manifests = k8s("kubernetes_manifest").map((r: any) => r.manifest);

  test("platform stack snapshot", () => {
    expect(platformJson).toMatchSnapshot();
  });

  test("traffic stack snapshot", () => {
    expect(trafficJson).toMatchSnapshot();
  });

  test("tenant stack snapshots (one stack per tenant)", () => {
    expect(Object.keys(tenants)).toEqual(["app1", "app2"]);
    expect(tenants.app1.node.id).toBe("aksgw-tenant-app1");
    for (const json of Object.values(tenantJsons)) expect(json).toMatchSnapshot();
  });

  test("WAF_v2 in Prevention mode in front of the gateway's static internal IP", () => {
    expect(platformJson).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      policy_settings: expect.objectContaining({ mode: "Prevention", enabled: true }),
    });
    expect(platformJson).toHaveResourceWithProperties(AzurermApplicationGateway, {
      sku: expect.objectContaining({ name: "WAF_v2", tier: "WAF_v2" }),
      backend_address_pool: [expect.objectContaining({ ip_addresses: ["10.240.4.4"] })],
    });
  });

  test("two tenants route /app1 and /app2 to their own hello services; health on /healthz", () => {
    const routes = manifests.filter((m) => m.kind === "HTTPRoute");
    const summary = routes
      .map((r) => `${r.metadata.namespace} ${r.spec.hostnames ?? "*"} ${r.spec.rules[0].matches[0].path.value} ${r.spec.rules[0].backendRefs[0].name}`)
      .sort();
    expect(summary).toEqual([
      "app1 apps.contoso.example /app1 hello",
      "app2 apps.contoso.example /app2 hello",
      "gateway-health * /healthz health-responder",
    ]);
    const hello = k8s("kubernetes_deployment_v1");
    const args = hello.map((d) => d.spec.template.spec.container[0].args).filter(Boolean);
    expect(args).toEqual(expect.arrayContaining([expect.arrayContaining(["-text=Hello from App 1"]), expect.arrayContaining(["-text=Hello from App 2"])]));
  });

  test("ETP Local is declared on the gateway, not patched after deploy", () => {
    const configMap = Object.values(JSON.parse(trafficJson).resource.kubernetes_config_map_v1).find(
      (c: any) => c.metadata.name === "shared-gateway-parameters",
    ) as any;
    expect(JSON.parse(configMap.data.service).spec.externalTrafficPolicy).toBe("Local");
  });

  test("each tenant has its quota, network policy and route Role; owners get RoleBindings", () => {
    const byNamespace = (type: string) => k8s(type).map((r) => r.metadata.namespace).sort();
    expect(byNamespace("kubernetes_resource_quota_v1")).toEqual(["app1", "app2"]);
    expect(byNamespace("kubernetes_role_v1")).toEqual(["app1", "app2"]);
    const tenantPolicies = byNamespace("kubernetes_network_policy_v1").filter((n) => n === "app1" || n === "app2");
    expect(tenantPolicies).toEqual(["app1", "app2"]); // one isolation policy each, ingress and egress
    const owned = buildFlagship(Testing.app(), { tenantOwners: { app1: ["11111111-2222-3333-4444-555555555555"] } });
    const bindings = Object.values(JSON.parse(Testing.synth(owned.tenants.app1)).resource.kubernetes_role_binding_v1) as any[];
    expect(bindings.map((b) => `${b.metadata.namespace}/${b.metadata.name}->${b.role_ref.name}`).sort()).toEqual([
      "app1/tenant-httproutes->tenant-httproutes",
      "app1/tenant-owners->edit",
    ]);
    expect(bindings[0].subject).toEqual([{ kind: "Group", api_group: "rbac.authorization.k8s.io", name: "11111111-2222-3333-4444-555555555555" }]);
  });

  describe("with the HTTPS settings: TLS end to end", () => {
    const SECRET = "https://kv-contoso.vault.azure.net/secrets/apps-contoso";
    const VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-contoso";
    const built = buildFlagship(Testing.app(), {
      tls: {
        keyVaultSecretId: SECRET,
        identityId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw",
        keyVaultId: VAULT,
      },
    });
    const platformTls = JSON.parse(Testing.synth(built.platform, true));
    const trafficTls = JSON.parse(Testing.synth(built.traffic, true));
    const agw = Object.values(platformTls.resource.azurerm_application_gateway)[0] as any;

    test("edge: HTTPS listener with the Key Vault certificate, HTTP redirects to HTTPS", () => {
      expect(agw.ssl_certificate[0].key_vault_secret_id).toBe(SECRET);
      expect(agw.redirect_configuration[0]).toMatchObject({ redirect_type: "Permanent", include_path: true, include_query_string: true });
    });

    test("edge to Gateway: HTTPS backend settings on 443 and an HTTPS probe on a name the certificate covers", () => {
      expect(agw.backend_http_settings.map((b: any) => [b.protocol, b.port])).toEqual([["Https", 443]]);
      expect(agw.probe[0]).toMatchObject({ protocol: "Https", host: "healthz.apps.contoso.example", path: "/healthz/ready" });
    });

    test("Gateway: HTTPS listener whose certificate the app-routing add-on syncs from Key Vault through tls.options", () => {
      const gateway = (Object.values(trafficTls.resource.kubernetes_manifest) as any[]).map((r) => r.manifest).find((m) => m.kind === "Gateway");
      expect(gateway.spec.listeners[1].tls.options).toEqual({
        "kubernetes.azure.com/tls-cert-keyvault-uri": "https://kv-contoso.vault.azure.net/certificates/apps-contoso",
        "kubernetes.azure.com/tls-cert-service-account": "gateway-certificates",
      });
      expect(Object.keys(trafficTls.resource.kubernetes_service_account_v1)).toHaveLength(1);
    });

    test("Azure: the CSI add-on, the Gateway's identity, its Key Vault role and its federated credential", () => {
      const aks = Object.values(platformTls.resource.azurerm_kubernetes_cluster)[0] as any;
      expect(aks.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "2m" });
      expect((Object.values(platformTls.resource.azurerm_role_assignment) as any[]).some((r) => r.scope === VAULT && r.role_definition_name === "Key Vault Secrets User")).toBe(true);
      const [fic] = Object.values(platformTls.resource.azurerm_federated_identity_credential) as any[];
      expect(fic.subject).toBe("system:serviceaccount:gateway-system:gateway-certificates");
    });

    test("tenant hostnames outside the certificate fail at synth", () => {
      const other = buildFlagship(Testing.app(), {
        tls: { keyVaultSecretId: SECRET, identityId: agw.identity.identity_ids[0], keyVaultId: VAULT, dnsNames: ["*.other.example"] },
      });
      expect(() => Testing.synth(other.traffic, true)).toThrow(/tenant hostname "apps.contoso.example" is not covered/);
    });
  });
});

describe("flagship HTTPS settings from the environment", () => {
  const all = {
    AKSGW_TLS_SECRET_ID: "https://kv-contoso.vault.azure.net/secrets/apps-contoso",
    AKSGW_TLS_IDENTITY_ID: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw",
    AKSGW_TLS_KEY_VAULT_ID: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-contoso",
  };
  test("none set: HTTP only", () => {
    expect(tlsSettingsFromEnv({})).toBeUndefined();
  });
  test("all three set: HTTPS end to end, DNS names from AKSGW_TLS_DNS_NAMES when given", () => {
    expect(tlsSettingsFromEnv(all)).toEqual({
      keyVaultSecretId: all.AKSGW_TLS_SECRET_ID,
      identityId: all.AKSGW_TLS_IDENTITY_ID,
      keyVaultId: all.AKSGW_TLS_KEY_VAULT_ID,
      dnsNames: undefined,
    });
    expect(tlsSettingsFromEnv({ ...all, AKSGW_TLS_DNS_NAMES: " a.example.com, *.a.example.com ," })?.dnsNames).toEqual(["a.example.com", "*.a.example.com"]);
  });
  test("some set: an error naming the missing ones", () => {
    expect(() => tlsSettingsFromEnv({ AKSGW_TLS_SECRET_ID: all.AKSGW_TLS_SECRET_ID, AKSGW_TLS_IDENTITY_ID: all.AKSGW_TLS_IDENTITY_ID })).toThrow(
      "HTTPS needs AKSGW_TLS_SECRET_ID, AKSGW_TLS_IDENTITY_ID, AKSGW_TLS_KEY_VAULT_ID; AKSGW_TLS_KEY_VAULT_ID is missing.",
    );
  });
});
