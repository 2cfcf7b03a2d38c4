import { IConstruct } from "constructs";
import { Token } from "cdktf";
import { ValidationError, show } from "./errors";

/**
 * The one rule for `namePrefix`, shared by every construct that names Azure resources with it: lowercase
 * letters, digits and hyphens, 1-40 characters, starting with a letter and not ending with a hyphen. It fits
 * inside the strictest name built from it (the AKS DNS prefix `aks-<prefix>`), so one prefix works everywhere.
 */
const NAME_PREFIX = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Throws a ValidationError naming `scope` when `prefix` breaks the shared name-prefix rule. */
export function validateNamePrefix(scope: IConstruct, prefix: string): void {
  if (Token.isUnresolved(prefix) || NAME_PREFIX.test(prefix)) return;
  throw new ValidationError(
    scope,
    `namePrefix must be 1-40 lowercase letters, digits or hyphens, start with a letter and not end with a ` +
      `hyphen, got ${show(prefix)}. Example: "contoso-prod".`,
  );
}
