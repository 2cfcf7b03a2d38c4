/**
 * `cdktf-aks-gateway state-moves <old-out> <new-out>`: the Terraform commands that move tenants from the traffic
 * stack (or from one tenant stack to another) into the stacks they live in now, so no Kubernetes object is
 * destroyed and recreated. Reads two synthesized apps, pairs each resource by its construct path below the
 * tenant, and prints a shell script that pulls both states, runs `terraform state mv -state -state-out`, and
 * pushes both back; it works with any backend. Nothing is run.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { CliIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./io";

/** A resource of a synthesized stack: its Terraform address and its construct path. */
export interface SynthesizedResource {
  readonly stack: string;
  readonly address: string;
  readonly path: string;
}

/** One `terraform state mv` between two stacks. */
export interface StateMove {
  readonly fromStack: string;
  readonly fromAddress: string;
  readonly toStack: string;
  readonly toAddress: string;
}

export const STATE_MOVES_HELP = `Usage: cdktf-aks-gateway state-moves <old-out> <new-out>

Prints the shell script that moves Terraform state when tenants move between stacks (for example from the
traffic stack into TenantStacks of their own), so their Kubernetes objects are kept, not recreated.

  <old-out>   cdktf output directory synthesized with the old layout (cdktf synth --output <old-out>)
  <new-out>   cdktf output directory synthesized with the new layout

Resources are paired by their construct path below the tenant (…/Tenants/<name>/… → <stack>/<name>/…). The
script pulls each affected state, moves the resources with terraform state mv -state/-state-out, and pushes
the states back (any backend). Review it, back up your states, stop deployments, then run it from the project
root after \`terraform init\` in each stack. Nothing is run by this command.

Exit code: 0 script printed (or nothing to move), 1 a moved tenant's resource has no counterpart, 2 bad command
line or unreadable input.`;

/** Every resource of every stack in a synthesized app. */
export function readResources(outDir: string): SynthesizedResource[] {
  const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const out: SynthesizedResource[] = [];
  for (const [stack, entry] of Object.entries(manifest.stacks)) {
    const json = JSON.parse(readFileSync(join(outDir, entry.synthesizedStackPath), "utf8"));
    for (const [type, byId] of Object.entries((json.resource ?? {}) as Record<string, Record<string, any>>)) {
      for (const [id, body] of Object.entries(byId)) {
        const path = body?.["//"]?.metadata?.path;
        if (typeof path === "string") out.push({ stack, address: `${type}.${id}`, path });
      }
    }
  }
  return out;
}

/** The path below the tenant (`app1/Quota`), or undefined for a resource outside any tenant. */
function tenantRelativePath(path: string, tenants: ReadonlySet<string>): string | undefined {
  const parts = path.split("/");
  const i = parts[1] === "Tenants" ? 2 : 1;
  return parts.length > i && tenants.has(parts[i]) ? parts.slice(i).join("/") : undefined;
}

/**
 * The moves from `before` to `after`: resources of a tenant whose stack changed, paired by type and path below the
 * tenant. `tenants` are the tenant names (the first path segment below `Tenants` or below a tenant stack).
 */
export function planStateMoves(before: readonly SynthesizedResource[], after: readonly SynthesizedResource[], tenants: ReadonlySet<string>) {
  const key = (r: SynthesizedResource) => {
    const rel = tenantRelativePath(r.path, tenants);
    return rel === undefined ? undefined : `${r.address.split(".")[0]} ${rel}`;
  };
  const newByKey = new Map(after.flatMap((r) => (key(r) ? [[key(r)!, r] as const] : [])));
  const moves: StateMove[] = [];
  const unmatched: SynthesizedResource[] = [];
  for (const old of before) {
    const k = key(old);
    if (k === undefined) continue;
    const target = newByKey.get(k);
    if (!target) unmatched.push(old);
    else if (target.stack !== old.stack || target.address !== old.address) {
      moves.push({ fromStack: old.stack, fromAddress: old.address, toStack: target.stack, toAddress: target.address });
    }
  }
  return { moves, unmatched };
}

/**
 * Tenant names of an app: the construct parents of the namespaces tenants create (`…/Tenants/<name>/Resource`,
 * `<stack>/<name>/Resource`) or of the labels of namespaces they adopt (`…/<name>/NamespaceLabels`).
 */
export function tenantNames(resources: readonly SynthesizedResource[]): Set<string> {
  const names = new Set<string>();
  for (const r of resources) {
    const parts = r.path.split("/");
    const last = parts[parts.length - 1];
    const created = r.address.startsWith("kubernetes_namespace_v1.") && last === "Resource";
    const adopted = r.address.startsWith("kubernetes_labels.") && last === "NamespaceLabels";
    if (!created && !adopted) continue;
    if (parts[1] === "Tenants" && parts.length === 4) names.add(parts[2]);
    else if (parts.length === 3 && !["Gateway", "Health", "Istio"].includes(parts[1])) names.add(parts[1]);
  }
  return names;
}

/** The shell script that applies the moves, stack pair by stack pair. */
export function stateMoveScript(moves: readonly StateMove[], outDir: string): string {
  const stacks = [...new Set(moves.flatMap((m) => [m.fromStack, m.toStack]))];
  const dir = (stack: string) => `${outDir}/stacks/${stack}`;
  const file = (stack: string) => `"$work/${stack}.tfstate"`;
  const lines = [
    "#!/usr/bin/env bash",
    "# Generated by cdktf-aks-gateway state-moves. Back up your states and stop deployments first.",
    "set -euo pipefail",
    'work="$(mktemp -d)"',
    ...stacks.map((s) => `terraform -chdir="${dir(s)}" state pull > ${file(s)}`),
    ...stacks.map((s) => `[ -s ${file(s)} ] || rm -f ${file(s)}  # a stack never deployed has no state yet`),
    ...moves.map((m) => `terraform state mv -state=${file(m.fromStack)} -state-out=${file(m.toStack)} '${m.fromAddress}' '${m.toAddress}'`),
    ...stacks.map((s) => `terraform -chdir="${dir(s)}" state push ${file(s)}`),
    'echo "Moved; now run cdktf diff: it must show no changes for the moved tenants."',
  ];
  return lines.join("\n");
}

/** Runs `state-moves`; resolves to the exit code. */
export function stateMovesCommand(argv: readonly string[], io: CliIo): number {
  if (argv.some((a) => a === "-h" || a === "--help")) {
    io.out(STATE_MOVES_HELP);
    return EXIT_OK;
  }
  if (argv.length !== 2 || argv.some((a) => a.startsWith("-"))) {
    io.err(`error: state-moves takes two output directories (old, new), got ${argv.map((a) => JSON.stringify(a)).join(" ") || "none"}`);
    io.err("Run with --help for usage.");
    return EXIT_USAGE;
  }
  const [oldOut, newOut] = argv;
  for (const dir of [oldOut, newOut]) {
    if (!existsSync(join(dir, "manifest.json"))) {
      io.err(`error: ${join(dir, "manifest.json")} not found; synthesize each layout into its own directory (cdktf synth --output <dir>).`);
      return EXIT_USAGE;
    }
  }
  const before = readResources(oldOut);
  const after = readResources(newOut);
  const { moves, unmatched } = planStateMoves(before, after, new Set([...tenantNames(before), ...tenantNames(after)]));
  for (const r of unmatched) io.err(`error: ${r.address} (${r.path}) of stack ${r.stack} has no counterpart in ${newOut}; it would be destroyed.`);
  if (unmatched.length > 0) return EXIT_FAILED;
  io.out(moves.length === 0 ? "# Nothing to move: every tenant resource keeps its stack and address." : stateMoveScript(moves, newOut));
  return EXIT_OK;
}
