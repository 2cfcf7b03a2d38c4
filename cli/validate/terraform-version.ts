/**
 * Finding out whether a usable Terraform is installed: `terraform version -json`, before any stack is touched.
 */
import { EXIT_NOT_STARTED } from "../verify/command-runner";
import { parseJsonOutput } from "./json-output";
import { EXIT_NOT_EXECUTABLE, EXIT_TIMED_OUT, TerraformEnv, TerraformRunner } from "./process-runner";

/**
 * Oldest Terraform the command accepts. It is the version the README requires for deploying these stacks;
 * `terraform validate -json` (format 1.0) and the init messages matched here are stable from 1.0 on, but
 * validating with an older Terraform than the one that deploys would check against other rules. OpenTofu
 * reports its own version (1.6 and later) in the same field and passes.
 */
export const MINIMUM_TERRAFORM_VERSION = "1.5.0";

/** Where to get Terraform; said whenever it is missing or too old. */
export const INSTALL_HINT =
  "install it from https://developer.hashicorp.com/terraform/install (GitHub Actions: hashicorp/setup-terraform), " +
  "or point --terraform or TERRAFORM_BINARY_NAME at it";

/** What `terraform version` told us. */
export type TerraformProbe =
  | { readonly kind: "usable"; readonly version: string }
  /** The binary is not on PATH (or cannot be executed). */
  | { readonly kind: "missing"; readonly reason: string }
  /** It runs, but it cannot be used to validate (too old, or it does not answer). */
  | { readonly kind: "unusable"; readonly reason: string };

/** Runs `<binary> version -json` and decides whether validation can run with it. */
export async function probeTerraform(runner: TerraformRunner, binary: string, env: TerraformEnv): Promise<TerraformProbe> {
  const result = await runner.run(binary, ["version", "-json"], { env });
  if (result.exitCode === EXIT_NOT_STARTED || result.exitCode === EXIT_NOT_EXECUTABLE) {
    return {
      kind: "missing",
      reason: `no Terraform: ${JSON.stringify(binary)} ${result.exitCode === EXIT_NOT_STARTED ? "is not on PATH" : "cannot be executed"}; ${INSTALL_HINT} (${MINIMUM_TERRAFORM_VERSION} or later)`,
    };
  }
  if (result.exitCode === EXIT_TIMED_OUT) {
    return { kind: "unusable", reason: `\`${binary} version\` did not answer: ${oneLine(result.stderr)}` };
  }
  const version = parseVersion(result.stdout);
  if (result.exitCode !== 0 || version === undefined) {
    return {
      kind: "unusable",
      reason: `\`${binary} version -json\` failed (exit ${result.exitCode}) or printed no version: ${oneLine(result.stderr || result.stdout) || "no output"}`,
    };
  }
  if (compareVersions(version, MINIMUM_TERRAFORM_VERSION) < 0) {
    return { kind: "unusable", reason: `Terraform ${version} is older than ${MINIMUM_TERRAFORM_VERSION}; ${INSTALL_HINT}` };
  }
  return { kind: "usable", version };
}

/** The version in `terraform version -json` output (`terraform_version`), or in the text form `Terraform v1.2.3`. */
export function parseVersion(stdout: string): string | undefined {
  const parsed = parseJsonOutput(stdout) as { terraform_version?: unknown } | undefined;
  if (typeof parsed?.terraform_version === "string" && /^\d+\.\d+\.\d+/.test(parsed.terraform_version)) {
    return parsed.terraform_version;
  }
  return /\bv(\d+\.\d+\.\d+[^\s]*)/.exec(stdout)?.[1];
}

/** Compares the numeric `major.minor.patch` parts of two versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^(\d+)\.(\d+)\.(\d+)/.exec(v) ?? ["", "0", "0", "0"]).slice(1).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    if (x[i] !== y[i]) {
      return x[i] - y[i];
    }
  }
  return 0;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 300);
}
