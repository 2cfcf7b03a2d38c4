import { AttemptOutcome, Check, passedWithNote } from "./check";
import { Endpoint } from "./http-checks";
import { coveringName } from "./hostname-match";
import { ServedCertificate, TlsProber } from "./tls-probe";

/** `--cert-min-days` default: three weeks leaves time to notice and rotate a certificate that did not renew. */
export const DEFAULT_CERT_MIN_DAYS = 21;
/** Largest `--cert-min-days`; public certificates live at most 398 days. */
export const MAX_CERT_MIN_DAYS = 365;

const DAY_MS = 86_400_000;

/** What a served certificate must satisfy for one tenant hostname. */
export interface CertificateExpectation {
  readonly hostname: string;
  /** The certificate must stay valid at least this many days from `now`. */
  readonly minDays: number;
  /** Whether an untrusted chain is a problem (false under `--insecure`). */
  readonly verifyChain: boolean;
  readonly now: Date;
}

/** Everything wrong with `certificate` for the expectation, one phrase each; empty when it is fine. */
export function certificateProblems(certificate: ServedCertificate, expected: CertificateExpectation): string[] {
  const problems: string[] = [];
  if (coveringName(certificate.dnsNames, expected.hostname) === undefined) {
    problems.push(`does not cover ${expected.hostname}`);
  }
  const now = expected.now.getTime();
  if (certificate.validFrom.getTime() > now) {
    problems.push(`is not valid before ${isoDate(certificate.validFrom)}`);
  }
  const remainingMs = certificate.validTo.getTime() - now;
  if (remainingMs <= 0) {
    problems.push(`expired on ${isoDate(certificate.validTo)}`);
  } else if (remainingMs < expected.minDays * DAY_MS) {
    const days = daysLeft(certificate, expected.now);
    problems.push(`expires in ${days} days (${isoDate(certificate.validTo)}), less than --cert-min-days ${expected.minDays}`);
  }
  if (expected.verifyChain && !certificate.chainTrusted) {
    problems.push(
      `has an untrusted chain (${certificate.chainError ?? "unknown"}); for a private CA set NODE_EXTRA_CA_CERTS to its PEM file, ` +
        "for a self-signed test certificate pass --insecure",
    );
  }
  return problems;
}

/** Subject, SANs, issuer and days left, for a failure message. */
export function describeCertificate(certificate: ServedCertificate, now: Date): string {
  const sans = certificate.dnsNames.length ? certificate.dnsNames.join(", ") : "none";
  const subject = certificate.subject || "(empty)";
  const issuer = certificate.issuer || "(empty)";
  return `subject ${subject}; DNS SANs: ${sans}; issuer ${issuer}; ${daysLeft(certificate, now)} days left`;
}

/** Whole days until `validTo`, rounded down; negative once expired. */
export function daysLeft(certificate: ServedCertificate, now: Date): number {
  return Math.floor((certificate.validTo.getTime() - now.getTime()) / DAY_MS);
}

/** What the certificate check talks to and how strict it is. */
export interface CertificateCheckContext {
  readonly tls: TlsProber;
  readonly endpoint: Endpoint;
  readonly minDays: number;
  readonly insecure: boolean;
  readonly now: () => Date;
}

/**
 * `tls-certificate <hostname>`: the certificate the edge serves for SNI = hostname, on the HTTPS endpoint
 * (the public IP, so it works before DNS points there), covers the hostname, is valid for `minDays` more
 * days and chains to a trusted CA (unless `insecure`).
 */
export function certificateCheck(ctx: CertificateCheckContext, hostname: string): Check {
  const { host, port } = tlsAddress(ctx.endpoint.httpsBaseUrl);
  const where = `${host.includes(":") ? `[${host}]` : host}:${port} (SNI ${hostname})`;
  return {
    name: `tls-certificate ${hostname}`,
    attempt: async (): Promise<AttemptOutcome> => {
      let certificate: ServedCertificate;
      try {
        certificate = await ctx.tls.probe({ host, port, servername: hostname });
      } catch (error) {
        return `TLS handshake with ${where} failed: ${(error as Error).message}`;
      }
      const now = ctx.now();
      const problems = certificateProblems(certificate, { hostname, minDays: ctx.minDays, verifyChain: !ctx.insecure, now });
      if (problems.length > 0) {
        return `certificate served at ${where} ${problems.join("; ")} — ${describeCertificate(certificate, now)}`;
      }
      return ctx.insecure ? passedWithNote("chain not verified: --insecure") : undefined;
    },
  };
}

/** Host (brackets removed) and port of an `https://` base URL; 443 when it names none. */
export function tlsAddress(httpsBaseUrl: string): { host: string; port: number } {
  const url = new URL(httpsBaseUrl);
  return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: url.port ? Number(url.port) : 443 };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
