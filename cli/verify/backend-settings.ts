import { Check } from "./check";
import type { ClusterCheckContext } from "./cluster-checks";
import { AZ_HINT, JsonObject, asArray, runJsonList } from "./json-command";
import { PlatformOutputs } from "./outputs";

/** One backend settings of the Application Gateway, as `az network application-gateway http-settings list` prints it. */
export interface BackendSettings {
  readonly name: string;
  /** `Http` or `Https` (`Tcp`/`Tls` for layer-4 settings, which this platform does not create). */
  readonly protocol: string;
  readonly port: number | undefined;
  /** How many trusted root certificates the settings carry (needed for a gateway certificate from a private CA). */
  readonly trustedRootCertificates: number;
}

/** `az network application-gateway http-settings list` for the platform's Application Gateway. */
export function httpSettingsArgs(platform: PlatformOutputs): string[] {
  return [
    "network",
    "application-gateway",
    "http-settings",
    "list",
    "-g",
    platform.resourceGroupName,
    "--gateway-name",
    platform.applicationGatewayName,
    "-o",
    "json",
  ];
}

/** The Application Gateway's backend settings, or a one-line problem. */
export async function listBackendSettings(ctx: ClusterCheckContext): Promise<BackendSettings[] | string> {
  const list = await runJsonList(ctx.commands, "az", httpSettingsArgs(ctx.platform), AZ_HINT);
  if (typeof list === "string") {
    return list;
  }
  return list.map((item: JsonObject) => {
    // az prints the properties flattened; older az versions nest them under `properties`.
    const props: JsonObject = item?.properties ?? item ?? {};
    const port = props.port ?? item?.port;
    return {
      name: String(item?.name ?? "?"),
      protocol: String(props.protocol ?? item?.protocol ?? "?"),
      port: typeof port === "number" ? port : undefined,
      trustedRootCertificates: asArray(props.trustedRootCertificates ?? item?.trustedRootCertificates).length,
    };
  });
}

/** `Https:443`, the way failure messages name a settings' protocol and port. */
export function protocolAndPort(settings: BackendSettings): string {
  return settings.port === undefined ? settings.protocol : `${settings.protocol}:${settings.port}`;
}

/**
 * `appgw-backend-protocol`: every backend settings of the Application Gateway uses the protocol the platform
 * stack declares in `backend_protocol` (`Https` when it re-encrypts to the Gateway). Skipped when the stack
 * does not output it.
 */
export function backendProtocolCheck(ctx: ClusterCheckContext): Check {
  const expected = ctx.platform.backendProtocol;
  return {
    name: "appgw-backend-protocol",
    skipReason: expected === undefined ? "the platform stack has no backend_protocol output (deployed before re-encryption)" : undefined,
    attempt: async () => {
      const settings = await listBackendSettings(ctx);
      if (typeof settings === "string") {
        return settings;
      }
      if (settings.length === 0) {
        return `Application Gateway ${ctx.platform.applicationGatewayName} has no backend settings`;
      }
      const wrong = settings.filter((s) => s.protocol.toLowerCase() !== String(expected).toLowerCase());
      if (wrong.length === 0) {
        return undefined;
      }
      const consequence =
        expected === "Https"
          ? "the Application Gateway does not re-encrypt to the Gateway"
          : "the stack declares plain HTTP to the Gateway";
      const listed = wrong.map((s) => `backend settings ${s.name} uses ${protocolAndPort(s)}`).join("; ");
      return `${listed}; backend_protocol is ${String(expected)}: ${consequence}`;
    },
  };
}
