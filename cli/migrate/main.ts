/**
 * `cdktf-aks-gateway migrate FILE… [--tenant NAMESPACE=TENANT…] [--kubernetes-version X] [--json] [--out FILE.ts]`:
 * converts Ingress-NGINX objects into tenant routes and reports a verdict for every annotation.
 */
import { readFileSync, writeFileSync } from "fs";
import { CliIo, EXIT_OK, EXIT_USAGE } from "../io";
import { IngressMigration } from "../../lib/migration/ingress-migration";
import { MigrationFinding, MigrationVerdict } from "../../lib/migration/finding";
import { KubeObject, readObjects } from "../../lib/migration/private/objects";
import { reportLines } from "./report";
import { placeholderPlatform, synthesizeRoutes } from "./synth";
import { migrationModule } from "./typescript";
import { compareLines, compareMigration, hasUnexplained } from "./compare";
import { ReplayResult } from "../../lib/migration/private/compare/compare";

/** A blocker was found; the output is still complete. */
export const EXIT_BLOCKERS = 3;

export const MIGRATE_HELP = `Usage: cdktf-aks-gateway migrate FILE... [--ingress-class NAME...] [--tenant NAMESPACE=TENANT...]
                                 [--default-host NAME...] [--kubernetes-version X] [--create-namespaces]
                                 [--compare] [--json] [--out FILE.ts]

Converts Ingress-NGINX objects (networking.k8s.io/v1 Ingresses, in multi-document YAML, List kinds or Helm
output) into tenant routes on the shared Gateway, and gives every nginx.ingress.kubernetes.io/* annotation a
verdict: converted, approximated, edge (done by the Application Gateway/WAF) or unsupported (a blocker).
Ingresses of other classes get the verdict skipped. Services and ConfigMaps in the same files resolve named
ports and custom-headers; IngressClasses tell which classes ingress-nginx serves. Each namespace becomes a
tenant that adopts it (the namespace exists, default included, and is never created or deleted). Routes are
built and checked as on a TrafficStack with the default shared Gateway (gateway-system/shared-gateway).
Nothing is deployed or contacted.

Arguments:
  FILE                       YAML or JSON files with the Ingresses ("-" reads standard input)

Options:
  --ingress-class NAME       convert Ingresses of this class; repeatable (default: nginx,
                             webapprouting.kubernetes.azure.com and every IngressClass in the input whose
                             controller is ingress-nginx); Ingresses without a class are converted unless the
                             input's default IngressClass is another one
  --tenant NAMESPACE=TENANT  name the tenant of a namespace (default: the namespace); repeatable
  --default-host NAME        the hostname clients use for rules without a host (ingress-nginx served them
                             for every Host no Ingress names); repeatable (default: such rules are blockers)
  --kubernetes-version X     the target cluster's Kubernetes version (e.g. 1.34): decides the Gateway API
                             bundle and so the verdicts (default: unknown, the oldest bundle, v1.2.1)
  --create-namespaces        the tenants create their namespaces (a new cluster) instead of adopting them
  --compare                  replay the requests each Ingress's rules imply through ingress-nginx's semantics
                             and through the converted routes, and list each request answered differently
                             with the finding that explains it (--json: a "compare" member)
  --json                     print {"routes":[...],"edge":[...],"findings":[...]} instead of the report
  --out FILE.ts              write TypeScript that builds the same tenants, routes and WAF settings
  -h, --help                 show this text

Exit code: 0 nothing unsupported (skipped Ingresses are no blocker), 3 a blocker was found or --compare found
a difference no finding explains (the output is still complete), 2 bad command line or unreadable input.`;

interface Args {
  readonly files: string[];
  readonly tenants: { [namespace: string]: string };
  readonly json: boolean;
  readonly out?: string;
  readonly kubernetesVersion?: string;
  /** `--ingress-class` values; undefined when none was given. */
  readonly ingressClasses?: string[];
  /** `--default-host` values. */
  readonly defaultHosts: string[];
  readonly createNamespaces: boolean;
  readonly compare: boolean;
}

type MutableArgs = { -readonly [K in keyof Args]: Args[K] };

/** Applies one option that takes a value; returns an error message or undefined. */
function applyValue(args: MutableArgs, option: string, v: string): string | undefined {
  if (option === "--out") args.out = v;
  else if (option === "--kubernetes-version") args.kubernetesVersion = v;
  else if (option === "--default-host") {
    if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/i.test(v)) return `--default-host takes a hostname, got ${JSON.stringify(v)}`;
    args.defaultHosts.push(v.toLowerCase());
  } else if (option === "--ingress-class") {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v)) return `--ingress-class takes an IngressClass name (lower case DNS name), got ${JSON.stringify(v)}`;
    args.ingressClasses = [...(args.ingressClasses ?? []), v];
  } else {
    const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)=([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.exec(v);
    if (!m) return `--tenant takes NAMESPACE=TENANT (DNS labels), got ${JSON.stringify(v)}`;
    args.tenants[m[1]] = m[3];
  }
  return undefined;
}

const VALUE_OPTIONS = ["--out", "--kubernetes-version", "--tenant", "--ingress-class", "--default-host"];

/** The parsed command line, or an error message. */
export function parseArgs(argv: readonly string[]): Args | string {
  const args: MutableArgs = { files: [], tenants: {}, json: false, createNamespaces: false, compare: false, defaultHosts: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") args.json = true;
    else if (a === "--create-namespaces") args.createNamespaces = true;
    else if (a === "--compare") args.compare = true;
    else if (VALUE_OPTIONS.includes(a)) {
      const v = i + 1 < argv.length ? argv[++i] : undefined;
      if (v === undefined || v.startsWith("--")) return `${a} needs a value`;
      const problem = applyValue(args, a, v);
      if (problem) return problem;
    } else if (a.startsWith("-") && a !== "-") return `unknown option ${JSON.stringify(a)}`;
    else args.files.push(a);
  }
  if (args.files.length === 0) return "give at least one file with Ingress objects";
  return args;
}

/** The edge settings as `--json` lists them: exactly what the WAF policy gets. */
export function edgeItems(migration: IngressMigration): object[] {
  const rules = migration.wafCustomRules.map((rule) => ({
    setting: "waf.customRules",
    rule: {
      name: rule.options.name,
      priority: rule.options.priority,
      type: rule.type,
      action: rule.action,
      ...(rule.rateLimit ? { rateLimit: rule.rateLimit } : {}),
      conditions: rule.options.conditions.map((c) => ({ ...c.options })),
    },
  }));
  const limits = [
    ...(migration.maxRequestBodySizeKb !== undefined ? [{ setting: "waf.maxRequestBodySizeKb", value: migration.maxRequestBodySizeKb }] : []),
    ...(migration.fileUploadLimitMb !== undefined ? [{ setting: "waf.fileUploadLimitMb", value: migration.fileUploadLimitMb }] : []),
  ];
  return [...rules, ...limits];
}

function readAll(files: readonly string[]): KubeObject[] {
  return files.flatMap((file) => readObjects(readFileSync(file === "-" ? 0 : file, "utf8"), file));
}

/** Runs `migrate`; returns the exit code. */
export function migrateCommand(argv: readonly string[], io: CliIo): number {
  if (argv.some((a) => a === "-h" || a === "--help")) {
    io.out(MIGRATE_HELP);
    return EXIT_OK;
  }
  const args = parseArgs(argv);
  if (typeof args === "string") {
    io.err(`error: ${args}.`);
    io.err("Run cdktf-aks-gateway migrate --help for usage.");
    return EXIT_USAGE;
  }
  let migration: IngressMigration;
  let objects: KubeObject[];
  try {
    objects = readAll(args.files);
    migration = IngressMigration.fromObjects(objects, {
      tenantNames: args.tenants,
      kubernetesVersion: args.kubernetesVersion,
      ingressClasses: args.ingressClasses,
      defaultHostnames: args.defaultHosts,
      createNamespaces: args.createNamespaces,
    });
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return EXIT_USAGE;
  }
  const { routes, refused, built, stack } = synthesizeRoutes(migration, args.kubernetesVersion);
  const findings: MigrationFinding[] = [...migration.findings, ...refused];
  const compared = args.compare ? compareMigration(objects, migration, findings, stack, args.defaultHosts) : undefined;
  if (args.out) {
    const header = [
      `Generated by cdktf-aks-gateway migrate from ${args.files.join(", ")} for Gateway API ${migration.gatewayApiVersion}.`,
      "Review every finding of the report before deploying; blockers (unsupported) are not converted.",
    ];
    writeFileSync(args.out, migrationModule(migration, header, placeholderPlatform(args.kubernetesVersion), built));
  }
  if (args.json) io.out(JSON.stringify({ routes, edge: edgeItems(migration), findings, ...(compared ? { compare: compared } : {}) }, null, 2));
  else {
    reportLines(migration, findings, routes).forEach((l) => io.out(l));
    if (compared) ["", ...compareLines(compared)].forEach((l) => io.out(l));
  }
  if (args.out && !args.json) io.out(`Wrote ${args.out}.`);
  return exitCode(findings, compared);
}

/** 3 when a finding is a blocker or the replay found a difference no finding explains, else 0. */
export function exitCode(findings: readonly MigrationFinding[], compared: ReplayResult | undefined): number {
  const blocked = findings.some((f) => f.verdict === MigrationVerdict.UNSUPPORTED) || (compared !== undefined && hasUnexplained(compared));
  return blocked ? EXIT_BLOCKERS : EXIT_OK;
}
