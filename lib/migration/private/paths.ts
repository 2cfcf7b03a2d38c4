/**
 * One Ingress path as a Gateway API path match: Exact and Prefix carry over; ImplementationSpecific and regular
 * expressions (use-regex, rewrite-target) are approximated or, when a rewrite needs capture groups URLRewrite
 * cannot express, refused. Never emits a `$n` reference.
 */
import { pathProblem } from "../../private/validation";
import { normalizePath } from "../../private/route-ownership";
import { PathModifier } from "../../tenancy/route-filter";
import { PathMatch } from "../../tenancy/route-match";
import { re2Problem } from "../../tenancy/private/http-route-checks";
import { MigrationVerdict as V } from "../finding";
import { IngressContext, note } from "./settings";

/** A converted path: the match, the prefix the tenant must own, and the rewrite that goes with it. */
export interface ConvertedPath {
  readonly match: PathMatch;
  readonly ownedPrefix: string;
  readonly rewrite?: PathModifier;
}

const CASE_NOTE =
  "nginx matched regex locations case-insensitively as string prefixes (/app also matched /apple); the converted prefixes are case-sensitive and match whole segments.";

/** `^/api(/|$)(.*)` → literal `/api` and the group suffix; undefined when the shape is not one we know. */
function splitRegex(path: string): { literal: string; suffix: string } | undefined {
  const m = /^\^?((?:[A-Za-z0-9\-_~/]|\\\.)*?)(\(\/\|\$\)\(\.\*\)|\(\/\.\*\)|\/\(\.\*\)|\(\.\*\))?\$?$/.exec(path);
  if (!m || !m[1].startsWith("/")) return undefined;
  return { literal: m[1].replace(/\\\./g, "."), suffix: m[2] ?? "" };
}

/** The URLRewrite for a recognised regex path and target, or why there is none. */
function rewriteFor(literal: string, suffix: string, target: string): { modifier: PathModifier; exact: boolean } | string {
  const refs = target.match(/\$\d/g) ?? [];
  if (refs.length === 0) return { modifier: PathModifier.replaceFullPath(target), exact: true };
  const rest = { "(/|$)(.*)": "$2", "(/.*)": "$1", "/(.*)": "$1", "(.*)": "$1" }[suffix];
  if (refs.length > 1 || rest === undefined || !target.endsWith(rest)) {
    return `target ${JSON.stringify(target)} uses capture groups of ${JSON.stringify(literal + suffix)} that URLRewrite cannot express`;
  }
  const head = target.slice(0, -2);
  const slashed = suffix === "(/|$)(.*)" || suffix === "/(.*)";
  if (slashed !== head.endsWith("/")) return `target ${JSON.stringify(target)} joins the captured rest without a "/" where URLRewrite puts one`;
  const replacement = normalizePath(head === "" ? "/" : head);
  return { modifier: PathModifier.replacePrefixMatch(replacement), exact: suffix === "(/|$)(.*)" && replacement === "/" };
}

/** A path in regex mode (use-regex or rewrite-target). */
function regexPath(ctx: IngressContext, path: string, at: string): ConvertedPath | undefined {
  const target = ctx.settings.rewriteTarget;
  const annotation = target !== undefined ? "rewrite-target" : "use-regex";
  const split = splitRegex(path);
  if (split && (split.suffix === "" || target !== undefined) && !pathProblem(normalizePath(split.literal))) {
    const prefix = normalizePath(split.literal);
    note(ctx, annotation, V.APPROXIMATED, CASE_NOTE);
    if (target === undefined) return { match: PathMatch.prefix(prefix), ownedPrefix: prefix };
    const rewrite = rewriteFor(prefix, split.suffix, target);
    if (typeof rewrite === "string") return refuse(ctx, at, path, rewrite);
    if (!rewrite.exact) note(ctx, annotation, V.APPROXIMATED, `path ${path}: a request to exactly ${prefix} is rewritten too, and gets no trailing "/".`);
    return { match: PathMatch.prefix(prefix), ownedPrefix: prefix, rewrite: rewrite.modifier };
  }
  if (target !== undefined) return refuse(ctx, at, path, `target ${JSON.stringify(target)} rewrites a regular expression URLRewrite cannot express`);
  const body = path.replace(/^\^/, "");
  const pattern = body.endsWith("$") && !body.endsWith("\\$") ? `(?i)${body.slice(0, -1)}` : `(?i)(?:${body}).*`;
  const problem = re2Problem(pattern);
  if (problem) return refuse(ctx, at, path, `the regular expression ${problem}`, "use-regex");
  note(ctx, "use-regex", V.APPROXIMATED, "regular expressions run as RE2 (no lookaround or backreferences), and Gateway API leaves their precedence to Istio; the tenant must own \"/\".");
  return { match: PathMatch.regularExpression(pattern), ownedPrefix: "/" };
}

function refuse(ctx: IngressContext, at: string, path: string, why: string, annotation = "rewrite-target"): undefined {
  const fix = "Rewrite in the application, or split the path into prefixes whose rest is kept as is.";
  note(ctx, annotation, V.UNSUPPORTED, `path ${path}: ${why}; the rule is not converted. ${fix}`);
  note(ctx, at, V.UNSUPPORTED, `not converted: ${why}.`);
  return undefined;
}

/** The Gateway API match of an Ingress path, noting what differs; undefined (with an unsupported note) if none. */
export function convertPath(ctx: IngressContext, path: string, pathType: string | undefined, at: string): ConvertedPath | undefined {
  if (/\$\d/.test(path)) {
    note(ctx, at, V.UNSUPPORTED, `path ${JSON.stringify(path)} contains a $n capture reference, which a path match cannot hold; fix the path.`);
    return undefined;
  }
  if (ctx.settings.regex) return regexPath(ctx, path, at);
  const problem = pathProblem(path);
  if (problem) {
    note(ctx, at, V.UNSUPPORTED, `path ${JSON.stringify(path)} ${problem}; Gateway API refuses it. Fix the path.`);
    return undefined;
  }
  const prefix = normalizePath(path);
  if (pathType === "Exact") return { match: PathMatch.exact(path), ownedPrefix: prefix };
  if (pathType !== "Prefix") {
    note(ctx, at, V.APPROXIMATED, `pathType ${pathType ?? "(none)"}: nginx matched ${path} as a string prefix (also ${prefix}x...); PathPrefix matches whole segments.`);
  }
  return { match: PathMatch.prefix(prefix), ownedPrefix: prefix };
}
