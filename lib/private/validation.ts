/**
 * Syntax checks for the Kubernetes names and values constructs accept. Each returns `undefined` when the
 * value is fine, or a short description of the problem that callers put into a ValidationError.
 */
import { isIP } from "net";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Gateway API `Hostname` (RFC 1123, lower case, optional leading `*.` label). */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** RFC 7230 token: Gateway API `HTTPHeaderName` and query parameter names. */
const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
/** Gateway API path characters for `Exact` and `PathPrefix` matches. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Kubernetes resource quantity (decimal or binary SI suffix, or exponent). */
const QUANTITY = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][-+]?[0-9]+)?$/;
/** Gateway API `Duration` (GEP-2257). */
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** A DNS-1123 label: namespaces, tenant names. */
export function dnsLabelProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long (at most 63)`;
  if (!DNS_LABEL.test(value)) return "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)";
  return undefined;
}

/** A DNS-1035 label: Service names. */
export function dns1035LabelProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long (at most 63)`;
  if (!DNS_1035_LABEL.test(value)) return "is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter)";
  return undefined;
}

/** A DNS-1123 subdomain: object names. */
export function dnsSubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return `is ${value.length} characters long (at most 253)`;
  if (!DNS_SUBDOMAIN.test(value)) return "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')";
  return undefined;
}

/** A Gateway API hostname: RFC 1123, optional leading wildcard label, no IP address. */
export function hostnameProblem(value: string, allowWildcard = true): string | undefined {
  if (value.length === 0 || value.length > 253) return "must be 1 to 253 characters long";
  if (isIP(value) !== 0 || /^[0-9.]+$/.test(value)) return "is an IP address; Gateway API hostnames must be DNS names";
  if (!HOSTNAME.test(value)) return "is not an RFC 1123 hostname (lower-case labels of letters, digits and '-', optionally starting with '*.')";
  if (!allowWildcard && value.startsWith("*.")) return "is a wildcard; a concrete hostname is required here";
  if (value.split(".").some((l) => l.length > 63)) return "has a label longer than 63 characters";
  return undefined;
}

/** An absolute request path as Gateway API accepts it in `Exact`/`PathPrefix` matches and rewrites. */
export function pathProblem(value: string): string | undefined {
  if (!value.startsWith("/")) return "must start with '/'";
  if (value.length > 1024) return `is ${value.length} characters long (at most 1024)`;
  if (!PATH_CHARS.test(value)) return "contains characters that are not allowed in a path (use percent-encoding)";
  for (const bad of ["//", "/./", "/../", "%2f", "%2F", "#"]) {
    if (value.includes(bad)) return `must not contain ${JSON.stringify(bad)}`;
  }
  if (value.endsWith("/..") || value.endsWith("/.")) return "must not end with '/.' or '/..'";
  return undefined;
}

/** An HTTP header or query parameter name. */
export function httpTokenProblem(value: string): string | undefined {
  if (value.length === 0 || value.length > 256) return "must be 1 to 256 characters long";
  if (!HTTP_TOKEN.test(value)) return "is not a valid HTTP token (letters, digits and !#$%&'*+-.^_`|~)";
  return undefined;
}

/** A Kubernetes label key (`[prefix/]name`). */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && dnsSubdomainProblem(prefix)) return "has a prefix that is not a DNS-1123 subdomain";
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return "has a name part that is not 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/** A Kubernetes label value. */
export function labelValueProblem(value: string): string | undefined {
  if (value === "") return undefined;
  if (value.length > 63 || !LABEL_NAME.test(value)) {
    return "is not 0 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  }
  return undefined;
}

/** An Entra ID object id. */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** An IPv4 or IPv6 CIDR block. */
export function cidrProblem(value: string): string | undefined {
  const [address, bits, ...rest] = value.split("/");
  const family = isIP(address ?? "");
  if (rest.length > 0 || bits === undefined || family === 0 || !/^[0-9]{1,3}$/.test(bits)) {
    return "is not a CIDR block such as 10.0.0.0/16 or fd00::/8";
  }
  if (Number(bits) > (family === 4 ? 32 : 128)) return `has a prefix length above ${family === 4 ? 32 : 128}`;
  return undefined;
}

const QUANTITY_SUFFIX: Record<string, number> = {
  m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Parses a Kubernetes quantity (`500m`, `1.5`, `128Mi`); `undefined` if it is not one. */
export function parseQuantity(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const suffix = m[3];
  if (suffix === undefined) return Number(m[1]);
  if (/^[eE]/.test(suffix)) return Number(m[1] + suffix);
  return Number(m[1]) * QUANTITY_SUFFIX[suffix];
}

/** Parses a Gateway API duration (`10s`, `1m30s`, `500ms`) into milliseconds; `undefined` if invalid. */
export function parseDuration(value: string): number | undefined {
  if (!DURATION.test(value)) return undefined;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  for (const [, n, u] of value.matchAll(/([0-9]+)(h|ms|m|s)/g)) total += Number(n) * unit[u];
  return total;
}

/** `ApiV2` → `api-v2`: a construct id as a Kubernetes object name. */
export function kebabName(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}
