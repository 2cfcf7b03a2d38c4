/** Path annotations: use-regex, rewrite-target and app-root. Per-path verdicts are refined by the route builder. */
import { MigrationVerdict as V } from "../../finding";
import { isTrue, note } from "../settings";
import { HandlerTable } from "./handler";

export const REWRITE_HANDLERS: HandlerTable = {
  "use-regex": (value, ctx, suffix) => {
    if (!isTrue(value)) return note(ctx, suffix, V.CONVERTED, "off; paths are matched as their pathType says.");
    ctx.settings.regex = true;
    note(ctx, suffix, V.CONVERTED, "paths without regular-expression syntax stay prefix matches.");
  },
  "rewrite-target": (value, ctx, suffix) => {
    if (!value.startsWith("/")) {
      return note(ctx, suffix, V.UNSUPPORTED, `target ${JSON.stringify(value)} is not an absolute path; Gateway API rewrites need one. Fix the annotation.`);
    }
    ctx.settings.regex = true;
    ctx.settings.rewriteTarget = value;
    note(ctx, suffix, V.CONVERTED, "URLRewrite filters on the Ingress's rules.");
  },
  "app-root": (value, ctx, suffix) => {
    if (!/^\/[^\s?#$]*$/.test(value)) {
      return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not an absolute path; fix the annotation and convert again.`);
    }
    ctx.settings.appRoot = value;
    note(ctx, suffix, V.CONVERTED, `a rule for exactly "/" redirects (302) to ${value}.`);
  },
};
