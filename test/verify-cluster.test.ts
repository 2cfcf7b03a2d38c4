import { RetryPolicy, runCheck } from "../cli/verify/check";
import {
  GATEWAY_RESOURCE,
  backendHealthCheck,
  gatewayProgrammedCheck,
  gatewayServiceCheck,
} from "../cli/verify/cluster-checks";
import {
  CommandOptions,
  CommandResult,
  CommandRunner,
  EXIT_NOT_STARTED,
  ProcessCommandRunner,
  describeFailure,
} from "../cli/verify/command-runner";
import { PlatformOutputs, TrafficOutputs, WafMode } from "../cli/verify/outputs";
import { CheckStatus } from "../cli/verify/result";

/** Answers each command line (joined by spaces) from a table and records every call. */
class FakeRunner implements CommandRunner {
  readonly calls: Array<{ command: string; args: readonly string[]; options?: CommandOptions }> = [];
  constructor(private readonly answers: Record<string, CommandResult | CommandResult[]>) {}

  async run(command: string, args: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    this.calls.push({ command, args, options });
    const answer = this.answers[[command, ...args].join(" ")];
    if (answer === undefined) {
      return { exitCode: EXIT_NOT_STARTED, stdout: "", stderr: `unexpected command: ${command} ${args.join(" ")}` };
    }
    return Array.isArray(answer) ? (answer.length > 1 ? answer.shift()! : answer[0]) : answer;
  }
}

const ok = (json: unknown): CommandResult => ({ exitCode: 0, stdout: JSON.stringify(json), stderr: "" });
const failed = (stderr: string, exitCode = 1): CommandResult => ({ exitCode, stdout: "", stderr });

const platform: PlatformOutputs = {
  publicIpAddress: "203.0.113.10",
  gatewayPrivateIp: "10.10.3.10",
  resourceGroupName: "rg-aks",
  clusterName: "aks-main",
  applicationGatewayName: "agw-main",
  httpsEnabled: true,
  wafMode: WafMode.PREVENTION,
};
const traffic: TrafficOutputs = {
  gatewayName: "shared",
  gatewayNamespace: "gateway-system",
  gatewayServiceName: "shared-approuting-istio",
  gatewayExternalTrafficPolicy: "Local",
  routeChecks: [],
};

const AZ = "az network application-gateway show-backend-health -g rg-aks -n agw-main -o json";
const GET_GATEWAY = `kubectl get ${GATEWAY_RESOURCE} shared -n gateway-system -o json`;
const GET_SERVICE = "kubectl get service shared-approuting-istio -n gateway-system -o json";

const noRetry: RetryPolicy = { retries: 0, delayMs: 0, sleep: async () => undefined };

function backendHealth(servers: unknown[], pools = 1) {
  const pool = (i: number) => ({
    backendAddressPool: { id: `/subscriptions/s/resourceGroups/rg-aks/providers/Microsoft.Network/applicationGateways/agw-main/backendAddressPools/pool-${i}` },
    backendHttpSettingsCollection: [
      {
        backendHttpSettings: { id: ".../backendHttpSettingsCollection/settings-https" },
        servers,
      },
    ],
  });
  return { backendAddressPools: Array.from({ length: pools }, (_, i) => pool(i)) };
}

async function check(runner: FakeRunner, which: "health" | "programmed" | "service") {
  const ctx = { platform, commands: runner };
  const c =
    which === "health" ? backendHealthCheck(ctx) : which === "programmed" ? gatewayProgrammedCheck(ctx, traffic) : gatewayServiceCheck(ctx, traffic);
  return runCheck(c, noRetry);
}

describe("appgw-backend-health", () => {
  test("passes when every server in every pool is Healthy, asking az for the stack's gateway", async () => {
    const runner = new FakeRunner({ [AZ]: ok(backendHealth([{ address: "10.10.3.10", health: "Healthy" }], 2)) });
    expect(await check(runner, "health")).toEqual({ name: "appgw-backend-health", status: CheckStatus.PASS });
    expect(runner.calls).toEqual([
      {
        command: "az",
        args: ["network", "application-gateway", "show-backend-health", "-g", "rg-aks", "-n", "agw-main", "-o", "json"],
        options: undefined,
      },
    ]);
  });

  test("fails naming each unhealthy server, its pool, settings and probe log", async () => {
    const runner = new FakeRunner({
      [AZ]: ok(
        backendHealth([
          { address: "10.10.3.10", health: "Unhealthy", healthProbeLog: "Received invalid status code: 404 in the backend server's HTTP response. " },
          { address: "10.10.3.11", health: "Healthy" },
        ]),
      ),
    });
    const result = await check(runner, "health");
    expect(result.status).toBe(CheckStatus.FAIL);
    expect(result.detail).toBe(
      "10.10.3.10 (pool pool-0, settings settings-https) is Unhealthy: Received invalid status code: 404 in the backend server's HTTP response.",
    );
  });

  test("fails on Unknown health too", async () => {
    const runner = new FakeRunner({ [AZ]: ok(backendHealth([{ address: "10.10.3.10", health: "Unknown" }])) });
    expect((await check(runner, "health")).detail).toBe("10.10.3.10 (pool pool-0, settings settings-https) is Unknown");
  });

  test("fails when no server is reported, naming the expected gateway IP", async () => {
    const runner = new FakeRunner({ [AZ]: ok(backendHealth([])) });
    expect((await check(runner, "health")).detail).toMatch(/no backend servers reported; .*10\.10\.3\.10/);
  });

  test("fails on output without backendAddressPools", async () => {
    const runner = new FakeRunner({ [AZ]: ok({ something: "else" }) });
    expect((await check(runner, "health")).detail).toBe("az output has no backendAddressPools list");
  });

  test("fails with az's error and a login hint when az fails", async () => {
    const runner = new FakeRunner({ [AZ]: failed("ERROR: Please run 'az login' to setup account.\n") });
    expect((await check(runner, "health")).detail).toBe(
      "az network application-gateway show-backend-health failed (exit 1): ERROR: Please run 'az login' to setup account.; " +
        "check `az login` and `az account show`",
    );
  });

  test("fails when az prints something that is not a JSON object", async () => {
    const runner = new FakeRunner({ [AZ]: { exitCode: 0, stdout: "WARNING: preview\n", stderr: "" } });
    expect((await check(runner, "health")).detail).toMatch(/did not print a JSON object: "WARNING: preview\\n"/);
  });
});

describe("gateway-programmed", () => {
  const gateway = (conditions: unknown[]) => ok({ kind: "Gateway", status: { conditions } });

  test("passes on Programmed=True, asking for the Gateway API kind by its full name", async () => {
    const runner = new FakeRunner({
      [GET_GATEWAY]: gateway([
        { type: "Accepted", status: "True" },
        { type: "Programmed", status: "True" },
      ]),
    });
    expect(await check(runner, "programmed")).toEqual({ name: "gateway-programmed", status: CheckStatus.PASS });
    expect(runner.calls[0].args).toEqual(["get", "gateways.gateway.networking.k8s.io", "shared", "-n", "gateway-system", "-o", "json"]);
  });

  test("fails on Programmed=False with reason and message", async () => {
    const runner = new FakeRunner({
      [GET_GATEWAY]: gateway([{ type: "Programmed", status: "False", reason: "AddressNotAssigned", message: "no address yet" }]),
    });
    expect((await check(runner, "programmed")).detail).toBe(
      "gateway gateway-system/shared is Programmed=False (AddressNotAssigned: no address yet)",
    );
  });

  test("fails when there is no Programmed condition", async () => {
    const runner = new FakeRunner({ [GET_GATEWAY]: gateway([{ type: "Accepted", status: "True" }]) });
    expect((await check(runner, "programmed")).detail).toMatch(/has no Programmed condition yet/);
  });

  test("fails with kubectl's error and a get-credentials hint when kubectl fails", async () => {
    const runner = new FakeRunner({ [GET_GATEWAY]: failed('Error from server (NotFound): gateways "shared" not found') });
    expect((await check(runner, "programmed")).detail).toBe(
      `kubectl get ${GATEWAY_RESOURCE} shared failed (exit 1): Error from server (NotFound): gateways "shared" not found; ` +
        "is kubectl pointed at cluster aks-main? (az aks get-credentials -g rg-aks -n aks-main)",
    );
  });
});

describe("gateway-service", () => {
  const service = (externalTrafficPolicy: string | undefined, ingress: unknown[]) =>
    ok({ kind: "Service", spec: { type: "LoadBalancer", externalTrafficPolicy }, status: { loadBalancer: { ingress } } });

  test("passes with externalTrafficPolicy Local and the pinned private IP", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: service("Local", [{ ip: "10.10.3.10", ipMode: "VIP" }]) });
    expect(await check(runner, "service")).toEqual({ name: "gateway-service", status: CheckStatus.PASS });
    expect(runner.calls[0]).toEqual({
      command: "kubectl",
      args: ["get", "service", "shared-approuting-istio", "-n", "gateway-system", "-o", "json"],
      options: undefined,
    });
  });

  test("fails with externalTrafficPolicy Cluster", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: service("Cluster", [{ ip: "10.10.3.10" }]) });
    expect((await check(runner, "service")).detail).toBe(
      'service gateway-system/shared-approuting-istio has externalTrafficPolicy "Cluster", expected "Local"',
    );
  });

  test("passes with externalTrafficPolicy Cluster when the traffic stack declared Cluster", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: service("Cluster", [{ ip: "10.10.3.10" }]) });
    const c = gatewayServiceCheck({ platform, commands: runner }, { ...traffic, gatewayExternalTrafficPolicy: "Cluster" });
    expect(await runCheck(c, noRetry)).toEqual({ name: "gateway-service", status: CheckStatus.PASS });
  });

  test("fails with another load balancer IP", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: service("Local", [{ ip: "10.10.3.99" }]) });
    expect((await check(runner, "service")).detail).toBe(
      "service gateway-system/shared-approuting-istio has load balancer IP 10.10.3.99, expected gateway_private_ip 10.10.3.10",
    );
  });

  test("fails while no load balancer IP is assigned", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: service("Local", []) });
    expect((await check(runner, "service")).detail).toMatch(/has no load balancer IP yet .*expected 10\.10\.3\.10/);
  });

  test("reports both problems at once", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: service(undefined, [{ ip: "10.10.3.99" }]) });
    const detail = (await check(runner, "service")).detail!;
    expect(detail.split("; ")).toEqual([
      "service gateway-system/shared-approuting-istio has externalTrafficPolicy null, expected \"Local\"",
      "service gateway-system/shared-approuting-istio has load balancer IP 10.10.3.99, expected gateway_private_ip 10.10.3.10",
    ]);
  });

  test("fails when kubectl cannot be started, without the credentials hint", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: failed("kubectl: command not found on PATH", EXIT_NOT_STARTED) });
    expect((await check(runner, "service")).detail).toBe(
      "kubectl get service shared-approuting-istio failed (exit 127): kubectl: command not found on PATH",
    );
  });

  test("is retried until the IP arrives", async () => {
    const runner = new FakeRunner({ [GET_SERVICE]: [service("Local", []), service("Local", [{ ip: "10.10.3.10" }])] });
    const ctx = { platform, commands: runner };
    const result = await runCheck(gatewayServiceCheck(ctx, traffic), { retries: 2, delayMs: 0, sleep: async () => undefined });
    expect(result.status).toBe(CheckStatus.PASS);
    expect(runner.calls).toHaveLength(2);
  });
});

describe("ProcessCommandRunner", () => {
  const node = process.execPath;

  test("returns stdout and exit code 0 of a successful command, run in the given directory", async () => {
    const result = await new ProcessCommandRunner().run(node, ["-e", "process.stdout.write(process.cwd())"], { cwd: __dirname });
    expect(result).toEqual({ exitCode: 0, stdout: __dirname, stderr: "" });
  });

  test("passes arguments without a shell", async () => {
    const result = await new ProcessCommandRunner().run(node, ["-e", "process.stdout.write(process.argv[1])", "$(echo hi); `x`"]);
    expect(result.stdout).toBe("$(echo hi); `x`");
  });

  test("returns the exit code and stderr of a failing command", async () => {
    const result = await new ProcessCommandRunner().run(node, ["-e", "console.error('boom'); process.exit(3)"]);
    expect(result).toEqual({ exitCode: 3, stdout: "", stderr: "boom\n" });
  });

  test("reports a missing command as exit 127", async () => {
    const result = await new ProcessCommandRunner().run("verify-no-such-command-xyz", []);
    expect(result).toEqual({ exitCode: EXIT_NOT_STARTED, stdout: "", stderr: "verify-no-such-command-xyz: command not found on PATH" });
  });

  test("reports a missing working directory instead of a confusing spawn error", async () => {
    const result = await new ProcessCommandRunner().run(node, ["-e", ""], { cwd: "/nonexistent/cdktf.out/stacks/x" });
    expect(result).toEqual({ exitCode: EXIT_NOT_STARTED, stdout: "", stderr: "directory /nonexistent/cdktf.out/stacks/x does not exist" });
  });

  test("kills a command that runs past its timeout", async () => {
    const started = Date.now();
    const result = await new ProcessCommandRunner({ timeoutMs: 200 }).run(node, ["-e", "setTimeout(() => {}, 20000)"]);
    expect(result.exitCode).toBe(124);
    expect(result.stderr).toBe(`${node} timed out after 0.2 s`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("describeFailure", () => {
  test("joins stderr lines and says when there was none", () => {
    expect(describeFailure("az x", { exitCode: 2, stdout: "", stderr: "a\n\n  b  \n" })).toBe("az x failed (exit 2): a | b");
    expect(describeFailure("az x", { exitCode: 2, stdout: "", stderr: "" })).toBe("az x failed (exit 2): no error output");
  });

  test("keeps the end of long stderr", () => {
    const text = describeFailure("t", { exitCode: 1, stdout: "", stderr: `${"x".repeat(1000)}END` }, 10);
    expect(text).toBe("t failed (exit 1): …xxxxxxxEND");
  });
});
