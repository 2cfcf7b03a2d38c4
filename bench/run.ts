/**
 * Synth and test benchmarks of this repository, measured in one run on this machine.
 *
 * Usage: npm run build && node dist/bench/run.js
 * Prints a markdown table and writes it, with the raw samples, to bench/RESULTS.md (overwritten).
 *
 * 1. Flagship app compiled JS run bare (`node dist/examples/flagship/main.js`, CDKTF_OUTDIR = temp dir) vs the
 *    floor: `node -e` requiring cdktf plus exactly the provider modules the app loads (found by running it).
 * 2. `npx cdktf synth` of the prebuilt flagship (cdktf.json's app; tsc not re-run) vs `npx cdktf synth` of
 *    bench/one-resource.ts.
 * 3. bench/tenants-app.ts with 5, 50 and 500 tenants: wall time and peak RSS.
 * 4. `npm test`, once.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { cpus, tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "..", "..");
const ENV = { ...process.env, CHECKPOINT_DISABLE: "1" };
const FLAGSHIP = "dist/examples/flagship/main.js";
const BARE_RUNS = 11;
const CLI_RUNS = 5;
const TENANT_RUNS = 5;
const TENANT_COUNTS = [5, 50, 500];
const GB_KB = 1024 * 1024;

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "aksgw-bench-"));
  tempDirs.push(dir);
  return dir;
}

interface Run {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command from the repository root; throws with its output if it fails (unless `allowFail`). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, allowFail = false): Run & { status: number } {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...ENV, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  const status = r.status ?? 1;
  if (r.error) throw r.error;
  if (status !== 0 && !allowFail) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${status}\n${r.stdout}\n${r.stderr}`);
  }
  return { ms, stdout: r.stdout, stderr: r.stderr, status };
}

/** Stacks whose synthesized JSON differs between two cdktf output dirs (added stacks included), with their resource counts. */
function changedStacks(before: string, after: string): { stack: string; resources: number }[] {
  const read = (dir: string, stack: string) => {
    const file = join(dir, "stacks", stack, "cdk.tf.json");
    return existsSync(file) ? readFileSync(file, "utf8") : undefined;
  };
  return readdirSync(join(after, "stacks"))
    .filter((stack) => read(before, stack) !== read(after, stack))
    .map((stack) => {
      const json = JSON.parse(read(after, stack)!);
      const resources = Object.values(json.resource ?? {}).reduce((n: number, byName: any) => n + Object.keys(byName).length, 0);
      return { stack, resources };
    });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmtMs = (ms: number) => `${Math.round(ms)} ms`;
const fmtRatio = (r: number) => `${r.toFixed(2)}×`;
const yes = (ok: boolean) => (ok ? "yes" : "**NO**");
const samples = (xs: number[]) => xs.map((x) => Math.round(x)).join(", ");

/** The `@cdktf/provider-*` modules (as deep import paths) the flagship app loads, found by running it once. */
function flagshipProviderModules(): string[] {
  const probe =
    `require(${JSON.stringify("./" + FLAGSHIP)});` +
    `const re = /node_modules\\/(@cdktf\\/provider-[^/]+\\/lib\\/[^/]+)\\/index\\.js$/;` +
    `console.log(JSON.stringify(Object.keys(require.cache).map((k) => k.replace(/\\\\/g, "/").match(re)).filter(Boolean).map((m) => m[1])));`;
  const out = run(process.execPath, ["-e", probe], { CDKTF_OUTDIR: tempDir() }).stdout.trim().split("\n");
  return JSON.parse(out[out.length - 1]) as string[];
}

/** Whether `/usr/bin/time -v` (GNU time) is available to report a child's peak RSS. */
function gnuTimeAvailable(): boolean {
  if (!existsSync("/usr/bin/time")) return false;
  const r = spawnSync("/usr/bin/time", ["-v", "true"], { encoding: "utf8" });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr);
}

interface Row {
  readonly measure: string;
  readonly value: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: string;
}

function main(): void {
  const rows: Row[] = [];
  const notes: string[] = [];
  const log = (s: string) => process.stderr.write(s + "\n");

  for (const f of [FLAGSHIP, "dist/bench/one-resource.js", "dist/bench/tenants-app.js"]) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing; run "npm run build" first.`);
  }

  // 1. Bare flagship synth vs the module-loading floor.
  const modules = flagshipProviderModules();
  const floorScript = ["cdktf", ...modules].map((m) => `require(${JSON.stringify(m)});`).join("");
  log(`[1/4] flagship bare vs floor (${modules.length} provider modules), ${BARE_RUNS} runs each, interleaved`);
  run(process.execPath, [FLAGSHIP], { CDKTF_OUTDIR: tempDir() }); // warm-up (file cache), not counted
  run(process.execPath, ["-e", floorScript]);
  const bare: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < BARE_RUNS; i++) {
    bare.push(run(process.execPath, [FLAGSHIP], { CDKTF_OUTDIR: tempDir() }).ms);
    floor.push(run(process.execPath, ["-e", floorScript]).ms);
  }
  const bareRatio = median(bare) / median(floor);
  rows.push({
    measure: `Flagship synth, \`node ${FLAGSHIP}\` (median of ${BARE_RUNS}) vs floor \`node -e\` require cdktf + ${modules.length} provider modules`,
    value: `${fmtMs(median(bare))} vs ${fmtMs(median(floor))}`,
    ratio: fmtRatio(bareRatio),
    target: "≤ 1.5×",
    met: yes(bareRatio <= 1.5),
  });
  notes.push(`Flagship bare samples (ms): ${samples(bare)}`, `Floor samples (ms): ${samples(floor)}`);
  notes.push(`Floor modules: cdktf, ${modules.join(", ")}`);

  // 2. CLI synth of the prebuilt flagship vs a one-resource app.
  log(`[2/4] npx cdktf synth flagship vs one-resource, ${CLI_RUNS} runs each, interleaved`);
  const cli: number[] = [];
  const one: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    cli.push(run("npx", ["cdktf", "synth", "--output", tempDir()]).ms);
    one.push(run("npx", ["cdktf", "synth", "--app", "node dist/bench/one-resource.js", "--output", tempDir()]).ms);
  }
  const cliRatio = median(cli) / median(one);
  rows.push({
    measure: `\`npx cdktf synth\` of the prebuilt flagship (tsc not re-run; median of ${CLI_RUNS}) vs one-resource app`,
    value: `${fmtMs(median(cli))} vs ${fmtMs(median(one))}`,
    ratio: fmtRatio(cliRatio),
    target: "≤ 1.5×",
    met: yes(cliRatio <= 1.5),
  });
  notes.push(`CLI flagship samples (ms): ${samples(cli)}`, `CLI one-resource samples (ms): ${samples(one)}`);

  // 3. Scaling with the tenant count.
  const gnuTime = gnuTimeAvailable();
  log(`[3/4] tenants app ${TENANT_COUNTS.join("/")}, ${TENANT_RUNS} runs each, interleaved; peak RSS from ${gnuTime ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS"}`);
  const wall = new Map<number, number[]>(TENANT_COUNTS.map((n) => [n, []]));
  const inProcess = new Map<number, string[]>(TENANT_COUNTS.map((n) => [n, []]));
  const peakKb = new Map<number, number>(TENANT_COUNTS.map((n) => [n, 0]));
  const stackCount = new Map<number, number>();
  for (let i = 0; i < TENANT_RUNS; i++) {
    for (const n of TENANT_COUNTS) {
      const args = ["dist/bench/tenants-app.js", String(n)];
      const r = gnuTime
        ? run("/usr/bin/time", ["-v", process.execPath, ...args], { CDKTF_OUTDIR: tempDir() })
        : run(process.execPath, args, { CDKTF_OUTDIR: tempDir() });
      const report = JSON.parse(r.stdout.trim().split("\n").pop()!) as { buildMs: number; synthMs: number; maxRssKb: number; stacks: number };
      stackCount.set(n, report.stacks);
      const kb = gnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)![1]) : report.maxRssKb;
      wall.get(n)!.push(r.ms);
      inProcess.get(n)!.push(`${report.buildMs}+${report.synthMs}`);
      peakKb.set(n, Math.max(peakKb.get(n)!, kb));
    }
  }
  const base = median(wall.get(TENANT_COUNTS[0])!);
  for (const n of TENANT_COUNTS) {
    const t = median(wall.get(n)!);
    const last = n === TENANT_COUNTS[TENANT_COUNTS.length - 1];
    rows.push({
      measure: `Synth, ${n} tenants in ${stackCount.get(n)} stacks (process wall time, median of ${TENANT_RUNS})`,
      value: fmtMs(t),
      ratio: n === TENANT_COUNTS[0] ? "1.00×" : fmtRatio(t / base),
      target: last ? `time(${n})/time(${TENANT_COUNTS[0]}) ≤ 4×` : "—",
      met: last ? yes(t / base <= 4) : "—",
    });
    notes.push(`${n} tenants: wall (ms) ${samples(wall.get(n)!)}; in-process build+synth (ms) ${inProcess.get(n)!.join(", ")}; peak RSS ${Math.round(peakKb.get(n)! / 1024)} MB`);
  }
  const maxKb = Math.max(...peakKb.values());
  rows.push({
    measure: `Peak RSS, max over ${TENANT_COUNTS.join("/")} tenants (${gnuTime ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS"})`,
    value: `${Math.round(maxKb / 1024)} MB`,
    ratio: "—",
    target: "< 1 GB",
    met: yes(maxKb < GB_KB),
  });

  // 3b. What adding one tenant changes: which stacks' synthesized JSON differ between N and N+1 tenants, and how
  // many resources the changed stacks hold (what `terraform plan` of those stacks has to refresh).
  log("[3b/4] stacks changed by adding a tenant (5 → 6), per tenant stack and with --single-stack");
  for (const single of [false, true]) {
    const flag = single ? ["--single-stack"] : [];
    const before = tempDir();
    const after = tempDir();
    run(process.execPath, ["dist/bench/tenants-app.js", "5", ...flag], { CDKTF_OUTDIR: before });
    run(process.execPath, ["dist/bench/tenants-app.js", "6", ...flag], { CDKTF_OUTDIR: after });
    const changed = changedStacks(before, after);
    const resources = changed.map((c) => c.resources).reduce((a, b) => a + b, 0);
    rows.push({
      measure: `Adding a tenant (5 → 6)${single ? " with all tenants in the traffic stack (`--single-stack`)" : ", tenants in stacks of their own"}: stacks changed, resources in them`,
      value: `${changed.length} (${changed.map((c) => c.stack).join(", ")}), ${resources} resources`,
      ratio: "—",
      target: single ? "—" : "1 stack, independent of the tenant count",
      met: single ? "—" : yes(changed.length === 1),
    });
  }

  // 4. The test suite, once.
  log("[4/4] npm test, once");
  const test = run("npm", ["test"], {}, true);
  const testSeconds = test.ms / 1000;
  const testSummary = /Tests:.*$/m.exec(test.stderr + test.stdout)?.[0] ?? "no jest summary";
  rows.push({
    measure: `\`npm test\` wall time (one run, exit ${test.status}; ${testSummary})`,
    value: `${testSeconds.toFixed(1)} s`,
    ratio: "—",
    target: `≤ 60 s on 2 cores (this machine: ${cpus().length})`,
    met: yes(testSeconds <= 60 && test.status === 0),
  });

  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });

  const table = [
    "| Measure | Value | Ratio | Target | Met? |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.ratio} | ${r.target} | ${r.met} |`),
  ].join("\n");
  const header = [
    "# Benchmark results",
    "",
    `Date: ${new Date().toISOString()}  `,
    `Node: ${process.version}  `,
    `CPUs: ${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown"}  `,
    `Produced by: \`npm run build && node dist/bench/run.js\``,
  ].join("\n");
  const method = [
    "## Method",
    "",
    "- Times are wall-clock times of child processes started from the repository root with `CHECKPOINT_DISABLE=1`; ratios are of medians; runs of the compared commands are interleaved.",
    "- Row 1 runs the compiled flagship bare (`CDKTF_OUTDIR` = a fresh temp dir, which cdktf's `App` reads when no `outdir` is given). The floor requires `cdktf` and the `@cdktf/provider-*` deep modules the flagship loads (found by running it), and does nothing else. One unmeasured warm-up run of each precedes the samples.",
    "- Row 2 times `npx cdktf synth --output <tmp>` of the already-built flagship (cdktf.json's app), not `npm run synth`: tsc and the summary script are not included.",
    "- Rows 3 run `node dist/bench/tenants-app.js N` (the flagship's platform and traffic stacks and N tenants sharing one hostname, each in a TenantStack of its own with one route and one route check); in-process build+synth times are printed by the app.",
    "- The \"Adding a tenant\" rows synthesize 5 and 6 tenants and compare each stack's cdk.tf.json byte for byte; the resource count is of the changed stacks after the change.",
  ].join("\n");
  const md = `${header}\n\n${table}\n\n${method}\n\n## Samples\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`;
  writeFileSync(join(ROOT, "bench", "RESULTS.md"), md);
  console.log(table);
  if (test.status !== 0) console.log(`\nnpm test failed (exit ${test.status}); last lines:\n${(test.stdout + test.stderr).split("\n").slice(-30).join("\n")}`);
}

main();
