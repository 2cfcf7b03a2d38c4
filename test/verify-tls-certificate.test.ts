import * as net from "net";
import {
  CertificateCheckContext,
  DEFAULT_CERT_MIN_DAYS,
  certificateCheck,
  certificateProblems,
  daysLeft,
  describeCertificate,
  tlsAddress,
} from "../cli/verify/certificate-check";
import { RetryPolicy, runCheck } from "../cli/verify/check";
import { coveringName, dnsNameCovers, isValidHostname, isWildcard, normalizeHostname } from "../cli/verify/hostname-match";
import { CheckStatus } from "../cli/verify/result";
import { NodeTlsProber, ServedCertificate, dnsNamesOf } from "../cli/verify/tls-probe";
import { CertificateFactory, SniServer, TestCertificate, opensslVersion } from "./verify-tls-fixtures";

const noRetry: RetryPolicy = { retries: 0, delayMs: 0, sleep: async () => undefined };

describe("dnsNameCovers (RFC 6125 §6.4)", () => {
  test.each([
    ["app.example.com", "app.example.com", true],
    ["APP.Example.com", "app.example.COM", true],
    ["app.example.com.", "app.example.com", true],
    ["app.example.com", "other.example.com", false],
    ["app.example.com", "example.com", false],
    ["*.example.com", "app.example.com", true],
    ["*.Example.com", "APP.example.com", true],
    ["*.example.com", "example.com", false],
    ["*.example.com", "a.b.example.com", false],
    ["*.example.com", "app.example.org", false],
    ["*.com", "example.com", false],
    ["a*.example.com", "ab.example.com", false],
    ["*a.example.com", "ba.example.com", false],
    ["app.*.example.com", "app.x.example.com", false],
    ["*.*.example.com", "a.b.example.com", false],
    ["*", "localhost", false],
  ])("%s covers %s: %s", (presented, hostname, expected) => {
    expect(dnsNameCovers(presented, hostname)).toBe(expected);
  });

  test("coveringName returns the first name that covers", () => {
    expect(coveringName(["other.example.com", "*.example.com", "app.example.com"], "app.example.com")).toBe("*.example.com");
    expect(coveringName([], "app.example.com")).toBeUndefined();
  });
});

describe("hostnames", () => {
  test.each(["app.example.com", "*.example.com", "localhost", "xn--bcher-kva.example", "a-1.b2.example", "APP.Example.com."])(
    "%s is valid",
    (name) => {
      expect(isValidHostname(name)).toBe(true);
    },
  );
  test.each([
    "",
    "app..example.com",
    "-a.example.com",
    "a-.example.com",
    "a.*.example.com",
    "*example.com",
    "app.example.com:443",
    "https://a.example.com",
    "a b.example.com",
    `${"a".repeat(64)}.example.com`,
  ])("%j is not valid", (name) => {
    expect(isValidHostname(name)).toBe(false);
  });
  test("normalize and wildcard", () => {
    expect(normalizeHostname("App.Example.COM.")).toBe("app.example.com");
    expect(isWildcard("*.example.com")).toBe(true);
    expect(isWildcard("app.example.com")).toBe(false);
  });
});

describe("dnsNamesOf", () => {
  test("keeps DNS entries, drops IP and other entries", () => {
    expect(dnsNamesOf("DNS:a.example.com, DNS:*.example.com, IP Address:10.0.0.1, email:x@example.com")).toEqual([
      "a.example.com",
      "*.example.com",
    ]);
  });
  test("unquotes entries Node prints as JSON strings", () => {
    expect(dnsNamesOf('DNS:"a,b.example.com", DNS:c.example.com')).toEqual(["a,b.example.com", "c.example.com"]);
  });
  test("no extension, no names", () => {
    expect(dnsNamesOf(undefined)).toEqual([]);
    expect(dnsNamesOf("")).toEqual([]);
  });
});

describe("certificateProblems (fixed clock)", () => {
  const now = new Date("2030-06-01T00:00:00Z");
  const cert = (overrides: Partial<ServedCertificate> = {}): ServedCertificate => ({
    subject: "CN=app.example.com",
    issuer: "CN=Example CA",
    dnsNames: ["app.example.com"],
    validFrom: new Date("2030-05-01T00:00:00Z"),
    validTo: new Date("2030-08-01T00:00:00Z"),
    chainTrusted: true,
    ...overrides,
  });
  const expect21 = { hostname: "app.example.com", minDays: 21, verifyChain: true, now };

  test("a covering, trusted certificate with 61 days left has no problem", () => {
    expect(certificateProblems(cert(), expect21)).toEqual([]);
    expect(daysLeft(cert(), now)).toBe(61);
  });

  test("expiry inside the threshold, at the threshold, after it, and expired", () => {
    const in20 = cert({ validTo: new Date("2030-06-21T00:00:00Z") });
    expect(certificateProblems(in20, expect21)).toEqual(["expires in 20 days (2030-06-21), less than --cert-min-days 21"]);
    expect(certificateProblems(cert({ validTo: new Date("2030-06-22T00:00:00Z") }), expect21)).toEqual([]);
    expect(certificateProblems(in20, { ...expect21, minDays: 0 })).toEqual([]);
    expect(certificateProblems(cert({ validTo: new Date("2030-05-31T00:00:00Z") }), { ...expect21, minDays: 0 })).toEqual([
      "expired on 2030-05-31",
    ]);
  });

  test("not yet valid", () => {
    expect(certificateProblems(cert({ validFrom: new Date("2030-06-02T00:00:00Z") }), expect21)).toEqual([
      "is not valid before 2030-06-02",
    ]);
  });

  test("untrusted chain is a problem only when the chain is verified", () => {
    const untrusted = cert({ chainTrusted: false, chainError: "SELF_SIGNED_CERT_IN_CHAIN" });
    expect(certificateProblems(untrusted, expect21)).toEqual([
      expect.stringMatching(/^has an untrusted chain \(SELF_SIGNED_CERT_IN_CHAIN\); .*NODE_EXTRA_CA_CERTS.*--insecure$/),
    ]);
    expect(certificateProblems(untrusted, { ...expect21, verifyChain: false })).toEqual([]);
  });

  test("every problem at once, and the description", () => {
    const bad = cert({ dnsNames: [], validTo: new Date("2030-06-03T00:00:00Z"), chainTrusted: false, chainError: "X" });
    expect(certificateProblems(bad, expect21)).toHaveLength(3);
    expect(describeCertificate(bad, now)).toBe("subject CN=app.example.com; DNS SANs: none; issuer CN=Example CA; 2 days left");
  });
});

describe("tlsAddress", () => {
  test("host and port of the HTTPS base URL, 443 by default, IPv6 unbracketed", () => {
    expect(tlsAddress("https://203.0.113.10")).toEqual({ host: "203.0.113.10", port: 443 });
    expect(tlsAddress("https://127.0.0.1:8443/")).toEqual({ host: "127.0.0.1", port: 8443 });
    expect(tlsAddress("https://[2001:db8::1]")).toEqual({ host: "2001:db8::1", port: 443 });
  });
});

// ---- tls-certificate against real TLS servers on 127.0.0.1 with certificates made for this run ----

const certs = new CertificateFactory();
let ca: TestCertificate;
let otherCa: TestCertificate;
const servers: SniServer[] = [];

beforeAll(() => {
  if (!opensslVersion()) {
    throw new Error("these tests make certificates with the openssl command line; install openssl and put it on PATH");
  }
  ca = certs.ca("Verify Test CA");
  otherCa = certs.ca("Some Other CA");
});
afterAll(() => certs.cleanup());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(byServername: Record<string, TestCertificate>, fallback: TestCertificate): Promise<SniServer> {
  const server = await SniServer.start(byServername, fallback);
  servers.push(server);
  return server;
}

function context(server: SniServer, overrides: Partial<CertificateCheckContext> = {}): CertificateCheckContext {
  return {
    tls: new NodeTlsProber({ timeoutMs: 2_000, ca: [ca.cert] }),
    endpoint: { httpBaseUrl: "http://127.0.0.1:1/unused", httpsBaseUrl: server.baseUrl },
    minDays: DEFAULT_CERT_MIN_DAYS,
    insecure: false,
    now: () => new Date(),
    ...overrides,
  };
}

const check = (ctx: CertificateCheckContext, hostname: string) => runCheck(certificateCheck(ctx, hostname), noRetry);

describe("tls-certificate", () => {
  test("passes for a trusted certificate covering the hostname, asking for it by SNI", async () => {
    const server = await serve({}, certs.leaf({ cn: "a.example.test", dnsNames: ["a.example.test"], days: 90, ca }));
    expect(await check(context(server), "a.example.test")).toEqual({ name: "tls-certificate a.example.test", status: CheckStatus.PASS });
    expect(server.servernames).toEqual(["a.example.test"]);
  });

  test("fails when the SANs do not cover the hostname, naming subject, SANs, issuer and days left", async () => {
    const server = await serve(
      {},
      certs.leaf({ cn: "other.example.test", dnsNames: ["other.example.test", "www.other.example.test"], days: 90, ca }),
    );
    const result = await check(context(server), "a.example.test");
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(
      new RegExp(
        `^certificate served at 127\\.0\\.0\\.1:${server.port} \\(SNI a\\.example\\.test\\) does not cover a\\.example\\.test — ` +
          "subject CN=other\\.example\\.test; DNS SANs: other\\.example\\.test, www\\.other\\.example\\.test; issuer CN=Verify Test CA; (89|90) days left$",
      ),
    );
  });

  test("ignores the subject CN: a certificate without SANs covers nothing", async () => {
    const server = await serve({}, certs.leaf({ cn: "a.example.test", dnsNames: [], days: 90, ca }));
    expect((await check(context(server), "a.example.test")).detail).toMatch(/does not cover a\.example\.test — .*DNS SANs: none/);
  });

  test("a wildcard covers exactly one label; an exact name covers only itself", async () => {
    const wildcard = certs.leaf({ cn: "*.apps.example.test", dnsNames: ["*.apps.example.test"], days: 90, ca });
    const server = await serve({}, wildcard);
    expect((await check(context(server), "shop.apps.example.test")).status).toBe(CheckStatus.PASS);
    expect((await check(context(server), "apps.example.test")).detail).toMatch(/does not cover apps\.example\.test/);
    expect((await check(context(server), "a.shop.apps.example.test")).detail).toMatch(/does not cover a\.shop\.apps\.example\.test/);

    const exact = await serve({}, certs.leaf({ cn: "shop.apps.example.test", dnsNames: ["shop.apps.example.test"], days: 90, ca }));
    expect((await check(context(exact), "shop.apps.example.test")).status).toBe(CheckStatus.PASS);
    expect((await check(context(exact), "cart.apps.example.test")).detail).toMatch(
      /does not cover cart\.apps\.example\.test — .*DNS SANs: shop\.apps\.example\.test;/,
    );
  });

  test("fails when the certificate expires within --cert-min-days, saying how many days are left", async () => {
    const server = await serve({}, certs.leaf({ cn: "a.example.test", dnsNames: ["a.example.test"], days: 10, ca }));
    const result = await check(context(server), "a.example.test");
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(/ expires in (9|10) days \(\d{4}-\d\d-\d\d\), less than --cert-min-days 21 — .*; (9|10) days left$/);
    expect((await check(context(server, { minDays: 5 }), "a.example.test")).status).toBe(CheckStatus.PASS);
  });

  test("fails on an untrusted chain, and with --insecure passes saying the chain was not verified", async () => {
    const server = await serve({}, certs.leaf({ cn: "a.example.test", dnsNames: ["a.example.test"], days: 90, ca: otherCa }));
    const result = await check(context(server), "a.example.test");
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(/has an untrusted chain \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\); .* issuer CN=Some Other CA;/);
    expect(await check(context(server, { insecure: true }), "a.example.test")).toEqual({
      name: "tls-certificate a.example.test",
      status: CheckStatus.PASS,
      detail: "chain not verified: --insecure",
    });
  });

  test("a self-signed certificate is untrusted; --insecure still checks names and expiry", async () => {
    const server = await serve({}, certs.leaf({ cn: "a.example.test", dnsNames: ["a.example.test"], days: 3 }));
    expect((await check(context(server), "a.example.test")).detail).toMatch(/untrusted chain \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    const insecure = await check(context(server, { insecure: true }), "b.example.test");
    expect(insecure.status).toBe(CheckStatus.FAIL);
    expect(insecure.detail).toMatch(/does not cover b\.example\.test; expires in [23] days/);
    expect(insecure.detail).not.toMatch(/untrusted/);
  });

  test("asks for each hostname by SNI and judges the certificate the server picked for it", async () => {
    const a = certs.leaf({ cn: "a.example.test", dnsNames: ["a.example.test"], days: 90, ca });
    const b = certs.leaf({ cn: "b.example.test", dnsNames: ["b.example.test"], days: 90, ca });
    const fallback = certs.leaf({ cn: "default.example.test", dnsNames: ["default.example.test"], days: 90, ca });
    const server = await serve({ "a.example.test": a, "b.example.test": b }, fallback);
    expect((await check(context(server), "b.example.test")).status).toBe(CheckStatus.PASS);
    expect((await check(context(server), "a.example.test")).status).toBe(CheckStatus.PASS);
    expect((await check(context(server), "c.example.test")).detail).toMatch(
      /does not cover c\.example\.test — subject CN=default\.example\.test; DNS SANs: default\.example\.test;/,
    );
    expect(server.servernames).toEqual(["b.example.test", "a.example.test", "c.example.test"]);
  });

  test("fails with the reason when nothing listens", async () => {
    const server = await serve({}, certs.leaf({ cn: "a", dnsNames: ["a.example.test"], days: 90, ca }));
    const { port } = server;
    const ctx = context(server);
    await server.close();
    servers.splice(0);
    expect((await check(ctx, "a.example.test")).detail).toMatch(
      new RegExp(`^TLS handshake with 127\\.0\\.0\\.1:${port} \\(SNI a\\.example\\.test\\) failed: ECONNREFUSED`),
    );
  });

  test("gives up on a server that never completes the handshake", async () => {
    const accepted: net.Socket[] = [];
    const silent = net.createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const ctx: CertificateCheckContext = {
        tls: new NodeTlsProber({ timeoutMs: 150 }),
        endpoint: { httpBaseUrl: "http://127.0.0.1:1", httpsBaseUrl: `https://127.0.0.1:${port}` },
        minDays: 21,
        insecure: false,
        now: () => new Date(),
      };
      expect((await check(ctx, "a.example.test")).detail).toMatch(/failed: no TLS handshake within 0\.15 s$/);
    } finally {
      accepted.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
