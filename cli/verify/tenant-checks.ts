import { Check, skippedCheck } from "./check";
import { CertificateCheckContext, certificateCheck } from "./certificate-check";
import { isWildcard } from "./hostname-match";
import { HttpCheckContext, hostRedirectCheck } from "./http-checks";
import { TrafficOutputs } from "./outputs";

/** Why a wildcard tenant hostname gets no per-hostname checks. */
export const WILDCARD_SKIP_REASON = "wildcard hostname: no request can be sent to it (SNI and Host need a concrete name)";

/**
 * Per tenant hostname (the traffic stack's `tenant_hostnames`), with HTTPS on: `tls-certificate <name>` and
 * `http-redirects-to-https <name>`, both against the public IP. One SKIP line instead when HTTPS is off, the
 * traffic outputs are unavailable, the stack predates the output, or it declares no hostname; two SKIP lines
 * for each wildcard.
 */
export function tenantHostnameChecks(
  http: HttpCheckContext,
  certificate: CertificateCheckContext,
  traffic: TrafficOutputs | undefined,
): Check[] {
  const group = "tenant-hostnames";
  if (!http.platform.httpsEnabled) {
    return [skippedCheck(group, "https_enabled is false")];
  }
  if (!traffic) {
    return [skippedCheck(group, "traffic stack outputs unavailable")];
  }
  if (traffic.tenantHostnames === undefined) {
    return [skippedCheck(group, "the traffic stack has no tenant_hostnames output (deployed before per-hostname TLS checks)")];
  }
  if (traffic.tenantHostnames.length === 0) {
    return [skippedCheck(group, "the traffic stack declares no tenant hostnames")];
  }
  return traffic.tenantHostnames.flatMap((hostname) =>
    isWildcard(hostname)
      ? [
          skippedCheck(`tls-certificate ${hostname}`, WILDCARD_SKIP_REASON),
          skippedCheck(`http-redirects-to-https ${hostname}`, WILDCARD_SKIP_REASON),
        ]
      : [certificateCheck(certificate, hostname), hostRedirectCheck(http, hostname)],
  );
}
