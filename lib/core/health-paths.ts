/**
 * The paths the health responder answers with `200`. The edge's probe and the responder share them, so a probe
 * on any other path (which the responder answers with `404`, marking every backend down) fails synth. Shared
 * vocabulary of the edge and gateway layers; not exported from the package.
 */

/** Path prefix the health route sends to the responder. */
export const HEALTH_PATH_PREFIX = "/healthz";
/** Readiness path, the one load balancers and the Application Gateway should probe. */
export const HEALTH_READY_PATH = "/healthz/ready";
/** Liveness path. */
export const HEALTH_LIVE_PATH = "/healthz/live";
/** Every path the responder answers with 200 (nginx `location =` exact matches); anything else is a 404. */
export const HEALTH_SERVED_PATHS: readonly string[] = [HEALTH_PATH_PREFIX, HEALTH_READY_PATH, HEALTH_LIVE_PATH];

/**
 * Whether the responder answers `path` with 200: one of {@link HEALTH_SERVED_PATHS}, optionally followed by a
 * query string (nginx matches `location =` on the path alone).
 */
export function isServedHealthPath(path: string): boolean {
  const question = path.indexOf("?");
  return HEALTH_SERVED_PATHS.includes(question < 0 ? path : path.slice(0, question));
}
