/**
 * The library as a user meets it: packed into a tarball, installed into a fresh cdktf TypeScript project (the
 * layout `cdktf init` creates) on the newest constructs 10.x the peer range allows, imported by package name
 * only, compiled, synthesized, snapshot-tested with the project's own jest, and its command run there.
 *
 * Installs use the npm cache `npm ci` filled (--prefer-offline); only packages missing from it (such as a
 * newer constructs) are fetched from the registry.
 */
import { spawnSync } from "child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "..");
const FIXTURE = join(__dirname, "package", "consumer-app");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cwd: string, command: string, args: string[]): Ran {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", npm_config_fund: "false", npm_config_audit: "false" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function ok(r: Ran, what: string): Ran {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The consumer's package.json: our peers at their ranges (so constructs resolves to the newest 10.x), the test toolchain pinned as ours. */
function consumerPackageJson(tarball: string): object {
  const dev = pkg.devDependencies as Record<string, string>;
  const pick = (names: string[]) => Object.fromEntries(names.map((n) => [n, dev[n]]));
  return {
    name: "shop-infra",
    version: "1.0.0",
    private: true,
    scripts: { build: "tsc", synth: "cdktf synth", test: "jest" },
    dependencies: { ...pkg.peerDependencies, "cdktf-aks-gateway": `file:${tarball}` },
    devDependencies: pick(["@types/jest", "@types/node", "jest", "ts-jest", "typescript"]),
  };
}

describe("the packed library in a fresh cdktf project", () => {
  const work = mkdtempSync(join(tmpdir(), "aksgw-consumer-"));
  const app = join(work, "app");
  const timings: Record<string, number> = {};
  let tarball = "";

  const timed = <T>(name: string, f: () => T): T => {
    const start = Date.now();
    try {
      return f();
    } finally {
      timings[name] = Date.now() - start;
    }
  };

  beforeAll(() => {
    const packed = timed("pack", () => ok(run(ROOT, "npm", ["pack", "--json", "--pack-destination", work]), "npm pack"));
    const name = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")))[0].filename as string;
    tarball = join(work, name);
    cpSync(FIXTURE, app, { recursive: true });
    writeFileSync(join(app, "package.json"), JSON.stringify(consumerPackageJson(tarball), null, 2));
    timed("install", () => ok(run(app, "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"]), "npm install"));
  }, 120_000);

  afterAll(() => {
    process.stdout.write(`consumer test timings (ms): ${JSON.stringify(timings)}; tarball ${statSync(tarball).size} bytes\n`);
    rmSync(work, { recursive: true, force: true });
  });

  test("the tarball holds only what users need", () => {
    const list = ok(run(work, "tar", ["-tzf", tarball]), "tar").stdout.trim().split("\n").map((f) => f.replace(/^package\//, ""));
    expect(list).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/index.js", "dist/index.d.ts", "dist/cli/main.js"]));
    const unexpected = list.filter(
      (f) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(f) && !/^dist\/(index|lib\/|stacks\/|cli\/)/.test(f),
    );
    expect(unexpected).toEqual([]);
    // Compiled code and declarations only: no TypeScript sources, tests, benchmarks or build info.
    expect(list.filter((f) => (f.endsWith(".ts") && !f.endsWith(".d.ts")) || /tsbuildinfo|\.test\.|bench|examples/.test(f))).toEqual([]);
  });

  test("one constructs, the newest 10.x the peer range allows, shared with cdktf and the providers", () => {
    const installed = JSON.parse(readFileSync(join(app, "node_modules/constructs/package.json"), "utf8")).version as string;
    const newest = ok(run(app, "npm", ["view", `constructs@${pkg.peerDependencies.constructs}`, "version", "--json", "--prefer-offline"]), "npm view");
    const versions = [JSON.parse(newest.stdout)].flat() as string[];
    expect(installed).toBe(versions[versions.length - 1]);
    const nested = ["cdktf", "cdktf-aks-gateway", "@cdktf/provider-azurerm", "@cdktf/provider-kubernetes", "@cdktf/provider-helm"].filter(
      (p) => existsSync(join(app, "node_modules", p, "node_modules", "constructs")),
    );
    expect(nested).toEqual([]);
  });

  test("compiles against the published declarations, synthesizes both stacks and passes its own jest snapshot test", () => {
    timed("tsc", () => ok(run(app, "npx", ["tsc", "-p", "."]), "tsc"));
    timed("synth", () => ok(run(app, "node", ["main.js"]), "node main.js"));
    const platform = JSON.parse(readFileSync(join(app, "cdktf.out/stacks/shop-platform/cdk.tf.json"), "utf8"));
    expect(Object.values(platform.resource.azurerm_application_gateway)).toHaveLength(1);
    const traffic = JSON.parse(readFileSync(join(app, "cdktf.out/stacks/shop-traffic/cdk.tf.json"), "utf8"));
    const routes = Object.values(traffic.resource.kubernetes_manifest as Record<string, any>).filter((r) => r.manifest.kind === "HTTPRoute");
    expect(routes.map((r) => `${r.manifest.metadata.namespace}/${r.manifest.metadata.name}`).sort()).toEqual(
      expect.arrayContaining(["cart/api", "catalog/api"]),
    );

    // First run writes the snapshots (`--ci=false`: CI machines set CI=true, where jest refuses to write new
    // snapshots); the second, in CI mode, must match them.
    const first = timed("jest-write", () => ok(run(app, "npx", ["jest", "--ci=false"]), "jest (writing snapshots)"));
    expect(first.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(first.stderr).toMatch(/Snapshots:\s+2 written, 2 total/);
    const snapshots = readdirSync(join(app, "__tests__", "__snapshots__"));
    expect(snapshots).toEqual(["main-test.ts.snap"]);
    const check = timed("jest-ci", () => ok(run(app, "npx", ["jest", "--ci", "-t", "snapshots"]), "jest --ci"));
    expect(check.stderr).toMatch(/Tests:\s+2 skipped, 1 passed, 3 total/);
    expect(check.stderr).toMatch(/Snapshots:\s+2 passed, 2 total/);
  }, 120_000);

  test("the command runs there: --help and summary", () => {
    const help = ok(run(app, "npx", ["cdktf-aks-gateway", "--help"]), "cdktf-aks-gateway --help");
    expect(help.stdout).toMatch(/Usage: cdktf-aks-gateway <command>/);
    const summary = ok(run(app, "npx", ["cdktf-aks-gateway", "summary", "cdktf.out"]), "cdktf-aks-gateway summary");
    expect(summary.stdout).toMatch(/1\. shop-platform: \d+ resources[\s\S]*2\. shop-traffic: \d+ resources/);
    expect(summary.stdout).toMatch(/cart\/api: shop\.contoso\.com \/cart -> cart-api:8080/);
  }, 60_000);
});
