// @ts-check
/**
 * StrykerJS mutation testing of the library's core files (see docs/mutation-testing.md).
 *
 *   npm run mutate                                   # every core file, each with its own tests
 *   npm run mutate -- --mutate lib/private/cidr.ts   # one file, with only the tests listed for it below
 *
 * Each core file is mutated against the test files listed for it in TESTS, so a run takes minutes, not
 * the whole suite per mutant, and the score says how well the file's own tests guard it. The reports and
 * the incremental file of a run go to reports/mutation/<name>/ (git-ignored): `<name>` is the file's base
 * name for a one-file run and `all` otherwise, so per-file runs neither overwrite each other's reports nor
 * throw away each other's incremental results.
 */
import { basename, extname } from "node:path";

/** The core files and the tests that guard each one (globs relative to the project root). */
const TESTS = {
  "lib/private/route-ownership.ts": ["test/route-ownership*.test.ts", "test/properties/route-ownership*.test.ts"],
  "lib/private/cidr.ts": ["test/cidr*.test.ts", "test/properties/cidr*.test.ts"],
  // Routes: the facade, its synth-time checks and its rendering (split out of http-route.ts).
  "lib/tenancy/http-route.ts": ["test/http-route*.test.ts", "test/route-features.test.ts", "test/limits-routes.test.ts", "test/route-checks.test.ts", "test/bad-input.test.ts"],
  "lib/tenancy/private/http-route-checks.ts": ["test/http-route*.test.ts", "test/route-features.test.ts", "test/limits-routes.test.ts", "test/route-checks.test.ts"],
  "lib/tenancy/private/http-route-render.ts": ["test/http-route*.test.ts", "test/route-features.test.ts"],
  // Tenants: the construct and its prop checks.
  "lib/tenancy/tenant.ts": [
    "test/tenant.test.ts",
    "test/tenant-wiring.test.ts",
    "test/route-ownership-tenants.test.ts",
    "test/limits-tenant.test.ts",
    "test/tenant-checks.test.ts",
    "test/bad-input.test.ts",
  ],
  "lib/tenancy/private/tenant-checks.ts": ["test/tenant.test.ts", "test/limits-tenant.test.ts", "test/tenant-checks.test.ts"],
  "lib/network/network.ts": ["test/network*.test.ts", "test/limits-network.test.ts"],
  // WAF: the policy and its custom rules' checks.
  "lib/edge/waf-policy.ts": ["test/waf-policy*.test.ts", "test/waf-custom-rule.test.ts", "test/limits-edge.test.ts"],
  "lib/edge/private/waf-custom-rule-checks.ts": ["test/waf-custom-rule.test.ts", "test/waf-policy*.test.ts", "test/limits-edge.test.ts"],
};

/**
 * The files named by `--mutate` / `-m` on the command line (without `:line-line` ranges), or all core
 * files. Stryker applies the command line itself; this only picks the matching tests and report folder.
 */
function mutateTargets() {
  const argv = process.argv;
  const i = argv.findIndex((a) => a === "--mutate" || a === "-m" || a.startsWith("--mutate="));
  if (i < 0) return Object.keys(TESTS);
  const value = argv[i].startsWith("--mutate=") ? argv[i].slice("--mutate=".length) : (argv[i + 1] ?? "");
  return value.split(",").map((f) => f.trim().replace(/^\.\//, "").replace(/:[\d:-]+$/, ""));
}

const targets = mutateTargets();
const known = targets.every((f) => f in TESTS);
const name = targets.length === 1 ? basename(targets[0], extname(targets[0])) : "all";
const dir = `reports/mutation/${name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "jest",
  // Only the tests listed for the targets, for the initial run and for every mutant (static mutants
  // included, which run all tests). Stryker's own `testFiles` option would restrict the initial run only:
  // with `--findRelatedTests` a static mutant then runs every suite that imports the file, and times out.
  // A file outside TESTS keeps jest's default test set, narrowed by `--findRelatedTests`.
  jest: known
    ? {
        projectType: "custom",
        enableFindRelatedTests: false,
        config: { testMatch: [...new Set(targets.flatMap((f) => TESTS[f]))].map((g) => `<rootDir>/${g}`) },
      }
    : { projectType: "custom", enableFindRelatedTests: true },
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  concurrency: 1,
  incremental: true,
  incrementalFile: `${dir}/stryker-incremental.json`,
  mutate: Object.keys(TESTS),
  ignorePatterns: ["/dist", "/cdktf.out", "/coverage", "/.gen"],
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `${dir}/index.html` },
  jsonReporter: { fileName: `${dir}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10000,
};
