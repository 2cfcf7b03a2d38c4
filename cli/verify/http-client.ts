import * as http from "http";
import * as https from "https";
import { isIP } from "net";

/** One GET request. Redirects are never followed: the response is returned as it came. */
export interface HttpRequest {
  /** Absolute `http://` or `https://` URL, e.g. `https://20.1.2.3/healthz/ready`. */
  readonly url: string;
  /**
   * Host header; for HTTPS also the TLS server name (SNI) when it is a DNS name.
   *
   * @default - the host of `url`
   */
  readonly host?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as UTF-8, cut at {@link NodeHttpClient.MAX_BODY_BYTES}. */
  readonly body: string;
}

/** Sends HTTP requests. Rejects with a readable `Error` when no response arrives. Tests may wrap or fake it. */
export interface HttpClient {
  get(request: HttpRequest): Promise<HttpResponse>;
}

export interface NodeHttpClientOptions {
  /**
   * Deadline for one whole request, from connect to the last body byte.
   *
   * @default NodeHttpClient.DEFAULT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /**
   * Accept any TLS certificate (self-signed test certificates).
   *
   * @default false - certificates are verified against the system CAs and the host name
   */
  readonly insecure?: boolean;
  /**
   * CA certificates (PEM) to trust instead of Node's bundled ones.
   *
   * @default - Node's bundled CAs plus those in NODE_EXTRA_CA_CERTS
   */
  readonly ca?: readonly string[];
}

const USER_AGENT = "cdktf-aks-gateway-verify";

/** `HttpClient` on Node's `http`/`https`: one connection per request, bounded time and body. */
export class NodeHttpClient implements HttpClient {
  public static readonly DEFAULT_TIMEOUT_MS = 10_000;
  /** The verifier looks for short markers in bodies; more than this is not read. */
  public static readonly MAX_BODY_BYTES = 1024 * 1024;

  private readonly timeoutMs: number;
  private readonly insecure: boolean;
  private readonly ca?: string[];

  constructor(options: NodeHttpClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? NodeHttpClient.DEFAULT_TIMEOUT_MS;
    this.insecure = options.insecure ?? false;
    this.ca = options.ca ? [...options.ca] : undefined;
  }

  public get(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") {
      return Promise.reject(new Error(`unsupported URL scheme in ${request.url}`));
    }
    const headers: Record<string, string> = { "user-agent": USER_AGENT, connection: "close" };
    if (request.host) {
      headers.host = request.host;
    }
    const options: https.RequestOptions = { method: "GET", headers, agent: false };
    if (secure) {
      const serverName = request.host ? stripPort(request.host) : undefined;
      if (serverName && isIP(serverName) === 0) {
        options.servername = serverName;
      }
      options.rejectUnauthorized = !this.insecure;
      if (this.ca) {
        options.ca = this.ca;
      }
    }
    const send = secure ? https.request : http.request;

    return new Promise<HttpResponse>((resolve, reject) => {
      const req = send(url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          if (size < NodeHttpClient.MAX_BODY_BYTES) {
            chunks.push(chunk);
            size += chunk.length;
          }
        });
        res.on("end", () => {
          clearTimeout(timer);
          const body = Buffer.concat(chunks).subarray(0, NodeHttpClient.MAX_BODY_BYTES).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
        res.on("error", fail);
      });
      const timer = setTimeout(() => req.destroy(new TimeoutError(this.timeoutMs)), this.timeoutMs);
      function fail(error: Error): void {
        clearTimeout(timer);
        reject(describe(error));
      }
      req.on("error", fail);
      req.end();
    });
  }
}

class TimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no complete response within ${timeoutMs / 1000} s`);
  }
}

/** Turns socket and TLS errors into one line that says what happened and, where there is one, the fix. */
function describe(error: Error): Error {
  if (error instanceof TimeoutError) {
    return error;
  }
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) {
    return new Error(`TLS certificate rejected (${code}: ${error.message}); pass --insecure for self-signed test certificates`);
  }
  if (code === "ECONNREFUSED") {
    return new Error(`connection refused (${error.message})`);
  }
  if (code === "ECONNRESET") {
    return new Error(`connection reset by the server (${error.message})`);
  }
  return new Error(code ? `${code}: ${error.message}` : error.message);
}

/** `example.com:8443` → `example.com`; `[::1]:443` → `::1`. */
function stripPort(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) {
    return bracketed[1];
  }
  return host.includes(":") && isIP(host) === 0 ? host.slice(0, host.lastIndexOf(":")) : host;
}
