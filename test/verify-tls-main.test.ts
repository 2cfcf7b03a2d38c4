/**
 * `verify` end to end with HTTPS on: a fake CommandRunner for terraform, az and kubectl; the "public IP" is a
 * TLS server on 127.0.0.1 that picks its certificate by SNI, plus a plain HTTP server that only redirects.
 */
import * as http from "http";
import { AddressInfo } from "net";
import { CommandOptions, CommandResult, CommandRunner, EXIT_NOT_STARTED } from "../cli/verify/command-runner";
import { HttpClient, HttpRequest, NodeHttpClient } from "../cli/verify/http-client";
import { main } from "../cli/verify/main";
import { NodeTlsProber } from "../cli/verify/tls-probe";
import { CertificateFactory, SniServer, TestCertificate, opensslVersion } from "./verify-tls-fixtures";
import { json, outputsJson } from "./verify-command-results";


const PLATFORM = {
  public_ip_address: "203.0.113.10",
  gateway_private_ip: "10.10.3.10",
  resource_group_name: "rg-aks",
  cluster_name: "aks-main",
  application_gateway_name: "agw-main",
  https_enabled: true,
  waf_mode: "Prevention",
  backend_protocol: "Https",
};
const TRAFFIC = {
  gateway_name: "shared",
  gateway_namespace: "gateway-system",
  gateway_service_name: "shared-approuting-istio",
  route_checks: [
    { name: "health", host: "", path: "/healthz/ready", expect_status: 200, expect_body_contains: null },
    { name: "app1", host: "app1.contoso.test", path: "/app1", expect_status: 200, expect_body_contains: "app1" },
  ],
  tenant_hostnames: ["app1.contoso.test", "app2.contoso.test", "*.shop.contoso.test"],
};
const HTTPS_LISTENER_READY = json({
  spec: { listeners: [{ name: "https", port: 443, protocol: "HTTPS" }] },
  status: {
    conditions: [{ type: "Programmed", status: "True" }],
    listeners: [
      {
        name: "https",
        conditions: [
          { type: "Programmed", status: "True" },
          { type: "ResolvedRefs", status: "True" },
        ],
      },
    ],
  },
});

/** Answers by `<cwd>> <line>` or `<line>`; unknown commands fail as if missing. */
class TableRunner implements CommandRunner {
  constructor(private readonly table: Record<string, CommandResult>) {}
  async run(command: string, args: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    const line = [command, ...args].join(" ");
    return (
      this.table[`${options?.cwd ?? ""}> ${line}`] ??
      this.table[line] ?? { exitCode: EXIT_NOT_STARTED, stdout: "", stderr: `no fake for ${line}` }
    );
  }
}

function runner(traffic: Record<string, unknown> = TRAFFIC): TableRunner {
  const tf = "terraform output -no-color -json";
  return new TableRunner({
    [`cdktf.out/stacks/aks-platform> ${tf}`]: outputsJson(PLATFORM),
    [`cdktf.out/stacks/aks-traffic> ${tf}`]: outputsJson(traffic),
    "az network application-gateway show-backend-health -g rg-aks -n agw-main -o json": json({
      backendAddressPools: [
        {
          backendAddressPool: { id: "x/pool" },
          backendHttpSettingsCollection: [
            { backendHttpSettings: { id: "x/be-https" }, servers: [{ address: "10.10.3.10", health: "Healthy" }] },
          ],
        },
      ],
    }),
    "az network application-gateway http-settings list -g rg-aks --gateway-name agw-main -o json": json([
      { name: "be-https", protocol: "Https", port: 443 },
    ]),
    "kubectl get gateways.gateway.networking.k8s.io shared -n gateway-system -o json": HTTPS_LISTENER_READY,
    "kubectl get service shared-approuting-istio -n gateway-system -o json": json({
      spec: { externalTrafficPolicy: "Local" },
      status: { loadBalancer: { ingress: [{ ip: "10.10.3.10" }] } },
    }),
  });
}

/** Refuses any address but 127.0.0.1. */
function loopbackOnly(inner: HttpClient): HttpClient {
  return {
    get: (request: HttpRequest) =>
      new URL(request.url).hostname === "127.0.0.1" ? inner.get(request) : Promise.reject(new Error(`test tried to reach ${request.url}`)),
  };
}

const certs = new CertificateFactory();
let ca: TestCertificate;
let edge: SniServer;
let plain: http.Server;
let httpBaseUrl: string;

beforeAll(async () => {
  if (!opensslVersion()) {
    throw new Error("these tests make certificates with the openssl command line; install openssl and put it on PATH");
  }
  ca = certs.ca("Verify Test CA");
  const app1 = certs.leaf({ cn: "app1.contoso.test", dnsNames: ["app1.contoso.test"], days: 90, ca });
  const app2 = certs.leaf({ cn: "app2.contoso.test", dnsNames: ["app2.contoso.test"], days: 10, ca });
  // What the edge serves without SNI: it covers the public IP, so the IP-addressed checks verify too.
  const byIp = certs.leaf({ cn: "edge", dnsNames: [], ipAddresses: ["127.0.0.1"], days: 90, ca });
  edge = await SniServer.start({ "app1.contoso.test": app1, "app2.contoso.test": app2 }, byIp, (req, res) => {
    const url = req.url ?? "/";
    const send = (status: number, body: string) => {
      res.writeHead(status);
      res.end(body);
    };
    if (url.startsWith("/?id=")) return send(403, "blocked by WAF");
    if (url === "/healthz/ready") return send(200, "ok");
    if (url === "/app1" && req.headers.host === "app1.contoso.test") return send(200, "hello app1");
    return send(404, "not found");
  });
  // Plain HTTP only redirects, to the host it was asked for, as an Application Gateway redirect does.
  plain = http.createServer((req, res) => {
    res.writeHead(301, { location: `https://${req.headers.host}${req.url}` });
    res.end();
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  httpBaseUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await edge.close();
  plain.closeAllConnections();
  await new Promise((resolve) => plain.close(resolve));
  certs.cleanup();
});

async function run(argv: string[], commands: CommandRunner = runner()) {
  const out: string[] = [];
  const insecure = argv.includes("--insecure");
  const code = await main(
    ["--stack", "aks-platform", "--retries", "0", ...argv],
    { out: (line) => out.push(line), err: (line) => out.push(`stderr: ${line}`) },
    {
      commands,
      http: loopbackOnly(new NodeHttpClient({ timeoutMs: 2_000, insecure, ca: [ca.cert] })),
      tls: new NodeTlsProber({ timeoutMs: 2_000, ca: [ca.cert] }),
      endpoint: { httpBaseUrl, httpsBaseUrl: edge.baseUrl },
      sleep: async () => undefined,
      env: {},
    },
  );
  return { code, out };
}

describe("verify with HTTPS end to end", () => {
  test("every TLS check in report order; a certificate expiring within 21 days fails with its days left", async () => {
    const { code, out } = await run([]);
    const wildcard = "wildcard hostname: no request can be sent to it (SNI and Host need a concrete name)";
    expect(
      out.map((line) =>
        line
          .replace(/expires in (9|10) days \(\d{4}-\d\d-\d\d\)/, "expires in N days (DATE)")
          .replace(/; (9|10) days left$/, "; N days left"),
      ),
    ).toEqual([
      "PASS appgw-backend-health",
      "PASS appgw-backend-protocol",
      "PASS healthz-ready",
      "PASS route health",
      "PASS route app1",
      "PASS waf-blocks-sql-injection",
      "PASS http-redirects-to-https",
      "PASS tls-certificate app1.contoso.test",
      "PASS http-redirects-to-https app1.contoso.test",
      `FAIL tls-certificate app2.contoso.test: certificate served at 127.0.0.1:${edge.port} (SNI app2.contoso.test) expires in N days (DATE), ` +
        "less than --cert-min-days 21 — subject CN=app2.contoso.test; DNS SANs: app2.contoso.test; issuer CN=Verify Test CA; N days left",
      "PASS http-redirects-to-https app2.contoso.test",
      `SKIP tls-certificate *.shop.contoso.test: ${wildcard}`,
      `SKIP http-redirects-to-https *.shop.contoso.test: ${wildcard}`,
      "PASS gateway-programmed",
      "PASS gateway-https-listener",
      "PASS gateway-service",
      "13 passed, 1 failed",
    ]);
    expect(code).toBe(1);
  });

  test("--cert-min-days reaches the certificate checks", async () => {
    const { code, out } = await run(["--cert-min-days", "5"]);
    expect(out).toContain("PASS tls-certificate app2.contoso.test");
    expect(out[out.length - 1]).toBe("14 passed, 0 failed");
    expect(code).toBe(0);
  });

  test("--insecure: the certificate checks say the chain was not verified", async () => {
    const { out } = await run(["--insecure", "--cert-min-days", "0"]);
    expect(out).toContain("PASS tls-certificate app1.contoso.test (chain not verified: --insecure)");
    expect(out).toContain("PASS tls-certificate app2.contoso.test (chain not verified: --insecure)");
  });

  test("a traffic stack without tenant_hostnames: one SKIP, the rest still runs", async () => {
    const { tenant_hostnames: _omit, ...older } = TRAFFIC;
    const { code, out } = await run([], runner(older));
    expect(out).toContain(
      "SKIP tenant-hostnames: the traffic stack has no tenant_hostnames output (deployed before per-hostname TLS checks)",
    );
    expect(out.filter((line) => line.startsWith("FAIL"))).toEqual([]);
    expect(code).toBe(0);
  });
});
