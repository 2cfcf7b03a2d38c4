/**
 * Property test of the ownership index against a brute-force pairwise oracle.
 *
 * The oracle knows only the documented semantics, written out here without the index's helpers:
 *
 * - a request host matches an exact hostname when equal, a wildcard `*.d` when it lies strictly below `d`
 *   (not `d` itself), and the any-hostname `*` always; two hostnames overlap when some request host matches
 *   both, which the oracle decides by trying every host of a finite universe that is large enough;
 * - a path prefix covers a path when its segments are a prefix of the path's segments (trailing slashes do
 *   not count); two prefixes overlap when one covers the other;
 * - a claim is accepted iff none of its (hostname, prefix) pairs overlaps an earlier accepted claim of
 *   another owner or lies inside another owner's reservation, and then every pair is recorded, normalised;
 * - a reservation is accepted iff no claim of another owner lies at or below it.
 *
 * Random sequences of claims and reservations by several owners, over hostnames and prefixes drawn from
 * small alphabets so that overlaps are frequent, must leave the index and the oracle in agreement after
 * every step; `findConflict` and `findReservation` must then agree with the oracle on random probes.
 */
import fc from "fast-check";
import { ANY_HOSTNAME, RouteClaim, RouteOwnership } from "../../lib/private/route-ownership";

/**
 * Seed and run count: fixed, so a failure reproduces. To search harder locally, set
 * `OWNERSHIP_PROPERTY_SEED` and `OWNERSHIP_PROPERTY_RUNS` (e.g. 100000); the committed values stay.
 */
const SEED = Number(process.env.OWNERSHIP_PROPERTY_SEED ?? 20240611);
const RUNS = Number(process.env.OWNERSHIP_PROPERTY_RUNS ?? 3000);

/** Host labels: few, so hostnames collide and nest often. */
const LABELS = ["a", "b", "c"];
/** Longest domain (in labels) of a generated hostname. */
const MAX_DEPTH = 3;
/** Path segments: `p` and `pp` share characters but not a segment boundary. */
const SEGMENTS = ["p", "pp", "q"];
const OWNERS = ["tenant one", "tenant two", "tenant three", "tenant four", "health responder"];

/** A claim as the oracle keeps it. */
interface Claim {
  readonly owner: string;
  readonly hostname: string;
  readonly pathPrefix: string;
}

/** One step of a random sequence. */
type Op =
  | { readonly kind: "claim"; readonly owner: string; readonly hostnames: string[]; readonly pathPrefixes: string[] }
  | { readonly kind: "reserve"; readonly owner: string; readonly pathPrefix: string };

// ---------------------------------------------------------------------------------------------------------
// The oracle

/** Every domain of 1 to `depth` labels over {@link LABELS}. */
function domains(depth: number): string[] {
  let level = LABELS;
  const all = [...level];
  for (let d = 2; d <= depth; d++) {
    level = level.flatMap((domain) => LABELS.map((l) => `${l}.${domain}`));
    all.push(...level);
  }
  return all;
}

/**
 * Request hosts the oracle tries: one label deeper than the deepest generated domain, so that every pair
 * of overlapping hostnames (two wildcards included) has a witness in it.
 */
const UNIVERSE = domains(MAX_DEPTH + 1);

/** Whether request host `host` matches the hostname `pattern` (exact, `*.domain` or `*`). */
function hostMatches(pattern: string, host: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*.")) return host.endsWith("." + pattern.slice(2));
  return host === pattern;
}

const witnessCache = new Map<string, Set<string>>();

/** The request hosts of the universe that `pattern` matches. */
function hostsOf(pattern: string): Set<string> {
  let hosts = witnessCache.get(pattern);
  if (!hosts) {
    hosts = new Set(UNIVERSE.filter((h) => hostMatches(pattern, h)));
    witnessCache.set(pattern, hosts);
  }
  return hosts;
}

/** Whether some request host matches both hostnames. */
function oracleHostsOverlap(a: string, b: string): boolean {
  const hb = hostsOf(b);
  for (const h of hostsOf(a)) if (hb.has(h)) return true;
  return false;
}

/** The segments of a path, ignoring empty ones (so trailing slashes do not count). */
function segmentsOf(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

/** The path in the form the index records: `/` plus its segments. */
function oracleNormalize(path: string): string {
  return "/" + segmentsOf(path).join("/");
}

/** Whether prefix `prefix` covers `path` on segment boundaries. */
function oracleCovers(prefix: string, path: string): boolean {
  const p = segmentsOf(prefix);
  const q = segmentsOf(path);
  return p.length <= q.length && p.every((s, i) => s === q[i]);
}

/** Whether two prefixes share a request path. */
function oraclePathsOverlap(a: string, b: string): boolean {
  return oracleCovers(a, b) || oracleCovers(b, a);
}

/** The brute-force model: every accepted claim and reservation, compared pairwise. */
class Oracle {
  public readonly claims: Claim[] = [];
  public readonly reservations: Claim[] = [];

  /** Whether an earlier claim or reservation of another owner overlaps `c`. */
  public conflicts(c: Claim): boolean {
    return this.reservations.some((r) => this.reservationHits(r, c)) || this.claims.some((k) => this.claimHits(k, c));
  }

  /** Whether reservation `r` refuses claim `c`. */
  public reservationHits(r: Claim, c: Claim): boolean {
    return r.owner !== c.owner && oracleCovers(r.pathPrefix, c.pathPrefix);
  }

  /** Whether the accepted claim `k` refuses claim `c`. */
  public claimHits(k: Claim, c: Claim): boolean {
    return k.owner !== c.owner && oraclePathsOverlap(k.pathPrefix, c.pathPrefix) && oracleHostsOverlap(k.hostname, c.hostname);
  }

  /** Applies a claim; returns whether it was accepted. */
  public claim(owner: string, hostnames: string[], pathPrefixes: string[]): boolean {
    const pairs = hostnames.flatMap((hostname) =>
      pathPrefixes.map((p) => ({ owner, hostname, pathPrefix: oracleNormalize(p) })),
    );
    if (pairs.some((c) => this.conflicts(c))) return false;
    this.claims.push(...pairs);
    return true;
  }

  /** Applies a reservation; returns whether it was accepted. */
  public reserve(owner: string, pathPrefix: string): boolean {
    const r = { owner, hostname: "*", pathPrefix: oracleNormalize(pathPrefix) };
    if (this.claims.some((c) => c.owner !== owner && oracleCovers(r.pathPrefix, c.pathPrefix))) return false;
    this.reservations.push(r);
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Generators

/** A domain of 1 to {@link MAX_DEPTH} labels. */
const domainArb = fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: MAX_DEPTH }).map((ls) => ls.join("."));

/** An exact hostname, a wildcard hostname or the any-hostname. */
const hostnameArb = fc.oneof(
  { weight: 5, arbitrary: domainArb },
  { weight: 4, arbitrary: domainArb.map((d) => `*.${d}`) },
  { weight: 1, arbitrary: fc.constant(ANY_HOSTNAME) },
);

/** A path prefix: the root, or up to three segments, with no, one or two trailing slashes. */
const prefixArb = fc
  .tuple(fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 3 }), fc.constantFrom("", "", "/", "//"))
  .map(([segs, trailing]) => (segs.length === 0 ? "/" + trailing.slice(1) : "/" + segs.join("/") + trailing));

/** One of a few owners, so that the same owner often claims twice (which is allowed). */
const ownerArb = fc.constantFrom(...OWNERS);

/** A claim of one to three hostnames on one or two prefixes. */
const claimArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant("claim" as const),
  owner: ownerArb,
  hostnames: fc.uniqueArray(hostnameArb, { minLength: 1, maxLength: 3 }),
  pathPrefixes: fc.array(prefixArb, { minLength: 1, maxLength: 2 }),
});

/** A platform reservation. */
const reserveArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant("reserve" as const),
  owner: ownerArb,
  pathPrefix: prefixArb,
});

/** A sequence of up to 25 claims and reservations, mostly claims. */
const opsArb = fc.array(fc.oneof({ weight: 6, arbitrary: claimArb }, { weight: 1, arbitrary: reserveArb }), {
  minLength: 1,
  maxLength: 25,
});

/** A probe claim for `findConflict`. */
const probeArb = fc.record({ owner: ownerArb, hostname: hostnameArb, pathPrefix: prefixArb });

// ---------------------------------------------------------------------------------------------------------
// Running a sequence on both

/** Whether `run` throws. */
function throws(run: () => void): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}

/** Applies `op` to the index; returns whether the index accepted it. */
function applyToIndex(index: RouteOwnership, op: Op): boolean {
  return op.kind === "claim"
    ? !throws(() => index.claim(op.owner, op.hostnames, op.pathPrefixes))
    : !throws(() => index.reserve(op.owner, op.pathPrefix));
}

/** Applies `op` to the oracle; returns whether the oracle accepts it. */
function applyToOracle(oracle: Oracle, op: Op): boolean {
  return op.kind === "claim" ? oracle.claim(op.owner, op.hostnames, op.pathPrefixes) : oracle.reserve(op.owner, op.pathPrefix);
}

/** Runs `ops` on a fresh index and oracle, asserting agreement after every step; returns both. */
function runBoth(ops: readonly Op[]): { index: RouteOwnership; oracle: Oracle } {
  const index = new RouteOwnership();
  const oracle = new Oracle();
  ops.forEach((op, step) => {
    const expected = applyToOracle(oracle, op);
    const accepted = applyToIndex(index, op);
    // Compare cheaply first; `expect` only to report a difference (it is slow on thousands of steps).
    if (accepted !== expected) expect({ step, op, accepted }).toEqual({ step, op, accepted: expected });
    if (!sameClaimLists(index.claims, oracle.claims)) expect(index.claims).toEqual(oracle.claims);
  });
  return { index, oracle };
}

/** Asserts that `findConflict(probe)` agrees with the oracle, and that what it returns is a real conflict. */
function checkProbe(index: RouteOwnership, oracle: Oracle, probe: Claim): void {
  const found: RouteClaim | undefined = index.findConflict(probe);
  const conflict = oracle.conflicts(probe);
  if ((found !== undefined) !== conflict) expect({ probe, found }).toEqual({ probe, found: conflict ? "a conflict" : undefined });
  if (!found) return;
  const normalized = { ...probe, pathPrefix: oracleNormalize(probe.pathPrefix) };
  const real =
    (oracle.reservations.some((r) => sameClaim(r, found)) && oracle.reservationHits(found, normalized)) ||
    (oracle.claims.some((c) => sameClaim(c, found)) && oracle.claimHits(found, normalized));
  if (!real) expect({ probe, found, real }).toEqual({ probe, found, real: true });
}

/** Whether two claims have the same owner, hostname and prefix. */
function sameClaim(a: Claim, b: Claim): boolean {
  return a.owner === b.owner && a.hostname === b.hostname && a.pathPrefix === b.pathPrefix;
}

/** Whether two claim lists hold the same claims in the same order. */
function sameClaimLists(a: readonly Claim[], b: readonly Claim[]): boolean {
  return a.length === b.length && a.every((c, i) => sameClaim(c, b[i]));
}

/** Asserts that `findReservation(path, owner)` agrees with the oracle's reservations. */
function checkReservation(index: RouteOwnership, oracle: Oracle, path: string, owner: string): void {
  const found = index.findReservation(path, owner);
  const expected = oracle.reservations.some((r) => r.owner !== owner && oracleCovers(r.pathPrefix, path));
  const real = found === undefined || (found.owner !== owner && oracleCovers(found.pathPrefix, path));
  if ((found !== undefined) !== expected || !real) {
    throw new Error(
      `findReservation(${JSON.stringify(path)}, ${JSON.stringify(owner)}) returned ${JSON.stringify(found)}; ` +
        `the oracle expects ${expected ? "a reservation of another owner covering the path" : "none"}`,
    );
  }
}

/** The index's private candidate lookup: the claims it compares a claim on `hostname` with. */
function candidatesOf(index: RouteOwnership, hostname: string): RouteClaim[] {
  const lookup = index as unknown as { candidates(hostname: string): Iterable<RouteClaim> };
  return [...lookup.candidates(hostname)];
}

/**
 * Asserts the index's cost promise for a claim on `hostname`: it looks at exactly the claims whose
 * hostname overlaps (each once), neither missing one nor scanning unrelated ones.
 */
function checkCandidates(index: RouteOwnership, oracle: Oracle, hostname: string): void {
  const seen = candidatesOf(index, hostname);
  const expected = oracle.claims.filter((c) => oracleHostsOverlap(c.hostname, hostname));
  const key = (c: Claim) => `${c.owner}|${c.hostname}|${c.pathPrefix}`;
  const sorted = (cs: readonly Claim[]) => cs.map(key).sort();
  if (!sameStrings(sorted(seen), sorted(expected))) {
    expect({ hostname, candidates: sorted(seen) }).toEqual({ hostname, candidates: sorted(expected) });
  }
}

/** Whether two string lists are equal. */
function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------------------------------------------------

describe("the oracle itself (so that agreement means something)", () => {
  test("decides the documented examples", () => {
    expect(oracleHostsOverlap("*.a", "b.a")).toBe(true);
    expect(oracleHostsOverlap("*.a", "c.b.a")).toBe(true);
    expect(oracleHostsOverlap("*.a", "a")).toBe(false);
    expect(oracleHostsOverlap("*.a", "*.b.a")).toBe(true);
    expect(oracleHostsOverlap("*.b.a", "*.c.a")).toBe(false);
    expect(oracleHostsOverlap("*.c.b.a", "*.c.b.a")).toBe(true);
    expect(oracleHostsOverlap("*", "c.b.a")).toBe(true);
    expect(oracleHostsOverlap("b.a", "c.a")).toBe(false);
    expect(oracleCovers("/p", "/p/q")).toBe(true);
    expect(oracleCovers("/p/", "/p")).toBe(true);
    expect(oracleCovers("/p", "/pp")).toBe(false);
    expect(oracleCovers("/", "/q")).toBe(true);
    expect(oraclePathsOverlap("/p/q", "/p")).toBe(true);
    expect(oraclePathsOverlap("/p/q", "/p/pp")).toBe(false);
    expect(oracleNormalize("/p/pp//")).toBe("/p/pp");
    expect(oracleNormalize("//")).toBe("/");
  });

  test("the generators produce overlaps, wildcards, the any-hostname, trailing slashes and reservations", () => {
    const sample = fc.sample(opsArb, { seed: SEED, numRuns: 50 }).flat();
    const hostnames = sample.flatMap((op) => (op.kind === "claim" ? op.hostnames : []));
    const prefixes = sample.flatMap((op) => (op.kind === "claim" ? op.pathPrefixes : [op.pathPrefix]));
    expect(hostnames.some((h) => h === ANY_HOSTNAME)).toBe(true);
    expect(hostnames.some((h) => h.startsWith("*."))).toBe(true);
    expect(hostnames.some((h) => h.split(".").length === MAX_DEPTH)).toBe(true);
    expect(prefixes.some((p) => p.length > 1 && p.endsWith("/"))).toBe(true);
    expect(sample.some((op) => op.kind === "reserve")).toBe(true);
    const refused = fc.sample(opsArb, { seed: SEED, numRuns: 50 }).map((ops) => {
      const oracle = new Oracle();
      return ops.filter((op) => !applyToOracle(oracle, op)).length;
    });
    // Most sequences contain a refused step: the property exercises conflicts, not only disjoint claims.
    expect(refused.filter((n) => n > 0).length).toBeGreaterThan(25);
  });
});

describe("RouteOwnership agrees with the pairwise oracle", () => {
  test("each claim and reservation is accepted iff the oracle accepts it, and the recorded claims match", () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        runBoth(ops);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("findConflict and findReservation agree with the oracle after any sequence", () => {
    fc.assert(
      fc.property(opsArb, fc.array(probeArb, { minLength: 1, maxLength: 10 }), (ops, probes) => {
        const { index, oracle } = runBoth(ops);
        for (const probe of probes) {
          checkProbe(index, oracle, probe);
          checkReservation(index, oracle, probe.pathPrefix, probe.owner);
        }
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  test("a claim is compared with exactly the claims whose hostname overlaps its own, each once", () => {
    fc.assert(
      fc.property(opsArb, fc.array(hostnameArb, { minLength: 1, maxLength: 10 }), (ops, hostnames) => {
        const { index, oracle } = runBoth(ops);
        for (const hostname of hostnames) checkCandidates(index, oracle, hostname);
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });
});
