import { WorkloadIdentity, WorkloadIdentityProps } from "../lib/cluster/workload-identity";
import { resourcesOf, synthJson, testResourceGroup, testStack } from "./util";

const VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-certs/providers/Microsoft.KeyVault/vaults/kv-aksgw";

function identity(over: Partial<WorkloadIdentityProps> = {}) {
  const stack = testStack();
  const id = new WorkloadIdentity(stack, "GatewayTls", {
    resourceGroup: testResourceGroup(),
    identityName: "id-aksgw-gateway-tls",
    oidcIssuerUrl: "https://swedencentral.oic.prod-aks.azure.com/tenant/issuer/",
    namespace: "gateway-system",
    serviceAccountName: "gateway-certificates",
    ...over,
  });
  return { stack, id };
}

describe("WorkloadIdentity", () => {
  test("a user-assigned identity and a federated credential for the ServiceAccount on the cluster's issuer", () => {
    const { stack, id } = identity();
    const json = synthJson(stack);
    const [[uamiKey, uami]] = Object.entries(resourcesOf(json, "azurerm_user_assigned_identity")) as any[];
    expect(uami).toMatchObject({ name: "id-aksgw-gateway-tls", resource_group_name: "rg-test", location: "swedencentral" });
    const [fic] = Object.values(resourcesOf(json, "azurerm_federated_identity_credential")) as any[];
    expect(fic).toEqual({
      name: "gateway-system-gateway-certificates",
      resource_group_name: "rg-test",
      parent_id: `\${azurerm_user_assigned_identity.${uamiKey}.id}`,
      issuer: "https://swedencentral.oic.prod-aks.azure.com/tenant/issuer/",
      subject: "system:serviceaccount:gateway-system:gateway-certificates",
      audience: ["api://AzureADTokenExchange"],
    });
    expect(id.subject).toBe("system:serviceaccount:gateway-system:gateway-certificates");
    expect(id.identityName).toBe("id-aksgw-gateway-tls");
  });

  test("a ServiceAccount name with dots still makes a valid credential name", () => {
    const { stack } = identity({ serviceAccountName: "gw.certs" });
    const [fic] = Object.values(resourcesOf(synthJson(stack), "azurerm_federated_identity_credential")) as any[];
    expect(fic.name).toBe("gateway-system-gw-certs");
    expect(fic.subject).toBe("system:serviceaccount:gateway-system:gw.certs");
  });

  test("grantKeyVaultSecretsUser assigns the role on the vault to the identity's principal", () => {
    const { stack, id } = identity();
    id.grantKeyVaultSecretsUser(VAULT);
    const json = synthJson(stack);
    const [[uamiKey]] = Object.entries(resourcesOf(json, "azurerm_user_assigned_identity"));
    const [role] = Object.values(resourcesOf(json, "azurerm_role_assignment")) as any[];
    expect(role).toEqual({
      scope: VAULT,
      role_definition_name: "Key Vault Secrets User",
      principal_id: `\${azurerm_user_assigned_identity.${uamiKey}.principal_id}`,
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
  });

  test.each([
    [VAULT.replace("resourceGroups", "resourcegroups"), /spells "resourcegroups" where azurerm requires "resourceGroups"/],
    [VAULT.replace("Microsoft.KeyVault/vaults", "Microsoft.KeyVault/managedHSMs"), /is not a Key Vault resource ID like/],
    ["https://kv-aksgw.vault.azure.net/", /is not a Key Vault resource ID/],
  ])("grantKeyVaultSecretsUser refuses %s", (keyVaultId, message) => {
    const { id } = identity();
    expect(() => id.grantKeyVaultSecretsUser(keyVaultId)).toThrow(message);
  });

  test.each([
    [{ identityName: "id" }, /identityName must be 3-128 letters.*got "id"/],
    [{ identityName: "-id-x" }, /identityName must be 3-128 letters/],
    [{ namespace: "Gateway" }, /namespace must be a Kubernetes namespace name.*got "Gateway"/],
    [{ serviceAccountName: "a_b" }, /serviceAccountName must be a DNS-1123 subdomain, got "a_b"/],
    [{ oidcIssuerUrl: "" }, /oidcIssuerUrl must be the cluster's OIDC issuer URL \(https:\/\/…\), got ""/],
    [{ oidcIssuerUrl: undefined }, /oidcIssuerUrl must be .* got undefined/],
  ])("refuses %j", (over, message) => {
    expect(() => identity(over as any)).toThrow(message);
  });

  test("a 128-character identity name and a 63-character namespace still synthesize", () => {
    const { stack } = identity({ identityName: "i".repeat(128), namespace: "n".repeat(63), serviceAccountName: "s".repeat(100) });
    const [fic] = Object.values(resourcesOf(synthJson(stack), "azurerm_federated_identity_credential")) as any[];
    expect(fic.name).toHaveLength(120);
  });
});
