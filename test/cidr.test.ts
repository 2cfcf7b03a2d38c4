import {
  azureReservedAddresses,
  Cidr,
  CidrError,
  cidrContains,
  cidrSize,
  cidrsOverlap,
  formatIpv4,
  ipInCidr,
  isAzureReservedAddress,
  isIpv4,
  parseCidr,
  parseIpv4,
  toCidr,
} from "../lib/private/cidr";

describe("IPv4 addresses", () => {
  test("parse to unsigned 32-bit integers and format back", () => {
    expect(parseIpv4("0.0.0.0")).toBe(0);
    expect(parseIpv4("10.240.4.4")).toBe(0x0af00404);
    expect(parseIpv4("255.255.255.255")).toBe(0xffffffff);
    expect(formatIpv4(0xc0a80101)).toBe("192.168.1.1");
    expect(formatIpv4(0x100000000)).toBe("0.0.0.0");
  });

  test.each(["10.0.0", "10.0.0.256", "10.0.0.01", "10.0.0.-1", " 10.0.0.1", "a.b.c.d", "", "10.0.0.1/32"])(
    "throws when the address is malformed: %j",
    (text) => {
      expect(isIpv4(text)).toBe(false);
      expect(() => parseIpv4(text)).toThrow(CidrError);
      expect(() => parseIpv4(text)).toThrow(/is not an IPv4 address; write four decimal octets/);
    },
  );
});

describe("parseCidr", () => {
  test("parses network and prefix length and prints back", () => {
    const c = parseCidr("10.240.4.0/28");
    expect(c).toBeInstanceOf(Cidr);
    expect(c.network).toBe(parseIpv4("10.240.4.0"));
    expect(c.prefixLength).toBe(28);
    expect(c.toString()).toBe("10.240.4.0/28");
    expect(`${parseCidr("0.0.0.0/0")}`).toBe("0.0.0.0/0");
    expect(parseCidr("10.1.2.3/32").toString()).toBe("10.1.2.3/32");
  });

  test("throws when host bits are set, naming the block that was meant", () => {
    expect(() => parseCidr("10.0.0.1/24")).toThrow(/"10.0.0.1\/24" has host bits set; did you mean "10.0.0.0\/24"\?/);
    expect(() => parseCidr("10.240.5.0/16")).toThrow(/did you mean "10.240.0.0\/16"/);
  });

  test.each(["10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/08", "10.0.0/8", "10.0.0.0/", "/8", "10.0.0.0/8/8", "x"])(
    "throws when the CIDR is malformed: %j",
    (text) => {
      expect(() => parseCidr(text)).toThrow(CidrError);
      expect(() => parseCidr(text)).toThrow(/is not an IPv4 CIDR block; write "<address>\/<prefix length>"/);
    },
  );

  test("toCidr passes a parsed block through and parses text", () => {
    const c = parseCidr("10.0.0.0/8");
    expect(toCidr(c)).toBe(c);
    expect(toCidr("10.0.0.0/8")).toEqual(c);
  });

  test("the Cidr constructor refuses host bits and bad prefix lengths", () => {
    expect(() => new Cidr(parseIpv4("10.0.0.1"), 24)).toThrow(/host bits set/);
    expect(() => new Cidr(0, 33)).toThrow(/prefix length must be an integer 0-32, got 33/);
  });
});

describe("sizes and addresses", () => {
  test("size counts every address", () => {
    expect(cidrSize("10.240.4.0/28")).toBe(16);
    expect(cidrSize("10.240.0.0/22")).toBe(1024);
    expect(cidrSize("10.0.0.1/32")).toBe(1);
    expect(cidrSize("0.0.0.0/0")).toBe(2 ** 32);
  });

  test("nth is network + n, first and last addresses", () => {
    const c = parseCidr("10.240.4.0/28");
    expect(c.nth(0)).toBe("10.240.4.0");
    expect(c.nth(4)).toBe("10.240.4.4");
    expect(c.nth(15)).toBe("10.240.4.15");
    expect(c.firstAddress).toBe("10.240.4.0");
    expect(c.lastAddress).toBe("10.240.4.15");
    expect(parseCidr("10.0.0.0/8").lastAddress).toBe("10.255.255.255");
  });

  test("nth past the block gives an address outside it (callers check with containsIp)", () => {
    const c = parseCidr("10.0.0.0/29");
    expect(c.nth(10)).toBe("10.0.0.10");
    expect(c.containsIp(c.nth(10))).toBe(false);
    expect(parseCidr("255.255.255.0/24").nth(256)).toBe("0.0.0.0");
  });

  test("throws when nth gets a fractional offset", () => {
    expect(() => parseCidr("10.0.0.0/24").nth(1.5)).toThrow(/address offset must be an integer, got 1.5/);
  });
});

describe("containment and overlap", () => {
  test("ipInCidr includes both ends and nothing outside", () => {
    expect(ipInCidr("10.240.4.0", "10.240.4.0/28")).toBe(true);
    expect(ipInCidr("10.240.4.15", "10.240.4.0/28")).toBe(true);
    expect(ipInCidr("10.240.4.16", "10.240.4.0/28")).toBe(false);
    expect(ipInCidr("10.240.3.255", "10.240.4.0/28")).toBe(false);
    expect(ipInCidr("255.255.255.255", "0.0.0.0/0")).toBe(true);
  });

  test("throws when ipInCidr gets a malformed address", () => {
    expect(() => ipInCidr("10.240.4", "10.240.4.0/28")).toThrow(/"10.240.4" is not an IPv4 address/);
  });

  test("cidrContains: inner blocks, the block itself, not larger or disjoint ones", () => {
    expect(cidrContains("10.240.0.0/16", "10.240.4.0/28")).toBe(true);
    expect(cidrContains("10.240.0.0/16", "10.240.0.0/16")).toBe(true);
    expect(cidrContains("10.240.4.0/28", "10.240.0.0/16")).toBe(false);
    expect(cidrContains("10.240.0.0/16", "10.241.0.0/24")).toBe(false);
    expect(cidrContains("10.240.0.0/16", "10.240.255.255/32")).toBe(true);
    expect(cidrContains(parseCidr("0.0.0.0/0"), parseCidr("255.255.255.0/24"))).toBe(true);
  });

  test("cidrsOverlap is symmetric and true only when addresses are shared", () => {
    expect(cidrsOverlap("10.240.0.0/22", "10.240.3.0/24")).toBe(true);
    expect(cidrsOverlap("10.240.3.0/24", "10.240.0.0/22")).toBe(true);
    expect(cidrsOverlap("10.240.0.0/22", "10.240.4.0/28")).toBe(false);
    expect(cidrsOverlap("10.240.4.0/28", "10.240.4.16/28")).toBe(false);
    expect(cidrsOverlap("10.240.4.0/28", "10.240.4.15/32")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/16", "10.0.0.0/16")).toBe(true);
  });

  test("throws when an operand is malformed", () => {
    expect(() => cidrsOverlap("10.0.0.1/24", "10.0.0.0/24")).toThrow(/did you mean "10.0.0.0\/24"/);
    expect(() => cidrContains("10.0.0.0/24", "nope")).toThrow(CidrError);
  });
});

describe("Azure reserved addresses", () => {
  test("are network, +1, +2, +3 and broadcast", () => {
    expect(azureReservedAddresses("10.240.4.0/28")).toEqual([
      "10.240.4.0",
      "10.240.4.1",
      "10.240.4.2",
      "10.240.4.3",
      "10.240.4.15",
    ]);
    expect(parseCidr("10.240.5.0/24").azureReservedAddresses()).toEqual([
      "10.240.5.0",
      "10.240.5.1",
      "10.240.5.2",
      "10.240.5.3",
      "10.240.5.255",
    ]);
  });

  test("have no duplicates in blocks smaller than Azure allows", () => {
    expect(azureReservedAddresses("10.0.0.0/30")).toEqual(["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3"]);
    expect(azureReservedAddresses("10.0.0.0/32")).toEqual(["10.0.0.0"]);
  });

  test("isAzureReservedAddress flags the five and nothing else", () => {
    for (const ip of ["10.240.4.0", "10.240.4.1", "10.240.4.2", "10.240.4.3", "10.240.4.15"]) {
      expect(isAzureReservedAddress(ip, "10.240.4.0/28")).toBe(true);
    }
    for (const ip of ["10.240.4.4", "10.240.4.14", "10.240.4.16"]) {
      expect(isAzureReservedAddress(ip, "10.240.4.0/28")).toBe(false);
    }
  });
});
