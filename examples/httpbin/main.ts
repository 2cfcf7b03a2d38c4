/**
 * Entry point of the httpbin example. Run it with
 *   npm run build && CHECKPOINT_DISABLE=1 npx cdktf synth --app "node dist/examples/httpbin/main.js"
 * Optional settings: AKSGW_LOCATION, AKSGW_PREFIX, AKSGW_API_SERVER_RANGES (comma-separated IPv4 ranges allowed
 * to reach the API server; unset: a documentation range that reaches nothing).
 */
import { App } from "cdktf";
import { buildHttpbin } from "./httpbin";
import { apiServerRangesFromEnv } from "../flagship/flagship";

const app = new App();
buildHttpbin(app, {
  location: process.env.AKSGW_LOCATION,
  namePrefix: process.env.AKSGW_PREFIX,
  apiServerIpRanges: apiServerRangesFromEnv(process.env),
});
app.synth();
