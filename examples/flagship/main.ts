/**
 * Entry point of the flagship example (cdktf.json runs the compiled form of this file).
 *
 * Optional settings come from the environment, so nothing is edited to try it:
 *   AKSGW_LOCATION, AKSGW_PREFIX, AKSGW_HOSTNAME, AKSGW_NODE_VM_SIZE,
 *   AKSGW_API_SERVER_RANGES (comma-separated IPv4 ranges allowed to reach the API server; set it to your egress IP
 *   before deploying, e.g. "$(curl -s https://api.ipify.org)/32"; unset: a documentation range that reaches nothing),
 *   AKSGW_TLS_SECRET_ID + AKSGW_TLS_IDENTITY_ID + AKSGW_TLS_KEY_VAULT_ID (HTTPS end to end with a Key Vault
 *   certificate; AKSGW_TLS_DNS_NAMES, comma-separated, when it names more than the hostname and its wildcard),
 *   AKSGW_STATE_RESOURCE_GROUP + AKSGW_STATE_STORAGE_ACCOUNT + AKSGW_STATE_CONTAINER (state in Azure Storage),
 *   AKSGW_APP1_OWNERS, AKSGW_APP2_OWNERS (comma-separated Entra ID group object IDs owning each tenant).
 */
import { App } from "cdktf";
import { apiServerRangesFromEnv, buildFlagship, tlsSettingsFromEnv } from "./flagship";
import { StateBackend } from "cdktf-aks-gateway";

const env = process.env;
const app = new App();
buildFlagship(app, {
  location: env.AKSGW_LOCATION,
  namePrefix: env.AKSGW_PREFIX,
  hostname: env.AKSGW_HOSTNAME,
  nodeVmSize: env.AKSGW_NODE_VM_SIZE,
  apiServerIpRanges: apiServerRangesFromEnv(env),
  tls: tlsSettingsFromEnv(env),
  tenantOwners: {
    app1: (env.AKSGW_APP1_OWNERS ?? "").split(",").filter((g) => g.trim() !== ""),
    app2: (env.AKSGW_APP2_OWNERS ?? "").split(",").filter((g) => g.trim() !== ""),
  },
  backend:
    env.AKSGW_STATE_RESOURCE_GROUP && env.AKSGW_STATE_STORAGE_ACCOUNT && env.AKSGW_STATE_CONTAINER
      ? StateBackend.azureStorage({
          resourceGroupName: env.AKSGW_STATE_RESOURCE_GROUP,
          storageAccountName: env.AKSGW_STATE_STORAGE_ACCOUNT,
          containerName: env.AKSGW_STATE_CONTAINER,
        })
      : undefined,
});
app.synth();

