export { ValidationError } from "../core/errors";
export { show } from "../core/show";

import type { IConstruct } from "constructs";
import { ValidationError as Failure } from "../core/errors";
import { show as quote } from "../core/show";

/**
 * Checks a construct id before the constructs framework does (a subclass passes it through `super`), so an
 * empty or taken id fails with this library's message instead of the framework's. `what` names the construct
 * being created ("tenant \"app1\"").
 */
export function checkedId(scope: IConstruct, id: string, what: string): string {
  if (typeof id !== "string" || id === "") {
    throw new Failure(scope, `${what} needs a non-empty construct id, got ${quote(id)}.`);
  }
  const existing = scope.node.tryFindChild(id);
  if (existing !== undefined) {
    throw new Failure(
      `${scope.node.path}/${id}`,
      `${what}: ${scope.node.path} already has a child with id ${quote(id)}; construct ids are unique among siblings ` +
        `(and are Terraform addresses). Choose another id.`,
    );
  }
  return id;
}
