// Inputs the library accepts must synthesize Terraform that azurerm 4.55.0 and Azure accept: every constraint of the
// catalogue, run over one stack per input. A failure means the library should refuse the input at synth (or emit
// something valid). Constraints that already fail on the flagship defaults are reported by azurerm-constraints.test.ts
// and left out here, so each failure below is caused by the input itself.
import { COMBINATIONS, EDGE_INPUTS, synthesizeAll } from "./combinations";
import { CONSTRAINTS } from "./azurerm-constraints";
import { violations } from "./model";

const flagship = synthesizeAll(COMBINATIONS.filter((c) => c.name === "flagship"));
const inputConstraints = CONSTRAINTS.filter((c) => violations(c, flagship).length === 0);

describe("inputs the library accepts synthesize valid Terraform", () => {
  test.each(EDGE_INPUTS.map((c) => [`${c.name}: ${c.description}`, c] as const))("%s", (_name, combination) => {
    const stacks = synthesizeAll([combination]);
    expect(inputConstraints.flatMap((c) => violations(c, stacks))).toEqual([]);
  });
});
