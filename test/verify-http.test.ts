import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import { TLSSocket } from "tls";
import { RetryPolicy, runCheck } from "../cli/verify/check";
import {
  Endpoint,
  HEALTH_PATH,
  SQL_INJECTION_PATH,
  healthzCheck,
  httpsRedirectCheck,
  publicEndpoint,
  routeCheck,
  wafCheck,
} from "../cli/verify/http-checks";
import { HttpClient, HttpRequest, NodeHttpClient } from "../cli/verify/http-client";
import { PlatformOutputs, RouteCheck, WafMode } from "../cli/verify/outputs";
import { CheckStatus } from "../cli/verify/result";

// Self-signed test certificate for "verify.test" (EC P-256, valid 2026-2126). Test-only; never trust it.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgw1zFzfEX+9fknzHw
qWqTUA4j/XG1ISGf9CJtYBKAg2GhRANCAARIlgkwobL/uKNtR82Y8he5ALYq6fBe
HdDiSulDiJMpFitUqgaOn2n1amIyhSp/xevh4jBNOrAfdMVZ2RvNXIGX
-----END PRIVATE KEY-----`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUHhVeWPfu8/gxztkptoQyH0saDxowCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLdmVyaWZ5LnRlc3QwIBcNMjYxMTIxMjI1ODM4WhgPMjEyNjEw
MjgyMjU4MzhaMBYxFDASBgNVBAMMC3ZlcmlmeS50ZXN0MFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAESJYJMKGy/7ijbUfNmPIXuQC2KunwXh3Q4krpQ4iTKRYrVKoG
jp9p9WpiMoUqf8Xr4eIwTTqwH3TFWdkbzVyBl6NrMGkwHQYDVR0OBBYEFPTJYoPr
wsb1yJ2jHuMsXinTA2fsMB8GA1UdIwQYMBaAFPTJYoPrwsb1yJ2jHuMsXinTA2fs
MA8GA1UdEwEB/wQFMAMBAf8wFgYDVR0RBA8wDYILdmVyaWZ5LnRlc3QwCgYIKoZI
zj0EAwIDSQAwRgIhAMbdY58gLEf6ABfujCAHiDvR5gQpTvP5MZ7I501ppm17AiEA
8PHb0RhMhj2A9nLAzOzdUx2N38eWeFRkIzeYmMcZiv0=
-----END CERTIFICATE-----`;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Seen {
  readonly url: string;
  readonly host?: string;
  readonly servername?: string | false;
}

/** A server on 127.0.0.1 with an ephemeral port that records what it was asked. */
class LocalServer {
  static async start(handler: Handler, tls = false): Promise<LocalServer> {
    const seen: Seen[] = [];
    const record: Handler = (req, res) => {
      // `servername` (the SNI the client sent, or false) is set by Node but missing from @types/node.
      const servername = req.socket instanceof TLSSocket ? (req.socket as TLSSocket & { servername: string | false }).servername : undefined;
      seen.push({ url: req.url ?? "", host: req.headers.host, servername });
      handler(req, res);
    };
    const server = tls ? https.createServer({ key: TEST_KEY, cert: TEST_CERT }, record) : http.createServer(record);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const started = new LocalServer(server, seen, tls);
    servers.push(started);
    return started;
  }

  private constructor(
    private readonly server: http.Server,
    readonly seen: Seen[],
    private readonly tls: boolean,
  ) {}

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `${this.tls ? "https" : "http"}://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Refuses any request that is not for 127.0.0.1, so no test can reach another address. */
class LoopbackOnlyClient implements HttpClient {
  readonly inner: NodeHttpClient;
  constructor(options: { timeoutMs?: number; insecure?: boolean } = {}) {
    this.inner = new NodeHttpClient(options);
  }
  get(request: HttpRequest) {
    const hostname = new URL(request.url).hostname;
    if (hostname !== "127.0.0.1") {
      throw new Error(`test tried to reach ${hostname}`);
    }
    return this.inner.get(request);
  }
}

function respond(status: number, body = "", headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "text/plain", ...headers });
    res.end(body);
  };
}

/** Answers by path (without query); 404 otherwise. */
function byPath(routes: Record<string, Handler>): Handler {
  return (req, res) => (routes[(req.url ?? "/").split("?")[0]] ?? respond(404, "no route"))(req, res);
}

function platform(overrides: Partial<PlatformOutputs> = {}): PlatformOutputs {
  return {
    publicIpAddress: "203.0.113.10",
    gatewayPrivateIp: "10.10.3.10",
    resourceGroupName: "rg-aks",
    clusterName: "aks-main",
    applicationGatewayName: "agw-main",
    httpsEnabled: false,
    wafMode: WafMode.PREVENTION,
    ...overrides,
  };
}

const sleeps: number[] = [];
const policy = (retries: number): RetryPolicy => ({
  retries,
  delayMs: 5,
  sleep: async (ms) => {
    sleeps.push(ms);
  },
});
beforeEach(() => sleeps.splice(0));

function ctx(endpoint: Endpoint, outputs: PlatformOutputs = platform(), timeoutMs = 2_000) {
  return { platform: outputs, http: new LoopbackOnlyClient({ timeoutMs }), endpoint };
}

function plain(server: LocalServer): Endpoint {
  return { httpBaseUrl: server.baseUrl, httpsBaseUrl: "http://127.0.0.1:1/must-not-be-used" };
}

const route = (overrides: Partial<RouteCheck> = {}): RouteCheck => ({
  name: "tenant-a-app",
  host: "a.apps.example.com",
  path: "/app",
  expectStatus: 200,
  ...overrides,
});

describe("NodeHttpClient", () => {
  test("returns status, lower-case headers and body, and sends the Host header given", async () => {
    const server = await LocalServer.start(respond(201, "created", { "X-Marker": "m" }));
    const response = await new NodeHttpClient().get({ url: `${server.baseUrl}/x?y=1`, host: "a.example.com" });
    expect(response).toMatchObject({ status: 201, body: "created", headers: expect.objectContaining({ "x-marker": "m" }) });
    expect(server.seen).toEqual([{ url: "/x?y=1", host: "a.example.com", servername: undefined }]);
  });

  test("sends the URL's host when no Host is given", async () => {
    const server = await LocalServer.start(respond(200));
    await new NodeHttpClient().get({ url: `${server.baseUrl}/` });
    expect(server.seen[0].host).toBe(`127.0.0.1:${server.port}`);
  });

  test("does not follow redirects", async () => {
    const server = await LocalServer.start(
      byPath({ "/": respond(301, "", { location: "/elsewhere" }), "/elsewhere": respond(200, "followed") }),
    );
    const response = await new NodeHttpClient().get({ url: `${server.baseUrl}/` });
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe("/elsewhere");
    expect(server.seen.map((s) => s.url)).toEqual(["/"]);
  });

  test("gives up when no response arrives within the timeout", async () => {
    const server = await LocalServer.start(() => undefined);
    const started = Date.now();
    await expect(new NodeHttpClient({ timeoutMs: 150 }).get({ url: `${server.baseUrl}/` })).rejects.toThrow(
      /no complete response within 0.15 s/,
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test("gives up when the body stalls past the timeout", async () => {
    const server = await LocalServer.start((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    await expect(new NodeHttpClient({ timeoutMs: 150 }).get({ url: `${server.baseUrl}/` })).rejects.toThrow(/no complete response/);
  });

  test("reports a refused connection", async () => {
    const server = await LocalServer.start(respond(200));
    const url = `${server.baseUrl}/`;
    await server.close();
    await expect(new NodeHttpClient().get({ url })).rejects.toThrow(/connection refused/);
  });

  test("keeps at most MAX_BODY_BYTES of a body", async () => {
    const server = await LocalServer.start(respond(200, "x".repeat(NodeHttpClient.MAX_BODY_BYTES + 4096)));
    const response = await new NodeHttpClient().get({ url: `${server.baseUrl}/` });
    expect(response.body.length).toBe(NodeHttpClient.MAX_BODY_BYTES);
  });

  test("rejects URLs that are neither http nor https", async () => {
    await expect(new NodeHttpClient().get({ url: "ftp://127.0.0.1/" })).rejects.toThrow(/unsupported URL scheme/);
  });

  test("verifies TLS certificates by default and names --insecure as the fix", async () => {
    const server = await LocalServer.start(respond(200, "tls"), true);
    await expect(new NodeHttpClient().get({ url: `${server.baseUrl}/`, host: "verify.test" })).rejects.toThrow(
      /TLS certificate rejected .*pass --insecure/,
    );
  });

  test("with insecure, accepts a self-signed certificate and sends the Host as SNI", async () => {
    const server = await LocalServer.start(respond(200, "tls"), true);
    const response = await new NodeHttpClient({ insecure: true }).get({ url: `${server.baseUrl}/p`, host: "verify.test" });
    expect(response.body).toBe("tls");
    expect(server.seen).toEqual([{ url: "/p", host: "verify.test", servername: "verify.test" }]);
  });

  test("sends no SNI when the host is an IP address", async () => {
    const server = await LocalServer.start(respond(200), true);
    await new NodeHttpClient({ insecure: true }).get({ url: `${server.baseUrl}/`, host: `127.0.0.1:${server.port}` });
    expect(server.seen[0].servername).toBe(false);
  });
});

describe("publicEndpoint", () => {
  test("uses the IP on the default ports, bracketing IPv6", () => {
    expect(publicEndpoint("203.0.113.10")).toEqual({ httpBaseUrl: "http://203.0.113.10", httpsBaseUrl: "https://203.0.113.10" });
    expect(publicEndpoint("2001:db8::1")).toEqual({ httpBaseUrl: "http://[2001:db8::1]", httpsBaseUrl: "https://[2001:db8::1]" });
  });
});

describe("healthz-ready", () => {
  test("passes on 200 from /healthz/ready", async () => {
    const server = await LocalServer.start(byPath({ [HEALTH_PATH]: respond(200, "ok") }));
    expect(await runCheck(healthzCheck(ctx(plain(server))), policy(0))).toEqual({ name: "healthz-ready", status: CheckStatus.PASS });
    expect(server.seen.map((s) => s.url)).toEqual([HEALTH_PATH]);
  });

  test("fails on another status, showing status and body", async () => {
    const server = await LocalServer.start(respond(502, "Bad Gateway from appgw"));
    const result = await runCheck(healthzCheck(ctx(plain(server))), policy(0));
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toBe(`GET ${server.baseUrl}${HEALTH_PATH} returned 502, expected 200; body: "Bad Gateway from appgw"`);
  });

  test("goes over the HTTPS base URL when https_enabled", async () => {
    const plainServer = await LocalServer.start(respond(500));
    const tlsSide = await LocalServer.start(respond(200));
    const endpoint = { httpBaseUrl: plainServer.baseUrl, httpsBaseUrl: tlsSide.baseUrl };
    const result = await runCheck(healthzCheck(ctx(endpoint, platform({ httpsEnabled: true }))), policy(0));
    expect(result.status).toBe(CheckStatus.PASS);
    expect(plainServer.seen).toHaveLength(0);
    expect(tlsSide.seen).toHaveLength(1);
  });
});

describe("route checks", () => {
  test("pass when status and body match, sending the route's Host", async () => {
    const server = await LocalServer.start(byPath({ "/app": respond(200, "hello from tenant-a") }));
    const check = routeCheck(ctx(plain(server)), route({ expectBodyContains: "tenant-a" }));
    expect(await runCheck(check, policy(0))).toEqual({ name: "route tenant-a-app", status: CheckStatus.PASS });
    expect(server.seen).toEqual([{ url: "/app", host: "a.apps.example.com", servername: undefined }]);
  });

  test("pass on any body when no substring is expected, and on a non-200 expected status", async () => {
    const server = await LocalServer.start(respond(404, "whatever"));
    const result = await runCheck(routeCheck(ctx(plain(server)), route({ expectStatus: 404 })), policy(0));
    expect(result.status).toBe(CheckStatus.PASS);
  });

  test("send the endpoint's own host when the route has none", async () => {
    const server = await LocalServer.start(respond(200));
    await runCheck(routeCheck(ctx(plain(server)), route({ host: "" })), policy(0));
    expect(server.seen[0].host).toBe(`127.0.0.1:${server.port}`);
  });

  test("fail on a wrong status", async () => {
    const server = await LocalServer.start(respond(404, "route not found"));
    const result = await runCheck(routeCheck(ctx(plain(server)), route()), policy(0));
    expect(result).toEqual({
      name: "route tenant-a-app",
      status: CheckStatus.FAIL,
      detail: `GET ${server.baseUrl}/app (Host: a.apps.example.com) returned 404, expected 200; body: "route not found"`,
    });
  });

  test("fail on a body without the expected substring", async () => {
    const server = await LocalServer.start(respond(200, "default backend"));
    const result = await runCheck(routeCheck(ctx(plain(server)), route({ expectBodyContains: "tenant-a" })), policy(0));
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(/returned a body without "tenant-a"; body: "default backend"$/);
  });

  test("fail on a timeout", async () => {
    const server = await LocalServer.start(() => undefined);
    const result = await runCheck(routeCheck(ctx(plain(server), platform(), 150), route()), policy(0));
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toBe(`GET ${server.baseUrl}/app (Host: a.apps.example.com): no complete response within 0.15 s`);
  });

  test("retry a failed attempt after the delay and pass once the route answers", async () => {
    let calls = 0;
    const server = await LocalServer.start((req, res) => respond(++calls < 3 ? 503 : 200, "ok")(req, res));
    const result = await runCheck(routeCheck(ctx(plain(server)), route()), policy(3));
    expect(result.status).toBe(CheckStatus.PASS);
    expect(server.seen).toHaveLength(3);
    expect(sleeps).toEqual([5, 5]);
  });

  test("stop after retries + 1 attempts and say so", async () => {
    const server = await LocalServer.start(respond(503, "busy"));
    const result = await runCheck(routeCheck(ctx(plain(server)), route()), policy(2));
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(/returned 503, expected 200; body: "busy" \(after 3 attempts\)$/);
    expect(server.seen).toHaveLength(3);
    expect(sleeps).toEqual([5, 5]);
  });
});

describe("waf-blocks-sql-injection", () => {
  test("passes when the probe gets 403, sent as a SQL injection query", async () => {
    const server = await LocalServer.start(respond(403, "blocked"));
    expect((await runCheck(wafCheck(ctx(plain(server))), policy(0))).status).toBe(CheckStatus.PASS);
    expect(server.seen.map((s) => s.url)).toEqual([SQL_INJECTION_PATH]);
    expect(decodeURIComponent(SQL_INJECTION_PATH)).toBe("/?id=1' OR '1'='1");
  });

  test("fails when the probe gets through", async () => {
    const server = await LocalServer.start(respond(200, "home"));
    const result = await runCheck(wafCheck(ctx(plain(server))), policy(0));
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(/returned 200, expected 403/);
  });

  test("is skipped in Detection mode without sending anything", async () => {
    const server = await LocalServer.start(respond(200));
    const result = await runCheck(wafCheck(ctx(plain(server), platform({ wafMode: WafMode.DETECTION }))), policy(0));
    expect(result).toEqual({
      name: "waf-blocks-sql-injection",
      status: CheckStatus.SKIP,
      detail: "waf_mode is Detection: the WAF logs attacks but does not block them",
    });
    expect(server.seen).toHaveLength(0);
  });
});

describe("http-redirects-to-https", () => {
  const https = platform({ httpsEnabled: true });

  test.each([301, 308])("passes on %i to an https:// Location", async (status) => {
    const server = await LocalServer.start(respond(status, "", { location: "https://203.0.113.10/" }));
    expect((await runCheck(httpsRedirectCheck(ctx(plain(server), https)), policy(0))).status).toBe(CheckStatus.PASS);
    expect(server.seen.map((s) => s.url)).toEqual(["/"]);
  });

  test("fails on a temporary redirect", async () => {
    const server = await LocalServer.start(respond(302, "", { location: "https://203.0.113.10/" }));
    const result = await runCheck(httpsRedirectCheck(ctx(plain(server), https)), policy(0));
    expect(result.detail).toMatch(/returned 302, expected 301 or 308/);
  });

  test("fails when the Location is not https", async () => {
    const server = await LocalServer.start(respond(301, "", { location: "http://203.0.113.10/" }));
    const result = await runCheck(httpsRedirectCheck(ctx(plain(server), https)), policy(0));
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toMatch(/redirected to "http:\/\/203.0.113.10\/", expected a Location starting with https:\/\//);
  });

  test("fails when plain HTTP serves content instead of redirecting", async () => {
    const server = await LocalServer.start(respond(200, "plain"));
    const result = await runCheck(httpsRedirectCheck(ctx(plain(server), https)), policy(0));
    expect(result.detail).toMatch(/returned 200, expected 301 or 308/);
  });

  test("is skipped when https_enabled is false", async () => {
    const server = await LocalServer.start(respond(200));
    const result = await runCheck(httpsRedirectCheck(ctx(plain(server))), policy(0));
    expect(result).toEqual({ name: "http-redirects-to-https", status: CheckStatus.SKIP, detail: "https_enabled is false" });
    expect(server.seen).toHaveLength(0);
  });
});
