/**
 * Reading a failed `terraform init -no-color`: its diagnostics, and whether they say "a provider could not be
 * downloaded here" (SKIP) or "the configuration is wrong" (FAIL).
 *
 * Terraform prints diagnostics as `Error: <summary>`, a blank line, then the detail wrapped at 78 columns; some
 * (the CLI-configuration warnings, coloured output) are framed with `╷ │ ╵`. The texts matched are Terraform's
 * own (internal/command/init.go and internal/getproviders/errors.go, stable since 1.0):
 * - "Failed to query available provider packages": "Could not retrieve the list of available versions for provider
 *   <source>: <cause>", where the cause is ErrHostUnreachable "could not connect to <host>: …", ErrQueryFailed
 *   "could not query provider registry for <source>: …" or, with a mirror or -plugin-dir, ErrProviderNotFound
 *   "provider <source> was not found in any of the search locations".
 * - "Failed to install provider": "Error while installing <source> v<version>: <cause>" (the download itself).
 * - "Incompatible provider version": "Your chosen provider mirror at <url> does not have a <source> v<version> package…".
 * - With a network mirror: "failed to query provider mirror <url> for <source>: …"; modules: "Error accessing remote
 *   module registry": "Failed to retrieve available versions for module "<name>" … from <host>: …".
 * A cause that is a network or mirror failure makes the stack SKIP; "does not have a provider named", "no available
 * releases match", a locked version that conflicts, checksum mismatches and every other error make it FAIL.
 */

/** One diagnostic as `terraform init` printed it. */
export interface TextDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  /** The detail on one line (wrapping undone). */
  readonly detail: string;
  /**
   * Where it points, as `<file>:<line>` plus the block (`in resource.x.y`), when it points anywhere.
   *
   * @default - none: a diagnostic about the whole run
   */
  readonly location?: string;
}

/** Why init failed, as far as its output tells. */
export type InitFailure =
  /** Providers (or modules) could not be downloaded here; `what` names each, `cause` is Terraform's first reason. */
  | { readonly kind: "unavailable"; readonly what: readonly string[]; readonly hosts: readonly string[]; readonly cause: string }
  /** At least one error about the configuration itself. */
  | { readonly kind: "config"; readonly errors: readonly TextDiagnostic[] }
  /** No diagnostic could be read. */
  | { readonly kind: "unknown" };

/** Causes that mean "cannot reach or find the package here", not "the configuration is wrong". */
const UNAVAILABLE =
  /could not connect to |could not query provider registry for |failed to query provider mirror |failed to request discovery document|was not found in any of the search locations|provider mirror at \S+ does not have|unsuccessful request to|dial tcp|no such host|connection refused|i\/o timeout|Client\.Timeout exceeded|context deadline exceeded|TLS handshake timeout|network is unreachable|connection reset by peer|proxyconnect/i;

/** Classifies the output of a failed `terraform init`. */
export function classifyInitFailure(stdout: string, stderr: string): InitFailure {
  const errors = parseTextDiagnostics(`${stderr}\n${stdout}`).filter((d) => d.severity === "error");
  if (errors.length === 0) {
    return { kind: "unknown" };
  }
  if (!errors.every((e) => UNAVAILABLE.test(`${e.summary}: ${e.detail}`))) {
    return { kind: "config", errors };
  }
  const what = unique(errors.map(subjectOf)).sort();
  const hosts = unique(errors.map(hostOf).filter((h): h is string => h !== undefined));
  return { kind: "unavailable", what, hosts, cause: causeOf(errors[0]) };
}

/** Splits `-no-color` output into diagnostics; text outside them (progress lines, hints) is dropped. */
export function parseTextDiagnostics(output: string): TextDiagnostic[] {
  const lines = output
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[│╷╵]\s?/, ""));
  const found: Array<{ severity: "error" | "warning"; summary: string; body: string[] }> = [];
  for (const line of lines) {
    const start = /^(Error|Warning): (.*)$/.exec(line);
    if (start) {
      found.push({ severity: start[1] === "Error" ? "error" : "warning", summary: start[2].trim(), body: [] });
    } else if (found.length > 0) {
      found[found.length - 1].body.push(line);
    }
  }
  // "Terraform encountered problems during initialisation…" only introduces the diagnostics that follow.
  const real = found.filter((d) => !/^Terraform encountered problems during initiali[sz]ation/.test(d.summary));
  return real.map(({ severity, summary, body }) => {
    const on = body.map((l) => /^\s*on (\S+) line (\d+)(?:, in (.+?))?:\s*$/.exec(l)).find((m) => m !== null);
    const text = body.filter((l) => !/^\s*on \S+ line \d+/.test(l) && !/^\s*\d+:\s/.test(l) && !/^\s*\(source code not available\)/.test(l));
    const detail = oneLine(text.join(" "));
    const location = on ? `${on[1]}:${on[2]}${on[3] ? ` in ${on[3]}` : ""}` : undefined;
    return { severity, summary, detail, ...(location ? { location } : {}) };
  });
}

/** The provider source (or module) an installation error is about. */
function subjectOf(d: TextDiagnostic): string {
  const patterns: Array<[RegExp, string]> = [
    [/versions for provider (\S+?):/, ""],
    [/Error while installing (\S+ v\S+?):/, ""],
    [/provider (\S+) was not found in any of the search locations/, ""],
    [/does not have a (\S+ v\S+) package/, ""],
    [/module "([^"]+)"/, "module "],
  ];
  for (const [pattern, prefix] of patterns) {
    const match = pattern.exec(d.detail);
    if (match) {
      return `${prefix}${match[1]}`;
    }
  }
  return d.summary;
}

/** The host that could not be reached, when the error names one. */
function hostOf(d: TextDiagnostic): string | undefined {
  return (
    /could not connect to ([^\s:]+)/.exec(d.detail)?.[1] ??
    /mirror at (?:https?:\/\/)?([^\s/]+)/.exec(d.detail)?.[1] ??
    /https?:\/\/([^\s/"]+)/.exec(d.detail)?.[1]
  );
}

/** Terraform's reason without the provider prefix and the "terraform providers" hint. */
function causeOf(d: TextDiagnostic): string {
  const cause = d.detail
    .replace(/^Could not retrieve the list of available versions for provider \S+?: /, "")
    .replace(/^Error while installing \S+ v\S+?: /, "")
    .replace(/ To see which modules are currently depending on .*$/, "")
    .replace(/ All modules should specify their required_providers .*$/, "");
  return cause.length > 300 ? `${cause.slice(0, 300)}…` : cause;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
