/**
 * The documented deploy commands and the CI example, checked against the stacks the flagship synthesizes and
 * against cdktf's own stack selection (the helpers `cdktf deploy` uses), so the names and order stay true.
 */
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { Testing } from "cdktf";
import { buildFlagship } from "../examples/flagship/flagship";

// cdktf-cli's own stack selection (@cdktf/cli-core is its dependency): glob matching and the dependency check.
const { getMultipleStacks, checkIfAllDependenciesAreIncluded } = require("@cdktf/cli-core/src/lib/helpers/stack-helpers");

function synthesizedStacks(): Array<{ name: string; dependencies: string[] }> {
  const outdir = mkdtempSync(join(tmpdir(), "aksgw-ci-"));
  const app = Testing.app({ outdir });
  buildFlagship(app);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks) as Array<{ name: string; dependencies: string[] }>;
}

describe("deploying tenant stacks in parallel", () => {
  const stacks = synthesizedStacks();

  test("'aksgw-tenant-*' selects exactly the tenant stacks", () => {
    expect(getMultipleStacks(stacks, ["aksgw-tenant-*"]).map((s: any) => s.name)).toEqual(["aksgw-tenant-app1", "aksgw-tenant-app2"]);
    expect(getMultipleStacks(stacks, ["aksgw-platform"]).map((s: any) => s.name)).toEqual(["aksgw-platform"]);
  });

  test("without --ignore-missing-stack-dependencies cdktf refuses them alone (they depend on the traffic stack)", () => {
    const tenants = getMultipleStacks(stacks, ["aksgw-tenant-*"]);
    expect(() => checkIfAllDependenciesAreIncluded(tenants)).toThrow(/aksgw-traffic/);
    expect(() => checkIfAllDependenciesAreIncluded(getMultipleStacks(stacks, ["*"]))).not.toThrow();
  });

  test("tenant stacks do not depend on each other, so --parallelism runs them together", () => {
    for (const s of stacks.filter((x) => x.name.startsWith("aksgw-tenant-"))) {
      expect(s.dependencies).toContain("aksgw-traffic");
      expect(s.dependencies.filter((d) => d.startsWith("aksgw-tenant-"))).toEqual([]);
    }
  });

  test("the docs show the same commands", () => {
    const doc = readFileSync(join(__dirname, "..", "docs", "ci.md"), "utf8");
    expect(doc).toContain("npx cdktf deploy 'aksgw-tenant-*' --auto-approve --parallelism 8 --ignore-missing-stack-dependencies");
  });
});

describe("examples/ci/github-actions.yml", () => {
  const workflow = parse(readFileSync(join(__dirname, "..", "examples", "ci", "github-actions.yml"), "utf8"));
  const jobs = workflow.jobs as Record<string, any>;
  const runs = (job: string): string => jobs[job].steps.map((s: any) => s.run ?? "").join("\n");

  test("deploys platform, then traffic, then the tenants as a matrix, then verifies", () => {
    expect(jobs.platform.needs).toBe("synth");
    expect(jobs.traffic.needs).toBe("platform");
    expect(jobs.tenants.needs).toEqual(["synth", "traffic"]);
    expect(jobs.tenants.strategy.matrix.stack).toBe("${{ fromJSON(needs.synth.outputs.tenants) }}");
    expect(jobs.tenants.strategy["fail-fast"]).toBe(false);
    expect(jobs.verify.needs).toEqual(["traffic", "tenants"]);
  });

  test("deploys the stack names the flagship synthesizes, with the flags cdktf needs", () => {
    const prefix = workflow.env.AKSGW_PREFIX;
    expect(prefix).toBe("aksgw");
    expect(runs("platform")).toContain('npx cdktf deploy "$AKSGW_PREFIX-platform" --auto-approve');
    expect(runs("traffic")).toContain('npx cdktf deploy "$AKSGW_PREFIX-traffic" --auto-approve --ignore-missing-stack-dependencies');
    expect(runs("tenants")).toContain('npx cdktf deploy "${{ matrix.stack }}" --auto-approve --ignore-missing-stack-dependencies');
    expect(runs("synth")).toContain("npx cdktf-aks-gateway validate --require");
  });

  test("the synth job's tenant list is exactly the tenant stacks of the synthesized app", () => {
    const script = runs("synth").split("\n").join(" ");
    const filter = /filter\(\(s\) => s\.startsWith\(process\.env\.AKSGW_PREFIX \+ "-tenant-"\)\)/;
    expect(script).toMatch(filter);
    const names = stacks().filter((s) => s.startsWith("aksgw-tenant-"));
    expect(names).toEqual(["aksgw-tenant-app1", "aksgw-tenant-app2"]);
  });

  test("state in Azure Storage and OIDC sign-in, no secrets", () => {
    expect(workflow.permissions["id-token"]).toBe("write");
    for (const v of ["AKSGW_STATE_RESOURCE_GROUP", "AKSGW_STATE_STORAGE_ACCOUNT", "AKSGW_STATE_CONTAINER", "AKSGW_API_SERVER_RANGES"]) {
      expect(workflow.env[v]).toMatch(/^\$\{\{ vars\./);
    }
    expect(JSON.stringify(workflow)).not.toMatch(/secrets\./);
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });

  function stacks(): string[] {
    return synthesizedStacks().map((s) => s.name);
  }
});
