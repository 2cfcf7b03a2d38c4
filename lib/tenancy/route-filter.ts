import { HttpMethod } from "./route-match";

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
  /** Sends a copy of each request to another Service and ignores its answer (Extended). */
  REQUEST_MIRROR = "RequestMirror",
  /** Answers CORS preflight requests and adds CORS headers (Extended; standard from Gateway API v1.5.1). */
  CORS = "CORS",
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
  /** 303 See Other (Gateway API v1.5.1+, AKS Kubernetes 1.36+). */
  SEE_OTHER = 303,
  /** 307 Temporary Redirect: keeps the method and body (Gateway API v1.5.1+, AKS Kubernetes 1.36+). */
  TEMPORARY_REDIRECT = 307,
  /** 308 Permanent Redirect: keeps the method and body (Gateway API v1.5.1+, AKS Kubernetes 1.36+). */
  PERMANENT_REDIRECT = 308,
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
   * Path of the target: `PathModifier.replaceFullPath("/login")` sends every request to that path;
   * `PathModifier.replacePrefixMatch` swaps the matched prefix (the rule then needs one `PathMatch.prefix` match).
   *
   * @default - the path of the request
   */
  readonly path?: PathModifier;
  /**
   * Status code of the redirect response. 303, 307 and 308 need Gateway API v1.5.1 (AKS Kubernetes 1.36+).
   *
   * @default RedirectStatusCode.FOUND
   */
  readonly statusCode?: RedirectStatusCode;
}

/** Where a `HttpRouteFilter.requestMirror` filter sends its copies. */
export interface RequestMirrorOptions {
  /** Name of the Service receiving the copies, in the tenant's namespace. */
  readonly serviceName: string;
  /** Service port (1–65535). */
  readonly port: number;
  /**
   * Share of the requests to copy, in percent (0–100). Needs Gateway API v1.3.0 (AKS Kubernetes 1.34+).
   *
   * @default - every request
   */
  readonly percent?: number;
}

/**
 * How a `HttpRouteFilter.cors` filter answers cross-origin requests. At least `allowOrigins`.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpcorsfilter
 */
export interface CorsOptions {
  /**
   * Origins allowed to make requests: `https://app.example.com`, `https://*.example.com`, or `*` alone for
   * any. At most 64.
   */
  readonly allowOrigins: string[];
  /**
   * Methods allowed in requests (`Access-Control-Allow-Methods`). At most 9.
   *
   * @default - GET, HEAD and POST only (the CORS-safelisted methods)
   */
  readonly allowMethods?: HttpMethod[];
  /**
   * Request headers allowed (`Access-Control-Allow-Headers`), or `*` alone. At most 64.
   *
   * @default - only the CORS-safelisted request headers
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers scripts may read (`Access-Control-Expose-Headers`). At most 64.
   *
   * @default - only the CORS-safelisted response headers
   */
  readonly exposeHeaders?: string[];
  /**
   * Whether browsers may send credentials (cookies, authorization headers) (`Access-Control-Allow-Credentials`).
   *
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * Seconds a browser may cache the preflight answer (`Access-Control-Max-Age`), at least 1.
   *
   * @default 5
   */
  readonly maxAgeSeconds?: number;
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

  /**
   * Copies each request to another Service in the tenant's namespace; its answers are ignored (Extended
   * support; Istio supports it).
   */
  public static requestMirror(options: RequestMirrorOptions): HttpRouteFilter {
    return new HttpRouteFilter(HttpRouteFilterType.REQUEST_MIRROR, { mirror: options });
  }

  /**
   * Answers CORS preflight requests at the gateway and adds the CORS response headers (Extended support).
   * Standard only from Gateway API v1.5.1 (AKS Kubernetes 1.36+): on an older bundle the route fails at synth
   * naming the version that brings it.
   */
  public static cors(options: CorsOptions): HttpRouteFilter {
    return new HttpRouteFilter(HttpRouteFilterType.CORS, { cors: options });
  }

  /** Header changes of a header modifier filter. */
  public readonly headers?: HeaderModifierOptions;
  /** Target of a redirect filter. */
  public readonly redirect?: RequestRedirectOptions;
  /** Changes of a URL rewrite filter. */
  public readonly rewrite?: UrlRewriteOptions;
  /** Target of a mirror filter. */
  public readonly mirror?: RequestMirrorOptions;
  /** Settings of a CORS filter. */
  public readonly cors?: CorsOptions;

  private constructor(
    /** The filter type. */
    public readonly type: HttpRouteFilterType,
    config: FilterConfig,
  ) {
    this.headers = config.headers;
    this.redirect = config.redirect;
    this.rewrite = config.rewrite;
    this.mirror = config.mirror;
    this.cors = config.cors;
  }
}

/** What one filter carries, by type. */
interface FilterConfig {
  readonly headers?: HeaderModifierOptions;
  readonly redirect?: RequestRedirectOptions;
  readonly rewrite?: UrlRewriteOptions;
  readonly mirror?: RequestMirrorOptions;
  readonly cors?: CorsOptions;
}
