/**
 * Host name check for the edge layer. Not part of the public API.
 */

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Whether `value` is a DNS host name (RFC 1123): at most 253 characters, labels of 1–63 letters, digits and
 * inner hyphens, and a top-level label that is not all digits (so `10.0.0.300` is not a host name).
 * Wildcards and trailing dots are not host names.
 */
export function isDnsHostname(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split(".");
  if (!labels.every((l) => DNS_LABEL.test(l))) return false;
  return !/^[0-9]+$/.test(labels[labels.length - 1]);
}
