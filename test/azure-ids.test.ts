import {
  LOG_ANALYTICS_WORKSPACE_ID,
  SUBNET_ID,
  USER_ASSIGNED_IDENTITY_ID,
  armIdProblem,
  armIdTemplate,
  isVersionedSecretId,
  keyVaultSecretIdProblem,
} from "../lib/core/azure-ids";

const SUB = "00000000-0000-0000-0000-000000000000";
const IDENTITY = `/subscriptions/${SUB}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw`;

// azurerm v4.55.0 parses resource IDs case-sensitively (go-azure-helpers commonids, e.g. ValidateUserAssignedIdentityID),
// so these spellings synthesize but fail terraform validate.
describe("armIdProblem", () => {
  test("accepts IDs as azurerm spells them", () => {
    expect(armIdProblem(IDENTITY, USER_ASSIGNED_IDENTITY_ID)).toBeUndefined();
    expect(armIdProblem(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s`, SUBNET_ID)).toBeUndefined();
  });

  test.each([
    ["resourcegroups", IDENTITY.replace("resourceGroups", "resourcegroups"), /spells "resourcegroups" where azurerm requires "resourceGroups"/],
    ["provider namespace", IDENTITY.replace("Microsoft.ManagedIdentity", "microsoft.managedidentity"), /spells "microsoft\.managedidentity" where azurerm requires "Microsoft\.ManagedIdentity"/],
    ["resource type", IDENTITY.replace("userAssignedIdentities", "UserAssignedIdentities"), /requires "userAssignedIdentities"/],
    ["another type", IDENTITY.replace("Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.Network/virtualNetworks"), /is not a user-assigned identity resource ID like \/subscriptions\/<subscriptions>\/resourceGroups\/<resourceGroups>\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/<userAssignedIdentities>/],
    ["a name", "id-agw", /is not a user-assigned identity resource ID/],
    ["a trailing slash", `${IDENTITY}/`, /is not a user-assigned identity resource ID/],
    ["an empty segment", IDENTITY.replace("rg-id", ""), /empty segment/],
    ["a subscription that is not a GUID", IDENTITY.replace(SUB, "contoso"), /subscription "contoso", which is not a subscription ID/],
  ])("refuses %s", (_what, id, message) => {
    expect(armIdProblem(id, USER_ASSIGNED_IDENTITY_ID)).toMatch(message);
  });

  test("templates read as documentation", () => {
    expect(armIdTemplate(LOG_ANALYTICS_WORKSPACE_ID)).toBe(
      "/subscriptions/<subscriptions>/resourceGroups/<resourceGroups>/providers/Microsoft.OperationalInsights/workspaces/<workspaces>",
    );
  });
});

describe("keyVaultSecretIdProblem", () => {
  test.each([
    "https://kv-edge.vault.azure.net/secrets/www",
    "https://kv-edge.vault.azure.net/secrets/www/",
    "https://KV-Edge.Vault.Azure.Net/secrets/www-contoso-com",
    "https://kv-edge.vault.azure.net/secrets/www/0123456789abcdef0123456789abcdef",
    "https://kv-gov.vault.usgovcloudapi.net/secrets/www",
  ])("accepts %s", (url) => {
    expect(keyVaultSecretIdProblem(url)).toBeUndefined();
  });

  test.each([
    ["/Secrets/", "https://kv-edge.vault.azure.net/Secrets/www", /spells "Secrets" where Key Vault and azurerm require "secrets"/],
    ["a certificate identifier", "https://kv-edge.vault.azure.net/certificates/www", /is a Key Vault certificate identifier; use the certificate's secret identifier/],
    ["a key identifier", "https://kv-edge.vault.azure.net/keys/www", /is a Key Vault key identifier/],
    ["http", "http://kv-edge.vault.azure.net/secrets/www", /is not a Key Vault secret identifier/],
    ["another host", "https://example.com/secrets/www", /the host is not a Key Vault/],
    ["an upper-case version", "https://kv-edge.vault.azure.net/secrets/www/0123456789ABCDEF0123456789ABCDEF", /32 lower-case hex digits/],
    ["a bad name", "https://kv-edge.vault.azure.net/secrets/www_contoso", /Key Vault names are 1-127 letters, digits and '-'/],
    ["too many segments", "https://kv-edge.vault.azure.net/secrets/www/0123456789abcdef0123456789abcdef/x", /is not a Key Vault secret identifier/],
  ])("refuses %s", (_what, url, message) => {
    expect(keyVaultSecretIdProblem(url)).toMatch(message);
  });

  test("a versioned identifier is recognised", () => {
    expect(isVersionedSecretId("https://kv-edge.vault.azure.net/secrets/www/0123456789abcdef0123456789abcdef")).toBe(true);
    expect(isVersionedSecretId("https://kv-edge.vault.azure.net/secrets/www")).toBe(false);
  });
});
