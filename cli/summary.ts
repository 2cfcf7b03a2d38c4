/**
 * `cdktf-aks-gateway summary [dir]`: a short, human summary of a synthesized cdktf app: stacks in deploy
 * order, resource counts by type, each cluster's API server access, guardrails, logs and node pools, and the
 * traffic path from the public IP through the WAF to each tenant's routes and services.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { CliIo, EXIT_OK, EXIT_USAGE } from "./io";
import { tenantNamespaceLines } from "./tenant-namespaces";
import { clusterLines } from "./cluster-summary";

interface StackManifest {
  name: string;
  synthesizedStackPath: string;
  dependencies: string[];
}

/** Stacks ordered so each comes after the stacks it depends on. */
export function deployOrder(stacks: StackManifest[]): StackManifest[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const done = new Set<string>();
  const out: StackManifest[] = [];
  const visit = (s: StackManifest, path: string[]) => {
    if (done.has(s.name)) return;
    if (path.includes(s.name)) throw new Error(`stack dependency cycle: ${[...path, s.name].join(" -> ")}`);
    for (const d of s.dependencies) {
      const dep = byName.get(d);
      if (dep) visit(dep, [...path, s.name]);
    }
    done.add(s.name);
    out.push(s);
  };
  stacks.forEach((s) => visit(s, []));
  return out;
}

/** Resource counts by Terraform type, most first. */
export function countResources(stackJson: any): Array<[string, number]> {
  const counts: Array<[string, number]> = Object.entries(stackJson.resource ?? {}).map(([type, byId]) => [
    type,
    Object.keys(byId as object).length,
  ]);
  return counts.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The traffic path, one line per hop, from every stack of the app. */
export function trafficPath(stackJsons: any[]): string[] {
  const resources = (type: string) => stackJsons.flatMap((j) => Object.values(j.resource?.[type] ?? {})) as any[];
  const lines: string[] = [];
  const wafPolicies = stackJsons.flatMap((j) => Object.entries(j.resource?.azurerm_web_application_firewall_policy ?? {})) as Array<[string, any]>;
  for (const agw of resources("azurerm_application_gateway")) {
    // The gateway references its policy as ${azurerm_web_application_firewall_policy.<id>.id}.
    const waf = wafPolicies.find(([id]) => String(agw.firewall_policy_id ?? "").includes(`azurerm_web_application_firewall_policy.${id}.`))?.[1];
    const mode = waf?.policy_settings?.mode ?? "no WAF policy";
    const sets = (waf?.managed_rules?.managed_rule_set ?? []).map((s: any) => `${s.type} ${s.version}`).join(", ");
    const https = (agw.http_listener ?? []).some((l: any) => l.protocol === "Https");
    const pool = (agw.backend_address_pool ?? []).flatMap((p: any) => p.ip_addresses ?? []);
    lines.push(`client -> public IP -> Application Gateway ${agw.name} (${agw.sku?.name}, ${https ? "HTTPS + HTTP->HTTPS redirect" : "HTTP"})`);
    lines.push(`  -> WAF ${mode}${sets ? ` [${sets}]` : ""}`);
    const backend = (agw.backend_http_settings ?? [])[0];
    const hop = backend ? `${String(backend.protocol).toUpperCase()}:${backend.port}${backend.protocol === "Https" ? ", re-encrypted" : ""}` : "";
    lines.push(`  -> gateway IP ${pool.join(", ") || "(none)"} (internal load balancer${hop ? `, ${hop}` : ""})`);
  }
  const manifests = resources("kubernetes_manifest").map((r) => r.manifest).filter((m) => m && typeof m === "object");
  for (const gw of manifests.filter((m) => m.kind === "Gateway")) {
    const listeners = (gw.spec?.listeners ?? []).map((l: any) => `${l.name}:${l.port}`).join(", ");
    lines.push(`  -> Gateway ${gw.metadata?.namespace}/${gw.metadata?.name} (class ${gw.spec?.gatewayClassName}; ${listeners})`);
  }
  const routes = manifests.filter((m) => m.kind === "HTTPRoute");
  routes.sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
  for (const r of routes) {
    const hosts = (r.spec?.hostnames ?? ["*"]).join(",");
    for (const rule of r.spec?.rules ?? []) {
      const paths = (rule.matches ?? [{ path: { value: "/" } }]).map((m: any) => m.path?.value ?? "/").join(",");
      const backends = (rule.backendRefs ?? []).map((b: any) => `${b.name}:${b.port}${b.weight !== undefined ? ` w${b.weight}` : ""}`).join(", ");
      lines.push(`     ${r.metadata?.namespace}/${r.metadata?.name}: ${hosts} ${paths} -> ${backends || "(filters only)"}`);
    }
  }
  return lines;
}

export const SUMMARY_HELP = `Usage: cdktf-aks-gateway summary [dir]

Prints the stacks of a synthesized cdktf app in deploy order, their resource counts by type, each AKS
cluster's API server access, guardrails (Azure Policy, Defender), monitoring and node pools, and the
traffic path from the public IP through the WAF to each tenant's routes. Reads <dir>/manifest.json and
the stacks it lists; nothing is deployed or contacted.

Arguments:
  dir          the cdktf output directory (default: cdktf.out)

Options:
  -h, --help   show this text

Exit code: 0 printed, 2 bad command line or no synthesized app in <dir>.`;

/** Runs `summary`; resolves to the exit code. */
export function summaryCommand(argv: readonly string[], io: CliIo): number {
  if (argv.some((a) => a === "-h" || a === "--help")) {
    io.out(SUMMARY_HELP);
    return EXIT_OK;
  }
  const unknown = argv.find((a) => a.startsWith("-"));
  if (unknown !== undefined || argv.length > 1) {
    io.err(
      unknown !== undefined
        ? `error: unknown option ${JSON.stringify(unknown)}; summary takes only a directory`
        : `error: summary takes one directory, got ${argv.length}: ${argv.map((a) => JSON.stringify(a)).join(" ")}`,
    );
    io.err("Run with --help for usage.");
    return EXIT_USAGE;
  }
  const outDir = argv[0] ?? "cdktf.out";
  const manifestPath = join(outDir, "manifest.json");
  if (!existsSync(manifestPath)) {
    io.err(`error: ${manifestPath} not found; run \`cdktf synth\` first, or pass the output directory (cdktf.json "output").`);
    return EXIT_USAGE;
  }
  summaryLines(outDir).forEach((line) => io.out(line));
  return EXIT_OK;
}

/** The summary of the app synthesized into `outDir`, line by line. */
export function summaryLines(outDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
  const stacks = deployOrder(Object.values(manifest.stacks) as StackManifest[]);
  const jsons = stacks.map((s) => JSON.parse(readFileSync(join(outDir, s.synthesizedStackPath), "utf8")));
  const lines = ["", `Synthesized offline into ${outDir}. Deploy order:`];
  stacks.forEach((s, i) => {
    const counts = countResources(jsons[i]);
    const total = counts.reduce((n, [, c]) => n + c, 0);
    lines.push(`  ${i + 1}. ${s.name}: ${total} resources`);
    for (const [type, n] of counts) lines.push(`       ${String(n).padStart(3)}  ${type}`);
  });
  const clusters = clusterLines(jsons);
  if (clusters.length > 0) lines.push("", ...clusters);
  const path = trafficPath(jsons);
  if (path.length > 0) lines.push("", "Traffic path:", ...path.map((l) => "  " + l));
  const namespaces = tenantNamespaceLines(stacks.map((s, i) => ({ name: s.name, json: jsons[i] })));
  if (namespaces.length > 0) lines.push("", "Tenant namespaces:", ...namespaces.map((l) => "  " + l));
  lines.push("");
  return lines;
}
