/**
 * Runs one transpiled `x-kubernetes-validations` rule the way apiextensions-apiserver does
 * (pkg/apiserver/schema/cel/validation.go, `validateExpressions`): `self` is the node the rule is declared on;
 * a rule that evaluates to anything but `true` fails with its `messageExpression` result, else its `message`,
 * else "failed rule: <rule>"; a rule that cannot be evaluated fails with "<error> evaluating rule: <message>".
 */
import { CelError } from "./cel";
import { Problem } from "./problem";

/** A transpiled CEL expression of `self`. */
export type CelFunction = (self: unknown) => unknown;

/** The `messageExpression` result if it is a usable message (a non-empty single-line string), else undefined. */
function evaluatedMessage(self: unknown, messageExpression: CelFunction | undefined): string | undefined {
  if (!messageExpression) return undefined;
  try {
    const text = messageExpression(self);
    if (typeof text !== "string") return undefined;
    const trimmed = text.trim();
    return trimmed === "" || /\n/.test(trimmed) ? undefined : trimmed;
  } catch {
    return undefined; // the API server falls back to `message`
  }
}

/**
 * Evaluates `fn` on `self` and records a problem at `path` unless it returns `true`.
 * `message` is the rule's message (the generator substitutes "failed rule: <rule>" when it has none).
 */
export function rule(
  self: unknown,
  path: string,
  out: Problem[],
  fn: CelFunction,
  message: string,
  messageExpression?: CelFunction,
): void {
  let result: unknown;
  try {
    result = fn(self);
  } catch (e) {
    const reason = e instanceof CelError ? e.message : `internal error: ${(e as Error).message}`;
    out.push({ path, message: `${reason} evaluating rule: ${message}`, blocking: false });
    return;
  }
  if (result === true) return;
  if (typeof result !== "boolean") {
    out.push({ path, message: `rule returned ${JSON.stringify(result)}, not a bool: ${message}`, blocking: false });
    return;
  }
  out.push({ path, message: evaluatedMessage(self, messageExpression) ?? message, blocking: false });
}
