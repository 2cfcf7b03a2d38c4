import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, delimiter, join } from "path";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { CliIo } from "../cli/io";
import { helpText, run } from "../cli/main";
import { CommandResult, EXIT_NOT_STARTED } from "../cli/verify/command-runner";
import { DEFAULT_TIMEOUT_SECONDS, HELP_TEXT, UsageError, parseValidateArgs } from "../cli/validate/cli";
import { INIT_ARGS, VALIDATE_ARGS } from "../cli/validate/engine";
import { classifyInitFailure, parseTextDiagnostics } from "../cli/validate/init-output";
import { ValidateOverrides, validateCommand } from "../cli/validate/main";
import { EXIT_TIMED_OUT, TerraformProcessRunner, TerraformRunOptions, TerraformRunner } from "../cli/validate/process-runner";
import { PLUGIN_CACHE_DIR_NAME } from "../cli/validate/terraform-env";
import { MINIMUM_TERRAFORM_VERSION, compareVersions, parseVersion } from "../cli/validate/terraform-version";

// ---- Fixtures modelled on what Terraform 1.11.4 prints (captured on this machine, see the comments) ----

const ok = (stdout = "", stderr = ""): CommandResult => ({ exitCode: 0, stdout, stderr });
const failed = (stderr: string, stdout = "", exitCode = 1): CommandResult => ({ exitCode, stdout, stderr });

const VERSION_JSON = JSON.stringify({ terraform_version: "1.11.4", platform: "linux_amd64", provider_selections: {}, terraform_outdated: false });

const INIT_OK = `Initializing provider plugins...
- Finding hashicorp/azurerm versions matching "4.55.0"...
- Installing hashicorp/azurerm v4.55.0...
- Installed hashicorp/azurerm v4.55.0 (signed by HashiCorp)

Terraform has been successfully initialized!
`;

/** A CLI-configuration warning, framed, as Terraform prints it before anything else when ~/.terraformrc is missing. */
const CLI_CONFIG_WARNING = `There are some problems with the CLI configuration:
╷
│ Warning: Unable to open CLI configuration file
│
│ The CLI configuration file at "/root/.terraformrc" does not exist.
╵

`;

/** `terraform init -backend=false -input=false -no-color` offline (DNS fails), stderr, wrapped at 78 columns. */
const INIT_OFFLINE = `${CLI_CONFIG_WARNING}
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider azure/azapi:
could not connect to registry.terraform.io: failed to request discovery
document: Get "https://registry.terraform.io/.well-known/terraform.json":
dial tcp: lookup registry.terraform.io on 10.255.255.53:53: no such host

To see which modules are currently depending on azure/azapi and what versions
are specified, run the following command:
    terraform providers

Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/azurerm: could not connect to registry.terraform.io: failed to
request discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io on 10.255.255.53:53: no such host

To see which modules are currently depending on hashicorp/azurerm and what
versions are specified, run the following command:
    terraform providers
`;

/** A filesystem mirror (provider_installation { filesystem_mirror }) without the provider. */
const INIT_MIRROR_MISSING = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/azurerm: provider registry.terraform.io/hashicorp/azurerm was not
found in any of the search locations

  - /usr/share/terraform/providers
`;

/** A network mirror that cannot be reached. */
const INIT_NETWORK_MIRROR_DOWN = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/azurerm: failed to query provider mirror
https://mirror.corp.example/providers/ for
registry.terraform.io/hashicorp/azurerm: the request failed after 2 attempts,
please try again later: Get
"https://mirror.corp.example/providers/registry.terraform.io/hashicorp/azurerm/index.json":
dial tcp: lookup mirror.corp.example on 10.255.255.53:53: no such host
`;

/** The registry answered, but the package download timed out (internal/command/init.go "Failed to install provider"). */
const INIT_DOWNLOAD_TIMEOUT = `
Error: Failed to install provider

Error while installing hashicorp/azurerm v4.55.0: could not query provider
registry for registry.terraform.io/hashicorp/azurerm: the request failed after
2 attempts, please try again later: Get
"https://registry.terraform.io/v1/providers/hashicorp/azurerm/4.55.0/download/linux/amd64":
context deadline exceeded (Client.Timeout exceeded while awaiting headers)
`;

/** A registry module, offline. */
const INIT_MODULE_OFFLINE = `Initializing modules...

Error: Error accessing remote module registry

  on cdk.tf.json line 1, in module:
   1: {"module":{"vpc":{"source":"terraform-aws-modules/vpc/aws","version":"5.0.0"}}}

Failed to retrieve available versions for module "vpc" (cdk.tf.json:1) from
registry.terraform.io: failed to request discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io on 10.255.255.53:53: no such host.
`;

/** A wrong provider source: the registry is reachable and says it has no such provider (a real error). */
const INIT_PROVIDER_NOT_KNOWN = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/azapi:
provider registry registry.terraform.io does not have a provider named
registry.terraform.io/hashicorp/azapi

Did you intend to use azure/azapi? If so, you must specify that source address
in each module which requires that provider. To see which modules are currently
depending on hashicorp/azapi, run the following command:
    terraform providers
`;

/** A configuration error found by init itself, with the header init prints before it (captured). */
const INIT_CONFIG_ERROR = `${CLI_CONFIG_WARNING}
Error: Terraform encountered problems during initialisation, including problems
with the configuration, described below.

The Terraform configuration must be valid before initialization so that
Terraform can determine which modules and providers need to be installed.

Error: Extraneous JSON object property

  on cdk.tf.json line 4, in terraform:
   4:     "backend_typo": {}

No argument or block type is named "backend_typo".
`;

/** A lock file from an earlier init that pins another version (captured). */
const INIT_LOCK_CONFLICT = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/azurerm: locked provider registry.terraform.io/hashicorp/azurerm
4.10.0 does not match configured version constraint 4.55.0; must use
terraform init -upgrade to allow selection of new versions
`;

const VALIDATE_OK = JSON.stringify({ format_version: "1.0", valid: true, error_count: 0, warning_count: 0, diagnostics: [] });

/** `terraform validate -json` with two errors and a warning, in Terraform's documented format 1.0. */
function validateInvalid(subnetAddress: string): string {
  return JSON.stringify({
    format_version: "1.0",
    valid: false,
    error_count: 2,
    warning_count: 1,
    diagnostics: [
      {
        severity: "warning",
        summary: "Argument is deprecated",
        detail: "The `enforce_private_link_endpoint_network_policies` property\nhas been superseded by `private_endpoint_network_policies`.",
        range: { filename: "cdk.tf.json", start: { line: 30, column: 9, byte: 801 }, end: { line: 30, column: 60, byte: 852 } },
        snippet: { context: subnetAddress, code: "", start_line: 30, highlight_start_offset: 8, highlight_end_offset: 59, values: [] },
      },
      {
        severity: "error",
        summary: "Unsupported argument",
        detail: 'An argument named "address_prefix" is not expected here. Did you mean "address_prefixes"?',
        range: { filename: "cdk.tf.json", start: { line: 28, column: 9, byte: 740 }, end: { line: 28, column: 25, byte: 756 } },
        snippet: { context: subnetAddress, code: '        "address_prefix": "10.0.0.0/24",', start_line: 28, highlight_start_offset: 8, highlight_end_offset: 24, values: [] },
      },
      {
        severity: "error",
        summary: "Reference to undeclared input variable",
        detail: 'An input variable with the name "missing" has not been declared. This variable can be declared with a variable "missing" {} block.',
        range: { filename: "cdk.tf.json", start: { line: 16, column: 19, byte: 239 }, end: { line: 16, column: 30, byte: 250 } },
        snippet: { context: "output.bad", code: '      "value": "${var.missing}"', start_line: 16, highlight_start_offset: 18, highlight_end_offset: 29, values: [] },
      },
    ],
  });
}

const VALIDATE_WARNING_ONLY = JSON.stringify({
  format_version: "1.0",
  valid: true,
  error_count: 0,
  warning_count: 1,
  diagnostics: [{ severity: "warning", summary: "Deprecated attribute", detail: "Use `zones` instead." }],
});

// ---- A synthesized two-stack app and a fake terraform ----

/** `shop-workloads` is declared first but depends on `shop-network`, so deploy order differs from manifest order. */
function synthApp(): { outdir: string; subnetAddress: string } {
  const outdir = mkdtempSync(join(tmpdir(), "aksgw-validate-"));
  const app = Testing.app({ outdir });
  const workloads = new TerraformStack(app, "shop-workloads");
  new AzurermProvider(workloads, "azurerm", { features: [{}] });
  new TerraformOutput(workloads, "ready", { value: "yes" });
  const network = new TerraformStack(app, "shop-network");
  new AzurermProvider(network, "azurerm", { features: [{}] });
  new Subnet(new Construct(network, "Network"), "Nodes", {
    name: "snet-nodes",
    resourceGroupName: "rg",
    virtualNetworkName: "vnet",
    addressPrefixes: ["10.0.0.0/24"],
  });
  workloads.addDependency(network);
  app.synth();
  const json = JSON.parse(readFileSync(join(outdir, "stacks", "shop-network", "cdk.tf.json"), "utf8"));
  return { outdir, subnetAddress: `resource.azurerm_subnet.${Object.keys(json.resource.azurerm_subnet)[0]}` };
}

interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly stack?: string;
  readonly env?: TerraformRunOptions["env"];
}

type Script = (call: Call) => CommandResult | undefined;

/** Answers like terraform: version, then init and validate per stack from `script` (default: all good). */
class FakeTerraform implements TerraformRunner {
  public readonly calls: Call[] = [];
  public timeoutMs?: number;
  private running = 0;
  public maxRunning = 0;

  constructor(private readonly script: Script = () => undefined) {}

  public async run(command: string, args: readonly string[], options: TerraformRunOptions = {}): Promise<CommandResult> {
    const call = { command, args, stack: options.cwd === undefined ? undefined : basename(options.cwd), env: options.env };
    this.calls.push(call);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    await new Promise((resolve) => setImmediate(resolve));
    this.running--;
    const scripted = this.script(call);
    if (scripted !== undefined) return scripted;
    if (args[0] === "version") return ok(VERSION_JSON);
    if (args[0] === "init") return ok(INIT_OK);
    return ok(VALIDATE_OK);
  }

  public stackCalls(): string[] {
    return this.calls.filter((c) => c.stack !== undefined).map((c) => `${c.stack} ${c.args[0]}`);
  }
}

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

async function validate(argv: string[], fake: FakeTerraform, env: Record<string, string | undefined> = {}) {
  const io = capture();
  const overrides: ValidateOverrides = {
    env: { PATH: "/usr/bin", TF_CLI_CONFIG_FILE: "/nonexistent/terraformrc", ...env },
    createRunner: ({ timeoutMs }) => {
      fake.timeoutMs = timeoutMs;
      return fake;
    },
  };
  const code = await validateCommand(argv, io, overrides);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const byStack = (stack: string, step: string, result: CommandResult): Script => (call) =>
  call.stack === stack && call.args[0] === step ? result : undefined;

let app: { outdir: string; subnetAddress: string };
beforeAll(() => {
  app = synthApp();
});

// ---- The command ----

describe("validate: results", () => {
  test("PASS: init once then validate in each stack's working directory, in deploy order, one stack at a time", async () => {
    const fake = new FakeTerraform();
    const { code, stdout, stderr } = await validate([app.outdir], fake);
    expect(code).toBe(0);
    expect(stdout).toEqual([
      `Validating 2 stacks in ${app.outdir} with Terraform 1.11.4 (provider cache ${join(app.outdir, PLUGIN_CACHE_DIR_NAME)}):`,
      "PASS shop-network",
      "PASS shop-workloads",
      "2 passed, 0 failed, 0 skipped",
    ]);
    expect(stderr).toEqual([]);
    expect(fake.calls[0]).toMatchObject({ command: "terraform", args: ["version", "-json"] });
    expect(fake.stackCalls()).toEqual(["shop-network init", "shop-network validate", "shop-workloads init", "shop-workloads validate"]);
    expect(fake.calls.filter((c) => c.args[0] === "init").map((c) => c.args)).toEqual([INIT_ARGS, INIT_ARGS]);
    expect(INIT_ARGS).toEqual(["init", "-backend=false", "-input=false", "-no-color"]);
    expect(fake.calls.filter((c) => c.args[0] === "validate").map((c) => c.args)).toEqual([VALIDATE_ARGS, VALIDATE_ARGS]);
    expect(VALIDATE_ARGS).toEqual(["validate", "-no-color", "-json"]);
    expect(fake.maxRunning).toBe(1);
    expect(fake.timeoutMs).toBe(DEFAULT_TIMEOUT_SECONDS * 1000);
  });

  test("the provider cache defaults to <dir>/.terraform-plugin-cache, created, with update checks off", async () => {
    const fake = new FakeTerraform();
    await validate([app.outdir], fake);
    const env = fake.calls[1].env ?? {};
    expect(env.TF_PLUGIN_CACHE_DIR).toBe(join(app.outdir, PLUGIN_CACHE_DIR_NAME));
    expect(existsSync(join(app.outdir, PLUGIN_CACHE_DIR_NAME))).toBe(true);
    expect(env.CHECKPOINT_DISABLE).toBe("1");
    expect(env.TF_IN_AUTOMATION).toBe("1");
    expect(env.PATH).toBe("/usr/bin");
  });

  test("TF_PLUGIN_CACHE_DIR and CHECKPOINT_DISABLE set by the user are kept", async () => {
    const fake = new FakeTerraform();
    const { stdout } = await validate([app.outdir], fake, { TF_PLUGIN_CACHE_DIR: "/ci/cache", CHECKPOINT_DISABLE: "" });
    expect(fake.calls.every((c) => c.env?.TF_PLUGIN_CACHE_DIR === "/ci/cache" && c.env?.CHECKPOINT_DISABLE === "")).toBe(true);
    expect(stdout[0]).toMatch(/\(provider cache \/ci\/cache, from TF_PLUGIN_CACHE_DIR\):$/);
  });

  test("plugin_cache_dir in the CLI configuration is not overridden", async () => {
    const rc = join(mkdtempSync(join(tmpdir(), "aksgw-rc-")), "terraformrc");
    writeFileSync(rc, 'plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"\n');
    const fake = new FakeTerraform();
    const { stdout } = await validate([app.outdir], fake, { TF_CLI_CONFIG_FILE: rc });
    expect(fake.calls.some((c) => c.env?.TF_PLUGIN_CACHE_DIR !== undefined)).toBe(false);
    expect(stdout[0]).toMatch(/\(provider cache from the CLI configuration\):$/);
  });

  test("TERRAFORM_BINARY_NAME is honoured as cdktf does, and --terraform wins over it", async () => {
    const fromEnv = new FakeTerraform();
    await validate([app.outdir], fromEnv, { TERRAFORM_BINARY_NAME: "tofu" });
    expect(new Set(fromEnv.calls.map((c) => c.command))).toEqual(new Set(["tofu"]));
    const fromFlag = new FakeTerraform();
    await validate([app.outdir, "--terraform", "/opt/tf/terraform"], fromFlag, { TERRAFORM_BINARY_NAME: "tofu" });
    expect(new Set(fromFlag.calls.map((c) => c.command))).toEqual(new Set(["/opt/tf/terraform"]));
  });

  test("FAIL lists each diagnostic: severity, summary, detail, block address, construct path and file:line:column", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "validate", failed("", validateInvalid(app.subnetAddress))));
    const { code, stdout } = await validate([app.outdir], fake);
    expect(code).toBe(1);
    const file = join(app.outdir, "stacks", "shop-network", "cdk.tf.json");
    expect(stdout[1]).toBe(
      "FAIL shop-network: terraform validate: 2 errors, 1 warning: " +
        `error: Unsupported argument: An argument named "address_prefix" is not expected here. Did you mean "address_prefixes"? ` +
        `[${app.subnetAddress} (construct shop-network/Network/Nodes) at ${file}:28:9] | ` +
        `error: Reference to undeclared input variable: An input variable with the name "missing" has not been declared. ` +
        `This variable can be declared with a variable "missing" {} block. [output.bad at ${file}:16:19] | ` +
        "warning: Argument is deprecated: The `enforce_private_link_endpoint_network_policies` property has been superseded by " +
        `\`private_endpoint_network_policies\`. [${app.subnetAddress} (construct shop-network/Network/Nodes) at ${file}:30:9]`,
    );
    expect(stdout.slice(2)).toEqual(["PASS shop-workloads", "1 passed, 1 failed, 0 skipped"]);
  });

  test("PASS carries validate's warnings; a diagnostic without range is still said", async () => {
    const fake = new FakeTerraform(byStack("shop-workloads", "validate", ok(VALIDATE_WARNING_ONLY)));
    const { code, stdout } = await validate([app.outdir], fake);
    expect(code).toBe(0);
    expect(stdout[2]).toBe("PASS shop-workloads (1 warning: Deprecated attribute: Use `zones` instead.)");
  });

  test("output wrapped by setup-terraform's default wrapper ([command] … ::debug::) is still read", async () => {
    const pretty = JSON.stringify(JSON.parse(validateInvalid(app.subnetAddress)), null, 2);
    const wrapped = `[command]/home/runner/work/_temp/3f1e/terraform-bin validate -no-color -json\n${pretty}\n::debug::Terraform exited with code 1.\n`;
    const fake = new FakeTerraform(byStack("shop-network", "validate", failed("", wrapped)));
    const { stdout } = await validate([app.outdir], fake);
    expect(stdout[1]).toMatch(/^FAIL shop-network: terraform validate: 2 errors, 1 warning: error: Unsupported argument/);
  });

  test("FAIL when validate prints no report", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "validate", failed("panic: runtime error", "")));
    const { code, stdout } = await validate([app.outdir], fake);
    expect(code).toBe(1);
    expect(stdout[1]).toBe("FAIL shop-network: terraform validate -json failed (exit 1): panic: runtime error; it printed no validate report");
  });
});

describe("validate: SKIP when validation cannot run here", () => {
  test("no terraform binary: every stack SKIPs with how to install it and the minimum version; exit 0 with a warning", async () => {
    const fake = new FakeTerraform((c) => (c.args[0] === "version" ? failed("terraform: command not found on PATH", "", EXIT_NOT_STARTED) : undefined));
    const { code, stdout, stderr } = await validate([app.outdir], fake);
    expect(code).toBe(0);
    const reason =
      `no Terraform: "terraform" is not on PATH; install it from https://developer.hashicorp.com/terraform/install ` +
      `(GitHub Actions: hashicorp/setup-terraform), or point --terraform or TERRAFORM_BINARY_NAME at it (${MINIMUM_TERRAFORM_VERSION} or later)`;
    expect(stdout).toEqual([`SKIP shop-network: ${reason}`, `SKIP shop-workloads: ${reason}`, "0 passed, 0 failed, 2 skipped"]);
    expect(stderr).toEqual(["warning: nothing was validated: all 2 stacks were skipped (reasons above). Pass --require to make this fail."]);
    expect(fake.stackCalls()).toEqual([]);
  });

  test("a binary named with --terraform that does not exist is a bad command line (exit 2)", async () => {
    const fake = new FakeTerraform((c) => (c.args[0] === "version" ? failed("x", "", EXIT_NOT_STARTED) : undefined));
    const { code, stdout, stderr } = await validate([app.outdir, "--terraform", "terrafrom"], fake);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr[0]).toMatch(/^error: --terraform: no Terraform: "terrafrom" is not on PATH/);
  });

  test("a Terraform older than the minimum SKIPs", async () => {
    const fake = new FakeTerraform((c) => (c.args[0] === "version" ? ok(JSON.stringify({ terraform_version: "1.4.6" })) : undefined));
    const { code, stdout } = await validate([app.outdir], fake);
    expect(code).toBe(0);
    expect(stdout[0]).toMatch(/^SKIP shop-network: Terraform 1\.4\.6 is older than 1\.5\.0; install it from/);
  });

  test("registry unreachable (offline): SKIP naming each provider source and the host, validate not run", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "init", failed(INIT_OFFLINE, "Initializing provider plugins...\n")));
    const { code, stdout, stderr } = await validate([app.outdir], fake);
    expect(code).toBe(0);
    expect(stdout[1]).toBe(
      "SKIP shop-network: terraform init could not download providers azure/azapi, hashicorp/azurerm from registry.terraform.io: " +
        'could not connect to registry.terraform.io: failed to request discovery document: Get "https://registry.terraform.io/.well-known/terraform.json": ' +
        "dial tcp: lookup registry.terraform.io on 10.255.255.53:53: no such host. " +
        "Validate where the registry is reachable, or give Terraform a provider mirror (provider_installation in the CLI configuration)",
    );
    expect(stdout.slice(2)).toEqual(["PASS shop-workloads", "1 passed, 0 failed, 1 skipped"]);
    expect(stderr).toEqual(["warning: 1 stack was skipped and not validated (reasons above). Pass --require to make this fail."]);
    expect(fake.stackCalls()).toEqual(["shop-network init", "shop-workloads init", "shop-workloads validate"]);
  });

  test.each([
    ["a filesystem mirror without the provider", INIT_MIRROR_MISSING, "provider hashicorp/azurerm: provider registry.terraform.io/hashicorp/azurerm was not found in any of the search locations - /usr/share/terraform/providers"],
    ["an unreachable network mirror", INIT_NETWORK_MIRROR_DOWN, "provider hashicorp/azurerm from mirror.corp.example: failed to query provider mirror https://mirror.corp.example/providers/"],
    ["a download that times out", INIT_DOWNLOAD_TIMEOUT, "provider hashicorp/azurerm v4.55.0 from registry.terraform.io: could not query provider registry"],
    ["a registry module, offline", INIT_MODULE_OFFLINE, 'module vpc from registry.terraform.io: Failed to retrieve available versions for module "vpc"'],
  ])("%s: SKIP", async (_name, stderr, expected) => {
    const fake = new FakeTerraform(byStack("shop-network", "init", failed(stderr)));
    const { stdout } = await validate([app.outdir], fake);
    expect(stdout[1]).toContain(`SKIP shop-network: terraform init could not download ${expected}`);
  });
});

describe("validate: init errors that are the configuration's fault FAIL", () => {
  test("a provider source the registry does not have", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "init", failed(INIT_PROVIDER_NOT_KNOWN)));
    const { code, stdout } = await validate([app.outdir], fake);
    expect(code).toBe(1);
    expect(stdout[1]).toMatch(
      /^FAIL shop-network: terraform init failed: Failed to query available provider packages: .*provider registry registry\.terraform\.io does not have a provider named registry\.terraform\.io\/hashicorp\/azapi Did you intend to use azure\/azapi\?/,
    );
  });

  test("a configuration error: the block and line, without init's header", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "init", failed(INIT_CONFIG_ERROR)));
    const { stdout } = await validate([app.outdir], fake);
    expect(stdout[1]).toBe(
      'FAIL shop-network: terraform init failed: Extraneous JSON object property: No argument or block type is named "backend_typo". [at cdk.tf.json:4 in terraform]',
    );
  });

  test("a stale lock file: FAIL with how to clear it", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "init", failed(INIT_LOCK_CONFLICT)));
    const { stdout } = await validate([app.outdir], fake);
    expect(stdout[1]).toMatch(/^FAIL shop-network: terraform init failed: .*locked provider .* \(the stack's \.terraform\.lock\.hcl is from an earlier init: delete it/);
  });

  test("init output without a diagnostic: FAIL with the end of stderr", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "init", failed("signal: killed\n", "", 2)));
    const { stdout } = await validate([app.outdir], fake);
    expect(stdout[1]).toBe("FAIL shop-network: terraform init failed (exit 2): signal: killed");
  });
});

describe("validate: timeouts", () => {
  test("a hung init FAILs with the timeout, validate is not run, the next stack still is", async () => {
    const fake = new FakeTerraform(byStack("shop-network", "init", failed("terraform init timed out after 5 s", "", EXIT_TIMED_OUT)));
    const { code, stdout } = await validate([app.outdir, "--timeout", "5"], fake);
    expect(code).toBe(1);
    expect(fake.timeoutMs).toBe(5000);
    expect(stdout[1]).toBe(
      "FAIL shop-network: terraform init did not finish within 5 s (--timeout) and was stopped; " +
        "a slow or unresponsive registry or mirror is the usual cause: raise --timeout or check the network",
    );
    expect(fake.stackCalls()).toEqual(["shop-network init", "shop-workloads init", "shop-workloads validate"]);
  });

  test("a hung validate FAILs too", async () => {
    const fake = new FakeTerraform(byStack("shop-workloads", "validate", failed("", "", EXIT_TIMED_OUT)));
    const { stdout } = await validate([app.outdir], fake);
    expect(stdout[2]).toMatch(/^FAIL shop-workloads: terraform validate did not finish within 300 s/);
  });
});

describe("validate: --require and --stack", () => {
  test("--require turns an all-SKIP run into exit 1 with an error line", async () => {
    const fake = new FakeTerraform((c) => (c.args[0] === "version" ? failed("", "", EXIT_NOT_STARTED) : undefined));
    const { code, stdout, stderr } = await validate([app.outdir, "--require"], fake);
    expect(code).toBe(1);
    expect(stdout[2]).toBe("0 passed, 0 failed, 2 skipped");
    expect(stderr).toEqual([
      "error: --require is set and 2 stacks were not validated (SKIP above); install Terraform and make the provider registry or a mirror reachable.",
    ]);
  });

  test("--require with one SKIP and one PASS is exit 1; without a SKIP it changes nothing", async () => {
    const skipping = new FakeTerraform(byStack("shop-network", "init", failed(INIT_OFFLINE)));
    expect((await validate([app.outdir, "--require"], skipping)).code).toBe(1);
    const passing = new FakeTerraform();
    const result = await validate([app.outdir, "--require"], passing);
    expect(result.code).toBe(0);
    expect(result.stderr).toEqual([]);
  });

  test("--stack limits the run to the named stacks, still in deploy order", async () => {
    const fake = new FakeTerraform();
    const { stdout } = await validate(["--stack", "shop-workloads", app.outdir], fake);
    expect(stdout.slice(1)).toEqual(["PASS shop-workloads", "1 passed, 0 failed, 0 skipped"]);
    const alone = await validate(["--stack", "shop-workloads", app.outdir], new FakeTerraform((c) => (c.args[0] === "version" ? failed("", "", EXIT_NOT_STARTED) : undefined)));
    expect(alone.stderr).toEqual(["warning: nothing was validated: the only stack was skipped (reasons above). Pass --require to make this fail."]);
    const both = new FakeTerraform();
    await validate([app.outdir, "--stack=shop-workloads", "--stack", "shop-network"], both);
    expect(both.stackCalls()[0]).toBe("shop-network init");
  });
});

describe("validate: bad input (exit 2)", () => {
  test("no manifest.json: says to run cdktf synth", async () => {
    const empty = mkdtempSync(join(tmpdir(), "aksgw-empty-"));
    const fake = new FakeTerraform();
    const { code, stderr } = await validate([empty], fake);
    expect(code).toBe(2);
    expect(stderr).toEqual([`error: ${join(empty, "manifest.json")} not found; run \`cdktf synth\` first, or pass the output directory (cdktf.json "output").`]);
    expect(fake.calls).toEqual([]);
  });

  test("an unreadable manifest, a missing stack file, an unknown --stack", async () => {
    const broken = mkdtempSync(join(tmpdir(), "aksgw-broken-"));
    writeFileSync(join(broken, "manifest.json"), "{ not json");
    expect((await validate([broken], new FakeTerraform())).stderr[0]).toMatch(/manifest\.json is not readable JSON .*re-run `cdktf synth`/);
    writeFileSync(join(broken, "manifest.json"), JSON.stringify({ stacks: { a: { name: "a", synthesizedStackPath: "stacks/a/cdk.tf.json", dependencies: [] } } }));
    expect((await validate([broken], new FakeTerraform())).stderr[0]).toMatch(/stacks\/a\/cdk\.tf\.json not found although .* lists stack a; re-run `cdktf synth`/);
    const unknown = await validate([app.outdir, "--stack", "shop-db"], new FakeTerraform());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr[0]).toMatch(/no stack "shop-db" in .*manifest\.json; its stacks are shop-network, shop-workloads\./);
  });

  test("bad flags print the error and point at --help", async () => {
    const result = await validate(["--verbose"], new FakeTerraform());
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual(["error: unknown option --verbose; run with --help for the list", "Run with --help for usage."]);
  });
});

describe("parseValidateArgs", () => {
  const options = (argv: string[]) => {
    const parsed = parseValidateArgs(argv);
    if (parsed.help) throw new Error("expected options, got help");
    return parsed.options;
  };
  const usage = (argv: string[], message: RegExp) => {
    expect(() => parseValidateArgs(argv)).toThrow(UsageError);
    expect(() => parseValidateArgs(argv)).toThrow(message);
  };

  test("defaults", () => {
    expect(options([])).toEqual({ outDir: "cdktf.out", stacks: [], terraform: undefined, timeoutMs: 300_000, require: false });
  });

  test("every option, in both forms; --stack repeats and duplicates collapse", () => {
    expect(options(["out", "--stack", "a", "--stack=b", "--stack", "a", "--terraform=tofu", "--timeout", "2.5", "--require"])).toEqual({
      outDir: "out",
      stacks: ["a", "b"],
      terraform: "tofu",
      timeoutMs: 2500,
      require: true,
    });
  });

  test.each([[["--help"]], [["-h"]], [["out", "--stack", "a", "--help"]]])("%j asks for help", (argv) => {
    expect(parseValidateArgs(argv)).toEqual({ help: true });
  });

  test("throws when an option is unknown", () => usage(["--verbose"], /unknown option --verbose/));
  test("throws when a short option is unknown", () => usage(["-x"], /unknown option -x/));
  test("throws when a value is missing", () => {
    usage(["--stack"], /--stack needs a value, e.g. --stack aksgw-platform/);
    usage(["--terraform", "--require"], /--terraform needs a value/);
    usage(["--timeout="], /--timeout needs a value/);
  });
  test("throws when a switch gets a value", () => usage(["--require=yes"], /--require takes no value/));
  test("throws when --terraform or --timeout is given twice", () => usage(["--timeout", "1", "--timeout", "2"], /--timeout given twice/));
  test("throws when two directories are given", () => usage(["a", "b"], /validate takes one directory, got 2: "a" "b"/));
  test.each(["0", "-1", "abc", "3601", " "])("throws when --timeout is %j", (value) =>
    usage([`--timeout=${value}`], /--timeout must be a number of seconds, more than 0 and at most 3600/));
});

describe("help", () => {
  test("validate --help, through the main command, and the main help lists validate", async () => {
    const io = capture();
    expect(await run(["validate", "--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toBe(HELP_TEXT);
    expect(HELP_TEXT).toMatch(/^Usage: cdktf-aks-gateway validate \[dir\] \[options\]/);
    expect(HELP_TEXT).toMatch(/--require[\s\S]*Exit code: 0 nothing failed/);
    expect(helpText()).toMatch(/validate\s+run terraform init -backend=false and terraform validate/);
  });
});

// ---- The pieces ----

describe("init output", () => {
  test("diagnostics are unwrapped, framed ones unframed, colours dropped", () => {
    const parsed = parseTextDiagnostics(`${CLI_CONFIG_WARNING}\x1b[31m│\x1b[0m \x1b[1m\x1b[31mError: \x1b[0mBoom\n│ \n│ line one\n│ line two\n`);
    expect(parsed).toEqual([
      { severity: "warning", summary: "Unable to open CLI configuration file", detail: 'The CLI configuration file at "/root/.terraformrc" does not exist.' },
      { severity: "error", summary: "Boom", detail: "line one line two" },
    ]);
  });

  test("warnings alone do not make a failure readable; a mix of unreachable and genuine errors FAILs", () => {
    expect(classifyInitFailure("", CLI_CONFIG_WARNING)).toEqual({ kind: "unknown" });
    expect(classifyInitFailure("", `${INIT_OFFLINE}${INIT_PROVIDER_NOT_KNOWN}`).kind).toBe("config");
  });
});

describe("terraform version", () => {
  test("reads -json output and the older text form, and compares numerically", () => {
    expect(parseVersion(VERSION_JSON)).toBe("1.11.4");
    expect(parseVersion("Terraform v1.5.7\non linux_amd64\n")).toBe("1.5.7");
    expect(parseVersion("garbage")).toBeUndefined();
    expect(compareVersions("1.11.4", "1.5.0")).toBeGreaterThan(0);
    expect(compareVersions("1.5.0-beta1", "1.5.0")).toBe(0);
    expect(compareVersions("0.15.5", "1.5.0")).toBeLessThan(0);
  });
});

describe("TerraformProcessRunner", () => {
  const node = process.execPath;

  test("passes the environment and the working directory, returns the output and exit code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aksgw-runner-"));
    const runner = new TerraformProcessRunner({ timeoutMs: 10_000 });
    const result = await runner.run(node, ["-e", "console.log(process.env.AKSGW_X + ' ' + process.cwd()); process.exit(3)"], { cwd: dir, env: { AKSGW_X: "y" } });
    expect(result.exitCode).toBe(3);
    expect(result.stdout.trim()).toBe(`y ${dir}`);
  });

  test("a command that is not on PATH, or a missing directory, exits 127", async () => {
    const runner = new TerraformProcessRunner({ timeoutMs: 10_000 });
    expect(await runner.run("aksgw-no-such-terraform", ["version"])).toEqual({ exitCode: EXIT_NOT_STARTED, stdout: "", stderr: "aksgw-no-such-terraform: command not found on PATH" });
    expect((await runner.run(node, ["-v"], { cwd: "/nonexistent/aksgw" })).exitCode).toBe(EXIT_NOT_STARTED);
  });

  test("a command past its deadline is stopped, with SIGKILL when it ignores SIGTERM, and reported with exit 124", async () => {
    const runner = new TerraformProcessRunner({ timeoutMs: 300, killGraceMs: 300 });
    const started = Date.now();
    const result = await runner.run(node, ["-e", "process.on('SIGTERM', () => {}); console.log('started'); setInterval(() => {}, 1000)"]);
    expect(result.exitCode).toBe(EXIT_TIMED_OUT);
    expect(result.stderr).toMatch(/timed out after 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

// ---- The real terraform, when this machine has one ----

/** The terraform binary on PATH (TERRAFORM_BINARY_NAME honoured), or undefined. */
function terraformOnPath(): string | undefined {
  const name = process.env.TERRAFORM_BINARY_NAME || "terraform";
  const extensions = process.platform === "win32" ? [".exe", ""] : [""];
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const ext of extensions) {
      if (existsSync(join(dir, name + ext))) return join(dir, name + ext);
    }
  }
  return undefined;
}

/** A provider from a host under .invalid (RFC 6761: never resolves), so the download fails on any machine, offline or not. */
class UnreachableProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: "widget",
      terraformGeneratorMetadata: { providerName: "widget", providerVersion: "1.0.0" },
      terraformProviderSource: "registry.invalid/acme/widget",
    });
  }
}

const REAL_TERRAFORM = terraformOnPath();
if (REAL_TERRAFORM === undefined) {
  console.warn("test/cli-validate.test.ts: no terraform on PATH (or TERRAFORM_BINARY_NAME), so the real-terraform test is skipped.");
}

(REAL_TERRAFORM ? test : test.skip)(
  "real terraform: a provider that cannot be downloaded SKIPs, a builtin-only stack PASSes, a broken reference FAILs",
  async () => {
    const outdir = mkdtempSync(join(tmpdir(), "aksgw-validate-real-"));
    const real = Testing.app({ outdir });
    const download = new TerraformStack(real, "needs-download");
    new UnreachableProvider(download, "widget");
    new TerraformOutput(download, "o", { value: "x" });
    const builtin = new TerraformStack(real, "builtin-only");
    new TerraformResource(builtin, "Marker", { terraformResourceType: "terraform_data" });
    const broken = new TerraformStack(real, "broken");
    new TerraformVariable(broken, "present", { type: "string", default: "x" });
    new TerraformOutput(broken, "bad", { value: "${var.missing}" });
    real.synth();

    const io = capture();
    const code = await validateCommand([outdir, "--timeout", "60"], io, { env: { ...process.env, TF_PLUGIN_CACHE_DIR: undefined } });
    expect(code).toBe(1);
    const line = (stack: string) => io.stdout.find((l) => l.split(" ")[1]?.replace(/:$/, "") === stack) ?? "";
    expect(line("needs-download")).toMatch(
      /^SKIP needs-download: terraform init could not download provider registry\.invalid\/acme\/widget from registry\.invalid: could not connect to registry\.invalid/,
    );
    expect(line("builtin-only")).toBe("PASS builtin-only");
    expect(line("broken")).toMatch(
      /^FAIL broken: terraform validate: 1 error: error: Reference to undeclared input variable: An input variable with the name "missing" has not been declared\..* \[output\.bad at .*cdk\.tf\.json:\d+:\d+\]$/,
    );
    expect(io.stdout[io.stdout.length - 1]).toBe("1 passed, 1 failed, 1 skipped");
    rmSync(outdir, { recursive: true, force: true });
  },
  60_000,
);
