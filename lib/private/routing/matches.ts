/**
 * Route matches as Istio programs them into Envoy, and whether a request satisfies one. Pure functions; not part
 * of the public API.
 *
 * Istio splits every rule into one Envoy route per match (istio/istio pilot/pkg/config/kube/gateway/
 * route_collections.go, HTTPRouteCollection: "split the rule to make sure each rule has up to one match"); the
 * fields of one match are ANDed, the matches of a rule ORed (Gateway API HTTPRouteRule.Matches).
 */
import { headerValue, queryValue } from "./request";

/** How Envoy matches the path (istio/istio pilot/pkg/networking/core/route/route.go, TranslateRouteMatch). */
export type PathKind = "exact" | "prefix" | "separated" | "regex" | "any";

/** One match of one rule, with the Gateway API defaults the API server applies filled in. */
export interface CompiledMatch {
  /** `exact`: the path equals `value`; `prefix`: starts with it (only `/`); `separated`: equals it or continues with `/`. */
  readonly pathKind: PathKind;
  readonly pathValue: string;
  /** Istio's rank of the path match (conversion.go getURIRank): Exact 3, Prefix 2, RegularExpression 1, none -1. */
  readonly rank: number;
  /** Istio's length of the path match (getURILength): characters of the Exact, Prefix (trailing `/` trimmed) or regex. */
  readonly length: number;
  readonly method?: string;
  readonly headers: readonly ValueMatch[];
  readonly queryParams: readonly ValueMatch[];
  /** The match as the user wrote it, e.g. `PathPrefix /app1, header version=two`. */
  readonly text: string;
}

/** A header or query parameter condition. */
export interface ValueMatch {
  readonly name: string;
  readonly type: "Exact" | "RegularExpression";
  readonly value: string;
}

/** The request as a match sees it: normalized path, method, headers, query. */
export interface MatchInput {
  readonly path: string;
  readonly method: string;
  readonly headers: { readonly [name: string]: string };
  readonly query: string;
}

/**
 * An HTTPRoute match with the CRD defaults applied (a missing `path` is `PathPrefix /`, a missing type `PathPrefix`
 * or `Exact`: config/crd/standard/gateway.networking.k8s.io_httproutes.yaml) and converted as Istio does
 * (conversion.go createURIMatch: a PathPrefix loses its trailing `/`; route.go TranslateRouteMatch: any prefix
 * but `/` becomes an Envoy `path_separated_prefix`).
 */
export function compileHttpMatch(match: any): CompiledMatch {
  const type: string = match?.path?.type ?? "PathPrefix";
  const value: string = match?.path?.value ?? "/";
  const method: string | undefined = typeof match?.method === "string" ? match.method : undefined;
  const headers = valueMatches(match?.headers);
  const queryParams = valueMatches(match?.queryParams);
  const base = { method, headers, queryParams };
  const extras = describeExtras(method, headers, queryParams);
  if (type === "Exact") return { ...base, pathKind: "exact", pathValue: value, rank: 3, length: value.length, text: `Exact ${value}${extras}` };
  if (type === "RegularExpression") {
    return { ...base, pathKind: "regex", pathValue: value, rank: 1, length: value.length, text: `RegularExpression ${value}${extras}` };
  }
  const prefix = value === "/" ? "/" : value.replace(/\/$/, "");
  return {
    ...base,
    pathKind: prefix === "/" ? "prefix" : "separated",
    pathValue: prefix,
    rank: 2,
    length: prefix.length,
    text: `PathPrefix ${value}${extras}`,
  };
}

/**
 * A GRPCRoute match as Istio converts it (conversion.go createGRPCURIMatch): service and method → Exact
 * `/service/method`; service only → Prefix `/service/`; method only → regex `/[^/]+/method`; type
 * RegularExpression → regexes. No `method` → no path condition (rank -1).
 */
export function compileGrpcMatch(match: any): CompiledMatch {
  const headers = valueMatches(match?.headers);
  const extras = describeExtras(undefined, headers, []);
  const m = match?.method;
  const base = { headers, queryParams: [] as ValueMatch[] };
  if (!m || (m.service === undefined && m.method === undefined))
    return { ...base, pathKind: "any", pathValue: "", rank: -1, length: 0, text: `any method${extras}` };
  const exact = (m.type ?? "Exact") === "Exact";
  const text = `gRPC ${m.type ?? "Exact"} ${m.service ?? "*"}/${m.method ?? "*"}${extras}`;
  const regex = (pattern: string) => ({ ...base, pathKind: "regex" as const, pathValue: pattern, rank: 1, length: pattern.length, text });
  if (m.method === undefined) {
    if (!exact) return regex(`/${m.service}/.+`);
    const prefix = `/${m.service}/`;
    return { ...base, pathKind: "separated", pathValue: prefix.slice(0, -1), rank: 2, length: prefix.length, text };
  }
  if (m.service === undefined) return regex(`/[^/]+/${m.method}`);
  if (!exact) return regex(`/${m.service}/${m.method}`);
  const path = `/${m.service}/${m.method}`;
  return { ...base, pathKind: "exact", pathValue: path, rank: 3, length: path.length, text };
}

function valueMatches(list: any): ValueMatch[] {
  if (!Array.isArray(list)) return [];
  return list.map((h: any) => ({
    name: String(h?.name ?? ""),
    type: h?.type === "RegularExpression" ? "RegularExpression" : "Exact",
    value: String(h?.value ?? ""),
  }));
}

function describeExtras(method: string | undefined, headers: readonly ValueMatch[], query: readonly ValueMatch[]): string {
  const parts = [
    ...(method ? [`method ${method}`] : []),
    ...headers.map((h) => `header ${h.name}${h.type === "Exact" ? "=" : "~"}${h.value}`),
    ...query.map((q) => `query ${q.name}${q.type === "Exact" ? "=" : "~"}${q.value}`),
  ];
  return parts.length > 0 ? `, ${parts.join(", ")}` : "";
}

/**
 * Why `input` does not satisfy `match`, or undefined when it does. Paths and values are case-sensitive (Envoy
 * `case_sensitive` defaults to true and Istio sets it from `ignoreUriCase`, false for Gateway API); header names
 * are not. A `path_separated_prefix` matches the path itself or the path followed by `/` (route_components.proto:
 * "`/api/dev` would match `/api/dev`, `/api/dev/`, `/api/dev/v1`, and `/api/dev?param=true` but would not match
 * `/api/developer`"); regexes must match the whole path without the query (`safe_regex`, RE2).
 */
export function mismatch(match: CompiledMatch, input: MatchInput): string | undefined {
  if (match.pathKind === "regex" && fullMatch(match.pathValue, input.path) === undefined) {
    return `${pathText(match)} uses RE2 syntax this tool cannot run; assumed not to match`;
  }
  if (!pathMatches(match, input.path)) return `path ${input.path} is not matched by ${pathText(match)}`;
  if (match.method !== undefined && match.method !== input.method) return `method ${input.method}, the match wants ${match.method}`;
  for (const h of match.headers) {
    const why = valueMismatch(h, headerValue(input.headers, h.name), "header");
    if (why) return why;
  }
  for (const q of match.queryParams) {
    const why = valueMismatch(q, queryValue(input.query, q.name), "query parameter");
    if (why) return why;
  }
  return undefined;
}

function pathText(match: CompiledMatch): string {
  switch (match.pathKind) {
    case "exact":
      return `Exact ${match.pathValue}`;
    case "regex":
      return `RegularExpression ${match.pathValue}`;
    default:
      return `PathPrefix ${match.pathValue}`;
  }
}

/** Whether the (normalized, query-free) path satisfies the match's path condition. */
export function pathMatches(match: CompiledMatch, path: string): boolean {
  switch (match.pathKind) {
    case "any":
      return true;
    case "exact":
      return path === match.pathValue;
    case "prefix":
      return path.startsWith(match.pathValue);
    case "separated":
      return path === match.pathValue || path.startsWith(match.pathValue + "/");
    case "regex":
      return fullMatch(match.pathValue, path) === true;
  }
}

function valueMismatch(m: ValueMatch, actual: string | undefined, what: string): string | undefined {
  if (actual === undefined) return `${what} ${m.name} is missing`;
  const ok = m.type === "Exact" ? actual === m.value : fullMatch(m.value, actual) === true;
  return ok
    ? undefined
    : `${what} ${m.name} is ${JSON.stringify(actual)}, the match wants ${m.type === "Exact" ? "" : "~"}${JSON.stringify(m.value)}`;
}

/**
 * Whether RE2 `pattern` matches all of `text` (Envoy's safe_regex matches the whole value). The pattern runs as a
 * JavaScript regex after rewriting RE2-only syntax (`(?P<n>`, leading `(?i)`, `\A`, `\z`); undefined when it cannot
 * be compiled offline.
 */
export function fullMatch(pattern: string, text: string): boolean | undefined {
  let source = pattern
    .replace(/\(\?P</g, "(?<")
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$");
  let flags = "";
  if (source.startsWith("(?i)")) {
    source = source.slice(4);
    flags = "i";
  }
  try {
    return new RegExp(`^(?:${source})$`, flags).test(text);
  } catch {
    return undefined;
  }
}
