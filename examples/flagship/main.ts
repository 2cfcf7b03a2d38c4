/**
 * Entry point of the flagship example (cdktf.json runs the compiled form of this file).
 *
 * Optional settings come from the environment, so nothing is edited to try it:
 *   AKSGW_LOCATION, AKSGW_PREFIX, AKSGW_HOSTNAME, AKSGW_NODE_VM_SIZE,
 *   AKSGW_TLS_SECRET_ID + AKSGW_TLS_IDENTITY_ID (HTTPS with a Key Vault certificate).
 */
import { App } from "cdktf";
import { buildFlagship } from "./flagship";

const env = process.env;
const app = new App();
buildFlagship(app, {
  location: env.AKSGW_LOCATION,
  namePrefix: env.AKSGW_PREFIX,
  hostname: env.AKSGW_HOSTNAME,
  nodeVmSize: env.AKSGW_NODE_VM_SIZE,
  tls:
    env.AKSGW_TLS_SECRET_ID && env.AKSGW_TLS_IDENTITY_ID
      ? { keyVaultSecretId: env.AKSGW_TLS_SECRET_ID, identityId: env.AKSGW_TLS_IDENTITY_ID }
      : undefined,
});
app.synth();
