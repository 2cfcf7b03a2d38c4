/**
 * Reading `terraform validate -json` and saying each diagnostic on one line, with the construct that produced
 * the block it points at. The format is Terraform's documented machine-readable validate output (format 1.0):
 * `valid`, `error_count`, `warning_count` and `diagnostics[]` of `severity`, `summary`, `detail`, `range`
 * (`filename`, `start.line`, `start.column`) and `snippet.context` (for JSON configurations the block's
 * address, e.g. `resource.azurerm_subnet.Network_Nodes_1A2B3C4D`).
 */
import { join } from "path";
import { parseJsonOutput } from "./json-output";

/** One diagnostic of `terraform validate -json`. */
export interface ValidateDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: { readonly line: number; readonly column: number } };
  readonly snippet?: { readonly context?: string | null };
}

/** The fields of `terraform validate -json` this command reads. */
export interface ValidateReport {
  readonly valid: boolean;
  readonly diagnostics: readonly ValidateDiagnostic[];
}

/** Where a stack lives, to turn ranges into paths and addresses into construct paths. */
export interface StackSource {
  /** The stack's working directory (ranges are relative to it). */
  readonly workingDirectory: string;
  /** The parsed cdk.tf.json. */
  readonly json: unknown;
}

/** Longest detail kept per diagnostic, so one line per stack stays readable. */
export const MAX_DETAIL_CHARS = 400;

/** Parses validate's stdout; undefined when it is not a validate report. */
export function parseValidateReport(stdout: string): ValidateReport | undefined {
  const report = parseJsonOutput(stdout) as { valid?: unknown; diagnostics?: unknown } | undefined;
  if (typeof report !== "object" || report === null || typeof report.valid !== "boolean") {
    return undefined;
  }
  const diagnostics = Array.isArray(report.diagnostics) ? (report.diagnostics as ValidateDiagnostic[]) : [];
  return { valid: report.valid, diagnostics };
}

/** `<summary>: <detail> [<address> (construct <path>) at <file>:<line>:<column>]`, on one line. */
export function describeDiagnostic(d: ValidateDiagnostic, stack: StackSource): string {
  const detail = (d.detail ?? "").replace(/\s+/g, " ").trim();
  const text = detail === "" ? d.summary : `${d.summary}: ${detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail}`;
  const where: string[] = [];
  const address = d.snippet?.context ?? undefined;
  if (address) {
    const construct = constructPathOf(stack.json, address);
    where.push(construct ? `${address} (construct ${construct})` : address);
  }
  if (d.range) {
    where.push(`at ${join(stack.workingDirectory, d.range.filename)}:${d.range.start.line}:${d.range.start.column}`);
  }
  return where.length === 0 ? text : `${text} [${where.join(" ")}]`;
}

/** `N errors, N warnings: <error> | <error> | <warning>` — errors first. */
export function describeDiagnostics(diagnostics: readonly ValidateDiagnostic[], stack: StackSource, withSeverity: boolean): string {
  const errors = diagnostics.filter((d) => d.severity === "error");
  const warnings = diagnostics.filter((d) => d.severity !== "error");
  const counts = [plural(errors.length, "error"), plural(warnings.length, "warning")].filter((c) => !c.startsWith("0 "));
  const items = [...errors, ...warnings].map((d) => (withSeverity ? `${d.severity}: ` : "") + describeDiagnostic(d, stack));
  return `${counts.join(", ")}: ${items.join(" | ")}`;
}

/**
 * The construct path cdktf recorded for a block address (`resource.<type>.<name>` or `data.<type>.<name>`,
 * possibly followed by nested blocks), from the block's `"//": { "metadata": { "path" } }`.
 */
export function constructPathOf(stackJson: unknown, address: string): string | undefined {
  const [kind, type, name] = address.split(".");
  if ((kind !== "resource" && kind !== "data") || type === undefined || name === undefined) {
    return undefined;
  }
  const block = (stackJson as any)?.[kind]?.[type]?.[name];
  const path = block?.["//"]?.metadata?.path;
  return typeof path === "string" ? path : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
