// Every constraint of the catalogue against every instance of its resource type in every documented combination.
// A failing test names the constraint; its message lists each instance that breaks it, with the source to read.
import { COMBINATIONS, synthesizeAll } from "./combinations";
import { CONSTRAINTS, FAMILIES } from "./azurerm-constraints";
import { violations } from "./model";

const stacks = synthesizeAll(COMBINATIONS);

describe.each(FAMILIES)("$title", ({ family }) => {
  const constraints = CONSTRAINTS.filter((c) => c.family === family);

  test.each(constraints.map((c) => [`${c.resource}: ${c.summary} [${c.phase}]`, c] as const))("%s", (_name, constraint) => {
    expect(violations(constraint, stacks)).toEqual([]);
  });
});
