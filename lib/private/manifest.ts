import { IConstruct } from "constructs";
import { Token } from "cdktf";
import { ValidationError } from "./errors";
import { GatewayApiBundle, describeBundle } from "./gateway-api/bundles";
import { validateGatewayApiObject } from "./gateway-api/validate";

/**
 * Validates a Gateway API object against the CRD schema (and CEL rules) of the bundle the cluster runs, and
 * returns the plain object to put in a `kubernetes_manifest`. A problem fails the synth with the construct path,
 * the bundle, and each failing field. Fields holding unresolved tokens are skipped, never guessed.
 */
export function validatedGatewayApiManifest(scope: IConstruct, object: { [key: string]: any }, bundle: GatewayApiBundle): { [key: string]: any } {
  // Round-trip drops undefined fields, which Terraform would otherwise see as explicit nulls.
  const plain = JSON.parse(JSON.stringify(object));
  const tokens = tokenPaths(plain, "");
  const problems = validateGatewayApiObject(plain, bundle).filter((p) => !touchesToken(problemPath(p), tokens));
  if (problems.length > 0) {
    const newer = problems.some((p) => /first in v/.test(p));
    throw new ValidationError(
      scope,
      `invalid ${plain.kind} ${JSON.stringify(plain.metadata?.name)} for Gateway API ${describeBundle(bundle)}: ` +
        `${problems.join("; ")}.` +
        (newer
          ? " If the cluster runs a newer Kubernetes version, say so: kubernetesVersion on AksCluster or ExistingPlatform."
          : ""),
    );
  }
  return plain;
}

/** The dotted path of a problem (`spec.rules[0].matches`), with map entries (`a["k"]`) written as `a.k`. */
function problemPath(problem: string): string {
  const colon = problem.indexOf(": ");
  const path = colon < 0 ? "" : problem.slice(0, colon);
  return normalize(path);
}

function normalize(path: string): string {
  return path.replace(/\["((?:[^"\\]|\\.)*)"\]/g, (_m, key: string) => `.${JSON.parse(`"${key}"`)}`);
}

/** Paths (dotted, `[i]` for list items) of the strings that are unresolved tokens. */
function tokenPaths(value: unknown, path: string): string[] {
  if (typeof value === "string") return Token.isUnresolved(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => tokenPaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => tokenPaths(v, path === "" ? k : `${path}.${k}`));
  }
  return [];
}

/** Whether a problem at `path` is at, under or above (other than the root) a token's path. */
function touchesToken(path: string, tokens: readonly string[]): boolean {
  const within = (inner: string, outer: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return tokens.some((t) => within(path, t) || (path !== "" && within(t, path)));
}
