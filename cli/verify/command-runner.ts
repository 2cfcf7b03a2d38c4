import { execFile } from "child_process";
import { existsSync } from "fs";

/** What a finished command left behind. A command that could not start reports a non-zero exit code too. */
export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  /**
   * Working directory of the command.
   *
   * @default - the verifier's working directory
   */
  readonly cwd?: string;
}

/** Runs external commands (terraform, az, kubectl). Tests pass a fake. Never rejects. */
export interface CommandRunner {
  run(command: string, args: readonly string[], options?: CommandOptions): Promise<CommandResult>;
}

export interface ProcessCommandRunnerOptions {
  /**
   * Time after which a command is killed and reported as failed.
   *
   * @default ProcessCommandRunner.DEFAULT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
}

/** Exit code reported when a command cannot be started (as shells do). */
export const EXIT_NOT_STARTED = 127;

/** Runs commands as child processes, without a shell, so no argument is ever interpreted. */
export class ProcessCommandRunner implements CommandRunner {
  /** `az network application-gateway show-backend-health` alone often takes 30–60 s. */
  public static readonly DEFAULT_TIMEOUT_MS = 180_000;
  /** Largest stdout/stderr kept from one command. */
  public static readonly MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

  private readonly timeoutMs: number;

  constructor(options: ProcessCommandRunnerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? ProcessCommandRunner.DEFAULT_TIMEOUT_MS;
  }

  public run(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
    if (options.cwd !== undefined && !existsSync(options.cwd)) {
      return Promise.resolve({ exitCode: EXIT_NOT_STARTED, stdout: "", stderr: `directory ${options.cwd} does not exist` });
    }
    return new Promise((resolve) => {
      execFile(
        command,
        [...args],
        { cwd: options.cwd, timeout: this.timeoutMs, maxBuffer: ProcessCommandRunner.MAX_OUTPUT_BYTES, windowsHide: true },
        (error, stdout, stderr) => {
          if (!error) {
            resolve({ exitCode: 0, stdout, stderr });
            return;
          }
          const code = (error as NodeJS.ErrnoException).code as unknown;
          if (code === "ENOENT") {
            resolve({ exitCode: EXIT_NOT_STARTED, stdout, stderr: `${command}: command not found on PATH` });
          } else if (typeof code === "string") {
            resolve({ exitCode: 1, stdout, stderr: error.message });
          } else if (error.killed) {
            resolve({ exitCode: 124, stdout, stderr: `${command} timed out after ${this.timeoutMs / 1000} s` });
          } else {
            resolve({ exitCode: typeof code === "number" ? code : 1, stdout, stderr: stderr || error.message });
          }
        },
      );
    });
  }
}

/** `<what> failed (exit N): <end of stderr, on one line>` — for failure messages. */
export function describeFailure(what: string, result: CommandResult, maxChars = 400): string {
  const stderr = result.stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" | ");
  const tail = stderr.length > maxChars ? `…${stderr.slice(-maxChars)}` : stderr || "no error output";
  return `${what} failed (exit ${result.exitCode}): ${tail}`;
}
