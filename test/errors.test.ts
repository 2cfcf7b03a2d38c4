import { ValidationError } from "../lib/core/errors";
import { show } from "../lib/private/errors";
import { Testing, TerraformStack } from "cdktf";

describe("show", () => {
  test.each<[unknown, string]>([
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    [undefined, "undefined"],
    [null, "null"],
    ["10.0.0.1", '"10.0.0.1"'],
    [0, "0"],
    [[1, NaN, undefined], "[1,NaN,undefined]"],
    [{ minCount: undefined, maxCount: Infinity }, '{"minCount":undefined,"maxCount":Infinity}'],
    [{ nested: { port: NaN } }, '{"nested":{"port":NaN}}'],
    [10n, "10n"],
  ])("shows %p as %s", (value, expected) => {
    expect(show(value)).toBe(expected);
  });

  test("a user string that looks like a marker stays a string", () => {
    expect(show("\u0000show\u00000")).toBe('"\\u0000show\\u00000"');
  });
});

describe("ValidationError", () => {
  test("starts with the construct path, or the path given as text", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(new ValidationError(stack, "bad").message).toBe("s: bad");
    expect(new ValidationError("s/Tenants/app1", "bad").message).toBe("s/Tenants/app1: bad");
    expect(new ValidationError(stack, "bad")).toBeInstanceOf(Error);
    expect(new ValidationError(stack, "bad").name).toBe("ValidationError");
  });
});
