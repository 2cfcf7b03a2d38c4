/**
 * Checks of the Azure resource IDs and Key Vault URLs users pass in, as strictly as azurerm parses them.
 *
 * azurerm's resource-ID parsers are case-sensitive (azurerm v4.55.0: vendor/github.com/hashicorp/go-azure-helpers/
 * resourcemanager/commonids, e.g. ValidateUserAssignedIdentityID): `/resourcegroups/`, which some Azure CLI
 * output prints, synthesizes but fails `terraform validate`. Each function returns `undefined` for a valid
 * value or a short description of the problem, which callers put into a ValidationError.
 */

/** A resource-ID shape: literal segments as azurerm spells them, `*` for a name. */
export interface ArmIdShape {
  /** What the ID names, for messages ("user-assigned identity"). */
  readonly what: string;
  /** Segments after the leading slash. */
  readonly segments: readonly string[];
}

const scoped = (what: string, ...rest: string[]): ArmIdShape => ({
  what,
  segments: ["subscriptions", "*", "resourceGroups", "*", "providers", ...rest],
});

/** `/subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`. */
export const USER_ASSIGNED_IDENTITY_ID = scoped("user-assigned identity", "Microsoft.ManagedIdentity", "userAssignedIdentities", "*");
/** `/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/<name>`. */
export const VIRTUAL_NETWORK_ID = scoped("virtual network", "Microsoft.Network", "virtualNetworks", "*");
/** `/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<name>`. */
export const SUBNET_ID = scoped("subnet", "Microsoft.Network", "virtualNetworks", "*", "subnets", "*");
/** `/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/<name>`. */
export const KEY_VAULT_ID = scoped("Key Vault", "Microsoft.KeyVault", "vaults", "*");
/** `/subscriptions/…/resourceGroups/…/providers/Microsoft.OperationalInsights/workspaces/<name>`. */
export const LOG_ANALYTICS_WORKSPACE_ID = scoped("Log Analytics workspace", "Microsoft.OperationalInsights", "workspaces", "*");

/** How the shape reads in messages: `/subscriptions/<subscriptions>/resourceGroups/<resourceGroups>/…`. */
export function armIdTemplate(shape: ArmIdShape): string {
  return "/" + shape.segments.map((s, i) => (s === "*" ? `<${shape.segments[i - 1]}>` : s)).join("/");
}

/** Why `id` is not an ID of `shape` as azurerm parses it, or `undefined`. */
export function armIdProblem(id: string, shape: ArmIdShape): string | undefined {
  const parts = id.split("/");
  const expected = `is not a ${shape.what} resource ID like ${armIdTemplate(shape)}`;
  if (parts[0] !== "" || parts.length - 1 !== shape.segments.length) return expected;
  for (let i = 0; i < shape.segments.length; i++) {
    const want = shape.segments[i];
    const got = parts[i + 1];
    if (got === "") return `${expected} (empty segment)`;
    if (want === "*" || got === want) continue;
    if (got.toLowerCase() === want.toLowerCase()) {
      return `spells ${JSON.stringify(got)} where azurerm requires ${JSON.stringify(want)} (resource IDs are parsed case-sensitively)`;
    }
    return expected;
  }
  if (!/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/.test(parts[2])) {
    return `has subscription ${JSON.stringify(parts[2])}, which is not a subscription ID (a GUID)`;
  }
  return undefined;
}

/** Key Vault hosts of the Azure clouds. */
const VAULT_HOST = /^[a-z0-9](?:[a-z0-9-]{1,22})[a-z0-9]\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)$/i;

/**
 * Why `url` is not a Key Vault secret identifier `https://<vault>.vault.azure.net/secrets/<name>[/<version>]`,
 * or `undefined`. The `secrets` segment must be lower case, as Key Vault writes it (azurerm compares it exactly);
 * the host is case-insensitive, like every DNS name.
 */
export function keyVaultSecretIdProblem(url: string): string | undefined {
  const m = /^https:\/\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url);
  const expected = "is not a Key Vault secret identifier like https://<vault>.vault.azure.net/secrets/<name>";
  if (!m) return expected;
  const [, host, kind, name, version] = m;
  if (!VAULT_HOST.test(host)) return `${expected} (the host is not a Key Vault)`;
  if (kind === "certificates" || kind === "keys") {
    return `is a Key Vault ${kind.slice(0, -1)} identifier; use the certificate's secret identifier (…/secrets/<name>)`;
  }
  if (kind !== "secrets") {
    return kind.toLowerCase() === "secrets"
      ? `spells ${JSON.stringify(kind)} where Key Vault and azurerm require "secrets"`
      : expected;
  }
  if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) return `has secret name ${JSON.stringify(name)}; Key Vault names are 1-127 letters, digits and '-'`;
  if (version !== undefined && !/^[0-9a-f]{32}$/.test(version)) {
    return `has version ${JSON.stringify(version)}; a Key Vault version is 32 lower-case hex digits (or leave it out)`;
  }
  return undefined;
}

/** Whether a valid secret identifier names a version (and so would miss renewals). */
export function isVersionedSecretId(url: string): boolean {
  return /\/secrets\/[^/]+\/[0-9a-f]{32}\/?$/.test(url);
}

/**
 * Why `url` is not a versionless Key Vault certificate URI `https://<vault>.vault.azure.net/certificates/<name>`,
 * or `undefined`. A version would pin the certificate, so renewals in Key Vault would never reach the Gateway.
 */
export function keyVaultCertificateUriProblem(url: string): string | undefined {
  const m = /^https:\/\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url);
  const expected = "is not a Key Vault certificate URI like https://<vault>.vault.azure.net/certificates/<name>";
  if (!m) return expected;
  const [, host, kind, name, version] = m;
  if (!VAULT_HOST.test(host)) return `${expected} (the host is not a Key Vault)`;
  if (kind === "secrets" || kind === "keys") {
    return `is a Key Vault ${kind.slice(0, -1)} identifier; use the certificate's URI (…/certificates/<name>)`;
  }
  if (kind !== "certificates") return expected;
  if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) return `has certificate name ${JSON.stringify(name)}; Key Vault names are 1-127 letters, digits and '-'`;
  if (version !== undefined) {
    return `names version ${JSON.stringify(version)}; leave the version out so the Gateway picks up each renewal`;
  }
  return undefined;
}

/** The versionless certificate URI of a valid Key Vault secret identifier (the certificate of the same name). */
export function certificateUriOfSecretId(secretId: string): string {
  const [, host, , name] = /^https:\/\/([^/]+)\/([^/]+)\/([^/]+)/.exec(secretId)!;
  return `https://${host}/certificates/${name}`;
}

/** The vault name (lower case) of a valid Key Vault URL: the first label of its host. */
export function vaultNameOfUrl(url: string): string {
  return /^https:\/\/([^./]+)\./.exec(url)![1].toLowerCase();
}
