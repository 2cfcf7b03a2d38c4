/**
 * Request matching of an HTTPRoute rule.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutematch
 */

/** HTTP methods an HTTPRoute can match (Gateway API `HTTPMethod`, Extended support). */
export enum HttpMethod {
  /** `GET`. */
  GET = "GET",
  /** `HEAD`. */
  HEAD = "HEAD",
  /** `POST`. */
  POST = "POST",
  /** `PUT`. */
  PUT = "PUT",
  /** `DELETE`. */
  DELETE = "DELETE",
  /** `CONNECT`. */
  CONNECT = "CONNECT",
  /** `OPTIONS`. */
  OPTIONS = "OPTIONS",
  /** `TRACE`. */
  TRACE = "TRACE",
  /** `PATCH`. */
  PATCH = "PATCH",
}

/** How a path is matched (Gateway API `PathMatchType`). */
export enum PathMatchType {
  /** The request path equals the value. */
  EXACT = "Exact",
  /** The request path starts with the value on a `/` boundary: `/app` matches `/app` and `/app/x`, not `/apple`. */
  PREFIX = "PathPrefix",
  /**
   * The request path matches a regular expression (Implementation-specific support). Only for tenants that
   * own `/`: see {@link PathMatch.regularExpression}.
   */
  REGULAR_EXPRESSION = "RegularExpression",
}

/** A path condition. */
export class PathMatch {
  /** Matches exactly `path` (absolute, e.g. `/login`). */
  public static exact(path: string): PathMatch {
    return new PathMatch(PathMatchType.EXACT, path);
  }

  /** Matches `path` and everything below it on segment boundaries (absolute, e.g. `/api`). */
  public static prefix(path: string): PathMatch {
    return new PathMatch(PathMatchType.PREFIX, path);
  }

  /**
   * Matches paths against a regular expression, in the syntax of the gateway implementation. Gateway API leaves
   * the syntax and semantics to the implementation: Istio (both gateway modes of this library) supports it and
   * hands the expression to Envoy's `safe_regex`, which uses Google RE2 and must match the whole path (so
   * `/api/.*`, not `/api`); RE2 has no lookaround or backreferences, and `(?i)` makes it case-insensitive.
   *
   * What a regular expression reaches cannot be checked against path prefixes, so only a tenant that owns `/`
   * may use one (checked at synth, and by the `HostnameAdmissionPolicy` in the cluster). Where two rules match
   * the same request, Gateway API gives regular expressions implementation-specific precedence.
   *
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch
   * @see https://github.com/google/re2/wiki/Syntax
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#pathmatchtype
   */
  public static regularExpression(pattern: string): PathMatch {
    return new PathMatch(PathMatchType.REGULAR_EXPRESSION, pattern);
  }

  private constructor(
    /** The match type. */
    public readonly type: PathMatchType,
    /** The absolute path, or the regular expression of a `REGULAR_EXPRESSION` match. */
    public readonly path: string,
  ) {}
}

/**
 * One set of conditions; a request must satisfy all of them. A rule matches when any of its matches does.
 */
export interface HttpRouteMatch {
  /**
   * The path condition.
   *
   * @default PathMatch.prefix("/") - every path
   */
  readonly path?: PathMatch;
  /**
   * Headers the request must carry, by name, with exactly these values (names are case-insensitive).
   * At most 16.
   *
   * @default - no header condition
   */
  readonly headers?: { readonly [name: string]: string };
  /**
   * Query parameters the request must carry, by name, with exactly these values. At most 16.
   *
   * @default - no query parameter condition
   */
  readonly queryParams?: { readonly [name: string]: string };
  /**
   * The HTTP method the request must use.
   *
   * @default - any method
   */
  readonly method?: HttpMethod;
}
