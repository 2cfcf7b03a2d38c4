import * as path from "path";
import { CommandOptions, CommandResult, CommandRunner } from "../cli/verify/command-runner";
import {
  BackendProtocol,
  OutputsError,
  RawOutputs,
  WafMode,
  parsePlatformOutputs,
  parseTrafficOutputs,
  readStackOutputs,
  stackDirectory,
} from "../cli/verify/outputs";

/** Returns one fixed result and records the calls. */
class OneAnswerRunner implements CommandRunner {
  readonly calls: Array<{ command: string; args: readonly string[]; options?: CommandOptions }> = [];
  constructor(private readonly answer: CommandResult) {}
  async run(command: string, args: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    this.calls.push({ command, args, options });
    return this.answer;
  }
}

/** `terraform output -json` as Terraform prints it. */
function terraformJson(values: Record<string, unknown>): string {
  const wrapped = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { sensitive: false, type: "string", value }]));
  return JSON.stringify(wrapped, null, 2);
}

const PLATFORM: RawOutputs = {
  public_ip_address: "203.0.113.10",
  gateway_private_ip: "10.10.3.10",
  resource_group_name: "rg-aks",
  cluster_name: "aks-main",
  application_gateway_name: "agw-main",
  https_enabled: true,
  waf_mode: "Prevention",
};

const TRAFFIC: RawOutputs = {
  gateway_name: "shared",
  gateway_namespace: "gateway-system",
  gateway_service_name: "shared-approuting-istio",
  gateway_external_traffic_policy: "Local",
  route_checks: [
    { name: "health", host: "", path: "/healthz/ready", expect_status: 200, expect_body_contains: null },
    { name: "tenant-a-app", host: "a.apps.example.com", path: "/app?x=1", expect_status: 200, expect_body_contains: "tenant-a" },
  ],
};

describe("readStackOutputs", () => {
  test("runs terraform output -json in cdktf.out/stacks/<stack> and returns the values", async () => {
    const runner = new OneAnswerRunner({ exitCode: 0, stdout: terraformJson({ a: "x", b: [1] }), stderr: "" });
    expect(await readStackOutputs(runner, "aks-platform")).toEqual({ a: "x", b: [1] });
    expect(runner.calls).toEqual([
      { command: "terraform", args: ["output", "-no-color", "-json"], options: { cwd: path.join("cdktf.out", "stacks", "aks-platform") } },
    ]);
  });

  test("uses the given terraform binary and output directory", async () => {
    const runner = new OneAnswerRunner({ exitCode: 0, stdout: terraformJson({ a: "x" }), stderr: "" });
    await readStackOutputs(runner, "s", { terraformBinary: "tofu", outDir: "out" });
    expect(runner.calls[0]).toMatchObject({ command: "tofu", options: { cwd: stackDirectory("s", "out") } });
    expect(stackDirectory("s", "out")).toBe(path.join("out", "stacks", "s"));
  });

  test("throws with terraform's error and the fix when terraform fails", async () => {
    const runner = new OneAnswerRunner({ exitCode: 1, stdout: "", stderr: "Error: Backend initialization required\n" });
    await expect(readStackOutputs(runner, "aks-platform")).rejects.toThrow(
      /terraform output in cdktf.out\/stacks\/aks-platform failed \(exit 1\): Error: Backend initialization required; run from the project root after `cdktf deploy`/,
    );
  });

  test("throws when terraform prints no JSON", async () => {
    const runner = new OneAnswerRunner({ exitCode: 0, stdout: "not json", stderr: "" });
    await expect(readStackOutputs(runner, "s")).rejects.toThrow(/did not print JSON: "not json"/);
  });

  test("throws when the JSON is not an object", async () => {
    const runner = new OneAnswerRunner({ exitCode: 0, stdout: "[1]", stderr: "" });
    await expect(readStackOutputs(runner, "s")).rejects.toThrow(/printed \[1\], expected an object/);
  });

  test("throws when the stack has no outputs (not deployed)", async () => {
    const runner = new OneAnswerRunner({ exitCode: 0, stdout: "{}\n", stderr: "" });
    await expect(readStackOutputs(runner, "aks-platform")).rejects.toThrow(
      /stack aks-platform has no outputs .*deploy it with `cdktf deploy aks-platform`/,
    );
  });
});

describe("parsePlatformOutputs", () => {
  test("converts every output", () => {
    expect(parsePlatformOutputs("p", PLATFORM)).toEqual({
      publicIpAddress: "203.0.113.10",
      gatewayPrivateIp: "10.10.3.10",
      resourceGroupName: "rg-aks",
      clusterName: "aks-main",
      applicationGatewayName: "agw-main",
      httpsEnabled: true,
      wafMode: WafMode.PREVENTION,
    });
    expect(parsePlatformOutputs("p", { ...PLATFORM, waf_mode: "Detection" }).wafMode).toBe(WafMode.DETECTION);
  });

  test("throws when an output is missing, listing those present", () => {
    const { cluster_name: _omit, ...rest } = PLATFORM;
    expect(() => parsePlatformOutputs("p", rest)).toThrow(OutputsError);
    expect(() => parsePlatformOutputs("p", rest)).toThrow(
      /stack p has no output cluster_name \(outputs present: application_gateway_name, gateway_private_ip, .*\); is it the right stack\?/,
    );
  });

  test("throws when a string output is empty or not a string", () => {
    expect(() => parsePlatformOutputs("p", { ...PLATFORM, public_ip_address: "" })).toThrow(
      /output public_ip_address of stack p is "", expected a non-empty string/,
    );
    expect(() => parsePlatformOutputs("p", { ...PLATFORM, resource_group_name: 3 })).toThrow(/resource_group_name of stack p is 3/);
  });

  test("throws when https_enabled is not a boolean", () => {
    expect(() => parsePlatformOutputs("p", { ...PLATFORM, https_enabled: "true" })).toThrow(
      /output https_enabled of stack p is "true", expected true or false/,
    );
  });

  test("throws when waf_mode is not Prevention or Detection", () => {
    expect(() => parsePlatformOutputs("p", { ...PLATFORM, waf_mode: "prevention" })).toThrow(
      /output waf_mode of stack p is "prevention", expected one of Prevention, Detection/,
    );
  });
});

describe("parseTrafficOutputs", () => {
  test("converts every output; a null expect_body_contains means no body check", () => {
    expect(parseTrafficOutputs("t", TRAFFIC)).toEqual({
      gatewayName: "shared",
      gatewayNamespace: "gateway-system",
      gatewayServiceName: "shared-approuting-istio",
      gatewayExternalTrafficPolicy: "Local",
      routeChecks: [
        { name: "health", host: "", path: "/healthz/ready", expectStatus: 200, expectBodyContains: undefined },
        { name: "tenant-a-app", host: "a.apps.example.com", path: "/app?x=1", expectStatus: 200, expectBodyContains: "tenant-a" },
      ],
    });
  });

  test("reads the declared externalTrafficPolicy, Local when the output is absent", () => {
    expect(parseTrafficOutputs("t", { ...TRAFFIC, gateway_external_traffic_policy: "Cluster" }).gatewayExternalTrafficPolicy).toBe("Cluster");
    const { gateway_external_traffic_policy: _omit, ...older } = TRAFFIC;
    expect(parseTrafficOutputs("t", older).gatewayExternalTrafficPolicy).toBe("Local");
    expect(() => parseTrafficOutputs("t", { ...TRAFFIC, gateway_external_traffic_policy: "local" })).toThrow(
      /gateway_external_traffic_policy of stack t is "local", expected "Local" or "Cluster"/,
    );
  });

  test("accepts an empty route list", () => {
    expect(parseTrafficOutputs("t", { ...TRAFFIC, route_checks: [] }).routeChecks).toEqual([]);
  });

  test("throws when route_checks is not a list", () => {
    expect(() => parseTrafficOutputs("t", { ...TRAFFIC, route_checks: { name: "x" } })).toThrow(
      /output route_checks of stack t is \{"name":"x"\}, expected a list of objects/,
    );
  });

  const withRoute = (route: unknown) => ({ ...TRAFFIC, route_checks: [route] });
  const good = { name: "r", host: "h.example.com", path: "/", expect_status: 200 };

  test("throws when an entry is not an object", () => {
    expect(() => parseTrafficOutputs("t", withRoute("r"))).toThrow(/route_checks\[0\] of stack t is "r", expected an object/);
  });

  test("throws when an entry has no name", () => {
    expect(() => parseTrafficOutputs("t", withRoute({ ...good, name: "" }))).toThrow(/route_checks\[0\] of stack t: name is ""/);
  });

  test("throws when an entry's host is not a host name", () => {
    expect(() => parseTrafficOutputs("t", withRoute({ ...good, host: "https://h.example.com" }))).toThrow(
      /host is "https:\/\/h.example.com", expected a host name/,
    );
    expect(() => parseTrafficOutputs("t", withRoute({ ...good, host: null }))).toThrow(/host is null/);
  });

  test("throws when an entry's path does not start with /", () => {
    expect(() => parseTrafficOutputs("t", withRoute({ ...good, path: "app" }))).toThrow(/path is "app", expected a string starting with "\/"/);
  });

  test("throws when an entry's expect_status is not an HTTP status", () => {
    expect(() => parseTrafficOutputs("t", withRoute({ ...good, expect_status: "200" }))).toThrow(/expect_status is "200", expected an HTTP status/);
    expect(() => parseTrafficOutputs("t", withRoute({ ...good, expect_status: 600 }))).toThrow(/expect_status is 600/);
  });

  test("throws when expect_body_contains is not a string", () => {
    expect(() => parseTrafficOutputs("t", withRoute({ ...good, expect_body_contains: 1 }))).toThrow(
      /expect_body_contains is 1, expected a string or null/,
    );
  });

  test("throws when two entries share a name", () => {
    expect(() => parseTrafficOutputs("t", { ...TRAFFIC, route_checks: [good, good] })).toThrow(
      /route_checks of stack t has two entries named "r"; names must be unique/,
    );
  });

  test("throws when a gateway output is missing", () => {
    const { gateway_service_name: _omit, ...rest } = TRAFFIC;
    expect(() => parseTrafficOutputs("t", rest)).toThrow(/stack t has no output gateway_service_name/);
  });
});

describe("backend_protocol (optional platform output)", () => {
  test("reads Http and Https; absent or null means unknown", () => {
    expect(parsePlatformOutputs("p", { ...PLATFORM, backend_protocol: "Https" }).backendProtocol).toBe(BackendProtocol.HTTPS);
    expect(parsePlatformOutputs("p", { ...PLATFORM, backend_protocol: "Http" }).backendProtocol).toBe(BackendProtocol.HTTP);
    expect(parsePlatformOutputs("p", PLATFORM).backendProtocol).toBeUndefined();
    expect(parsePlatformOutputs("p", { ...PLATFORM, backend_protocol: null }).backendProtocol).toBeUndefined();
  });

  test.each(["https", "HTTPS", "Tls", "", 443])("throws on %j, naming the accepted values", (value) => {
    expect(() => parsePlatformOutputs("p", { ...PLATFORM, backend_protocol: value })).toThrow(
      new RegExp(`output backend_protocol of stack p is ${JSON.stringify(value)}, expected one of Http, Https`),
    );
  });
});

describe("tenant_hostnames (optional traffic output)", () => {
  test("reads exact and wildcard names, lower-cased, trailing dot and duplicates dropped, order kept", () => {
    const raw = { ...TRAFFIC, tenant_hostnames: ["App2.Contoso.example", "*.shop.contoso.example", "app1.contoso.example.", "app2.contoso.example"] };
    expect(parseTrafficOutputs("t", raw).tenantHostnames).toEqual(["app2.contoso.example", "*.shop.contoso.example", "app1.contoso.example"]);
  });

  test("absent or null means the stack predates the output; an empty list is valid", () => {
    expect(parseTrafficOutputs("t", TRAFFIC).tenantHostnames).toBeUndefined();
    expect(parseTrafficOutputs("t", { ...TRAFFIC, tenant_hostnames: null }).tenantHostnames).toBeUndefined();
    expect(parseTrafficOutputs("t", { ...TRAFFIC, tenant_hostnames: [] }).tenantHostnames).toEqual([]);
  });

  test("throws when it is not a list", () => {
    expect(() => parseTrafficOutputs("t", { ...TRAFFIC, tenant_hostnames: "a.example.com" })).toThrow(
      /output tenant_hostnames of stack t is "a.example.com", expected a list of host names/,
    );
  });

  test.each([["10.0.0.1"], ["a.example.com:443"], ["https://a.example.com"], ["a.*.example.com"], [""], [7]])("throws on the entry %j", (entry) => {
    // A string argument to toThrow matches a substring of the message.
    expect(() => parseTrafficOutputs("t", { ...TRAFFIC, tenant_hostnames: ["ok.example.com", entry] })).toThrow(
      `tenant_hostnames[1] of stack t is ${JSON.stringify(entry)}, expected a DNS name such as "app.example.com" or "*.example.com"`,
    );
  });
});
