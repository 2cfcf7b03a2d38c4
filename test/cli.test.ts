import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Testing } from "cdktf";
import { helpText, run } from "../cli/main";
import { CliIo } from "../cli/io";
import { buildFlagship } from "../examples/flagship/flagship";

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe("cdktf-aks-gateway", () => {
  test("--help lists every command and exits 0; no command prints it on stderr and exits 2", async () => {
    const io = capture();
    expect(await run(["--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toBe(helpText());
    expect(helpText()).toMatch(/summary\s+print/);
    expect(helpText()).toMatch(/verify\s+check/);
    const bare = capture();
    expect(await run([], bare)).toBe(2);
    expect(bare.stderr.join("\n")).toMatch(/Usage: cdktf-aks-gateway <command>/);
  });

  test("--version prints the package version", async () => {
    const io = capture();
    expect(await run(["--version"], io)).toBe(0);
    expect(io.stdout).toEqual([JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")).version]);
  });

  test("an unknown command names the known ones and exits 2", async () => {
    const io = capture();
    expect(await run(["synth"], io)).toBe(2);
    expect(io.stderr[0]).toBe('error: unknown command "synth"; commands are state-moves, summary, validate, verify, migrate, route.');
  });

  test("verify --help is the verifier's help", async () => {
    const io = capture();
    expect(await run(["verify", "--help"], io)).toBe(0);
    expect(io.stdout.join("\n")).toMatch(/^Usage: cdktf-aks-gateway verify --stack <platform-stack>/);
  });

  describe("summary", () => {
    test("--help explains the argument and the exit codes", async () => {
      const io = capture();
      expect(await run(["summary", "--help"], io)).toBe(0);
      expect(io.stdout.join("\n")).toMatch(/^Usage: cdktf-aks-gateway summary \[dir\][\s\S]*Exit code: 0 printed, 2/);
    });

    test("a directory without a synthesized app is an error with the fix, exit 2", async () => {
      const io = capture();
      const empty = mkdtempSync(join(tmpdir(), "aksgw-empty-"));
      expect(await run(["summary", empty], io)).toBe(2);
      expect(io.stderr[0]).toBe(`error: ${join(empty, "manifest.json")} not found; run \`cdktf synth\` first, or pass the output directory (cdktf.json "output").`);
    });

    test("unknown options and extra arguments are refused, exit 2", async () => {
      const a = capture();
      expect(await run(["summary", "--json"], a)).toBe(2);
      expect(a.stderr[0]).toMatch(/unknown option "--json"/);
      const b = capture();
      expect(await run(["summary", "a", "b"], b)).toBe(2);
      expect(b.stderr[0]).toMatch(/summary takes one directory, got 2: "a" "b"/);
    });

    test("prints the stacks of a synthesized app in deploy order with the traffic path", async () => {
      const outdir = mkdtempSync(join(tmpdir(), "aksgw-summary-"));
      const app = Testing.app({ outdir });
      buildFlagship(app);
      app.synth();
      const io = capture();
      expect(await run(["summary", outdir], io)).toBe(0);
      const text = io.stdout.join("\n");
      expect(text).toMatch(/1\. aksgw-platform: \d+ resources[\s\S]*2\. aksgw-traffic: \d+ resources/);
      expect(text).toMatch(/app1\/web: apps\.contoso\.example \/app1 -> hello:80/);
    });
  });
});
