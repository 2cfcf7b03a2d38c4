import { IConstruct } from "constructs";

/**
 * Bad input found at synth. Every check of this library throws it (or reports it as an error annotation),
 * before Terraform or the constructs framework could fail with a message of its own.
 *
 * The message starts with the construct path, so you know which construct to fix, then says what is wrong,
 * shows the value as you typed it, and names the fix. Tests can match on the class:
 * `expect(() => build()).toThrow(ValidationError)`.
 */
export class ValidationError extends Error {
  /**
   * @param scope - the construct whose input is wrong, or the path of one about to be created
   * @param message - what is wrong, the value received and the fix
   */
  constructor(scope: IConstruct | string, message: string) {
    super(`${typeof scope === "string" ? scope : scope.node.path}: ${message}`);
    this.name = "ValidationError";
  }
}
