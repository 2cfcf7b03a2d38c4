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
