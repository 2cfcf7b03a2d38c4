/**
 * Filters of an HTTPRoute rule: changes applied to matching requests and responses.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutefilter
 */

/** The kind of a filter (Gateway API `HTTPRouteFilterType`). */
export enum HttpRouteFilterType {
  /** Changes request headers (Core). */
  REQUEST_HEADER_MODIFIER = "RequestHeaderModifier",
  /** Changes response headers (Extended). */
  RESPONSE_HEADER_MODIFIER = "ResponseHeaderModifier",
  /** Answers with a redirect (Core). */
  REQUEST_REDIRECT = "RequestRedirect",
  /** Rewrites the Host header or path (Extended). */
  URL_REWRITE = "URLRewrite",
}

/** Scheme of a redirect target. */
export enum RedirectScheme {
  /** `http`. */
  HTTP = "http",
  /** `https`. */
  HTTPS = "https",
}

/** Status code of a redirect. */
export enum RedirectStatusCode {
  /** 301 Moved Permanently. */
  MOVED_PERMANENTLY = 301,
  /** 302 Found. */
  FOUND = 302,
}

/** Header changes of a header modifier filter. Give at least one of the fields. */
export interface HeaderModifierOptions {
  /**
   * Headers to set, replacing any value they have. At most 16.
   *
   * @default - none
   */
  readonly set?: { readonly [name: string]: string };
  /**
   * Headers to add, appending to any value they have. At most 16.
   *
   * @default - none
   */
  readonly add?: { readonly [name: string]: string };
  /**
   * Names of headers to remove. At most 16.
   *
   * @default - none
   */
  readonly remove?: string[];
}

/** Where a redirect sends the client. Give at least one field, or the client would loop. */
export interface RequestRedirectOptions {
  /**
   * Scheme of the target.
   *
   * @default - the scheme of the request
   */
  readonly scheme?: RedirectScheme;
  /**
   * Hostname of the target (no wildcard).
   *
   * @default - the hostname of the request
   */
  readonly hostname?: string;
  /**
   * Port of the target (1–65535).
   *
   * @default - the well-known port of the scheme when `scheme` is set, else the port of the request
   */
  readonly port?: number;
  /**
   * Status code of the redirect response.
   *
   * @default RedirectStatusCode.FOUND
   */
  readonly statusCode?: RedirectStatusCode;
}

/** How a URL rewrite changes the request before it reaches the backend. Give at least one field. */
export interface UrlRewriteOptions {
  /**
   * Value of the Host header sent to the backend (no wildcard).
   *
   * @default - unchanged
   */
  readonly hostname?: string;
  /**
   * How the path is rewritten.
   *
   * @default - unchanged
   */
  readonly path?: PathModifier;
}

/** A path rewrite. */
export class PathModifier {
  /** Replaces the whole request path with `path`. */
  public static replaceFullPath(path: string): PathModifier {
    return new PathModifier("ReplaceFullPath", path);
  }

  /**
   * Replaces the matched prefix with `path` (`/api` → `/` turns `/api/x` into `/x`). The rule must have
   * exactly one match, with a `PathMatch.prefix` path.
   */
  public static replacePrefixMatch(path: string): PathModifier {
    return new PathModifier("ReplacePrefixMatch", path);
  }

  private constructor(
    /** Gateway API `HTTPPathModifierType`. */
    public readonly type: "ReplaceFullPath" | "ReplacePrefixMatch",
    /** The replacement path. */
    public readonly path: string,
  ) {}
}

/** A filter of an HTTPRoute rule. Each type may appear at most once per rule. */
export class HttpRouteFilter {
  /** Changes headers of the request before it reaches the backend (Core support). */
  public static requestHeaderModifier(options: HeaderModifierOptions): HttpRouteFilter {
    return new HttpRouteFilter(HttpRouteFilterType.REQUEST_HEADER_MODIFIER, { headers: options });
  }

  /** Changes headers of the response before it reaches the client (Extended support). */
  public static responseHeaderModifier(options: HeaderModifierOptions): HttpRouteFilter {
    return new HttpRouteFilter(HttpRouteFilterType.RESPONSE_HEADER_MODIFIER, { headers: options });
  }

  /** Answers with a redirect instead of forwarding; the rule then has no backends (Core support). */
  public static requestRedirect(options: RequestRedirectOptions): HttpRouteFilter {
    return new HttpRouteFilter(HttpRouteFilterType.REQUEST_REDIRECT, { redirect: options });
  }

  /** Rewrites the Host header and/or path before forwarding (Extended support). */
  public static urlRewrite(options: UrlRewriteOptions): HttpRouteFilter {
    return new HttpRouteFilter(HttpRouteFilterType.URL_REWRITE, { rewrite: options });
  }

  /** Header changes of a header modifier filter. */
  public readonly headers?: HeaderModifierOptions;
  /** Target of a redirect filter. */
  public readonly redirect?: RequestRedirectOptions;
  /** Changes of a URL rewrite filter. */
  public readonly rewrite?: UrlRewriteOptions;

  private constructor(
    /** The filter type. */
    public readonly type: HttpRouteFilterType,
    config: { headers?: HeaderModifierOptions; redirect?: RequestRedirectOptions; rewrite?: UrlRewriteOptions },
  ) {
    this.headers = config.headers;
    this.redirect = config.redirect;
    this.rewrite = config.rewrite;
  }
}
