import { DEFAULT_CERT_MIN_DAYS, MAX_CERT_MIN_DAYS } from "./certificate-check";
import { DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS } from "./engine";
import { NodeHttpClient } from "./http-client";

/** What the command line asks for. */
export interface CliOptions {
  readonly platformStack: string;
  readonly trafficStack: string;
  readonly insecure: boolean;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  /** A certificate served for a tenant hostname must stay valid at least this many more days. */
  readonly certMinDays: number;
}

export type ParsedArgs = { readonly help: true } | { readonly help: false; readonly options: CliOptions };

import { UsageError, splitFlag } from "../io";

export { UsageError };

export const MAX_TIMEOUT_SECONDS = 300;
export const MAX_RETRIES = 20;
export const MAX_RETRY_DELAY_SECONDS = 60;

export const HELP_TEXT = `Usage: cdktf-aks-gateway verify --stack <platform-stack> [options]

Checks a deployed platform end to end after \`cdktf deploy\`, printing PASS/FAIL/SKIP per check
and a closing "N passed, N failed" line.

Options:
  --stack <name>          platform (Azure) stack to verify (required)
  --traffic-stack <name>  traffic (Kubernetes) stack
                          (default: the --stack name with "platform" replaced by "traffic")
  --insecure              accept any TLS certificate (self-signed test certificates); the
                          tls-certificate checks then still check names and expiry, and say
                          that the chain was not verified
  --cert-min-days <n>     a served certificate must stay valid at least n more days
                          (default: ${DEFAULT_CERT_MIN_DAYS}, 0-${MAX_CERT_MIN_DAYS}; 0 only rejects expired ones)
  --timeout <seconds>     deadline for each HTTP request and TLS handshake (default: ${NodeHttpClient.DEFAULT_TIMEOUT_MS / 1000}, max ${MAX_TIMEOUT_SECONDS})
  --retries <n>           retries of a failed check (default: ${DEFAULT_RETRIES}, max ${MAX_RETRIES})
  --retry-delay <seconds> pause before each retry (default: ${DEFAULT_RETRY_DELAY_MS / 1000}, max ${MAX_RETRY_DELAY_SECONDS})
  -h, --help              show this text

Checks:
  appgw-backend-health      every Application Gateway backend server is Healthy (az); a failure names
                            each server's backend settings and protocol, and the probe log
  appgw-backend-protocol    every backend settings uses the platform's backend_protocol, Https when it
                            re-encrypts to the Gateway (az; SKIP when the stack has no backend_protocol)
  healthz-ready             GET /healthz/ready on the public IP answers 200
  route <name>              each route_checks entry of the traffic stack: status and body; with
                            https_enabled over HTTPS to the public IP, SNI and Host = the route's host
  waf-blocks-sql-injection  a SQL injection probe gets 403 (SKIP when waf_mode is Detection)
  http-redirects-to-https   http:// answers 301/308 to https:// (SKIP when https_enabled is false)
  tls-certificate <host>    for each exact name in the traffic stack's tenant_hostnames (https_enabled):
                            the certificate served on the public IP:443 for SNI = host covers it
                            (DNS SANs, "*." covers one label), is valid --cert-min-days more days and
                            chains to a trusted CA (NODE_EXTRA_CA_CERTS adds a private one)
  http-redirects-to-https <host>
                            http://<public IP>/ with Host = host answers 301/308 to https://<host>/
                            (wildcard hosts are SKIPped: no request can name them; one "tenant-hostnames"
                            SKIP when https_enabled is false or the stack has no tenant_hostnames)
  gateway-programmed        the shared Gateway has Programmed=True (kubectl)
  gateway-https-listener    each HTTPS listener of the Gateway has Programmed=True and ResolvedRefs=True
                            (kubectl; SKIP without one, FAIL without one when backend_protocol is Https)
  gateway-service           its Service has the declared externalTrafficPolicy (Local by default) and the pinned private IP (kubectl)

Run from the project root (outputs are read with \`terraform output -json\` in cdktf.out/stacks/<stack>;
TERRAFORM_BINARY_NAME is honoured as cdktf does), logged in with \`az login\`, with kubectl pointed at the
cluster (\`az aks get-credentials\`). Exit code: 0 all passed, 1 a check failed, 2 bad command line.`;

type FlagName = "stack" | "traffic-stack" | "insecure" | "timeout" | "retries" | "retry-delay" | "cert-min-days" | "help";
const VALUE_FLAGS: readonly FlagName[] = ["stack", "traffic-stack", "timeout", "retries", "retry-delay", "cert-min-days"];
const SWITCHES: readonly FlagName[] = ["insecure", "help"];

/** Parses `process.argv.slice(2)`. Throws `UsageError` for anything it does not understand. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<FlagName, string>();
  const switches = new Set<FlagName>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      return { help: true };
    }
    if (!arg.startsWith("--")) {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; flags start with --, e.g. --stack ${arg}`);
    }
    const { name, inline } = splitFlag(arg, SWITCHES);
    if (SWITCHES.includes(name)) {
      if (name === "help") {
        return { help: true };
      }
      switches.add(name);
    } else if (VALUE_FLAGS.includes(name)) {
      if (values.has(name)) {
        throw new UsageError(`--${name} given twice; pass it once`);
      }
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--")) || value === "") {
        throw new UsageError(`--${name} needs a value, e.g. --${name} ${example(name)}`);
      }
      values.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}; run with --help for the list`);
    }
  }

  const platformStack = values.get("stack");
  if (platformStack === undefined) {
    throw new UsageError("--stack is required: pass the platform stack name, e.g. --stack aks-platform");
  }
  checkStackName("--stack", platformStack);
  let trafficStack = values.get("traffic-stack");
  if (trafficStack === undefined) {
    if (!platformStack.includes("platform")) {
      throw new UsageError(
        `cannot derive the traffic stack from --stack ${JSON.stringify(platformStack)} (no "platform" in it); pass --traffic-stack <name>`,
      );
    }
    trafficStack = platformStack.replace("platform", "traffic");
  }
  checkStackName("--traffic-stack", trafficStack);
  if (trafficStack === platformStack) {
    throw new UsageError(`--traffic-stack is the same as --stack (${JSON.stringify(platformStack)}); name the Kubernetes stack`);
  }

  return {
    help: false,
    options: {
      platformStack,
      trafficStack,
      insecure: switches.has("insecure"),
      timeoutMs: seconds("timeout", values.get("timeout"), NodeHttpClient.DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_SECONDS, false),
      retries: integer("retries", values.get("retries"), DEFAULT_RETRIES, MAX_RETRIES),
      retryDelayMs: seconds("retry-delay", values.get("retry-delay"), DEFAULT_RETRY_DELAY_MS, MAX_RETRY_DELAY_SECONDS, true),
      certMinDays: integer("cert-min-days", values.get("cert-min-days"), DEFAULT_CERT_MIN_DAYS, MAX_CERT_MIN_DAYS),
    },
  };
}

/** cdktf stack ids (kebab-case here); the name becomes a directory under cdktf.out/stacks, so no separators. */
function checkStackName(flag: string, name: string): void {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError(`${flag} ${JSON.stringify(name)} is not a stack name; use letters, digits, "-", "_" and "."`);
  }
}

function seconds(flag: FlagName, raw: string | undefined, defaultMs: number, max: number, zeroAllowed: boolean): number {
  if (raw === undefined) {
    return defaultMs;
  }
  const value = Number(raw);
  const low = zeroAllowed ? value >= 0 : value > 0;
  if (raw.trim() === "" || !Number.isFinite(value) || !low || value > max) {
    const range = zeroAllowed ? `0-${max}` : `more than 0 and at most ${max}`;
    throw new UsageError(`--${flag} must be a number of seconds, ${range}; got ${JSON.stringify(raw)}`);
  }
  return Math.round(value * 1000);
}

function integer(flag: FlagName, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max) {
    throw new UsageError(`--${flag} must be a whole number 0-${max}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

function example(flag: FlagName): string {
  switch (flag) {
    case "stack":
      return "aks-platform";
    case "traffic-stack":
      return "aks-traffic";
    case "retries":
      return "3";
    case "cert-min-days":
      return String(DEFAULT_CERT_MIN_DAYS);
    default:
      return "10";
  }
}
