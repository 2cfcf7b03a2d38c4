// Terraform version constraints (`~> 2.9`, `>= 2.11.0, < 3.0.0`, `4.55.0`), enough to test what a pin admits.

type Triple = [number, number, number];

function parse(version: string): Triple {
  const [a = 0, b = 0, c = 0] = version.split(".").map((p) => Number(p));
  return [a, b, c];
}

function compare(x: Triple, y: Triple): number {
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** `~> 2.9` admits >= 2.9.0 and < 3.0.0; `~> 2.9.1` admits >= 2.9.1 and < 2.10.0. */
function pessimistic(operand: string, v: Triple): boolean {
  const parts = operand.split(".").length;
  const base = parse(operand);
  const upper: Triple = parts >= 3 ? [base[0], base[1] + 1, 0] : [base[0] + 1, 0, 0];
  return compare(v, base) >= 0 && compare(v, upper) < 0;
}

function admitsOne(term: string, version: Triple): boolean {
  const m = /^\s*(~>|>=|<=|!=|>|<|=)?\s*v?([\d.]+)\s*$/.exec(term);
  if (!m) throw new Error(`unsupported version constraint ${JSON.stringify(term)}`);
  const [, op = "=", operand] = m;
  const c = compare(version, parse(operand));
  switch (op) {
    case "~>":
      return pessimistic(operand, version);
    case ">=":
      return c >= 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case "<":
      return c < 0;
    case "!=":
      return c !== 0;
    default:
      return c === 0;
  }
}

/** True when the comma-separated constraint admits the version (all terms must hold, as in Terraform). */
export function admits(constraint: string, version: string): boolean {
  return constraint.split(",").every((term) => admitsOne(term, parse(version)));
}
