// String validators, each a TypeScript reading of the provider function it names.

/** `validation.StringIsNotEmpty`. */
export const notEmpty = (v: string): boolean => v.length > 0;

/** `validation.IsUUID` (hashicorp/go-uuid ParseUUID: 8-4-4-4-12 hex digits, any case). */
export const isUuid = (v: string): boolean => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v);

/** `validate.IPv4Address` (net.ParseIP(v).To4() != nil, dotted quad without leading zeros). */
export function isIpv4(v: string): boolean {
  const parts = v.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** `validate.CIDR` (net.ParseCIDR: an IPv4 or IPv6 address and a prefix length). */
export function isCidr(v: string): boolean {
  const [ip, prefix, ...rest] = v.split("/");
  if (rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
  if (isIpv4(ip)) return Number(prefix) <= 32;
  return ip.includes(":") && /^[0-9a-fA-F:.]+$/.test(ip) && Number(prefix) <= 128;
}

/** IPv4 address as a number, for containment checks. */
export function ipv4ToNumber(v: string): number {
  return v.split(".").reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** True when an IPv4 address lies in an IPv4 CIDR block. */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, prefix] = cidr.split("/");
  const size = 2 ** (32 - Number(prefix));
  const start = Math.floor(ipv4ToNumber(base) / size) * size;
  const n = ipv4ToNumber(ip);
  return n >= start && n < start + size;
}

/** True when the IPv4 block `inner` lies entirely inside the IPv4 block `outer`. */
export function cidrWithin(outer: string, inner: string): boolean {
  return Number(inner.split("/")[1]) >= Number(outer.split("/")[1]) && cidrContains(outer, inner.split("/")[0]);
}

/** go-azure-helpers `resourcegroups.ValidateName`: 1–90 characters of `[-\w._()]`, not ending with a period. */
export const isResourceGroupName = (v: string): boolean => v.length <= 90 && !v.endsWith(".") && /^[-\w._()]+$/.test(v);

/** containers/validate `KubernetesDNSPrefix`: 1–54 letters, digits and hyphens, starting and ending alphanumeric. */
export const isKubernetesDnsPrefix = (v: string): boolean => /^[a-zA-Z\d]$|^[a-zA-Z\d][-a-zA-Z\d]{0,52}[a-zA-Z\d]$/.test(v);

/** containers/validate `KubernetesAgentPoolName`: a lower-case letter, then up to 11 lower-case letters or digits. */
export const isAgentPoolName = (v: string): boolean => /^[a-z]{1}[a-z\d]{0,11}$/.test(v);

/** containers/validate `KubernetesClusterName`: 1–63 letters, digits, `-` and `_`, alphanumeric at both ends. */
export const isClusterName = (v: string): boolean => /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/.test(v);

/** loganalytics/validate `LogAnalyticsWorkspaceName`: 4–63 letters, digits and hyphens, alphanumeric at both ends. */
export const isWorkspaceName = (v: string): boolean => v.length >= 4 && v.length <= 63 && /^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$/.test(v);

/** `validation.StringDoesNotContainAny("/\\?%")`. */
export const hasNoSlashQuestionPercent = (v: string): boolean => !/[/\\?%]/.test(v);

/** ARM maintenance configuration `startTime` (`HH:mm`). */
export const isHourMinute = (v: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

/** ARM maintenance configuration `utcOffset` (`+HH:mm` / `-HH:mm`). */
export const isUtcOffset = (v: string): boolean => /^[+-]([01]\d|2[0-3]):[0-5]\d$/.test(v);

/** NSG port range: `*`, a port, or `low-high`, ports 0–65535. */
export function isPortRange(v: string): boolean {
  if (v === "*") return true;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(v);
  if (!m) return false;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low <= high && high <= 65535;
}

/**
 * keyvault/parse `ParseOptionallyVersionedNestedItemID` as it stands in the 4.x line: an `https://` URL whose path is
 * `<type>/<name>[/<version>]`, `<type>` one of `keys`, `secrets`, `certificates`, `storage` (case-sensitive),
 * and not a Managed HSM.
 */
export function isKeyVaultNestedItemId(v: string): boolean {
  if (v.toLowerCase().includes(".managedhsm.")) return false;
  const m = /^https:\/\/[^/]+\/(.*)$/.exec(v);
  if (!m) return false;
  const segments = m[1].replace(/\/$/, "").split("/");
  return (segments.length === 2 || segments.length === 3) && ["keys", "secrets", "certificates", "storage"].includes(segments[0]) && segments.every((s) => s.length > 0);
}

/** A Key Vault *secret* URL (`…/secrets/<name>[/<version>]`), what an Application Gateway listener certificate needs. */
export const isKeyVaultSecretId = (v: string): boolean => isKeyVaultNestedItemId(v) && /^https:\/\/[^/]+\/secrets\//.test(v);

/** An azapi resource type `<Namespace>/<type>[/<child>…]@<api-version>`. */
export const isArmResourceType = (v: string): boolean => /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+(\/[A-Za-z0-9]+)+@\d{4}-\d{2}-\d{2}(-[a-z]+)?$/.test(v);

/**
 * helpers/azure `ValidateResourceID` (`ParseAzureResourceID`): `/subscriptions/<id>/…` made of key/value segment
 * pairs, none empty.
 */
export function isAzureResourceId(v: string): boolean {
  const parts = v.split("/");
  if (parts[0] !== "" || parts.length < 3 || (parts.length - 1) % 2 !== 0) return false;
  return parts[1] === "subscriptions" && parts.slice(1).every((p) => p.length > 0);
}

/** `validation.StringIsJSON`. */
export function isJson(v: string): boolean {
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
}
