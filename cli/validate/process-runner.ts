/**
 * Runs terraform for `validate`. It keeps the verifier's `CommandRunner` contract (same result shape, same
 * "could not start" exit code, never rejects) and adds what validation needs and `ProcessCommandRunner`
 * does not offer: an environment per command (for TF_PLUGIN_CACHE_DIR) and a kill that escalates to
 * SIGKILL when a timed-out terraform ignores SIGTERM.
 */
import { spawn } from "child_process";
import { existsSync } from "fs";
import { CommandOptions, CommandResult, EXIT_NOT_STARTED, ProcessCommandRunner } from "../verify/command-runner";

/** Environment of a terraform command. */
export type TerraformEnv = Readonly<Record<string, string | undefined>>;

/** `CommandOptions` plus the environment. */
export interface TerraformRunOptions extends CommandOptions {
  /**
   * Environment of the command.
   *
   * @default - the runner's own process environment
   */
  readonly env?: TerraformEnv;
}

/**
 * Runs terraform. A verifier `CommandRunner` fits (it ignores `env`); tests pass a fake. Never rejects.
 */
export interface TerraformRunner {
  run(command: string, args: readonly string[], options?: TerraformRunOptions): Promise<CommandResult>;
}

/** Exit code reported when a command was killed at its deadline (as `timeout(1)` does). */
export const EXIT_TIMED_OUT = 124;
/** Exit code reported when the binary exists but cannot be executed (as shells do). */
export const EXIT_NOT_EXECUTABLE = 126;

/** Options of `TerraformProcessRunner`. */
export interface TerraformProcessRunnerOptions {
  /** Time after which a command is stopped and reported with `EXIT_TIMED_OUT`. */
  readonly timeoutMs: number;
  /**
   * Time between SIGTERM and SIGKILL for a command that outlives its deadline.
   *
   * @default TerraformProcessRunner.DEFAULT_KILL_GRACE_MS
   */
  readonly killGraceMs?: number;
}

/** Runs commands as child processes without a shell, stdin closed, so no argument is interpreted and nothing prompts. */
export class TerraformProcessRunner implements TerraformRunner {
  /** Terraform stops its provider plugins on SIGTERM; give it this long before SIGKILL. */
  public static readonly DEFAULT_KILL_GRACE_MS = 5_000;

  private readonly timeoutMs: number;
  private readonly killGraceMs: number;

  constructor(options: TerraformProcessRunnerOptions) {
    this.timeoutMs = options.timeoutMs;
    this.killGraceMs = options.killGraceMs ?? TerraformProcessRunner.DEFAULT_KILL_GRACE_MS;
  }

  public run(command: string, args: readonly string[], options: TerraformRunOptions = {}): Promise<CommandResult> {
    if (options.cwd !== undefined && !existsSync(options.cwd)) {
      return Promise.resolve({ exitCode: EXIT_NOT_STARTED, stdout: "", stderr: `directory ${options.cwd} does not exist` });
    }
    return new Promise((resolve) => {
      const out = new Output();
      const err = new Output();
      let settled = false;
      let timedOut = false;
      const timers: NodeJS.Timeout[] = [];
      const finish = (result: CommandResult) => {
        if (!settled) {
          settled = true;
          timers.forEach(clearTimeout);
          resolve(result);
        }
      };
      const timeoutResult = (): CommandResult => ({
        exitCode: EXIT_TIMED_OUT,
        stdout: out.text(),
        stderr: `${[command, ...args.slice(0, 1)].join(" ")} timed out after ${this.timeoutMs / 1000} s\n${err.text()}`,
      });
      let child;
      try {
        child = spawn(command, [...args], { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv | undefined, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
      } catch (error) {
        finish({ exitCode: EXIT_NOT_STARTED, stdout: "", stderr: `${command}: ${(error as Error).message}` });
        return;
      }
      child.stdout.on("data", (chunk: Buffer) => out.add(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.add(chunk));
      child.on("error", (error: NodeJS.ErrnoException) => {
        const exitCode = error.code === "ENOENT" ? EXIT_NOT_STARTED : error.code === "EACCES" ? EXIT_NOT_EXECUTABLE : 1;
        const message = error.code === "ENOENT" ? `${command}: command not found on PATH` : `${command}: ${error.message}`;
        finish({ exitCode, stdout: out.text(), stderr: message });
      });
      child.on("close", (code, signal) => {
        if (timedOut) {
          finish(timeoutResult());
        } else {
          finish({ exitCode: code ?? 1, stdout: out.text(), stderr: signal ? `${err.text()}\nkilled by ${signal}` : err.text() });
        }
      });
      const stop = (signal: NodeJS.Signals, then: () => void) => {
        child.kill(signal);
        timers.push(setTimeout(then, this.killGraceMs));
      };
      timers.push(
        setTimeout(() => {
          timedOut = true;
          // SIGTERM, then SIGKILL; if a grandchild still holds the pipes open, report without waiting for them.
          stop("SIGTERM", () => stop("SIGKILL", () => finish(timeoutResult())));
        }, this.timeoutMs),
      );
    });
  }
}

/** Collects a stream, keeping at most `ProcessCommandRunner.MAX_OUTPUT_BYTES`. */
class Output {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;

  public add(chunk: Buffer): void {
    if (this.bytes < ProcessCommandRunner.MAX_OUTPUT_BYTES) {
      this.chunks.push(chunk);
      this.bytes += chunk.length;
    }
  }

  public text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}
