import { isIP } from "net";
import * as path from "path";
import { CommandRunner, describeFailure } from "./command-runner";
import { isValidHostname, normalizeHostname } from "./hostname-match";

/** The WAF policy mode, as the platform stack outputs it. */
export enum WafMode {
  PREVENTION = "Prevention",
  DETECTION = "Detection",
}

/** The protocol of the Application Gateway's backend settings, as Azure spells it. */
export enum BackendProtocol {
  /** Plain HTTP from the Application Gateway to the Gateway: TLS ends at the edge. */
  HTTP = "Http",
  /** Re-encryption: the Application Gateway opens TLS to the Gateway's HTTPS listener. */
  HTTPS = "Https",
}

/** What the platform (Azure) stack outputs. */
export interface PlatformOutputs {
  readonly publicIpAddress: string;
  readonly gatewayPrivateIp: string;
  readonly resourceGroupName: string;
  readonly clusterName: string;
  readonly applicationGatewayName: string;
  readonly httpsEnabled: boolean;
  readonly wafMode: WafMode;
  /**
   * Terraform output `backend_protocol` (string, optional): the `protocol` every backend settings of the
   * Application Gateway uses toward the Gateway, `"Http"` or `"Https"` exactly as azurerm's
   * `backend_http_settings.protocol` takes it; `"Https"` when the platform re-encrypts to the Gateway's HTTPS
   * listener. Example: `"Https"`.
   *
   * Read by `appgw-backend-protocol` (settings must all use it) and `gateway-https-listener` (with `"Https"`
   * the Gateway must have an HTTPS listener).
   *
   * @default - the output is absent (a platform stack from before re-encryption): those checks are skipped
   */
  readonly backendProtocol?: BackendProtocol;
  /**
   * Terraform output `probe_host` (string, optional): the Host (and SNI) the Application Gateway's probe sends,
   * which the health route answers. `healthz-ready` sends it as Host, so the check passes the same backend
   * certificate check the probe does when the platform re-encrypts. Example: `"healthz.apps.example.com"`.
   *
   * @default - the output is absent: `healthz-ready` sends no Host header (the public IP)
   */
  readonly probeHost?: string;
}

/** One request the traffic stack expects to succeed through the whole path. */
export interface RouteCheck {
  readonly name: string;
  /** Host header (and SNI); empty to send the public IP as host. */
  readonly host: string;
  /** Path and optional query, starting with `/`. */
  readonly path: string;
  readonly expectStatus: number;
  /**
   * A substring the response body must contain.
   *
   * @default - the body is not checked
   */
  readonly expectBodyContains?: string;
}

/** What the traffic (Kubernetes) stack outputs. */
export interface TrafficOutputs {
  readonly gatewayName: string;
  readonly gatewayNamespace: string;
  readonly gatewayServiceName: string;
  /** `Local` or `Cluster`: what the Gateway's Service must declare. */
  readonly gatewayExternalTrafficPolicy: "Local" | "Cluster";
  readonly routeChecks: readonly RouteCheck[];
  /**
   * Terraform output `tenant_hostnames` (list of strings, optional): every hostname a tenant may route, the
   * union of all tenants' `hostnames`, each an exact DNS name (`app1.contoso.example`) or a Gateway API
   * wildcard (`*.shop.contoso.example`); no IP addresses, no ports. The verifier lower-cases them, drops a
   * trailing dot and duplicates, and keeps the stack's order. Example:
   * `["app1.contoso.example", "app2.contoso.example", "*.shop.contoso.example"]`.
   *
   * With `https_enabled`, each exact name gets `tls-certificate <name>` and `http-redirects-to-https <name>`;
   * wildcards are skipped (no request can be sent to them). An empty list is valid (no tenants yet).
   *
   * @default - the output is absent (a traffic stack from before per-hostname checks): those checks are skipped
   */
  readonly tenantHostnames?: readonly string[];
}

/** Output values by name, as `terraform output -json` prints them (only `.value` kept). */
export type RawOutputs = Readonly<Record<string, unknown>>;

/** A stack's outputs could not be read or do not have the expected shape. */
export class OutputsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputsError";
  }
}

/** Where cdktf writes a stack's Terraform working directory, relative to the project root. */
export function stackDirectory(stack: string, outDir = DEFAULT_OUT_DIR): string {
  return path.join(outDir, "stacks", stack);
}

/** cdktf's output directory (`output` in cdktf.json). */
export const DEFAULT_OUT_DIR = "cdktf.out";

export interface ReadOutputsOptions {
  /**
   * Terraform binary to run.
   *
   * @default "terraform" - cdktf honours the same `TERRAFORM_BINARY_NAME` variable; main.ts passes it through
   */
  readonly terraformBinary?: string;
  /**
   * cdktf output directory holding `stacks/<stack>`.
   *
   * @default DEFAULT_OUT_DIR
   */
  readonly outDir?: string;
}

/** Runs `terraform output -json` in the stack's directory and returns the values by output name. */
export async function readStackOutputs(runner: CommandRunner, stack: string, options: ReadOutputsOptions = {}): Promise<RawOutputs> {
  const cwd = stackDirectory(stack, options.outDir);
  const binary = options.terraformBinary ?? "terraform";
  const result = await runner.run(binary, ["output", "-no-color", "-json"], { cwd });
  if (result.exitCode !== 0) {
    throw new OutputsError(
      `${describeFailure(`${binary} output in ${cwd}`, result)}; run from the project root after \`cdktf deploy\``,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    throw new OutputsError(`${binary} output in ${cwd} did not print JSON: ${JSON.stringify(result.stdout.slice(0, 200))}`);
  }
  if (!isRecord(parsed)) {
    throw new OutputsError(`${binary} output in ${cwd} printed ${JSON.stringify(parsed)}, expected an object`);
  }
  if (Object.keys(parsed).length === 0) {
    throw new OutputsError(`stack ${stack} has no outputs in ${cwd}; deploy it with \`cdktf deploy ${stack}\``);
  }
  const values: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(parsed)) {
    values[name] = isRecord(output) ? output.value : undefined;
  }
  return values;
}

/** Checks and converts the platform stack's outputs. */
export function parsePlatformOutputs(stack: string, raw: RawOutputs): PlatformOutputs {
  const outputs = new OutputReader(stack, raw);
  const wafMode = outputs.string("waf_mode");
  const modes = Object.values(WafMode) as string[];
  if (!modes.includes(wafMode)) {
    throw new OutputsError(`output waf_mode of stack ${stack} is ${JSON.stringify(wafMode)}, expected one of ${modes.join(", ")}`);
  }
  return {
    publicIpAddress: outputs.string("public_ip_address"),
    gatewayPrivateIp: outputs.string("gateway_private_ip"),
    resourceGroupName: outputs.string("resource_group_name"),
    clusterName: outputs.string("cluster_name"),
    applicationGatewayName: outputs.string("application_gateway_name"),
    httpsEnabled: outputs.boolean("https_enabled"),
    wafMode: wafMode as WafMode,
    backendProtocol: backendProtocol(stack, raw),
    probeHost: typeof raw.probe_host === "string" && raw.probe_host !== "" ? raw.probe_host : undefined,
  };
}

/** `backend_protocol`, or undefined for a stack that does not output it. */
function backendProtocol(stack: string, raw: RawOutputs): BackendProtocol | undefined {
  const value = raw.backend_protocol;
  if (value === undefined || value === null) return undefined;
  const protocols = Object.values(BackendProtocol) as string[];
  if (typeof value !== "string" || !protocols.includes(value)) {
    throw new OutputsError(`output backend_protocol of stack ${stack} is ${JSON.stringify(value)}, expected one of ${protocols.join(", ")}`);
  }
  return value as BackendProtocol;
}

/** `tenant_hostnames`, normalized and without duplicates, or undefined for a stack that does not output it. */
function tenantHostnames(stack: string, raw: RawOutputs): readonly string[] | undefined {
  const value = raw.tenant_hostnames;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new OutputsError(`output tenant_hostnames of stack ${stack} is ${JSON.stringify(value)}, expected a list of host names`);
  }
  const names = value.map((item, index) => {
    if (typeof item !== "string" || isIP(item) !== 0 || !isValidHostname(item)) {
      throw new OutputsError(
        `tenant_hostnames[${index}] of stack ${stack} is ${JSON.stringify(item)}, expected a DNS name such as "app.example.com" or "*.example.com"`,
      );
    }
    return normalizeHostname(item);
  });
  return [...new Set(names)];
}

/** The `route_checks` output of a traffic or tenant stack, checked. */
export function parseRouteChecks(stack: string, raw: RawOutputs): RouteCheck[] {
  const list = new OutputReader(stack, raw).value("route_checks");
  if (!Array.isArray(list)) {
    throw new OutputsError(`output route_checks of stack ${stack} is ${JSON.stringify(list)}, expected a list of objects`);
  }
  const seen = new Set<string>();
  return list.map((item, index) => {
    const check = parseRouteCheck(item, `route_checks[${index}] of stack ${stack}`);
    if (seen.has(check.name)) {
      throw new OutputsError(`route_checks of stack ${stack} has two entries named ${JSON.stringify(check.name)}; names must be unique`);
    }
    seen.add(check.name);
    return check;
  });
}

/** What a tenant stack outputs: its route checks and its tenants' hostnames. */
export interface TenantStackOutputs {
  readonly routeChecks: readonly RouteCheck[];
  readonly tenantHostnames?: readonly string[];
}

/** Checks and converts a tenant stack's outputs. */
export function parseTenantStackOutputs(stack: string, raw: RawOutputs): TenantStackOutputs {
  return { routeChecks: parseRouteChecks(stack, raw), tenantHostnames: tenantHostnames(stack, raw) };
}

/**
 * The traffic stack's outputs with its tenant stacks' route checks and hostnames added (route check names must
 * stay unique across the stacks; hostnames are merged without duplicates).
 */
export function withTenantStacks(traffic: TrafficOutputs, tenants: ReadonlyMap<string, TenantStackOutputs>): TrafficOutputs {
  const routeChecks = [...traffic.routeChecks];
  let hostnames = traffic.tenantHostnames;
  for (const [stack, outputs] of tenants) {
    for (const check of outputs.routeChecks) {
      if (routeChecks.some((c) => c.name === check.name)) {
        throw new OutputsError(`route check ${JSON.stringify(check.name)} of stack ${stack} has the name of another stack's check; names must be unique across stacks`);
      }
      routeChecks.push(check);
    }
    if (outputs.tenantHostnames) hostnames = [...new Set([...(hostnames ?? []), ...outputs.tenantHostnames])];
  }
  return { ...traffic, routeChecks, tenantHostnames: hostnames };
}

/** Checks and converts the traffic stack's outputs. */
export function parseTrafficOutputs(stack: string, raw: RawOutputs): TrafficOutputs {
  const outputs = new OutputReader(stack, raw);
  const routeChecks = parseRouteChecks(stack, raw);
  return {
    gatewayName: outputs.string("gateway_name"),
    gatewayNamespace: outputs.string("gateway_namespace"),
    gatewayServiceName: outputs.string("gateway_service_name"),
    gatewayExternalTrafficPolicy: externalTrafficPolicy(stack, raw),
    routeChecks,
    tenantHostnames: tenantHostnames(stack, raw),
  };
}

/** The declared policy; stacks synthesized before the output existed declared `Local`. */
function externalTrafficPolicy(stack: string, raw: RawOutputs): "Local" | "Cluster" {
  const value = raw.gateway_external_traffic_policy;
  if (value === undefined) return "Local";
  if (value !== "Local" && value !== "Cluster") {
    throw new OutputsError(`output gateway_external_traffic_policy of stack ${stack} is ${JSON.stringify(value)}, expected "Local" or "Cluster"`);
  }
  return value;
}

function parseRouteCheck(item: unknown, where: string): RouteCheck {
  if (!isRecord(item)) {
    throw new OutputsError(`${where} is ${JSON.stringify(item)}, expected an object { name, host, path, expect_status }`);
  }
  const { name, host, path: requestPath, expect_status: status, expect_body_contains: body } = item;
  if (typeof name !== "string" || name === "") {
    throw new OutputsError(`${where}: name is ${JSON.stringify(name)}, expected a non-empty string`);
  }
  if (typeof host !== "string" || /[\s/]/.test(host)) {
    throw new OutputsError(`${where}: host is ${JSON.stringify(host)}, expected a host name (empty for none)`);
  }
  if (typeof requestPath !== "string" || !requestPath.startsWith("/")) {
    throw new OutputsError(`${where}: path is ${JSON.stringify(requestPath)}, expected a string starting with "/"`);
  }
  if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new OutputsError(`${where}: expect_status is ${JSON.stringify(status)}, expected an HTTP status code 100-599`);
  }
  // Terraform gives every object in a list the same attributes, so an absent optional one arrives as null.
  if (body !== undefined && body !== null && typeof body !== "string") {
    throw new OutputsError(`${where}: expect_body_contains is ${JSON.stringify(body)}, expected a string or null`);
  }
  return { name, host, path: requestPath, expectStatus: status, expectBodyContains: body ?? undefined };
}

class OutputReader {
  constructor(
    private readonly stack: string,
    private readonly raw: RawOutputs,
  ) {}

  public value(name: string): unknown {
    if (!(name in this.raw)) {
      const present = Object.keys(this.raw).sort().join(", ") || "none";
      throw new OutputsError(`stack ${this.stack} has no output ${name} (outputs present: ${present}); is it the right stack?`);
    }
    return this.raw[name];
  }

  public string(name: string): string {
    const value = this.value(name);
    if (typeof value !== "string" || value === "") {
      throw new OutputsError(`output ${name} of stack ${this.stack} is ${JSON.stringify(value)}, expected a non-empty string`);
    }
    return value;
  }

  public boolean(name: string): boolean {
    const value = this.value(name);
    if (typeof value !== "boolean") {
      throw new OutputsError(`output ${name} of stack ${this.stack} is ${JSON.stringify(value)}, expected true or false`);
    }
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
