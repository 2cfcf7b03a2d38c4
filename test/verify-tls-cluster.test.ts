import { backendProtocolCheck, httpSettingsArgs } from "../cli/verify/backend-settings";
import { Check, RetryPolicy, notApplicable, passedWithNote, runCheck } from "../cli/verify/check";
import { BACKEND_TRUST_HINT, GATEWAY_RESOURCE, backendHealthCheck } from "../cli/verify/cluster-checks";
import { CommandResult, CommandRunner, EXIT_NOT_STARTED } from "../cli/verify/command-runner";
import { gatewayHttpsListenerCheck } from "../cli/verify/gateway-listener-check";
import { BackendProtocol, PlatformOutputs, TrafficOutputs, WafMode } from "../cli/verify/outputs";
import { formatResult } from "../cli/verify/report";
import { CheckStatus } from "../cli/verify/result";

/** Answers each command line (joined by spaces) from a table and records every call. */
class FakeRunner implements CommandRunner {
  readonly calls: string[] = [];
  constructor(private readonly answers: Record<string, CommandResult>) {}
  async run(command: string, args: readonly string[]): Promise<CommandResult> {
    const line = [command, ...args].join(" ");
    this.calls.push(line);
    return this.answers[line] ?? { exitCode: EXIT_NOT_STARTED, stdout: "", stderr: `unexpected command: ${line}` };
  }
}

const ok = (json: unknown): CommandResult => ({ exitCode: 0, stdout: JSON.stringify(json), stderr: "" });
const noRetry: RetryPolicy = { retries: 0, delayMs: 0, sleep: async () => undefined };

const platform = (backendProtocol?: BackendProtocol): PlatformOutputs => ({
  publicIpAddress: "203.0.113.10",
  gatewayPrivateIp: "10.10.3.10",
  resourceGroupName: "rg-aks",
  clusterName: "aks-main",
  applicationGatewayName: "agw-main",
  httpsEnabled: true,
  wafMode: WafMode.PREVENTION,
  backendProtocol,
});
const traffic: TrafficOutputs = {
  gatewayName: "shared",
  gatewayNamespace: "gateway-system",
  gatewayServiceName: "shared-approuting-istio",
  gatewayExternalTrafficPolicy: "Local",
  routeChecks: [],
};

const GET_GATEWAY = `kubectl get ${GATEWAY_RESOURCE} shared -n gateway-system -o json`;
const HEALTH = "az network application-gateway show-backend-health -g rg-aks -n agw-main -o json";
const SETTINGS = "az network application-gateway http-settings list -g rg-aks --gateway-name agw-main -o json";

describe("runCheck outcomes", () => {
  const once = (outcome: Awaited<ReturnType<Check["attempt"]>>) => {
    let calls = 0;
    const check: Check = { name: "c", attempt: async () => (calls++, outcome) };
    return { check, calls: () => calls };
  };

  test("a pass with a note is reported with it, once", async () => {
    const { check, calls } = once(passedWithNote("chain not verified: --insecure"));
    const result = await runCheck(check, { ...noRetry, retries: 3 });
    expect(result).toEqual({ name: "c", status: CheckStatus.PASS, detail: "chain not verified: --insecure" });
    expect(formatResult(result)).toBe("PASS c (chain not verified: --insecure)");
    expect(calls()).toBe(1);
  });

  test("a check found not to apply is a SKIP and is not retried", async () => {
    const { check, calls } = once(notApplicable("no HTTPS listener"));
    expect(await runCheck(check, { ...noRetry, retries: 3 })).toEqual({ name: "c", status: CheckStatus.SKIP, detail: "no HTTPS listener" });
    expect(calls()).toBe(1);
  });
});

describe("gateway-https-listener", () => {
  const gateway = (listeners: unknown[], statusListeners: unknown[]) =>
    ok({
      kind: "Gateway",
      spec: { listeners },
      status: { conditions: [{ type: "Programmed", status: "True" }], listeners: statusListeners },
    });
  const HTTP = { name: "http", port: 80, protocol: "HTTP" };
  const HTTPS = {
    name: "https",
    port: 443,
    protocol: "HTTPS",
    tls: { mode: "Terminate", options: { "kubernetes.azure.com/tls-cert-keyvault-uri": "https://kv/certificates/c" } },
  };
  const listenerStatus = (name: string, conditions: Array<[string, string, string?, string?]>) => ({
    name,
    attachedRoutes: 3,
    conditions: conditions.map(([type, status, reason, message]) => ({ type, status, reason, message })),
  });
  const run = (answer: CommandResult, protocol?: BackendProtocol) =>
    runCheck(
      gatewayHttpsListenerCheck({ platform: platform(protocol), commands: new FakeRunner({ [GET_GATEWAY]: answer }) }, traffic),
      noRetry,
    );

  test("passes when the HTTPS listener is Programmed and its refs resolved, whatever the HTTP listener says", async () => {
    const answer = gateway(
      [HTTP, HTTPS],
      [
        listenerStatus("http", [["Programmed", "False", "Invalid"]]),
        listenerStatus("https", [
          ["Accepted", "True"],
          ["Programmed", "True"],
          ["ResolvedRefs", "True"],
        ]),
      ],
    );
    expect(await run(answer, BackendProtocol.HTTPS)).toEqual({ name: "gateway-https-listener", status: CheckStatus.PASS });
  });

  test("fails on ResolvedRefs=False with the reason, message and the Key Vault sync hint", async () => {
    const answer = gateway(
      [HTTPS],
      [
        listenerStatus("https", [
          ["Programmed", "False", "Invalid", "Bad TLS configuration"],
          ["ResolvedRefs", "False", "InvalidCertificateRef", 'secret "kv-gw-cert-shared-https" not found'],
        ]),
      ],
    );
    const result = await run(answer);
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toBe(
      "gateway gateway-system/shared: listener https is Programmed=False (Invalid: Bad TLS configuration); " +
        'listener https is ResolvedRefs=False (InvalidCertificateRef: secret "kv-gw-cert-shared-https" not found)' +
        " — the listener's certificate Secret is missing or unreadable; with a Key Vault certificate (tls.options) the add-on " +
        "syncs it through the ServiceAccount's workload identity: check its azure.workload.identity/client-id annotation, " +
        'the federated credential and the identity\'s "Key Vault Secrets User" role on the vault ' +
        "(kubectl get secretproviderclass,secret -n gateway-system)",
    );
  });

  test("checks every HTTPS listener (a tenant's own domain has its own)", async () => {
    const byo = { ...HTTPS, name: "https-shop", hostname: "*.shop.example" };
    const answer = gateway(
      [HTTPS, byo],
      [
        listenerStatus("https", [
          ["Programmed", "True"],
          ["ResolvedRefs", "True"],
        ]),
        listenerStatus("https-shop", [["Programmed", "True"]]),
      ],
    );
    expect((await run(answer)).detail).toBe("gateway gateway-system/shared: listener https-shop has no ResolvedRefs condition yet");
  });

  test("fails when the listener has no status yet", async () => {
    expect((await run(gateway([HTTPS], []))).detail).toBe(
      "gateway gateway-system/shared: listener https has no status yet; is the gateway controller running?",
    );
  });

  test("without an HTTPS listener: SKIP, or FAIL when the platform re-encrypts", async () => {
    const answer = gateway([HTTP], [listenerStatus("http", [["Programmed", "True"]])]);
    expect(await run(answer, BackendProtocol.HTTP)).toEqual({
      name: "gateway-https-listener",
      status: CheckStatus.SKIP,
      detail: "gateway gateway-system/shared has no HTTPS listener",
    });
    expect(await run(answer)).toMatchObject({ status: CheckStatus.SKIP });
    expect(await run(answer, BackendProtocol.HTTPS)).toEqual({
      name: "gateway-https-listener",
      status: CheckStatus.FAIL,
      detail:
        "gateway gateway-system/shared has no HTTPS listener, but backend_protocol is Https: the Application Gateway re-encrypts to a listener that does not exist",
    });
  });

  test("fails with kubectl's error and the get-credentials hint", async () => {
    const result = await run({ exitCode: 1, stdout: "", stderr: "Unable to connect to the server" });
    expect(result.detail).toBe(
      `kubectl get ${GATEWAY_RESOURCE} shared failed (exit 1): Unable to connect to the server; ` +
        "is kubectl pointed at cluster aks-main? (az aks get-credentials -g rg-aks -n aks-main)",
    );
  });
});

describe("appgw-backend-protocol", () => {
  const settings = (...items: Array<[string, string, number, number?]>) =>
    ok(
      items.map(([name, protocol, port, roots = 0]) => ({
        name,
        protocol,
        port,
        trustedRootCertificates: Array.from({ length: roots }, (_, i) => ({ id: `.../trustedRootCertificates/r${i}` })),
      })),
    );
  const run = (protocol: BackendProtocol | undefined, answer: CommandResult) => {
    const commands = new FakeRunner({ [SETTINGS]: answer });
    return { commands, result: runCheck(backendProtocolCheck({ platform: platform(protocol), commands }), noRetry) };
  };

  test("asks az for the stack's gateway and passes when every settings uses backend_protocol", async () => {
    const { commands, result } = run(BackendProtocol.HTTPS, settings(["be-https", "Https", 443, 1]));
    expect(await result).toEqual({ name: "appgw-backend-protocol", status: CheckStatus.PASS });
    expect(commands.calls).toEqual([SETTINGS]);
    expect(httpSettingsArgs(platform())).toEqual(SETTINGS.split(" ").slice(1));
  });

  test("fails naming each settings that does not re-encrypt", async () => {
    const { result } = run(BackendProtocol.HTTPS, settings(["be-https", "Https", 443], ["be-http", "Http", 80]));
    expect((await result).detail).toBe(
      "backend settings be-http uses Http:80; backend_protocol is Https: the Application Gateway does not re-encrypt to the Gateway",
    );
  });

  test("fails when settings re-encrypt although the stack declares Http", async () => {
    const { result } = run(BackendProtocol.HTTP, settings(["be", "Https", 443]));
    expect((await result).detail).toBe(
      "backend settings be uses Https:443; backend_protocol is Http: the stack declares plain HTTP to the Gateway",
    );
  });

  test("reads properties nested the way older az versions print them", async () => {
    const { result } = run(BackendProtocol.HTTPS, ok([{ name: "be", properties: { protocol: "Http", port: 80 } }]));
    expect((await result).detail).toMatch(/^backend settings be uses Http:80;/);
  });

  test("is skipped for a platform stack without backend_protocol, running nothing", async () => {
    const { commands, result } = run(undefined, settings(["be", "Http", 80]));
    expect(await result).toEqual({
      name: "appgw-backend-protocol",
      status: CheckStatus.SKIP,
      detail: "the platform stack has no backend_protocol output (deployed before re-encryption)",
    });
    expect(commands.calls).toEqual([]);
  });

  test("fails on az errors, on an empty list and on output that is not a list", async () => {
    expect((await run(BackendProtocol.HTTPS, { exitCode: 1, stdout: "", stderr: "ERROR: Please run 'az login'" }).result).detail).toBe(
      "az network application-gateway http-settings failed (exit 1): ERROR: Please run 'az login'; check `az login` and `az account show`",
    );
    expect((await run(BackendProtocol.HTTPS, ok([])).result).detail).toBe("Application Gateway agw-main has no backend settings");
    expect((await run(BackendProtocol.HTTPS, ok({ value: [] })).result).detail).toBe(
      'az network application-gateway http-settings did not print a JSON list: "{\\"value\\":[]}"',
    );
  });
});

describe("appgw-backend-health over HTTPS", () => {
  const health = (servers: unknown[]) =>
    ok({
      backendAddressPools: [
        {
          backendAddressPool: { id: ".../backendAddressPools/gateway" },
          backendHttpSettingsCollection: [{ backendHttpSettings: { id: ".../backendHttpSettingsCollection/be-https" }, servers }],
        },
      ],
    });
  const UNTRUSTED_LOG =
    "The root certificate of the server certificate used by the backend does not match the trusted root certificate added to the application gateway. ";

  test("names the settings' protocol and port and adds the trusted-root hint to a certificate probe log", async () => {
    const commands = new FakeRunner({
      [HEALTH]: health([{ address: "10.10.3.10", health: "Unhealthy", healthProbeLog: UNTRUSTED_LOG }]),
      [SETTINGS]: ok([{ name: "be-https", protocol: "Https", port: 443, trustedRootCertificates: [] }]),
    });
    const result = await runCheck(backendHealthCheck({ platform: platform(BackendProtocol.HTTPS), commands }), noRetry);
    expect(result.detail).toBe(
      `10.10.3.10 (pool gateway, settings be-https, Https:443) is Unhealthy: ${UNTRUSTED_LOG.trim()}${BACKEND_TRUST_HINT}`,
    );
    expect(commands.calls).toEqual([HEALTH, SETTINGS]);
  });

  test("a non-certificate probe log gets no hint, and settings az cannot list are left out", async () => {
    const commands = new FakeRunner({
      [HEALTH]: health([{ address: "10.10.3.10", health: "Unhealthy", healthProbeLog: "Received invalid status code: 404" }]),
    });
    const result = await runCheck(backendHealthCheck({ platform: platform(), commands }), noRetry);
    expect(result.detail).toBe("10.10.3.10 (pool gateway, settings be-https) is Unhealthy: Received invalid status code: 404");
  });

  test("a healthy backend costs one az call", async () => {
    const commands = new FakeRunner({ [HEALTH]: health([{ address: "10.10.3.10", health: "Healthy" }]) });
    expect((await runCheck(backendHealthCheck({ platform: platform(BackendProtocol.HTTPS), commands }), noRetry)).status).toBe(
      CheckStatus.PASS,
    );
    expect(commands.calls).toEqual([HEALTH]);
  });
});
