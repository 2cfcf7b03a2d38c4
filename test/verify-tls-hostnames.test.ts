import * as http from "http";
import { AddressInfo } from "net";
import { CertificateCheckContext } from "../cli/verify/certificate-check";
import { RetryPolicy, runCheck } from "../cli/verify/check";
import { Endpoint, HttpCheckContext, hostRedirectCheck, routeCheck } from "../cli/verify/http-checks";
import { HttpClient, HttpRequest, NodeHttpClient } from "../cli/verify/http-client";
import { PlatformOutputs, RouteCheck, TrafficOutputs, WafMode } from "../cli/verify/outputs";
import { CheckStatus } from "../cli/verify/result";
import { WILDCARD_SKIP_REASON, tenantHostnameChecks } from "../cli/verify/tenant-checks";
import { NodeTlsProber, TlsProber } from "../cli/verify/tls-probe";
import { CertificateFactory, SniServer, TestCertificate, opensslVersion } from "./verify-tls-fixtures";

const noRetry: RetryPolicy = { retries: 0, delayMs: 0, sleep: async () => undefined };

const platform = (overrides: Partial<PlatformOutputs> = {}): PlatformOutputs => ({
  publicIpAddress: "203.0.113.10",
  gatewayPrivateIp: "10.10.3.10",
  resourceGroupName: "rg-aks",
  clusterName: "aks-main",
  applicationGatewayName: "agw-main",
  httpsEnabled: true,
  wafMode: WafMode.PREVENTION,
  ...overrides,
});

const traffic = (tenantHostnames?: string[], routeChecks: RouteCheck[] = []): TrafficOutputs => ({
  gatewayName: "shared",
  gatewayNamespace: "gateway-system",
  gatewayServiceName: "shared-approuting-istio",
  gatewayExternalTrafficPolicy: "Local",
  routeChecks,
  tenantHostnames,
});

/** Refuses any address but 127.0.0.1. */
function loopbackOnly(inner: HttpClient): HttpClient {
  return {
    get: (request: HttpRequest) =>
      new URL(request.url).hostname === "127.0.0.1" ? inner.get(request) : Promise.reject(new Error(`test tried to reach ${request.url}`)),
  };
}

/** A plain HTTP server on 127.0.0.1 that records the Host of each request. */
async function httpServer(
  handler: http.RequestListener,
): Promise<{ baseUrl: string; hosts: Array<string | undefined>; close(): Promise<void> }> {
  const hosts: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    hosts.push(req.headers.host);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  closers.push(close);
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hosts, close };
}

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const redirectTo =
  (status: number, location: string): http.RequestListener =>
  (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };

function httpContext(endpoint: Endpoint, outputs = platform()): HttpCheckContext {
  return { platform: outputs, http: loopbackOnly(new NodeHttpClient({ timeoutMs: 2_000 })), endpoint };
}

describe("http-redirects-to-https <hostname>", () => {
  const endpointOf = (baseUrl: string): Endpoint => ({ httpBaseUrl: baseUrl, httpsBaseUrl: "https://127.0.0.1:1/unused" });

  test.each([
    [301, "https://app.example.test/"],
    [308, "https://app.example.test/"],
    [301, "https://APP.example.test:443/"],
    [308, "https://app.example.test"],
  ])("passes on %i to %s, sending Host = the hostname to the public IP", async (status, location) => {
    const server = await httpServer(redirectTo(status, location));
    const result = await runCheck(hostRedirectCheck(httpContext(endpointOf(server.baseUrl)), "app.example.test"), noRetry);
    expect(result).toEqual({ name: "http-redirects-to-https app.example.test", status: CheckStatus.PASS });
    expect(server.hosts).toEqual(["app.example.test"]);
  });

  test.each([
    [
      "https://203.0.113.10/",
      /redirected to "https:\/\/203\.0\.113\.10\/", expected a Location starting with https:\/\/app\.example\.test\//,
    ],
    ["https://app.example.test.evil.test/", /redirected to "https:\/\/app\.example\.test\.evil\.test\/"/],
    ["https://app.example.test:8443/", /redirected to "https:\/\/app\.example\.test:8443\/"/],
    ["http://app.example.test/", /redirected to "http:\/\/app\.example\.test\/"/],
  ])("fails on a redirect to %s", async (location, message) => {
    const server = await httpServer(redirectTo(301, location));
    const result = await runCheck(hostRedirectCheck(httpContext(endpointOf(server.baseUrl)), "app.example.test"), noRetry);
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(message);
  });

  test("fails when plain HTTP serves the tenant instead of redirecting", async () => {
    const server = await httpServer((_req, res) => res.end("tenant content over http"));
    const result = await runCheck(hostRedirectCheck(httpContext(endpointOf(server.baseUrl)), "app.example.test"), noRetry);
    expect(result.detail).toBe(
      `GET ${server.baseUrl}/ (Host: app.example.test) returned 200, expected 301 or 308; body: "tenant content over http"`,
    );
  });

  test("is skipped without HTTPS, sending nothing", async () => {
    const server = await httpServer(redirectTo(301, "https://app.example.test/"));
    const ctx = httpContext(endpointOf(server.baseUrl), platform({ httpsEnabled: false }));
    expect((await runCheck(hostRedirectCheck(ctx, "app.example.test"), noRetry)).status).toBe(CheckStatus.SKIP);
    expect(server.hosts).toEqual([]);
  });
});

describe("tenantHostnameChecks", () => {
  const endpoint: Endpoint = { httpBaseUrl: "http://127.0.0.1:1", httpsBaseUrl: "https://127.0.0.1:1" };
  const unusedTls: TlsProber = { probe: () => Promise.reject(new Error("not called")) };
  const certificate: CertificateCheckContext = { tls: unusedTls, endpoint, minDays: 21, insecure: false, now: () => new Date(0) };
  const lines = (outputs: PlatformOutputs, t: TrafficOutputs | undefined) =>
    tenantHostnameChecks(httpContext(endpoint, outputs), certificate, t).map((c) => [c.name, c.skipReason]);

  test("two checks per exact hostname, in the stack's order; wildcards skipped with the reason", () => {
    expect(lines(platform(), traffic(["b.example.test", "*.shop.example.test", "a.example.test"]))).toEqual([
      ["tls-certificate b.example.test", undefined],
      ["http-redirects-to-https b.example.test", undefined],
      ["tls-certificate *.shop.example.test", WILDCARD_SKIP_REASON],
      ["http-redirects-to-https *.shop.example.test", WILDCARD_SKIP_REASON],
      ["tls-certificate a.example.test", undefined],
      ["http-redirects-to-https a.example.test", undefined],
    ]);
  });

  test.each([
    ["HTTPS is off", platform({ httpsEnabled: false }), traffic(["a.example.test"]), "https_enabled is false"],
    ["traffic outputs are unavailable", platform(), undefined, "traffic stack outputs unavailable"],
    [
      "the stack predates tenant_hostnames",
      platform(),
      traffic(undefined),
      "the traffic stack has no tenant_hostnames output (deployed before per-hostname TLS checks)",
    ],
    ["no tenant hostname is declared", platform(), traffic([]), "the traffic stack declares no tenant hostnames"],
  ])("one SKIP line when %s", (_why, outputs, t, reason) => {
    expect(lines(outputs, t)).toEqual([["tenant-hostnames", reason]]);
  });
});

// ---- route checks over HTTPS: SNI and Host = the tenant hostname, sent to the public IP ----

describe("route over HTTPS", () => {
  const certs = new CertificateFactory();
  let ca: TestCertificate;
  let server: SniServer;
  const seen: Array<{ host?: string; url?: string }> = [];

  beforeAll(async () => {
    if (!opensslVersion()) {
      throw new Error("these tests make certificates with the openssl command line; install openssl and put it on PATH");
    }
    ca = certs.ca("Verify Test CA");
    const a = certs.leaf({ cn: "a.example.test", dnsNames: ["a.example.test"], days: 90, ca });
    const fallback = certs.leaf({ cn: "default", dnsNames: ["default.example.test"], days: 90, ca });
    server = await SniServer.start({ "a.example.test": a }, fallback, (req, res) => {
      seen.push({ host: req.headers.host, url: req.url });
      res.end(req.headers.host === "a.example.test" ? "hello tenant-a" : "no route");
    });
  });
  afterAll(async () => {
    await server.close();
    certs.cleanup();
  });
  beforeEach(() => {
    seen.splice(0);
    server.servernames.splice(0);
  });

  const ctx = (): HttpCheckContext => ({
    platform: platform(),
    http: loopbackOnly(new NodeHttpClient({ timeoutMs: 2_000, ca: [ca.cert] })),
    endpoint: { httpBaseUrl: "http://127.0.0.1:1/unused", httpsBaseUrl: server.baseUrl },
  });
  const route = (host: string): RouteCheck => ({ name: "tenant-a", host, path: "/a", expectStatus: 200, expectBodyContains: "tenant-a" });

  test("passes with a verified certificate, SNI and Host both the tenant hostname", async () => {
    expect(await runCheck(routeCheck(ctx(), route("a.example.test")), noRetry)).toEqual({
      name: "route tenant-a",
      status: CheckStatus.PASS,
    });
    expect(server.servernames).toEqual(["a.example.test"]);
    expect(seen).toEqual([{ host: "a.example.test", url: "/a" }]);
  });

  test("fails naming the certificate error when the edge serves a certificate that does not cover the host", async () => {
    const result = await runCheck(routeCheck(ctx(), { ...route("b.example.test"), expectBodyContains: undefined }), noRetry);
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(
      /^GET https:\/\/127\.0\.0\.1:\d+\/a \(Host: b\.example\.test\): TLS certificate rejected \(ERR_TLS_CERT_ALTNAME_INVALID: /,
    );
    expect(seen).toEqual([]);
  });

  test("fails on an untrusted chain unless the client is insecure", async () => {
    const distrusting = { ...ctx(), http: loopbackOnly(new NodeHttpClient({ timeoutMs: 2_000 })) };
    expect((await runCheck(routeCheck(distrusting, route("a.example.test")), noRetry)).detail).toMatch(
      /TLS certificate rejected \(UNABLE_TO_VERIFY_LEAF_SIGNATURE/,
    );
    const insecure = { ...ctx(), http: loopbackOnly(new NodeHttpClient({ timeoutMs: 2_000, insecure: true })) };
    expect((await runCheck(routeCheck(insecure, route("a.example.test")), noRetry)).status).toBe(CheckStatus.PASS);
  });

  test("the certificate check and the route agree on the SNI they send", async () => {
    const prober = new NodeTlsProber({ timeoutMs: 2_000, ca: [ca.cert] });
    const served = await prober.probe({ host: "127.0.0.1", port: server.port, servername: "a.example.test" });
    expect(served.dnsNames).toEqual(["a.example.test"]);
    expect(served.chainTrusted).toBe(true);
    expect(server.servernames).toEqual(["a.example.test"]);
  });
});
