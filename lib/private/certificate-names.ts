/**
 * DNS names a TLS certificate covers, and which host names they cover. Not part of the public API.
 *
 * A certificate name is an exact host name (`app1.example.com`) or a wildcard of one leftmost label
 * (`*.example.com`). Matching follows RFC 6125 §6.4.3 as browsers apply it: case-insensitive, and a wildcard
 * covers exactly one label (`a.example.com`, not `example.com` nor `a.b.example.com`).
 */
import { isDnsHostname } from "./hostname";

/** Why `name` cannot be a certificate DNS name, or `undefined` when it can. */
export function certificateNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string") return "is not a string";
  const bare = name.startsWith("*.") ? name.slice(2) : name;
  if (bare.includes("*")) return 'may hold "*" only as its whole leftmost label ("*.example.com")';
  if (!isDnsHostname(bare)) return "is not a DNS host name (labels of letters, digits and inner '-', at most 253 characters)";
  if (name.startsWith("*.") && !bare.includes(".")) return "is a wildcard directly under a top-level domain, which no CA issues";
  return undefined;
}

/**
 * Whether a certificate with `dnsNames` is valid for the Gateway API host name `hostname`.
 *
 * An exact host name needs an equal certificate name or a wildcard one label above it. A wildcard host name
 * (`*.example.com`, which Gateway API matches on any depth below the domain) needs the same wildcard in the
 * certificate: that covers the one-label names; deeper names need names of their own (documented, not checked).
 */
export function certificateCovers(dnsNames: readonly string[], hostname: string): boolean {
  const host = hostname.toLowerCase();
  return dnsNames.some((raw) => {
    const name = raw.toLowerCase();
    if (name === host) return true;
    if (!name.startsWith("*.") || host.startsWith("*.")) return false;
    const dot = host.indexOf(".");
    return dot > 0 && host.slice(dot) === name.slice(1);
  });
}
