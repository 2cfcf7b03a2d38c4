/**
 * Certificate coverage at the edge: every tenant hostname must get, from the Application Gateway, a certificate
 * that covers it. Internal to the stacks (the check needs both the edge and the tenants of every stack).
 */
import { Token } from "cdktf";
import { ApplicationGateway } from "../../lib/edge/application-gateway";
import { Tenant } from "../../lib/tenancy/tenant";

/** Problems for tenant hostnames the certificate the edge serves for them does not cover; none without HTTPS. */
export function edgeCoverageProblems(edge: ApplicationGateway, tenants: readonly Tenant[]): string[] {
  if (!edge.httpsEnabled) return [];
  const tried = edge.certificates.map((c) => `${c.secretId} (dnsNames ${JSON.stringify(c.dnsNames)})`).join("; ");
  return tenants.flatMap((tenant) =>
    tenant.hostnames
      .filter((h) => !Token.isUnresolved(h))
      .filter((h) => !edge.certificateFor(h)?.covers(h))
      .map((h) => {
        const served = edge.certificateFor(h);
        return (
          `${tenant.node.path}: tenant hostname ${JSON.stringify(h)} is not covered at the edge: the Application Gateway ` +
          `would serve ${served ? `the certificate with dnsNames ${JSON.stringify(served.dnsNames)}` : "no certificate"} for it, ` +
          `and browsers would refuse the connection. Certificates tried: ${tried}. Add ${JSON.stringify(h)} (or a wildcard ` +
          `one label above it) to a certificate and its dnsNames, or give edge.additionalCertificates one for its domain.`
        );
      }),
  );
}
