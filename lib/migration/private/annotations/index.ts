/** Every annotation handler, by suffix; unknown annotations are blockers to review by hand. */
import { MigrationVerdict as V } from "../../finding";
import { IngressContext, isTrue, note, withhold } from "../settings";
import { BACKEND_HANDLERS } from "./backend";
import { BLOCKER_HANDLERS, PREFIX_HANDLERS } from "./blockers";
import { CANARY_HANDLERS } from "./canary";
import { CORS_HANDLERS } from "./cors";
import { EDGE_HANDLERS } from "./edge";
import { AnnotationHandler, HandlerTable } from "./handler";
import { REDIRECT_HANDLERS } from "./redirect";
import { REWRITE_HANDLERS } from "./rewrite";

const HANDLERS: HandlerTable = {
  ...CANARY_HANDLERS,
  ...REWRITE_HANDLERS,
  ...REDIRECT_HANDLERS,
  ...CORS_HANDLERS,
  ...BACKEND_HANDLERS,
  ...EDGE_HANDLERS,
  ...BLOCKER_HANDLERS,
};

/** The handler of an annotation suffix: exact, else by family prefix, else undefined. */
export function handlerOf(suffix: string): AnnotationHandler | undefined {
  if (Object.prototype.hasOwnProperty.call(HANDLERS, suffix)) return HANDLERS[suffix];
  return PREFIX_HANDLERS.find(([prefix]) => suffix.startsWith(prefix))?.[1];
}

/** The annotation suffixes with a handler of their own (for docs and tests). */
export const KNOWN_ANNOTATIONS: readonly string[] = Object.keys(HANDLERS).sort();

/** Reads every nginx annotation of the Ingress: exactly one finding each, settings for the route builder. */
export function readAnnotations(ctx: IngressContext): void {
  const canary = isTrue(ctx.annotations.get("canary"));
  for (const [suffix, value] of ctx.annotations) {
    if (canary && !suffix.startsWith("canary")) {
      note(ctx, suffix, V.CONVERTED, "ignored on a canary Ingress: the main Ingress's settings apply to its traffic, as in ingress-nginx.");
      continue;
    }
    const handler = handlerOf(suffix);
    if (handler) handler(value, ctx, suffix);
    else withhold(ctx, suffix, "not an annotation this converter knows; check the ingress-nginx docs and carry it over by hand, then remove it.");
  }
}
