import * as http from "http";
import { AddressInfo } from "net";
import { HELP_TEXT, UsageError, parseArgs } from "../cli/verify/cli";
import { CommandOptions, CommandResult, CommandRunner, EXIT_NOT_STARTED } from "../cli/verify/command-runner";
import { DEFAULT_CERT_MIN_DAYS } from "../cli/verify/certificate-check";
import { DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS } from "../cli/verify/engine";
import { HttpClient, HttpRequest, NodeHttpClient } from "../cli/verify/http-client";
import { EXIT_USAGE, main } from "../cli/verify/main";
import { exitCodeOf, formatResult, summaryLine } from "../cli/verify/report";
import { fail, pass, skip } from "../cli/verify/result";
import { json, outputsJson } from "./verify-command-results";

describe("parseArgs", () => {
  const options = (argv: string[]) => {
    const parsed = parseArgs(argv);
    if (parsed.help) {
      throw new Error("expected options, got help");
    }
    return parsed.options;
  };

  test("defaults: derived traffic stack, certificates verified, default timeout and retries", () => {
    expect(options(["--stack", "aks-platform"])).toEqual({
      platformStack: "aks-platform",
      trafficStack: "aks-traffic",
      insecure: false,
      timeoutMs: NodeHttpClient.DEFAULT_TIMEOUT_MS,
      retries: DEFAULT_RETRIES,
      retryDelayMs: DEFAULT_RETRY_DELAY_MS,
      certMinDays: DEFAULT_CERT_MIN_DAYS,
    });
    expect(DEFAULT_CERT_MIN_DAYS).toBe(21);
    expect(NodeHttpClient.DEFAULT_TIMEOUT_MS).toBe(10_000);
    expect(DEFAULT_RETRIES).toBe(3);
  });

  test("every option, in both --flag value and --flag=value forms", () => {
    expect(
      options([
        "--stack=prod-platform",
        "--traffic-stack",
        "prod-k8s",
        "--insecure",
        "--timeout",
        "2.5",
        "--retries=0",
        "--retry-delay",
        "0",
        "--cert-min-days=30",
      ]),
    ).toEqual({
      platformStack: "prod-platform",
      trafficStack: "prod-k8s",
      insecure: true,
      timeoutMs: 2_500,
      retries: 0,
      retryDelayMs: 0,
      certMinDays: 30,
    });
    expect(options(["--stack", "a-platform", "--cert-min-days", "0"]).certMinDays).toBe(0);
    expect(options(["--stack", "a-platform", "--cert-min-days", "365"]).certMinDays).toBe(365);
  });

  test("--traffic-stack makes a stack without 'platform' in its name usable", () => {
    expect(options(["--stack", "azure", "--traffic-stack", "k8s"]).trafficStack).toBe("k8s");
  });

  test.each([[["--help"]], [["-h"]], [["--stack", "x-platform", "--help"]]])("%j asks for help", (argv) => {
    expect(parseArgs(argv)).toEqual({ help: true });
  });

  const usage = (argv: string[], message: RegExp) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  };

  test("throws when --stack is missing", () => usage([], /--stack is required/));
  test("throws when an option is unknown", () => usage(["--stack", "a-platform", "--verbose"], /unknown option --verbose; run with --help/));
  test("throws when a value is missing at the end", () => usage(["--stack"], /--stack needs a value, e.g. --stack aks-platform/));
  test("throws when a value is missing before another flag", () =>
    usage(["--stack", "--insecure"], /--stack needs a value/));
  test("throws when an inline value is empty", () => usage(["--stack="], /--stack needs a value/));
  test("throws when a flag is given twice", () => usage(["--stack", "a-platform", "--stack", "b-platform"], /--stack given twice/));
  test("throws when a positional argument is given", () => usage(["aks-platform"], /unexpected argument "aks-platform"; .*--stack aks-platform/));
  test("throws when a switch gets a value", () => usage(["--stack", "a-platform", "--insecure=yes"], /--insecure takes no value/));
  test("throws when the traffic stack cannot be derived", () =>
    usage(["--stack", "azure"], /cannot derive the traffic stack from --stack "azure" .*pass --traffic-stack/));
  test("throws when the traffic stack equals the platform stack", () =>
    usage(["--stack", "a", "--traffic-stack", "a"], /--traffic-stack is the same as --stack/));
  test("throws when a stack name could escape cdktf.out/stacks", () => {
    usage(["--stack", "../platform"], /--stack "..\/platform" is not a stack name/);
    usage(["--stack", "a-platform", "--traffic-stack", "a b"], /--traffic-stack "a b" is not a stack name/);
  });
  test.each(["0", "-1", "abc", "301", " "])("throws when --timeout is %j", (value) =>
    usage(["--stack", "a-platform", "--timeout", value], /--timeout must be a number of seconds, more than 0 and at most 300/));
  test.each(["1.5", "-1", "x", "21"])("throws when --retries is %j", (value) =>
    usage(["--stack", "a-platform", "--retries", value], /--retries must be a whole number 0-20/));
  test.each(["-1", "61", "soon"])("throws when --retry-delay is %j", (value) =>
    usage(["--stack", "a-platform", "--retry-delay", value], /--retry-delay must be a number of seconds, 0-60/));
  test.each(["-1", "366", "2.5", "three", " "])("throws when --cert-min-days is %j", (value) =>
    usage(["--stack", "a-platform", "--cert-min-days", value], /--cert-min-days must be a whole number 0-365/));
  test("throws when --cert-min-days has no value", () =>
    usage(["--stack", "a-platform", "--cert-min-days"], /--cert-min-days needs a value, e.g. --cert-min-days 21/));
});

describe("report", () => {
  test("formats one line per result", () => {
    expect(formatResult(pass("healthz-ready"))).toBe("PASS healthz-ready");
    expect(formatResult(fail("route a", "GET / returned 404, expected 200"))).toBe("FAIL route a: GET / returned 404, expected 200");
    expect(formatResult(skip("http-redirects-to-https", "https_enabled is false"))).toBe("SKIP http-redirects-to-https: https_enabled is false");
  });

  test("summarizes passes and failures, leaving skips out, and exits 1 on any failure", () => {
    const results = [pass("a"), pass("b"), fail("c", "x"), skip("d", "y")];
    expect(summaryLine(results)).toBe("2 passed, 1 failed");
    expect(exitCodeOf(results)).toBe(1);
    expect(summaryLine([pass("a"), skip("d", "y")])).toBe("1 passed, 0 failed");
    expect(exitCodeOf([pass("a"), skip("d", "y")])).toBe(0);
  });
});

// ---- main(), end to end with a fake CommandRunner and a real server on 127.0.0.1 ----


const PLATFORM = {
  public_ip_address: "203.0.113.10",
  gateway_private_ip: "10.10.3.10",
  resource_group_name: "rg-aks",
  cluster_name: "aks-main",
  application_gateway_name: "agw-main",
  https_enabled: false,
  waf_mode: "Prevention",
};
const TRAFFIC = {
  gateway_name: "shared",
  gateway_namespace: "gateway-system",
  gateway_service_name: "shared-approuting-istio",
  route_checks: [
    { name: "health", host: "", path: "/healthz/ready", expect_status: 200, expect_body_contains: null },
    { name: "tenant-a", host: "a.apps.example.com", path: "/a", expect_status: 200, expect_body_contains: "tenant-a" },
  ],
};
const HEALTHY = json({
  backendAddressPools: [
    { backendAddressPool: { id: "x/pool" }, backendHttpSettingsCollection: [{ backendHttpSettings: { id: "x/s" }, servers: [{ address: "10.10.3.10", health: "Healthy" }] }] },
  ],
});
const PROGRAMMED = json({ status: { conditions: [{ type: "Programmed", status: "True" }] } });
const SERVICE = json({ spec: { externalTrafficPolicy: "Local" }, status: { loadBalancer: { ingress: [{ ip: "10.10.3.10" }] } } });

/** Answers by command line; records every call; unknown commands fail as if missing. */
class TableRunner implements CommandRunner {
  readonly calls: Array<{ line: string; cwd?: string }> = [];
  constructor(private readonly table: Record<string, CommandResult>) {}
  async run(command: string, args: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    const line = [command, ...args].join(" ");
    this.calls.push({ line, cwd: options?.cwd });
    return this.table[`${options?.cwd ?? ""}> ${line}`] ?? this.table[line] ?? { exitCode: EXIT_NOT_STARTED, stdout: "", stderr: `no fake for ${line}` };
  }
}

function runner(overrides: { platform?: object; traffic?: CommandResult; terraform?: string; service?: CommandResult } = {}): TableRunner {
  const tf = `${overrides.terraform ?? "terraform"} output -no-color -json`;
  return new TableRunner({
    [`cdktf.out/stacks/aks-platform> ${tf}`]: outputsJson({ ...PLATFORM, ...overrides.platform }),
    [`cdktf.out/stacks/aks-traffic> ${tf}`]: overrides.traffic ?? outputsJson(TRAFFIC),
    "az network application-gateway show-backend-health -g rg-aks -n agw-main -o json": HEALTHY,
    "kubectl get gateways.gateway.networking.k8s.io shared -n gateway-system -o json": PROGRAMMED,
    "kubectl get service shared-approuting-istio -n gateway-system -o json": overrides.service ?? SERVICE,
  });
}

/** A healthy platform on 127.0.0.1: health, tenant-a, WAF 403 on the SQL injection probe. */
function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? "/";
  const send = (status: number, body: string) => {
    res.writeHead(status);
    res.end(body);
  };
  if (url.startsWith("/?id=")) return send(403, "blocked by WAF");
  if (url === "/healthz/ready") return send(200, "ok");
  if (url === "/a" && req.headers.host === "a.apps.example.com") return send(200, "hello tenant-a");
  if (url === "/slow") return undefined;
  return send(404, "not found");
}

let server: http.Server;
let base: string;
let hits: string[];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  hits = [];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Refuses any address but 127.0.0.1. */
function loopbackOnly(inner: HttpClient = new NodeHttpClient({ timeoutMs: 2_000 })): HttpClient {
  return {
    get: (request: HttpRequest) =>
      new URL(request.url).hostname === "127.0.0.1" ? inner.get(request) : Promise.reject(new Error(`test tried to reach ${request.url}`)),
  };
}

async function run(argv: string[], commands: CommandRunner, extra: { http?: HttpClient; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    {
      commands,
      http: extra.http ?? loopbackOnly(),
      endpoint: { httpBaseUrl: base, httpsBaseUrl: base },
      sleep: async () => undefined,
      env: extra.env ?? {},
    },
  );
  return { code, out, err };
}

describe("main", () => {
  test("--help prints the usage and exits 0", async () => {
    const result = await run(["--help"], runner());
    expect(result).toEqual({ code: 0, out: [HELP_TEXT], err: [] });
    expect(HELP_TEXT).toMatch(/--stack <name>[\s\S]*--traffic-stack[\s\S]*--insecure[\s\S]*--cert-min-days[\s\S]*--timeout[\s\S]*--retries[\s\S]*--retry-delay/);
    for (const check of ["appgw-backend-protocol", "tls-certificate <host>", "http-redirects-to-https <host>", "gateway-https-listener", "tenant_hostnames"]) {
      expect(HELP_TEXT).toContain(check);
    }
  });

  test("a bad flag prints the error and a hint on stderr and exits 2, running nothing", async () => {
    const commands = runner();
    const result = await run(["--stack", "aks-platform", "--timeout", "soon"], commands);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual(['error: --timeout must be a number of seconds, more than 0 and at most 300; got "soon"', "Run with --help for usage."]);
    expect(commands.calls).toEqual([]);
  });

  test("a healthy deployment: every check passes, one line each, summary last, exit 0", async () => {
    const commands = runner();
    const result = await run(["--stack", "aks-platform"], commands);
    expect(result.err).toEqual([]);
    expect(result.out).toEqual([
      "PASS appgw-backend-health",
      "SKIP appgw-backend-protocol: the platform stack has no backend_protocol output (deployed before re-encryption)",
      "PASS healthz-ready",
      "PASS route health",
      "PASS route tenant-a",
      "PASS waf-blocks-sql-injection",
      "SKIP http-redirects-to-https: https_enabled is false",
      "SKIP tenant-hostnames: https_enabled is false",
      "PASS gateway-programmed",
      "SKIP gateway-https-listener: gateway gateway-system/shared has no HTTPS listener",
      "PASS gateway-service",
      "7 passed, 0 failed",
    ]);
    expect(result.code).toBe(0);
    expect(commands.calls.slice(0, 2)).toEqual([
      { line: "terraform output -no-color -json", cwd: "cdktf.out/stacks/aks-platform" },
      { line: "terraform output -no-color -json", cwd: "cdktf.out/stacks/aks-traffic" },
    ]);
  });

  test("a failing check: FAIL line with the reason, counted in the summary, exit 1", async () => {
    const service = json({ spec: { externalTrafficPolicy: "Cluster" }, status: { loadBalancer: { ingress: [{ ip: "10.10.3.10" }] } } });
    const result = await run(["--stack", "aks-platform", "--retries", "0"], runner({ service }));
    expect(result.out).toContain(
      'FAIL gateway-service: service gateway-system/shared-approuting-istio has externalTrafficPolicy "Cluster", expected "Local"',
    );
    expect(result.out[result.out.length - 1]).toBe("6 passed, 1 failed");
    expect(result.code).toBe(1);
  });

  test("--retries bounds the attempts of a failing check", async () => {
    const traffic = outputsJson({ ...TRAFFIC, route_checks: [{ name: "gone", host: "", path: "/gone", expect_status: 200 }] });
    const result = await run(["--stack", "aks-platform", "--retries", "2"], runner({ traffic }));
    expect(result.out).toContain(`FAIL route gone: GET ${base}/gone returned 404, expected 200; body: "not found" (after 3 attempts)`);
    expect(hits.filter((hit) => hit === "/gone")).toHaveLength(3);
  });

  test("--timeout reaches the HTTP client", async () => {
    const traffic = outputsJson({ ...TRAFFIC, route_checks: [{ name: "slow", host: "", path: "/slow", expect_status: 200 }] });
    // No http override: main builds its own NodeHttpClient; the endpoint still points at 127.0.0.1.
    const out: string[] = [];
    const code = await main(["--stack", "aks-platform", "--timeout", "0.2", "--retries", "0"], { out: (l) => out.push(l), err: () => undefined }, {
      commands: runner({ traffic }),
      endpoint: { httpBaseUrl: base, httpsBaseUrl: base },
      env: {},
    });
    expect(out).toContain(`FAIL route slow: GET ${base}/slow: no complete response within 0.2 s`);
    expect(code).toBe(1);
  });

  test("unreadable platform outputs: one FAIL, nothing else runs, exit 1", async () => {
    const commands = new TableRunner({});
    const result = await run(["--stack", "aks-platform"], commands);
    expect(result.out).toEqual([
      "FAIL outputs aks-platform: terraform output in cdktf.out/stacks/aks-platform failed (exit 127): no fake for terraform output -no-color -json; " +
        "run from the project root after `cdktf deploy`",
      "0 passed, 1 failed",
    ]);
    expect(result.code).toBe(1);
    expect(commands.calls).toHaveLength(1);
    expect(hits).toEqual([]);
  });

  test("unreadable traffic outputs: one FAIL, route and cluster checks skipped, platform checks still run", async () => {
    const traffic: CommandResult = { exitCode: 0, stdout: "{}", stderr: "" };
    const result = await run(["--stack", "aks-platform"], runner({ traffic }));
    expect(result.out).toEqual([
      "FAIL outputs aks-traffic: stack aks-traffic has no outputs in cdktf.out/stacks/aks-traffic; deploy it with `cdktf deploy aks-traffic`",
      "PASS appgw-backend-health",
      "SKIP appgw-backend-protocol: the platform stack has no backend_protocol output (deployed before re-encryption)",
      "PASS healthz-ready",
      "SKIP routes: traffic stack outputs unavailable",
      "PASS waf-blocks-sql-injection",
      "SKIP http-redirects-to-https: https_enabled is false",
      "SKIP tenant-hostnames: https_enabled is false",
      "SKIP gateway-programmed: traffic stack outputs unavailable",
      "SKIP gateway-https-listener: traffic stack outputs unavailable",
      "SKIP gateway-service: traffic stack outputs unavailable",
      "3 passed, 1 failed",
    ]);
    expect(result.code).toBe(1);
  });

  test("honours TERRAFORM_BINARY_NAME and --traffic-stack", async () => {
    const commands = new TableRunner({
      "cdktf.out/stacks/azure> tofu output -no-color -json": outputsJson({ ...PLATFORM, waf_mode: "Detection" }),
      "cdktf.out/stacks/k8s> tofu output -no-color -json": outputsJson({ ...TRAFFIC, route_checks: [] }),
    });
    const result = await run(["--stack", "azure", "--traffic-stack", "k8s"], commands, { env: { TERRAFORM_BINARY_NAME: "tofu" } });
    expect(commands.calls.slice(0, 2).map((c) => `${c.cwd}> ${c.line}`)).toEqual([
      "cdktf.out/stacks/azure> tofu output -no-color -json",
      "cdktf.out/stacks/k8s> tofu output -no-color -json",
    ]);
    expect(result.out).toContain("SKIP waf-blocks-sql-injection: waf_mode is Detection: the WAF logs attacks but does not block them");
  });
});
