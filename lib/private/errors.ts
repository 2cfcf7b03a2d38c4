import { IConstruct } from "constructs";

/**
 * An error for bad input found at synth. The message starts with the construct path, so the user knows
 * which construct to fix; callers write what is wrong, the value received and the fix.
 */
export class ValidationError extends Error {
  constructor(scope: IConstruct, message: string) {
    super(`${scope.node.path}: ${message}`);
    this.name = "ValidationError";
  }
}

/** `JSON.stringify` for values quoted in error messages. */
export function show(value: unknown): string {
  return JSON.stringify(value);
}
