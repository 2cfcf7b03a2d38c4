import { isIP } from "net";
import * as tls from "tls";

/** Where to open a TLS connection, and the server name (SNI) to ask for. */
export interface TlsProbeRequest {
  /** IP address or host name to connect to, e.g. the Application Gateway's public IP. */
  readonly host: string;
  readonly port: number;
  /** Sent as SNI; the certificate the server picks for it is the one reported. */
  readonly servername: string;
}

/** The leaf certificate a server presented, and whether its chain is trusted. */
export interface ServedCertificate {
  /** Subject as OpenSSL prints it, one `key=value` per line joined by `, `, e.g. `CN=app.example.com`. */
  readonly subject: string;
  readonly issuer: string;
  /** `dNSName` entries of the subjectAltName extension, as presented (may include `*.` wildcards). */
  readonly dnsNames: readonly string[];
  readonly validFrom: Date;
  readonly validTo: Date;
  /** Whether the chain verified against the trusted CAs (host name not considered). */
  readonly chainTrusted: boolean;
  /**
   * OpenSSL's reason when the chain is not trusted, e.g. `SELF_SIGNED_CERT_IN_CHAIN`.
   *
   * @default - none when the chain is trusted
   */
  readonly chainError?: string;
}

/** Opens a TLS connection and reports the served certificate. Rejects with a readable `Error`. Tests may fake it. */
export interface TlsProber {
  probe(request: TlsProbeRequest): Promise<ServedCertificate>;
}

export interface NodeTlsProberOptions {
  /**
   * Deadline for connect and handshake.
   *
   * @default NodeTlsProber.DEFAULT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /**
   * CA certificates (PEM) to trust instead of Node's bundled ones.
   *
   * @default - Node's bundled CAs plus those in NODE_EXTRA_CA_CERTS
   */
  readonly ca?: readonly string[];
}

/** `TlsProber` on Node's `tls`: verifies nothing itself, so an untrusted or wrong certificate is still reported. */
export class NodeTlsProber implements TlsProber {
  public static readonly DEFAULT_TIMEOUT_MS = 10_000;

  private readonly timeoutMs: number;
  private readonly ca?: string[];

  constructor(options: NodeTlsProberOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? NodeTlsProber.DEFAULT_TIMEOUT_MS;
    this.ca = options.ca ? [...options.ca] : undefined;
  }

  public probe(request: TlsProbeRequest): Promise<ServedCertificate> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host: request.host,
        port: request.port,
        // Node refuses an IP address as SNI; an IP is never a tenant hostname anyway.
        servername: isIP(request.servername) === 0 ? request.servername : undefined,
        ca: this.ca,
        rejectUnauthorized: false,
        // Host name coverage is judged by the caller (RFC 6125 rules), so `authorized` reflects the chain only.
        checkServerIdentity: () => undefined,
      });
      const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      socket.once("secureConnect", () => {
        clearTimeout(timer);
        const certificate = socket.getPeerX509Certificate();
        const { authorized, authorizationError } = socket;
        socket.destroy();
        if (!certificate) {
          reject(new Error("the server presented no certificate"));
          return;
        }
        resolve({
          subject: oneLine(certificate.subject),
          issuer: oneLine(certificate.issuer),
          dnsNames: dnsNamesOf(certificate.subjectAltName),
          validFrom: new Date(certificate.validFrom),
          validTo: new Date(certificate.validTo),
          chainTrusted: authorized,
          chainError: authorized ? undefined : String(authorizationError ?? "unknown verification error"),
        });
      });
      socket.once("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(error.code ? `${error.code}: ${error.message}` : error.message));
      });
    });
  }
}

/**
 * The `DNS:` entries of Node's subjectAltName string (`DNS:a.example.com, DNS:*.example.com, IP Address:…`).
 * Node quotes an entry as a JSON string when it contains a comma, quote or other special character.
 */
export function dnsNamesOf(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) {
    return [];
  }
  const names: string[] = [];
  const entry = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (let match = entry.exec(subjectAltName); match && match[0] !== ""; match = entry.exec(subjectAltName)) {
    if (match[1] === "DNS") {
      names.push(match[2].startsWith('"') ? (JSON.parse(match[2]) as string) : match[2]);
    }
  }
  return names;
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split("\n").filter(Boolean).join(", ");
}
