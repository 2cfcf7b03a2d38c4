import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { ListenerCertificate } from "../lib/edge/listener-certificate";
import { testStack } from "./util";

const SECRET_ID = "https://kv-edge.vault.azure.net/secrets/www-example-com";
const DNS_NAMES = ["www.example.com"];
const IDENTITY_ID =
  "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-agw";

function scope(): Construct {
  return new Construct(testStack(), "Edge");
}

function warnings(c: Construct): string[] {
  return c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

describe("ListenerCertificate", () => {
  test("fromKeyVault resolves the secret ID and the identity ID, without warnings", () => {
    const s = scope();
    const config = ListenerCertificate.fromKeyVault({ secretId: SECRET_ID, identity: { id: IDENTITY_ID }, dnsNames: DNS_NAMES }).bind(s);
    expect(config).toEqual({ secretId: SECRET_ID, identityId: IDENTITY_ID, dependsOn: [], dnsNames: DNS_NAMES });
    expect(warnings(s)).toEqual([]);
  });

  test("a versioned secret ID is accepted with a warning about renewals", () => {
    const s = scope();
    const versioned = `${SECRET_ID}/0123456789abcdef0123456789abcdef`;
    expect(ListenerCertificate.fromKeyVault({ secretId: versioned, identity: { id: IDENTITY_ID }, dnsNames: DNS_NAMES }).bind(s).secretId).toBe(versioned);
    expect(warnings(s)).toEqual([expect.stringMatching(/names a secret version, so certificate renewals are not picked up/)]);
  });

  test("throws when the secret ID is a Key Vault certificate identifier", () => {
    const cert = ListenerCertificate.fromKeyVault({
      secretId: "https://kv-edge.vault.azure.net/certificates/www-example-com",
      identity: { id: IDENTITY_ID },
      dnsNames: DNS_NAMES,
    });
    expect(() => cert.bind(scope())).toThrow(/test\/Edge: tls secretId .* is a Key Vault certificate identifier; .*secrets/);
  });

  test("throws when the secret ID is not a Key Vault secret identifier", () => {
    const cert = ListenerCertificate.fromKeyVault({ secretId: "http://kv-edge.vault.azure.net/secrets/www", identity: { id: IDENTITY_ID }, dnsNames: DNS_NAMES });
    expect(() => cert.bind(scope())).toThrow(
      /tls secretId "http:\/\/kv-edge.vault.azure.net\/secrets\/www" is not a Key Vault secret identifier like https:\/\/<vault>.vault.azure.net\/secrets\/<name>/,
    );
  });

  test("throws when the identity ID is not a user-assigned identity", () => {
    const cert = ListenerCertificate.fromKeyVault({ secretId: SECRET_ID, identity: { id: "id-agw" }, dnsNames: DNS_NAMES });
    expect(() => cert.bind(scope())).toThrow(/tls identity.id "id-agw" is not a user-assigned identity resource ID like \/subscriptions\/<subscriptions>\/resourceGroups\/.*\/userAssignedIdentities\/<userAssignedIdentities>/);
  });
});

describe("ListenerCertificate dnsNames", () => {
  const cert = (dnsNames: string[]) => ListenerCertificate.fromKeyVault({ secretId: SECRET_ID, identity: { id: IDENTITY_ID }, dnsNames });
  const bind = (dnsNames: string[], prop?: string) => () => cert(dnsNames).bind(scope(), prop);

  test("exposes the names as given and binds exact and wildcard names", () => {
    const c = cert(["www.example.com", "*.apps.example.com", "xn--bcher-kva.example"]);
    expect(c.dnsNames).toEqual(["www.example.com", "*.apps.example.com", "xn--bcher-kva.example"]);
    expect(c.bind(scope()).dnsNames).toEqual(["www.example.com", "*.apps.example.com", "xn--bcher-kva.example"]);
  });

  test("a label of 63 characters and a name of 253 characters are accepted", () => {
    const label63 = "a".repeat(63);
    const name253 = [label63, label63, label63, "b".repeat(58), "io"].join(".");
    expect(name253).toHaveLength(253);
    expect(bind([`${label63}.example.com`, name253])).not.toThrow();
  });

  test("throws when dnsNames is missing (a JavaScript caller) or empty", () => {
    expect(bind(undefined as unknown as string[])).toThrow(
      /test\/Edge: tls dnsNames must list the DNS names the certificate covers \(at least one literal.*got undefined/,
    );
    expect(bind([])).toThrow(/tls dnsNames must list the DNS names the certificate covers .*got \[\]/);
  });

  test("throws when a name is a token (coverage is checked at synth)", () => {
    const stack = testStack();
    const name = new TerraformVariable(stack, "host", { type: "string" }).stringValue;
    expect(() => cert([name]).bind(new Construct(stack, "Edge"))).toThrow(/tls dnsNames\[0\] must be a literal string/);
  });

  test("the message names the prop the certificate was given in", () => {
    expect(bind(["WWW.example.com"], "additionalCertificates[2]")).toThrow(
      /test\/Edge: additionalCertificates\[2\] dnsNames\[0\] "WWW.example.com" has upper-case letters; write DNS names in lower case/,
    );
  });

  test.each([
    ["a wildcard inside a label", "w*.example.com", /has a wildcard that is not the whole first label/],
    ["a wildcard below the first label", "www.*.example.com", /has a wildcard that is not the whole first label/],
    ["a bare wildcard", "*", /has a wildcard that is not the whole first label/],
    ["a wildcard right under a top-level domain", "*.com", /is a wildcard directly under a top-level domain/],
    ["a trailing dot", "www.example.com.", /is not an RFC 1123 DNS name/],
    ["an underscore", "my_host.example.com", /is not an RFC 1123 DNS name/],
    ["a label starting with a hyphen", "-www.example.com", /is not an RFC 1123 DNS name/],
    ["a label of 64 characters", `${"a".repeat(64)}.example.com`, /is not an RFC 1123 DNS name/],
    ["a name of 254 characters", `${"a.".repeat(126)}io`, /must be 1 to 253 characters long/],
    ["an IPv4 address", "10.0.0.1", /is an IP address or ends in a numeric label/],
    ["an empty string", "", /must be 1 to 253 characters long/],
  ])("throws when a name has %s", (_what, name, message) => {
    expect(bind(["ok.example.com", name])).toThrow(new RegExp(`tls dnsNames\\[1\\] ${escape(JSON.stringify(name))} ${message.source}`));
  });

  test("throws when a name is listed twice", () => {
    expect(bind(["a.example.com", "*.example.com", "a.example.com"])).toThrow(
      /tls dnsNames lists "a.example.com" twice \(at 0 and 2\); list each name once/,
    );
  });
});

describe("ListenerCertificate.covers (RFC 6125)", () => {
  const cert = ListenerCertificate.fromKeyVault({
    secretId: SECRET_ID,
    identity: { id: IDENTITY_ID },
    dnsNames: ["example.com", "*.example.com", "*.apps.example.net"],
  });

  test.each([
    ["the exact name", "example.com", true],
    ["the exact name in another case", "EXAMPLE.com", true],
    ["one label under the wildcard", "a.example.com", true],
    ["two labels under the wildcard", "a.b.example.com", false],
    ["the wildcard's parent", "example.net", false],
    ["the wildcard's own domain without a label", "apps.example.net", false],
    ["one label under the second wildcard", "shop.apps.example.net", true],
    ["the same wildcard host name", "*.apps.example.net", true],
    ["a narrower wildcard host name", "*.eu.apps.example.net", false],
    ["a wildcard host name the certificate does not list", "*.other.example.com", false],
    ["a wildcard host name under the wildcard it does list", "*.example.com", true],
    ["another domain", "example.org", false],
    ["an empty host name", "", false],
    ["a single label", "localhost", false],
  ])("%s: %s → %s", (_what, hostname, expected) => {
    expect(cert.covers(hostname)).toBe(expected);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
