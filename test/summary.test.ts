import { countResources, deployOrder, trafficPath } from "../cli/summary";
import { Testing } from "cdktf";
import { buildFlagship } from "../examples/flagship/flagship";

describe("synth summary", () => {
  test("orders stacks after their dependencies and refuses cycles", () => {
    const s = (name: string, dependencies: string[] = []) => ({ name, synthesizedStackPath: `${name}.json`, dependencies });
    expect(deployOrder([s("traffic", ["platform"]), s("extra", ["traffic"]), s("platform")]).map((x) => x.name)).toEqual([
      "platform",
      "traffic",
      "extra",
    ]);
    expect(() => deployOrder([s("a", ["b"]), s("b", ["a"])])).toThrow(/stack dependency cycle: a -> b -> a/);
  });

  test("counts resources by type, most first", () => {
    expect(countResources({ resource: { b_type: { x: {}, y: {} }, a_type: { z: {} }, c_type: { u: {}, v: {} } } })).toEqual([
      ["b_type", 2],
      ["c_type", 2],
      ["a_type", 1],
    ]);
    expect(countResources({})).toEqual([]);
  });

  test("describes the flagship's traffic path from the synthesized stacks", () => {
    const { platform, traffic, tenants } = buildFlagship(Testing.app());
    const lines = trafficPath([platform, traffic, ...Object.values(tenants)].map((s) => JSON.parse(Testing.synth(s))));
    expect(lines).toEqual([
      "client -> public IP -> Application Gateway agw-aksgw (WAF_v2, HTTP)",
      "  -> WAF Prevention [Microsoft_DefaultRuleSet 2.1, Microsoft_BotManagerRuleSet 1.1]",
      "  -> gateway IP 10.240.4.4 (internal load balancer, HTTP:80)",
      "  -> Gateway gateway-system/shared-gateway (class approuting-istio; http:80)",
      "     app1/web: apps.contoso.example /app1 -> hello:80",
      "     app2/web: apps.contoso.example /app2 -> hello:80",
      "     gateway-health/healthz: * /healthz -> health-responder:80",
    ]);
  });

  test("with HTTPS end to end, shows the re-encrypted hop and the Gateway's https listener", () => {
    const { platform, traffic, tenants } = buildFlagship(Testing.app(), {
      tls: {
        keyVaultSecretId: "https://kv-contoso.vault.azure.net/secrets/apps-contoso",
        identityId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw",
        keyVaultId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-contoso",
      },
    });
    const lines = trafficPath([platform, traffic, ...Object.values(tenants)].map((s) => JSON.parse(Testing.synth(s))));
    expect(lines.slice(0, 4)).toEqual([
      "client -> public IP -> Application Gateway agw-aksgw (WAF_v2, HTTPS + HTTP->HTTPS redirect)",
      "  -> WAF Prevention [Microsoft_DefaultRuleSet 2.1, Microsoft_BotManagerRuleSet 1.1]",
      "  -> gateway IP 10.240.4.4 (internal load balancer, HTTPS:443, re-encrypted)",
      "  -> Gateway gateway-system/shared-gateway (class approuting-istio; http:80, https:443)",
    ]);
  });

  test("pairs each Application Gateway with its own WAF policy", () => {
    const gateway = (name: string, policy: string) => ({ name, sku: { name: "WAF_v2" }, firewall_policy_id: `\${azurerm_web_application_firewall_policy.${policy}.id}` });
    const policy = (mode: string) => ({ policy_settings: { mode }, managed_rules: { managed_rule_set: [] } });
    const lines = trafficPath([
      {
        resource: {
          azurerm_application_gateway: { A: gateway("agw-a", "PolA"), B: gateway("agw-b", "PolB") },
          azurerm_web_application_firewall_policy: { PolA: policy("Prevention"), PolB: policy("Detection") },
        },
      },
    ]);
    expect(lines.filter((l) => l.includes("WAF "))).toEqual(["  -> WAF Prevention", "  -> WAF Detection"]);
  });
});
