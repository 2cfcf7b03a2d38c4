/**
 * Small IPv4 CIDR math: parsing, containment, overlap, sizes and Azure's reserved subnet addresses.
 *
 * Pure functions and one immutable value class, no dependencies. Functions that take a {@link CidrLike}
 * accept a parsed {@link Cidr} or its text form (`10.240.0.0/16`); text goes through {@link parseCidr} and
 * so throws {@link CidrError} when malformed.
 *
 * Callers that validate user input skip unresolved tokens, catch {@link CidrError} and rethrow it as a
 * `ValidationError` prefixed with the prop name; the message already quotes the value and names the fix.
 */

/** Thrown for a malformed IPv4 address or CIDR block. The message quotes the value and, where possible, the fix. */
export class CidrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CidrError";
  }
}

/** Number of addresses Azure reserves in every subnet: the network address, +1, +2, +3 and the broadcast. */
export const AZURE_RESERVED_ADDRESS_COUNT = 5;

const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const PREFIX = /^(3[0-2]|[12]?[0-9])$/;

/** Whether `text` is a dotted-quad IPv4 address (decimal octets 0–255, no leading zeros). */
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/**
 * Parses a dotted-quad IPv4 address into an unsigned 32-bit integer.
 *
 * @throws CidrError when `text` is not four decimal octets 0–255 without leading zeros.
 */
export function parseIpv4(text: string): number {
  const m = IPV4.exec(text);
  if (!m) {
    throw new CidrError(`${JSON.stringify(text)} is not an IPv4 address; write four decimal octets 0-255, e.g. "10.240.4.4"`);
  }
  return ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) >>> 0;
}

/** Formats an unsigned 32-bit integer as a dotted-quad IPv4 address (wrapping modulo 2^32). */
export function formatIpv4(address: number): string {
  const a = address >>> 0;
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join(".");
}

/** An IPv4 CIDR block whose host bits are zero. Build one with {@link parseCidr}. */
export class Cidr {
  /** Network address as an unsigned 32-bit integer. */
  public readonly network: number;
  /** Prefix length, 0 to 32. */
  public readonly prefixLength: number;

  /** @param network the network address (host bits must be zero) @param prefixLength 0 to 32 */
  constructor(network: number, prefixLength: number) {
    if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) {
      throw new CidrError(`prefix length must be an integer 0-32, got ${prefixLength}`);
    }
    this.network = network >>> 0;
    this.prefixLength = prefixLength;
    if (((this.network & maskOf(prefixLength)) >>> 0) !== this.network) {
      throw new CidrError(`${formatIpv4(network)}/${prefixLength} has host bits set`);
    }
  }

  /** Number of addresses in the block, including the ones Azure reserves (`/24` → 256). */
  public get size(): number {
    return 2 ** (32 - this.prefixLength);
  }

  /** The first address (the network address) as text. */
  public get firstAddress(): string {
    return formatIpv4(this.network);
  }

  /** The last address (the broadcast address) as text. */
  public get lastAddress(): string {
    return formatIpv4(this.last);
  }

  /**
   * The address `network + n` as text: `nth(0)` is the network address, `nth(4)` the first address Azure
   * lets you use in a subnet. Not range-checked: an `n` past the block gives an address outside it, so
   * check the result with {@link Cidr.containsIp} when `n` may exceed {@link Cidr.size}.
   */
  public nth(n: number): string {
    if (!Number.isInteger(n)) throw new CidrError(`address offset must be an integer, got ${n}`);
    return formatIpv4(this.network + n);
  }

  /** Whether the IPv4 address `ip` lies inside the block. @throws CidrError when `ip` is malformed. */
  public containsIp(ip: string): boolean {
    const a = parseIpv4(ip);
    return a >= this.network && a <= this.last;
  }

  /** Whether every address of `inner` lies inside this block (a block contains itself). */
  public contains(inner: CidrLike): boolean {
    const i = toCidr(inner);
    return i.network >= this.network && i.last <= this.last;
  }

  /** Whether the blocks share at least one address (for CIDR blocks: one contains the other). */
  public overlaps(other: CidrLike): boolean {
    const o = toCidr(other);
    return this.network <= o.last && o.network <= this.last;
  }

  /**
   * The addresses Azure reserves when this block is a subnet, ascending: the network address, the default
   * gateway (+1), two DNS addresses (+2, +3) and the broadcast address. Fewer than five for blocks smaller
   * than /29, which Azure refuses as subnets anyway.
   *
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
   */
  public azureReservedAddresses(): string[] {
    const offsets = [0, 1, 2, 3].filter((n) => n < this.size);
    return [...new Set([...offsets.map((n) => this.nth(n)), this.lastAddress])];
  }

  /** The text form, e.g. `10.240.0.0/16`. */
  public toString(): string {
    return `${this.firstAddress}/${this.prefixLength}`;
  }

  /** The last address as an unsigned 32-bit integer. */
  private get last(): number {
    return this.network + this.size - 1;
  }
}

/** A parsed CIDR or its text form. */
export type CidrLike = Cidr | string;

/** The netmask of a prefix length as an unsigned 32-bit integer (`/24` → `255.255.255.0`). */
function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/**
 * Parses an IPv4 CIDR block such as `10.240.0.0/16`.
 *
 * Refuses a block with host bits set, as Azure does, and names the block that was probably meant:
 * `10.0.0.1/24` → `did you mean "10.0.0.0/24"?`.
 *
 * @throws CidrError when the text is not `<IPv4>/<0-32>` or has host bits set.
 */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? "" : text.slice(slash + 1);
  if (!isIpv4(addressText) || !PREFIX.test(prefixText)) {
    throw new CidrError(
      `${JSON.stringify(text)} is not an IPv4 CIDR block; write "<address>/<prefix length>" with four decimal ` +
        `octets 0-255 and a prefix length 0-32, e.g. "10.240.0.0/16"`,
    );
  }
  const address = parseIpv4(addressText);
  const prefixLength = +prefixText;
  const network = (address & maskOf(prefixLength)) >>> 0;
  if (network !== address) {
    const meant = new Cidr(network, prefixLength).toString();
    throw new CidrError(`${JSON.stringify(text)} has host bits set; did you mean ${JSON.stringify(meant)}?`);
  }
  return new Cidr(network, prefixLength);
}

/** Parses `cidr` if it is text, returns it unchanged if it is parsed already. */
export function toCidr(cidr: CidrLike): Cidr {
  return typeof cidr === "string" ? parseCidr(cidr) : cidr;
}

/** Number of addresses in the block (`/24` → 256). */
export function cidrSize(cidr: CidrLike): number {
  return toCidr(cidr).size;
}

/** Whether the IPv4 address `ip` lies inside `cidr`. */
export function ipInCidr(ip: string, cidr: CidrLike): boolean {
  return toCidr(cidr).containsIp(ip);
}

/** Whether every address of `inner` lies inside `outer` (a block contains itself). */
export function cidrContains(outer: CidrLike, inner: CidrLike): boolean {
  return toCidr(outer).contains(inner);
}

/** Whether the two blocks share at least one address. */
export function cidrsOverlap(a: CidrLike, b: CidrLike): boolean {
  return toCidr(a).overlaps(b);
}

/** The addresses Azure reserves in the subnet `cidr`; see {@link Cidr.azureReservedAddresses}. */
export function azureReservedAddresses(cidr: CidrLike): string[] {
  return toCidr(cidr).azureReservedAddresses();
}

/** Whether `ip` is one of the addresses Azure reserves in the subnet `cidr`. */
export function isAzureReservedAddress(ip: string, cidr: CidrLike): boolean {
  return azureReservedAddresses(cidr).includes(formatIpv4(parseIpv4(ip)));
}
