/**
 * Entry point of the httpbin example. Run it with
 *   npm run build && CHECKPOINT_DISABLE=1 npx cdktf synth --app "node dist/examples/httpbin/main.js"
 * Optional settings: AKSGW_LOCATION, AKSGW_PREFIX.
 */
import { App } from "cdktf";
import { buildHttpbin } from "./httpbin";

const app = new App();
buildHttpbin(app, { location: process.env.AKSGW_LOCATION, namePrefix: process.env.AKSGW_PREFIX });
app.synth();
