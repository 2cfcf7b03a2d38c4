/**
 * IP address parsing with the semantics of the Go functions the API server uses:
 * - `isIP()` in CEL (k8s.io/apiserver/pkg/cel/library/ip.go): `netip.ParseAddr`, no zone, no IPv4-mapped IPv6;
 * - OpenAPI `format: ipv4` (kube-openapi strfmt): `netutils.ParseIPSloppy(s) != nil` and `s` contains a dot
 *   (Go 1.16 parser: IPv4 octets may have leading zeros);
 * - OpenAPI `format: ipv6` (kube-openapi's forked govalidator `IsIPv6`): `net.ParseIP(s) != nil` and `s`
 *   contains a colon.
 *
 * The parsers return the 16 address bytes, or `undefined` when Go would reject the string.
 */

type Bytes = number[];

/** How strictly to parse: Go's `netip` (modern), or the Go 1.16 `net` parser kept by `ParseIPSloppy`. */
interface Dialect {
  /** IPv4 octets may have leading zeros and any number of digits (Go 1.16 `dtoi`). */
  readonly sloppyIPv4: boolean;
  /** IPv6 fields may have more than 4 hex digits if the value fits in 16 bits (Go 1.16 `xtoi`). */
  readonly longHexFields: boolean;
  /** A `%zone` suffix is accepted (and reported) on IPv6 addresses (`netip.ParseAddr`). */
  readonly zones: boolean;
}

const NETIP: Dialect = { sloppyIPv4: false, longHexFields: false, zones: true };
const NET: Dialect = { sloppyIPv4: false, longHexFields: false, zones: false };
const SLOPPY: Dialect = { sloppyIPv4: true, longHexFields: true, zones: false };

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const hexValue = (c: string): number => (/^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1);

/** Parses a dotted-quad IPv4 address (exactly 4 decimal octets). */
function parseIPv4(s: string, sloppy: boolean): Bytes | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: Bytes = [];
  for (const part of parts) {
    if (part.length === 0 || ![...part].every(isDigit)) return undefined;
    if (!sloppy && (part.length > 3 || (part.length > 1 && part[0] === "0"))) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Reads one hex field at the start of `s`: its value and length, or undefined when Go rejects it. */
function hexField(s: string, d: Dialect): { value: number; length: number } | undefined {
  let value = 0;
  let length = 0;
  while (length < s.length && hexValue(s[length]) >= 0) {
    value = value * 16 + hexValue(s[length]);
    length++;
    if (!d.longHexFields && length > 4) return undefined;
  }
  if (length === 0 || value > 0xffff) return undefined;
  return { value, length };
}

/** Parses the fields of an IPv6 address (without zone) into 16 bytes. */
function parseIPv6Fields(input: string, d: Dialect): Bytes | undefined {
  let s = input;
  const ip: Bytes = new Array(16).fill(0);
  let ellipsis = -1;
  if (s.startsWith("::")) {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const field = hexField(s, d);
    if (!field) return undefined;
    if (field.length < s.length && s[field.length] === ".") {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseIPv4(s, d.sloppyIPv4);
      if (!v4) return undefined;
      ip.splice(i, 4, ...v4);
      s = "";
      i += 4;
      break;
    }
    ip[i] = field.value >> 8;
    ip[i + 1] = field.value & 0xff;
    i += 2;
    s = s.slice(field.length);
    if (s.length === 0) break;
    if (s[0] !== ":" || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  return s.length === 0 ? expandEllipsis(ip, i, ellipsis) : undefined;
}

/** Moves the fields after `::` to the end; `::` must stand for at least one zero field. */
function expandEllipsis(ip: Bytes, parsed: number, ellipsis: number): Bytes | undefined {
  if (parsed === 16) return ellipsis >= 0 ? undefined : ip;
  if (ellipsis < 0) return undefined;
  return ip.slice(0, ellipsis).concat(new Array(16 - parsed).fill(0), ip.slice(ellipsis, parsed));
}

interface Parsed {
  readonly bytes: Bytes;
  readonly zone: string;
  readonly v4: boolean;
}

/** Go's address parser: the first '.' or ':' decides between IPv4 and IPv6. */
function parseAddr(s: string, d: Dialect): Parsed | undefined {
  const first = s.search(/[.:%]/);
  if (first < 0 || s[first] === "%") return undefined;
  if (s[first] === ".") {
    const v4 = parseIPv4(s, d.sloppyIPv4);
    return v4 ? { bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4], zone: "", v4: true } : undefined;
  }
  let body = s;
  let zone = "";
  const percent = s.indexOf("%");
  if (percent >= 0) {
    if (!d.zones) return undefined;
    body = s.slice(0, percent);
    zone = s.slice(percent + 1);
    if (zone === "") return undefined;
  }
  const bytes = parseIPv6Fields(body, d);
  return bytes ? { bytes, zone, v4: false } : undefined;
}

function isIPv4MappedIPv6(p: Parsed): boolean {
  return !p.v4 && p.bytes.slice(0, 10).every((b) => b === 0) && p.bytes[10] === 0xff && p.bytes[11] === 0xff;
}

/** CEL `isIP(string)` of the Kubernetes IP library. */
export function celIsIP(s: string): boolean {
  const p = parseAddr(s, NETIP);
  return p !== undefined && p.zone === "" && !isIPv4MappedIPv6(p);
}

/** OpenAPI `format: ipv4` as the API server checks it. */
export function isIPv4Format(s: string): boolean {
  return parseAddr(s, SLOPPY) !== undefined && s.includes(".");
}

/** OpenAPI `format: ipv6` as the API server checks it. */
export function isIPv6Format(s: string): boolean {
  return parseAddr(s, NET) !== undefined && s.includes(":");
}
