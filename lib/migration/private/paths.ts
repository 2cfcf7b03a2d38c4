/**
 * One Ingress path as a Gateway API path match, matching requests as ingress-nginx did on the path's host (the
 * nginx model decides how the host's locations are matched):
 *
 * - On a host where some Ingress uses `use-regex` or a rewrite (template.go `enforceRegexModifier`), every path is a
 *   case-insensitive regular expression anchored at the start: `RegularExpression (?i)<path>.*`, which Istio orders
 *   by length as nginx orders its locations by path length. A `rewrite-target` without capture groups rewrites with
 *   `ReplaceFullPath`; one with the known capture shapes becomes a case-sensitive `PathPrefix` with
 *   `ReplacePrefixMatch` (approximated); anything else is refused. A `$n` is never emitted.
 * - Elsewhere Exact and Prefix carry over; a Prefix (or ImplementationSpecific) path ending in "/" also gets the
 *   301 nginx answers for the path without the slash; an ImplementationSpecific path without a trailing slash was a
 *   string prefix in nginx (approximated).
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
  /** A path nginx answered with a 301 to `<path>/` (prefix location ending in "/"): the Exact rule to add. */
  readonly slashRedirect?: string;
}

/** `^/api(/|$)(.*)` → literal `/api` and the group suffix; undefined when the shape is not one we know. */
function splitRegex(path: string): { literal: string; suffix: string } | undefined {
  const m = /^\^?((?:[A-Za-z0-9\-_~/]|\\\.)*?)(\(\/\|\$\)\(\.\*\)|\(\/\.\*\)|\/\(\.\*\)|\(\.\*\))?\$?$/.exec(path);
  if (!m || !m[1].startsWith("/")) return undefined;
  return { literal: m[1].replace(/\\\./g, "."), suffix: m[2] ?? "" };
}

/** The ReplacePrefixMatch for a recognised capture path and target, or why there is none. */
function prefixRewrite(literal: string, suffix: string, target: string): { modifier: PathModifier; exact: boolean } | string {
  const refs = target.match(/\$\d/g) ?? [];
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

/** `(?i)<path>.*`: what nginx's `~* "^<path>"` matches, as an RE2 expression Envoy matches against the whole path. */
export function nginxRegex(path: string): string {
  return `(?i)${path}.*`;
}

function refuse(ctx: IngressContext, at: string, path: string, why: string, annotation: string): undefined {
  const fix = "Rewrite in the application, or split the path into prefixes whose rest is kept as is.";
  note(ctx, annotation, V.UNSUPPORTED, `path ${path}: ${why}; the rule is not converted. ${fix}`);
  note(ctx, at, V.UNSUPPORTED, `not converted: ${why}.`);
  return undefined;
}

/** A path with a capture rewrite: PathPrefix + ReplacePrefixMatch, case-sensitive (approximated). */
function captureRewrite(ctx: IngressContext, path: string, target: string, at: string): ConvertedPath | undefined {
  const split = splitRegex(path);
  if (!split || pathProblem(normalizePath(split.literal))) {
    return refuse(ctx, at, path, `target ${JSON.stringify(target)} rewrites a regular expression URLRewrite cannot express`, "rewrite-target");
  }
  const prefix = normalizePath(split.literal);
  const rewrite = prefixRewrite(prefix, split.suffix, target);
  if (typeof rewrite === "string") return refuse(ctx, at, path, rewrite, "rewrite-target");
  const exactly = rewrite.exact
    ? ""
    : split.suffix === "(/|$)(.*)"
      ? ` A request to exactly ${prefix} reaches the backend without the trailing "/" nginx's target gave it.`
      : ` A request to exactly ${prefix} is rewritten too, where nginx's location needed more after it.`;
  note(
    ctx,
    "rewrite-target",
    V.APPROXIMATED,
    `path ${path}: ReplacePrefixMatch needs a PathPrefix ${prefix}, which matches case-sensitively and whole segments, where nginx ` +
      `matched "^${path}" case-insensitively (${prefix.toUpperCase()}/x was rewritten by nginx and gets 404 here), and Istio tries it ` +
      `before this host's regular-expression rules, where nginx tried longer paths first.${exactly}`,
  );
  return { match: PathMatch.prefix(prefix), ownedPrefix: prefix, rewrite: rewrite.modifier };
}

/** How many capturing groups a regular expression has (`(` not escaped and not `(?`). */
export function captureGroups(pattern: string): number {
  return (pattern.replace(/\\./g, "").match(/\((?!\?)/g) ?? []).length;
}

/**
 * The target with references to groups the path does not have removed: nginx's rewrite puts an empty string there
 * (the AKS tutorial's `/(.*)` with `/$2` rewrites every request to `/`).
 */
function withoutMissingGroups(path: string, target: string): string {
  const groups = captureGroups(path);
  return target.replace(/\$(\d)/g, (ref, n: string) => (Number(n) > groups ? "" : ref));
}

/** A path on a host whose locations nginx matched as regular expressions. */
function regexPath(ctx: IngressContext, path: string, at: string, target: string | undefined): ConvertedPath | undefined {
  const rewriteTarget = target === undefined ? undefined : withoutMissingGroups(path, target);
  if (rewriteTarget !== undefined && /\$\d/.test(rewriteTarget)) return captureRewrite(ctx, path, rewriteTarget, at);
  const pattern = nginxRegex(path);
  const problem = re2Problem(pattern);
  if (problem) return refuse(ctx, at, path, `the regular expression ${problem}`, ctx.annotations.has("use-regex") ? "use-regex" : "rewrite-target");
  const match = PathMatch.regularExpression(pattern);
  if (rewriteTarget !== undefined) return { match, ownedPrefix: "/", rewrite: PathModifier.replaceFullPath(rewriteTarget) };
  return { match, ownedPrefix: "/" };
}

/** A path on a host without regular expressions. */
function plainPath(ctx: IngressContext, path: string, pathType: string | undefined, at: string): ConvertedPath | undefined {
  const problem = pathProblem(path);
  if (problem) {
    note(ctx, at, V.UNSUPPORTED, `path ${JSON.stringify(path)} ${problem}; Gateway API refuses it. Fix the path.`);
    return undefined;
  }
  const prefix = normalizePath(path);
  if (pathType === "Exact") return { match: PathMatch.exact(path), ownedPrefix: prefix };
  const slashRedirect = path !== "/" && path.endsWith("/") ? prefix : undefined;
  if (pathType !== "Prefix" && slashRedirect === undefined) {
    note(ctx, at, V.APPROXIMATED, `pathType ${pathType ?? "(none)"}: nginx matched ${path} as a string prefix (also ${prefix}x...); PathPrefix matches whole segments.`);
  }
  return { match: PathMatch.prefix(prefix), ownedPrefix: prefix, slashRedirect };
}

/** The Gateway API match of an Ingress path on `host`, noting what differs; undefined (with an unsupported note) if none. */
export function convertPath(ctx: IngressContext, host: string, path: string, pathType: string | undefined, at: string): ConvertedPath | undefined {
  if (/\$\d/.test(path)) {
    note(ctx, at, V.UNSUPPORTED, `path ${JSON.stringify(path)} contains a $n capture reference, which a path match cannot hold; fix the path.`);
    return undefined;
  }
  const target = ctx.settings.rewriteTarget;
  const rewrites = target !== undefined && target !== path;
  if (!ctx.hosts.regex(host)) return plainPath(ctx, path, pathType, at);
  if (!ctx.settings.regex) {
    note(
      ctx,
      at,
      V.CONVERTED,
      `on ${host} ingress-nginx matched every path as a case-insensitive regular expression anchored at the start (use-regex or ` +
        `rewrite-target on ${ctx.hosts.regexCause(host)}); converted to RegularExpression ${nginxRegex(path)}.`,
    );
  }
  return regexPath(ctx, path, at, rewrites ? target : undefined);
}
