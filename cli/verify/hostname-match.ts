/**
 * Host names as the verifier compares them: tenant hostnames (exact or `*.` wildcard, as Gateway API listeners
 * and HTTPRoutes accept them) and the DNS names a certificate presents, matched by the rules of RFC 6125 §6.4.
 */

const LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
const HOSTNAME = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)*${LABEL}$`);

/**
 * The canonical form: lower case, without a trailing dot. Host names are case-insensitive (RFC 4343) and
 * `example.com.` names the same host as `example.com`.
 */
export function normalizeHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}

/**
 * Whether `hostname` is a DNS name (RFC 1123 labels, at most 253 characters), optionally with a single `*.`
 * as its whole left-most label. IP addresses written as names (`10.0.0.1`) pass too; callers that care use
 * `net.isIP` first.
 */
export function isValidHostname(hostname: string): boolean {
  const name = normalizeHostname(hostname);
  return name.length <= 253 && HOSTNAME.test(name);
}

/** `*.example.com` and the like: names a request cannot be sent to. */
export function isWildcard(hostname: string): boolean {
  return hostname.startsWith("*.");
}

/**
 * Whether a certificate DNS name (a SAN `dNSName`) covers `hostname`, per RFC 6125 §6.4.3 as browsers apply
 * it: an exact match ignoring case; or a wildcard `*.rest` whose `*` is the whole left-most label, matching
 * exactly one label (`*.example.com` covers `a.example.com`, not `example.com` nor `a.b.example.com`).
 * Partial wildcards (`a*.example.com`) and wildcards over a single label (`*.com`) cover nothing.
 */
export function dnsNameCovers(dnsName: string, hostname: string): boolean {
  const presented = normalizeHostname(dnsName);
  const reference = normalizeHostname(hostname);
  if (!presented.includes("*")) {
    return presented === reference;
  }
  if (!presented.startsWith("*.") || presented.indexOf("*", 1) !== -1) {
    return false;
  }
  const rest = presented.slice(2);
  if (!rest.includes(".")) {
    return false;
  }
  const dot = reference.indexOf(".");
  return dot > 0 && reference.slice(dot + 1) === rest;
}

/** The first of `dnsNames` that covers `hostname`, if any. */
export function coveringName(dnsNames: readonly string[], hostname: string): string | undefined {
  return dnsNames.find((name) => dnsNameCovers(name, hostname));
}
