/** Canary annotations: a canary Ingress becomes weighted or header-matched backends of the main Ingress's rules. */
import { MigrationVerdict as V } from "../../finding";
import { isTrue, note } from "../settings";
import { AnnotationHandler, HandlerTable } from "./handler";

const NO_CANARY = "no effect without canary: \"true\", as in ingress-nginx.";

function needsCanary(then: AnnotationHandler): AnnotationHandler {
  return (value, ctx, suffix) => {
    if (!isTrue(ctx.annotations.get("canary"))) return note(ctx, suffix, V.CONVERTED, NO_CANARY);
    then(value, ctx, suffix);
  };
}

function wholeNumber(value: string): number | undefined {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

export const CANARY_HANDLERS: HandlerTable = {
  canary: (value, ctx) => {
    if (!isTrue(value)) return note(ctx, "canary", V.CONVERTED, "not a canary; nothing to merge.");
    const a = ctx.annotations;
    const weightTotal = wholeNumber(a.get("canary-weight-total") ?? "100") ?? 100;
    const weight = a.has("canary-weight") ? wholeNumber(a.get("canary-weight")!) : undefined;
    ctx.settings.canary = { weight, weightTotal, header: a.get("canary-by-header"), headerValue: a.get("canary-by-header-value") };
    note(ctx, "canary", V.CONVERTED, "merged into the rules of the main Ingress with the same host and path, as extra backends and header rules.");
  },
  "canary-weight": needsCanary((value, ctx, suffix) => {
    const total = wholeNumber(ctx.annotations.get("canary-weight-total") ?? "100") ?? 100;
    const weight = wholeNumber(value);
    if (weight === undefined || weight > total) {
      return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not a weight from 0 to ${total}; fix the annotation and convert again.`);
    }
    note(ctx, suffix, V.CONVERTED, `backendRefs weights ${weight} (canary) and ${total - weight} (main) on the main Ingress's rules.`);
  }),
  "canary-weight-total": needsCanary((value, ctx, suffix) => {
    if (wholeNumber(value) === undefined || Number(value) < 1) {
      return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not a positive whole number; fix the annotation and convert again.`);
    }
    note(ctx, suffix, V.CONVERTED, "weights are proportions in Gateway API, so the total is the sum of the two backend weights.");
  }),
  "canary-by-header": needsCanary((value, ctx, suffix) => {
    const detail = ctx.annotations.has("canary-by-header-value")
      ? `a rule matching header ${value} with the canary-by-header-value value sends to the canary.`
      : `rules matching header ${value}: "always" sends to the canary, "never" to the main backend, ahead of the weights.`;
    note(ctx, suffix, V.CONVERTED, detail);
  }),
  "canary-by-header-value": needsCanary((_value, ctx, suffix) => {
    if (!ctx.annotations.has("canary-by-header")) return note(ctx, suffix, V.CONVERTED, "no effect without canary-by-header, as in ingress-nginx.");
    note(ctx, suffix, V.CONVERTED, "an Exact header match on the canary-by-header header sends to the canary.");
  }),
  "canary-by-header-pattern": needsCanary((_value, ctx, suffix) =>
    note(ctx, suffix, V.UNSUPPORTED, "regular-expression header matches are implementation-specific and not offered here; use canary-by-header-value with an exact value."),
  ),
  "canary-by-cookie": needsCanary((value, ctx, suffix) => {
    const other = ctx.annotations.has("canary-weight") || ctx.annotations.has("canary-by-header");
    const reason = `Gateway API cannot match a cookie, so the cookie ${value} no longer selects the canary`;
    if (other) return note(ctx, suffix, V.APPROXIMATED, `${reason}; the canary keeps its weight and header rules.`);
    note(ctx, suffix, V.UNSUPPORTED, `${reason} and the canary would get no traffic; use canary-by-header (clients send a header) or canary-weight.`);
  }),
};
