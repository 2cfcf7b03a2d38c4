/**
 * CIDR math against an interval oracle, plus the boundary cases mutation testing showed unguarded.
 *
 * The oracle treats a block as the integer interval [network, network + 2^(32 - prefix) - 1] and computes
 * with plain arithmetic (division and multiplication, no bit operations), so it shares no code with
 * lib/private/cidr.ts. Addresses are drawn from a few nearby /22s so that blocks nest and touch often.
 */
import fc from "fast-check";
import {
  AZURE_RESERVED_ADDRESS_COUNT,
  Cidr,
  CidrError,
  azureReservedAddresses,
  cidrContains,
  cidrsOverlap,
  formatIpv4,
  ipInCidr,
  parseCidr,
  parseIpv4,
} from "../../lib/private/cidr";

const SEED = 20240612;
const RUNS = 2000;

/** A block as the oracle sees it: text, first and last address as integers. */
interface Block {
  readonly text: string;
  readonly first: number;
  readonly last: number;
  readonly prefixLength: number;
}

/** The dotted quad of an integer address, by division. */
function dotted(address: number): string {
  const octets: number[] = [];
  for (let i = 3; i >= 0; i--) octets.push(Math.floor(address / 256 ** i) % 256);
  return octets.join(".");
}

/** The block of `prefixLength` containing `address`, as the oracle computes it. */
function blockOf(address: number, prefixLength: number): Block {
  const size = 2 ** (32 - prefixLength);
  const first = Math.floor(address / size) * size;
  return { text: `${dotted(first)}/${prefixLength}`, first, last: first + size - 1, prefixLength };
}

/** An address in 10.240.0.0/22 (mostly) or anywhere (sometimes). */
const addressArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x0af00000, max: 0x0af003ff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 32 - 1 }) },
);
/** A prefix length, mostly long enough for blocks to nest inside the /22. */
const prefixArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 20, max: 32 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 32 }) });
const blockArb = fc.tuple(addressArb, prefixArb).map(([a, p]) => blockOf(a, p));

/** Asserts deep equality, cheaply when equal (`expect` is slow over thousands of runs). */
function same<T>(actual: T, expected: T): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

/** The message `run` throws, or `undefined`. */
function thrown(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Runs `predicate` with the fixed seed. */
function check<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  fc.assert(fc.property(arb, predicate), { seed: SEED, numRuns: RUNS });
}

describe("CIDR math agrees with the interval oracle", () => {
  test("parse, print, size, first and last address", () => {
    check(blockArb, (b) => {
      const c = parseCidr(b.text);
      same([c.toString(), c.network, c.prefixLength, c.size, c.firstAddress, c.lastAddress], [
        b.text,
        b.first,
        b.prefixLength,
        b.last - b.first + 1,
        dotted(b.first),
        dotted(b.last),
      ]);
    });
  });

  test("addresses parse to their integer and print back", () => {
    check(addressArb, (a) => {
      same([parseIpv4(dotted(a)), formatIpv4(a)], [a, dotted(a)]);
    });
  });

  test("a block with host bits set is refused, naming the block that was meant", () => {
    check(fc.tuple(addressArb, fc.integer({ min: 0, max: 31 })), ([a, p]) => {
      const meant = blockOf(a, p);
      fc.pre(meant.first !== a);
      const text = `${dotted(a)}/${p}`;
      same(thrown(() => parseCidr(text)), `${JSON.stringify(text)} has host bits set; did you mean ${JSON.stringify(meant.text)}?`);
    });
  });

  test("containment and overlap, in both argument orders", () => {
    check(fc.tuple(blockArb, blockArb), ([a, b]) => {
      const contains = a.first <= b.first && b.last <= a.last;
      const overlaps = a.first <= b.last && b.first <= a.last;
      same([cidrContains(a.text, b.text), cidrsOverlap(a.text, b.text), cidrsOverlap(b.text, a.text)], [
        contains,
        overlaps,
        overlaps,
      ]);
    });
  });

  test("an address lies in a block iff it is within its interval", () => {
    check(fc.tuple(blockArb, addressArb), ([b, a]) => {
      same(ipInCidr(dotted(a), b.text), b.first <= a && a <= b.last);
    });
  });

  test("Azure reserves network, +1, +2, +3 and broadcast of every subnet Azure allows (/29 and larger)", () => {
    check(blockArb.filter((b) => b.prefixLength <= 29), (b) => {
      const expected = [0, 1, 2, 3].map((n) => dotted(b.first + n)).concat(dotted(b.last));
      same(azureReservedAddresses(b.text), expected);
      same(new Set(expected).size, AZURE_RESERVED_ADDRESS_COUNT);
    });
  });
});

describe("boundaries", () => {
  test("CidrError names itself", () => {
    const error = new CidrError("bad");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("CidrError");
    expect(String(error)).toBe("CidrError: bad");
  });

  test.each([-1, 1.5, Number.NaN, 33])("throws when the Cidr constructor gets prefix length %p", (prefixLength) => {
    expect(() => new Cidr(0, prefixLength)).toThrow(
      new CidrError(`prefix length must be an integer 0-32, got ${prefixLength}`),
    );
  });

  test("throws when a /0 block has host bits set", () => {
    expect(() => parseCidr("10.0.0.0/0")).toThrow(/"10.0.0.0\/0" has host bits set; did you mean "0.0.0.0\/0"\?/);
    expect(() => new Cidr(parseIpv4("10.0.0.0"), 0)).toThrow(/10.0.0.0\/0 has host bits set/);
  });

  test("throws the whole malformed-CIDR message, with the example to follow", () => {
    expect(() => parseCidr("10.0.0.0")).toThrow(
      new CidrError(
        `"10.0.0.0" is not an IPv4 CIDR block; write "<address>/<prefix length>" with four decimal ` +
          `octets 0-255 and a prefix length 0-32, e.g. "10.240.0.0/16"`,
      ),
    );
  });

  test("a block ending where a larger one ends, and a block below, are not contained", () => {
    expect(cidrContains("10.0.1.0/24", "10.0.0.0/23")).toBe(false);
    expect(cidrContains("10.240.4.0/28", "10.240.3.0/24")).toBe(false);
    expect(cidrsOverlap("10.240.4.16/28", "10.240.4.0/28")).toBe(false);
    expect(cidrsOverlap("10.240.4.15/32", "10.240.4.0/28")).toBe(true);
  });
});
