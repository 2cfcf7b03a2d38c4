/**
 * Application Gateway listener host names, and how they differ from certificate names. Not part of the public API.
 *
 * - TLS (RFC 6125 §6.4.3, as browsers apply it; lib/private/certificate-names.ts): `*.example.com` covers exactly
 *   one label, so `a.example.com`, but neither `example.com` nor `a.b.example.com`. That is what a client checks.
 * - Application Gateway listener host names (here): `*` matches any run of allowed characters, dots included, so the
 *   listener `*.contoso.com` also takes `customer1.b2b.contoso.com` (Azure docs:
 *   application-gateway/multiple-site-overview.md, "Wildcard host names in listener"). That is which listener,
 *   and so which certificate, the gateway picks.
 */

/** Whether an Application Gateway listener host name pattern (`*` = any run of allowed characters) takes `hostname`. */
export function listenerHostMatches(pattern: string, hostname: string): boolean {
  const host = hostname.toLowerCase();
  const regex = new RegExp(`^${pattern.toLowerCase().split("*").map(escape).join("[a-z0-9.-]+")}$`);
  return regex.test(host);
}

/** How specific a listener host name is: exact names first, then wildcards with more labels. */
export function specificity(name: string): number {
  return name.startsWith("*.") ? name.split(".").length - 1 : Number.MAX_SAFE_INTEGER;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
