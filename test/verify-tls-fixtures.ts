/**
 * Throw-away X.509 certificates and TLS servers on 127.0.0.1 for the verifier's TLS tests.
 *
 * Keys come from Node's `crypto` (EC P-256); certificates from the `openssl` command line (`req -new` then
 * `x509 -req`, which OpenSSL 1.1, 3.x and LibreSSL all accept). Validity is relative to now (`-days`), so no
 * test depends on the date it runs. Everything is written to one temporary directory, removed by `cleanup`.
 */
import { execFileSync } from "child_process";
import { generateKeyPairSync, randomBytes } from "crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import * as path from "path";
import * as tls from "tls";

/** A key and certificate in PEM, plus the files openssl needs to sign with them. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
  readonly keyPath: string;
  readonly certPath: string;
}

export interface LeafOptions {
  /** Subject common name. */
  readonly cn: string;
  /** subjectAltName DNS entries. */
  readonly dnsNames: readonly string[];
  /**
   * subjectAltName IP entries.
   *
   * @default - none
   */
  readonly ipAddresses?: readonly string[];
  /** Validity from now. */
  readonly days: number;
  /**
   * The CA that signs it.
   *
   * @default - self-signed
   */
  readonly ca?: TestCertificate;
}

/** The `openssl version` line, or undefined when openssl is not on PATH. */
export function opensslVersion(): string | undefined {
  try {
    return execFileSync("openssl", ["version"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

/** Makes certificates in a temporary directory. */
export class CertificateFactory {
  private readonly dir = mkdtempSync(path.join(tmpdir(), "verify-tls-"));
  private count = 0;

  /** A self-signed CA certificate (basicConstraints CA:TRUE, keyCertSign). */
  public ca(cn: string, days = 30): TestCertificate {
    return this.issue(cn, days, ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"]);
  }

  /** A server certificate for the given DNS names, signed by `ca` or self-signed. */
  public leaf(options: LeafOptions): TestCertificate {
    const extensions = ["basicConstraints=CA:FALSE", "extendedKeyUsage=serverAuth", "keyUsage=critical,digitalSignature"];
    const sans = [...options.dnsNames.map((name) => `DNS:${name}`), ...(options.ipAddresses ?? []).map((ip) => `IP:${ip}`)];
    if (sans.length > 0) {
      extensions.push(`subjectAltName=${sans.join(",")}`);
    }
    return this.issue(options.cn, options.days, extensions, options.ca);
  }

  public cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private issue(cn: string, days: number, extensions: readonly string[], ca?: TestCertificate): TestCertificate {
    const base = path.join(this.dir, `c${++this.count}`);
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const key = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    writeFileSync(`${base}.key`, key);
    writeFileSync(`${base}.ext`, `${extensions.join("\n")}\n`);
    openssl(["req", "-new", "-key", `${base}.key`, "-subj", `/CN=${cn}`, "-out", `${base}.csr`]);
    const signer = ca ? ["-CA", ca.certPath, "-CAkey", ca.keyPath] : ["-signkey", `${base}.key`];
    const serial = `0x${randomBytes(8).toString("hex")}`;
    openssl([
      "x509",
      "-req",
      "-in",
      `${base}.csr`,
      ...signer,
      "-set_serial",
      serial,
      "-days",
      String(days),
      "-extfile",
      `${base}.ext`,
      "-out",
      `${base}.pem`,
    ]);
    return { key, cert: readFileSync(`${base}.pem`, "utf8"), keyPath: `${base}.key`, certPath: `${base}.pem` };
  }
}

function openssl(args: readonly string[]): void {
  execFileSync("openssl", [...args], { stdio: ["ignore", "ignore", "pipe"] });
}

/** A TLS (HTTPS) server on 127.0.0.1 that picks its certificate by SNI and records the SNI of each handshake. */
export class SniServer {
  /**
   * @param byServername certificate per exact SNI value
   * @param fallback certificate for any other SNI (and for none)
   * @param handler answers HTTP requests after the handshake
   */
  static async start(
    byServername: Record<string, TestCertificate>,
    fallback: TestCertificate,
    handler: http.RequestListener = (_req, res) => res.end("tls"),
  ): Promise<SniServer> {
    const contexts = new Map(
      Object.entries(byServername).map(([name, c]) => [name, tls.createSecureContext({ key: c.key, cert: c.cert })]),
    );
    const server = https.createServer(
      {
        key: fallback.key,
        cert: fallback.cert,
        // Called with the ClientHello, before the certificate is sent: the record is there when the client returns.
        SNICallback: (servername, callback) => {
          started.servernames.push(servername);
          callback(null, contexts.get(servername));
        },
      },
      handler,
    );
    const started = new SniServer(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return started;
  }

  /** SNI of each handshake that sent one, in order. */
  readonly servernames: string[] = [];

  private constructor(private readonly server: https.Server) {}

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
