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

/** How a path is matched (Gateway API `PathMatchType`; `RegularExpression` is left out on purpose). */
export enum PathMatchType {
  /** The request path equals the value. */
  EXACT = "Exact",
  /** The request path starts with the value on a `/` boundary: `/app` matches `/app` and `/app/x`, not `/apple`. */
  PREFIX = "PathPrefix",
}

/**
 * A path condition. Regular expressions are not offered: their meaning is implementation-specific and
 * they cannot be checked against the path prefixes a tenant owns.
 */
export class PathMatch {
  /** Matches exactly `path` (absolute, e.g. `/login`). */
  public static exact(path: string): PathMatch {
    return new PathMatch(PathMatchType.EXACT, path);
  }

  /** Matches `path` and everything below it on segment boundaries (absolute, e.g. `/api`). */
  public static prefix(path: string): PathMatch {
    return new PathMatch(PathMatchType.PREFIX, path);
  }

  private constructor(
    /** The match type. */
    public readonly type: PathMatchType,
    /** The absolute path. */
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
