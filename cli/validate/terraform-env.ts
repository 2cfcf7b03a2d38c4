/**
 * The environment terraform runs in during `validate`: the user's own, plus a shared provider cache and the
 * quiet-automation settings, each only where the user has not chosen already.
 */
import { existsSync, readFileSync } from "fs";
import { homedir } from "os";
import { join, resolve } from "path";
import { TerraformEnv } from "./process-runner";

/** Folder under the output directory that caches providers between stacks and runs. */
export const PLUGIN_CACHE_DIR_NAME = ".terraform-plugin-cache";

/** Where the provider cache comes from. */
export type PluginCacheSource = "TF_PLUGIN_CACHE_DIR" | "cli-config" | "default";

/** The environment for terraform and the provider cache it uses. */
export interface TerraformEnvironment {
  readonly env: TerraformEnv;
  /** The cache folder this command chose, or the one the user set (none when set in the CLI configuration). */
  readonly pluginCacheDir?: string;
  readonly pluginCacheSource: PluginCacheSource;
}

/**
 * The user's environment plus, only where unset: `TF_PLUGIN_CACHE_DIR` = `<outDir>/.terraform-plugin-cache`
 * (absolute: terraform resolves it in each stack's folder) unless the CLI configuration sets
 * `plugin_cache_dir`; `CHECKPOINT_DISABLE=1` (no update check, as `npm run synth` does); `TF_IN_AUTOMATION=1`.
 * Creating the folder is the caller's job.
 */
export function terraformEnvironment(base: TerraformEnv, outDir: string): TerraformEnvironment {
  const env: Record<string, string | undefined> = { ...base };
  env.CHECKPOINT_DISABLE = base.CHECKPOINT_DISABLE ?? "1";
  env.TF_IN_AUTOMATION = base.TF_IN_AUTOMATION ?? "1";
  if (base.TF_PLUGIN_CACHE_DIR) {
    return { env, pluginCacheDir: base.TF_PLUGIN_CACHE_DIR, pluginCacheSource: "TF_PLUGIN_CACHE_DIR" };
  }
  if (cliConfigSetsPluginCache(base)) {
    return { env, pluginCacheSource: "cli-config" };
  }
  const dir = resolve(outDir, PLUGIN_CACHE_DIR_NAME);
  env.TF_PLUGIN_CACHE_DIR = dir;
  return { env, pluginCacheDir: dir, pluginCacheSource: "default" };
}

/** Whether the Terraform CLI configuration file that applies (TF_CLI_CONFIG_FILE, else ~/.terraformrc or %APPDATA%\terraform.rc) sets `plugin_cache_dir`. */
export function cliConfigSetsPluginCache(env: TerraformEnv): boolean {
  const file =
    env.TF_CLI_CONFIG_FILE ||
    env.TERRAFORM_CONFIG ||
    (process.platform === "win32" && env.APPDATA ? join(env.APPDATA, "terraform.rc") : join(env.HOME || homedir(), ".terraformrc"));
  try {
    return existsSync(file) && /^\s*plugin_cache_dir\s*=/m.test(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
}
