/**
 * Tenant DNS (issue 9 item 4). azurerm v4.55.0 dns_a_record_resource.go: ttl Required, records ConflictsWith
 * target_resource_id and one of the two required at apply, target_resource_id a resource ID; an existing record
 * is refused on create (import it first).
 */
import { App, Testing } from "cdktf";
import { DnsRecords, DnsRecordsProps } from "../lib/edge/dns-records";
import { PlatformStack } from "../stacks/platform-stack";
import { TenantStack } from "../stacks/tenant-stack";
import { TrafficStack } from "../stacks/traffic-stack";
import { stackJson } from "./stack-util";
import { resourcesOf, synthJson, testStack } from "./util";

const PIP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aksgw/providers/Microsoft.Network/publicIPAddresses/pip-agw-aksgw";
const ZONE = { zoneName: "apps.example.com", resourceGroupName: "rg-dns" };

function records(over: Partial<DnsRecordsProps> = {}) {
  const stack = testStack();
  const dns = new DnsRecords(stack, "Dns", { zone: ZONE, hostnames: ["app1.apps.example.com"], targetResourceId: PIP, ...over });
  return { stack, dns, json: synthJson(stack) };
}

describe("DnsRecords", () => {
  test("one alias A record per hostname in the zone, pointing at the public IP resource", () => {
    const { json } = records({ hostnames: ["app1.apps.example.com", "*.team.apps.example.com", "apps.example.com"] });
    const all = Object.values(resourcesOf(json, "azurerm_dns_a_record")) as any[];
    expect(all.map((r) => r.name).sort()).toEqual(["*.team", "@", "app1"]);
    for (const r of all) {
      expect(r).toEqual({ name: r.name, zone_name: "apps.example.com", resource_group_name: "rg-dns", ttl: 300, target_resource_id: PIP });
    }
  });

  test("hostnames outside the zone get no record and a warning naming them", () => {
    const { dns } = records({ hostnames: ["app1.apps.example.com", "shop.example.org", "xapps.example.com"] });
    expect(Object.keys(dns.records)).toEqual(["app1.apps.example.com"]);
    expect(dns.outsideZone).toEqual(["shop.example.org", "xapps.example.com"]);
    const warnings = dns.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings.join()).toMatch(/host names \["shop.example.org","xapps.example.com"\] are outside the DNS zone "apps.example.com"/);
  });

  test("takes a TTL, and the TTL bounds Azure DNS accepts (1 and 2147483647) synthesize", () => {
    for (const ttl of [1, 60, 2147483647]) {
      const [r] = Object.values(resourcesOf(records({ zone: { ...ZONE, ttl } }).json, "azurerm_dns_a_record")) as any[];
      expect(r.ttl).toBe(ttl);
    }
  });

  test.each([
    [{ zone: { ...ZONE, ttl: 0 } }, /zone.ttl must be a whole number of seconds from 1 to 2147483647, got 0/],
    [{ zone: { ...ZONE, ttl: 2147483648 } }, /zone.ttl must be .* got 2147483648/],
    [{ zone: { ...ZONE, ttl: NaN } }, /zone.ttl must be .* got NaN/],
    [{ zone: { ...ZONE, zoneName: "apps.example.com." } }, /zone.zoneName must be a DNS zone name such as "apps.example.com" \(no trailing dot\), got "apps.example.com."/],
    [{ zone: { ...ZONE, zoneName: undefined as any } }, /zone.zoneName must be a DNS zone name .* got undefined/],
    [{ zone: { ...ZONE, resourceGroupName: "rg dns" } }, /zone.resourceGroupName "rg dns"/],
  ])("refuses %j", (over, message) => {
    expect(() => records(over as any)).toThrow(message);
  });
});

describe("TrafficStack dnsZone", () => {
  function build(tenantStacks: string[]) {
    const app = Testing.app();
    const platform = new PlatformStack(app, "platform", {});
    const traffic = new TrafficStack(app, "traffic", { platform, dnsZone: ZONE });
    traffic.addTenant({ name: "web", hostnames: ["web.apps.example.com"] });
    const stacks = tenantStacks.map((name) => {
      const s = new TenantStack(app, `tenant-${name}`, { traffic });
      s.addTenant({ name, hostnames: [`${name}.apps.example.com`] });
      return s;
    });
    return { platform, traffic, stacks };
  }

  test("records live in the tenant's own stack and alias the edge's public IP, read by its literal name", () => {
    const { stacks, traffic } = build(["app1"]);
    const json = stackJson(stacks[0]);
    const [record] = Object.values(json.resource.azurerm_dns_a_record) as any[];
    expect(record).toMatchObject({ name: "app1", zone_name: "apps.example.com", target_resource_id: expect.stringMatching(/^\$\{data\.azurerm_public_ip\.\w+\.id\}$/) });
    expect(Object.values(json.data.azurerm_public_ip)).toEqual([{ name: "pip-agw-aksgw", resource_group_name: "rg-aksgw" }]);
    const trafficJson = stackJson(traffic);
    expect((Object.values(trafficJson.resource.azurerm_dns_a_record) as any[]).map((r) => r.name)).toEqual(["web"]);
  });

  test("adding a tenant stack leaves the platform and traffic stacks byte-identical", () => {
    const before = build(["app1"]);
    const after = build(["app1", "app2"]);
    expect(Testing.synth(after.platform)).toBe(Testing.synth(before.platform));
    expect(Testing.synth(after.traffic)).toBe(Testing.synth(before.traffic));
  });

  test("needs a PlatformStack: an existing platform is refused with the way out", () => {
    expect(
      () =>
        new TrafficStack(new App(), "traffic", {
          platform: { clusterName: "aks", resourceGroupName: "rg", gatewayAddress: "10.240.4.4", gatewaySubnetName: "snet-gateway" },
          dnsZone: ZONE,
        }),
    ).toThrow(/dnsZone "apps.example.com" needs the platform to be a PlatformStack of this app/);
  });
});
