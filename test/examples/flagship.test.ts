// The form a user copies to snapshot-test their own stacks: synthesize, snapshot, assert a few properties.
import { Testing } from "cdktf";
import { ApplicationGateway as AzurermApplicationGateway } from "@cdktf/provider-azurerm/lib/application-gateway";
import { WebApplicationFirewallPolicy } from "@cdktf/provider-azurerm/lib/web-application-firewall-policy";
import { buildFlagship } from "../../examples/flagship/flagship";

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

  test("HTTPS is an option: Key Vault certificate, HTTP redirects to HTTPS", () => {
    const { platform: tlsPlatform } = buildFlagship(Testing.app(), {
      tls: {
        keyVaultSecretId: "https://kv-contoso.vault.azure.net/secrets/apps-contoso",
        identityId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw",
      },
    });
    const agw = Object.values(JSON.parse(Testing.synth(tlsPlatform)).resource.azurerm_application_gateway)[0] as any;
    expect(agw.ssl_certificate[0].key_vault_secret_id).toBe("https://kv-contoso.vault.azure.net/secrets/apps-contoso");
    expect(agw.redirect_configuration[0]).toMatchObject({ redirect_type: "Permanent", include_path: true, include_query_string: true });
  });
});
