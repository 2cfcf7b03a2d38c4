// ApplicationGateway toward the shared Gateway over HTTPS (re-encryption), with and without a trusted root.
import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";
import { ApplicationGateway, BackendProtocol } from "../lib/edge/application-gateway";
import { HealthProbe } from "../lib/edge/health-probe";
import { TrustedRootCertificate } from "../lib/edge/trusted-root-certificate";
import { GATEWAY_IP, build, defaultCertificate, gateway, secretId, synthGateway } from "./edge-fixtures";
import { resourcesOf, synthJson, testStack } from "./util";

const PROBE_HOST = "health.apps.example.com";
const probe = () => HealthProbe.gatewayRoute({ host: PROBE_HOST });
const https = { tls: defaultCertificate(), backendProtocol: BackendProtocol.HTTPS, probe: probe() };

describe("ApplicationGateway backendProtocol HTTPS", () => {
  test("backend settings use HTTPS on 443 with no host override, so the client's Host and SNI reach the Gateway", () => {
    const { json, construct } = synthGateway(https);
    expect(json.backend_http_settings).toEqual([
      {
        name: "shared-gateway-http",
        port: 443,
        protocol: "Https",
        cookie_based_affinity: "Disabled",
        pick_host_name_from_backend_address: false,
        request_timeout: 60,
        probe_name: "shared-gateway-health",
      },
    ]);
    expect(construct.backendProtocol).toBe(BackendProtocol.HTTPS);
    expect(construct.backendPort).toBe(443);
  });

  test("the probe uses HTTPS (the settings' protocol) with its own host on the backend port", () => {
    const { json, construct } = synthGateway(https);
    expect(json.probe).toEqual([
      {
        name: "shared-gateway-health",
        protocol: "Https",
        path: "/healthz/ready",
        host: PROBE_HOST,
        pick_host_name_from_backend_http_settings: false,
        port: 443,
        interval: 30,
        timeout: 30,
        unhealthy_threshold: 3,
        match: { status_code: ["200-399"] },
      },
    ]);
    expect(construct.probeHost).toBe(PROBE_HOST);
  });

  test("an explicit backendPort wins over the HTTPS default", () => {
    const { json, construct } = synthGateway({ ...https, backendPort: 8443 });
    expect(json.backend_http_settings[0].port).toBe(8443);
    expect(json.probe[0].port).toBe(8443);
    expect(construct.backendPort).toBe(8443);
  });

  test("keeps the HTTPS listener and the redirect; no trusted root without one", () => {
    const { json } = synthGateway(https);
    expect(json.http_listener.map((l: any) => l.name)).toEqual(["http", "https"]);
    expect(json.redirect_configuration).toHaveLength(1);
    expect(json.trusted_root_certificate).toBeUndefined();
  });

  test("HTTP is the default: protocol Http on port 80, attributes say so", () => {
    const { json, construct } = synthGateway({ tls: defaultCertificate() });
    expect(json.backend_http_settings[0]).toEqual(expect.objectContaining({ protocol: "Http", port: 80 }));
    expect(json.probe[0].protocol).toBe("Http");
    expect(construct.backendProtocol).toBe(BackendProtocol.HTTP);
    expect(construct.backendPort).toBe(ApplicationGateway.DEFAULT_BACKEND_PORT);
  });

  test("BackendProtocol.HTTP explicitly renders exactly the default", () => {
    expect(synthGateway({ tls: defaultCertificate(), backendProtocol: BackendProtocol.HTTP }).json).toEqual(
      synthGateway({ tls: defaultCertificate() }).json,
    );
  });

  test("a probe host given as a token is not checked", () => {
    const stack = testStack();
    const host = new TerraformVariable(stack, "probe_host", { type: "string" }).stringValue;
    gateway(stack, { ...https, probe: HealthProbe.gatewayRoute({ host }) });
    const res = Object.values(resourcesOf(synthJson(stack), "azurerm_application_gateway"))[0] as any;
    expect(res.probe[0].host).toBe("${var.probe_host}");
  });

  test("throws when tls is not set", () => {
    expect(build({ backendProtocol: BackendProtocol.HTTPS, probe: probe() })).toThrow(
      /test\/Edge: backendProtocol is "Https" but tls is not set: re-encrypting toward the Gateway protects nothing .*Set tls to a listener certificate, or use BackendProtocol.HTTP/,
    );
  });

  test("throws when the probe host is the default (the backend IP)", () => {
    expect(build({ tls: defaultCertificate(), backendProtocol: BackendProtocol.HTTPS })).toThrow(
      new RegExp(
        `test/Edge: probe host "${GATEWAY_IP.replace(/\./g, "\\.")}" \\(the default: backendAddress\\) is an IP address, .*no SNI for an IP .*` +
          `Set HealthProbe.gatewayRoute\\(\\{ host: "health.example.com" \\}\\) to a DNS name the Gateway's certificate covers`,
      ),
    );
  });

  test("throws when the probe host is an IP given explicitly", () => {
    expect(build({ ...https, probe: HealthProbe.gatewayRoute({ host: "10.240.4.5" }) })).toThrow(
      /test\/Edge: probe host "10.240.4.5" is an IP address, but with backendProtocol "Https"/,
    );
  });

  test("throws when the probe targets Envoy's status port (plain HTTP)", () => {
    expect(build({ ...https, probe: HealthProbe.envoyStatusPort({ host: PROBE_HOST }) })).toThrow(
      /test\/Edge: probe is HealthProbe.envoyStatusPort\(\) \(port 15021\) but backendProtocol is "Https": .*Use HealthProbe.gatewayRoute/,
    );
  });

  test("throws when backendProtocol is not a BackendProtocol (a JavaScript caller)", () => {
    expect(build({ ...https, backendProtocol: "https" as BackendProtocol })).toThrow(
      /test\/Edge: backendProtocol must be BackendProtocol.HTTP or BackendProtocol.HTTPS \(\["Http","Https"\]\), got "https"/,
    );
  });
});

describe("ApplicationGateway trustedRootCertificate", () => {
  const ROOT = secretId("gateway-root-ca");
  const root = () => TrustedRootCertificate.fromKeyVault({ secretId: ROOT });

  test("is read from Key Vault and trusted by the backend settings", () => {
    const { json } = synthGateway({ ...https, trustedRootCertificate: root() });
    expect(json.trusted_root_certificate).toEqual([{ name: "gateway-root-ca", key_vault_secret_id: ROOT }]);
    expect(json.backend_http_settings[0].trusted_root_certificate_names).toEqual(["gateway-root-ca"]);
    expect(json.identity.identity_ids).toHaveLength(1);
  });

  test("throws when the backend protocol is HTTP", () => {
    expect(build({ tls: defaultCertificate(), trustedRootCertificate: root() })).toThrow(
      /test\/Edge: trustedRootCertificate ".*gateway-root-ca" is set but backendProtocol is "Http": .*Set backendProtocol: BackendProtocol.HTTPS, or remove trustedRootCertificate/,
    );
  });

  test("throws when the secret ID is not a Key Vault secret identifier", () => {
    const bad = TrustedRootCertificate.fromKeyVault({ secretId: "https://kv-edge.vault.azure.net/certificates/root" });
    expect(build({ ...https, trustedRootCertificate: bad })).toThrow(
      /test\/Edge: trustedRootCertificate secretId "https:\/\/kv-edge.vault.azure.net\/certificates\/root" is a Key Vault certificate identifier; use the certificate's secret identifier/,
    );
  });

  test("throws when the secrets segment is mis-cased (azurerm parses it case-sensitively)", () => {
    const bad = TrustedRootCertificate.fromKeyVault({ secretId: ROOT.replace("/secrets/", "/Secrets/") });
    expect(() => bad.bind(new Construct(testStack(), "Edge"))).toThrow(/trustedRootCertificate secretId .* spells "Secrets"/);
  });

  test("accepts a token secret ID", () => {
    const stack = testStack();
    const id = new TerraformVariable(stack, "root", { type: "string" }).stringValue;
    gateway(stack, { ...https, trustedRootCertificate: TrustedRootCertificate.fromKeyVault({ secretId: id }) });
    const res = Object.values(resourcesOf(synthJson(stack), "azurerm_application_gateway"))[0] as any;
    expect(res.trusted_root_certificate[0].key_vault_secret_id).toBe("${var.root}");
  });
});
