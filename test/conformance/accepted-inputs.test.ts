// Inputs the library accepts must synthesize Terraform that azurerm 4.55.0 and Azure accept: every constraint of the
// catalogue, run over one stack per input. A failure means the library should refuse the input at synth (or emit
// something valid). Constraints that already fail on the flagship defaults are reported by azurerm-constraints.test.ts
// and left out here, so each failure below is caused by the input itself.
import { COMBINATIONS, EDGE_INPUTS, synthesizeAll } from "./combinations";
import { CONSTRAINTS } from "./azurerm-constraints";
import { violations } from "./model";
import { ValidationError } from "../../lib/core/errors";

const flagship = synthesizeAll(COMBINATIONS.filter((c) => c.name === "flagship"));
const inputConstraints = CONSTRAINTS.filter((c) => violations(c, flagship).length === 0);

describe("inputs at the provider's edge are refused at synth, or synthesize valid Terraform", () => {
  const refused = EDGE_INPUTS.filter((c) => c.refusedAtSynth !== undefined);
  const accepted = EDGE_INPUTS.filter((c) => c.refusedAtSynth === undefined);

  test.each(refused.map((c) => [`${c.name}: ${c.description}`, c] as const))("refused: %s", (_name, combination) => {
    expect(() => synthesizeAll([combination])).toThrow(ValidationError);
    expect(() => synthesizeAll([combination])).toThrow(combination.refusedAtSynth!);
  });

  test.each(accepted.map((c) => [`${c.name}: ${c.description}`, c] as const))("accepted: %s", (_name, combination) => {
    const stacks = synthesizeAll([combination]);
    expect(inputConstraints.flatMap((c) => violations(c, stacks))).toEqual([]);
  });
});
