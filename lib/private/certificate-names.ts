/**
 * DNS names a TLS certificate covers, and which host names they cover (RFC 6125 §6.4.3, as browsers apply it):
 * `*.example.com` covers exactly one label, so `a.example.com`, but neither `example.com` nor `a.b.example.com`.
 * Shared by the edge's listener certificates and the Gateway's certificate. Not part of the public API.
 */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `name` is not a certificate DNS name (lower-case RFC 1123, optional `*.` first label), or `undefined`. */
export function certificateDnsNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 253) return "must be 1 to 253 characters long";
  if (name !== name.toLowerCase()) return "has upper-case letters; write DNS names in lower case";
  const wildcard = name.startsWith("*.");
  const labels = (wildcard ? name.slice(2) : name).split(".");
  if (name.includes("*") && (!wildcard || labels.some((l) => l.includes("*")))) {
    return "has a wildcard that is not the whole first label; only a leading \"*.\" is allowed (\"*.example.com\")";
  }
  if (!labels.every((l) => LABEL.test(l))) {
    return "is not an RFC 1123 DNS name (labels of 1-63 lower-case letters, digits and inner '-', separated by single dots, no trailing dot)";
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return "is an IP address or ends in a numeric label; certificates name hosts by DNS name";
  if (wildcard && labels.length < 2) return "is a wildcard directly under a top-level domain; use at least two labels after \"*.\" (\"*.example.com\")";
  return undefined;
}

/**
 * Whether a certificate naming `dnsNames` covers `hostname` for a TLS client (RFC 6125). A wildcard hostname
 * (`*.apps.example.com`, as a tenant may own) is covered only by the same wildcard: no other name covers every
 * host it stands for.
 */
export function tlsCovers(dnsNames: readonly string[], hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host.length === 0) return false;
  if (dnsNames.includes(host)) return true;
  if (host.startsWith("*.")) return false;
  const dot = host.indexOf(".");
  if (dot <= 0) return false;
  return dnsNames.includes(`*${host.slice(dot)}`);
}
