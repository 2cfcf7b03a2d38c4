import { DnsARecord } from "@cdktf/provider-azurerm/lib/dns-a-record";
import { Annotations, Token } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { show } from "../core/show";
import { resourceGroupNameProblem } from "../core/azure-names";

/** An Azure DNS zone that exists already (public or delegated), by name. */
export interface DnsZoneRef {
  /** Name of the zone, e.g. `apps.example.com`. */
  readonly zoneName: string;
  /** Resource group of the zone. */
  readonly resourceGroupName: string;
  /**
   * TTL of the records, in seconds.
   *
   * @default 300 (`DnsRecords.DEFAULT_TTL`)
   */
  readonly ttl?: number;
}

/** Props of {@link DnsRecords}. */
export interface DnsRecordsProps {
  /** The zone the records go into. */
  readonly zone: DnsZoneRef;
  /**
   * Host names to publish, exact (`app1.apps.example.com`) or wildcard (`*.apps.example.com`). Names outside the
   * zone get no record and a warning: publish them in their own zone.
   */
  readonly hostnames: readonly string[];
  /**
   * Resource ID of the public IP the records alias: the Application Gateway's, so clients reach the WAF (never
   * the Gateway's internal address, which the app-routing add-on's ExternalDNS would publish).
   */
  readonly targetResourceId: string;
}

/**
 * Alias A records in an Azure DNS zone, one per host name, pointing at a public IP resource (the Application
 * Gateway's). An alias follows the IP if it ever changes, and the zone apex can be an alias too.
 *
 * azurerm refuses to create a record that exists already (it must be imported first): a host name served by
 * another ingress today (say, NGINX) keeps its record until you import or delete it; see docs/migration.md.
 *
 * Construct ids: one `azurerm_dns_a_record` per host name, the host name as id.
 *
 * @see https://learn.microsoft.com/azure/dns/dns-alias
 */
export class DnsRecords extends Construct {
  /** Default TTL of the records, in seconds. */
  public static readonly DEFAULT_TTL = 300;

  /** The records, by host name. */
  public readonly records: { readonly [hostname: string]: DnsARecord } = {};
  /** Host names that lie outside the zone and got no record. */
  public readonly outsideZone: readonly string[];

  constructor(scope: Construct, id: string, props: DnsRecordsProps) {
    super(scope, id);
    const ttl = props.zone.ttl ?? DnsRecords.DEFAULT_TTL;
    this.validate(props.zone, ttl);
    const zone = props.zone.zoneName.toLowerCase();
    const outside: string[] = [];
    for (const hostname of props.hostnames) {
      if (Token.isUnresolved(hostname)) continue;
      const name = relativeName(hostname.toLowerCase(), zone);
      if (name === undefined) {
        outside.push(hostname);
        continue;
      }
      (this.records as { [hostname: string]: DnsARecord })[hostname] = new DnsARecord(this, hostname, {
        name,
        zoneName: props.zone.zoneName,
        resourceGroupName: props.zone.resourceGroupName,
        ttl,
        targetResourceId: props.targetResourceId,
      });
    }
    this.outsideZone = outside;
    if (outside.length > 0) {
      Annotations.of(this).addWarning(
        `host names ${show(outside)} are outside the DNS zone ${show(props.zone.zoneName)} and get no record; publish ` +
          `them in their own zone, pointing at the Application Gateway's public IP.`,
      );
    }
  }

  private validate(zone: DnsZoneRef, ttl: number): void {
    const fail = (message: string): never => {
      throw new ValidationError(this, message);
    };
    const name = zone.zoneName;
    if (!Token.isUnresolved(name) && !(typeof name === "string" && /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(name))) {
      fail(`zone.zoneName must be a DNS zone name such as "apps.example.com" (no trailing dot), got ${show(name)}.`);
    }
    const group = zone.resourceGroupName;
    const groupProblem = Token.isUnresolved(group) ? undefined : resourceGroupNameProblem(`${group}`);
    if (groupProblem) fail(`zone.resourceGroupName ${show(group)} ${groupProblem}.`);
    // Azure DNS accepts TTLs of 1 to 2147483647 seconds (Azure Proactive Resiliency Library, dnsZones); azurerm checks none.
    if (!Token.isUnresolved(ttl) && !(Number.isInteger(ttl) && ttl >= 1 && ttl <= 2147483647)) {
      fail(`zone.ttl must be a whole number of seconds from 1 to 2147483647, got ${show(ttl)}. Leave it out for ${DnsRecords.DEFAULT_TTL}.`);
    }
  }
}

/** The record name of `hostname` in `zone` (`@` for the apex, `*.apps` for a wildcard), or `undefined` outside it. */
function relativeName(hostname: string, zone: string): string | undefined {
  if (hostname === zone) return "@";
  return hostname.endsWith(`.${zone}`) ? hostname.slice(0, -(zone.length + 1)) : undefined;
}
