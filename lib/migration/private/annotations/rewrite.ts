/** Path annotations: use-regex, rewrite-target and app-root. Per-path verdicts are refined by the route builder. */
import { MigrationVerdict as V } from "../../finding";
import { isTrue, note } from "../settings";
import { HandlerTable } from "./handler";

export const REWRITE_HANDLERS: HandlerTable = {
  // template.go buildLocation/enforceRegexModifier: with use-regex every location of the host is `~* "^<path>"`.
  "use-regex": (value, ctx, suffix) => {
    if (!isTrue(value)) return note(ctx, suffix, V.CONVERTED, "off; paths are matched as their pathType says.");
    ctx.settings.regex = true;
    note(
      ctx,
      suffix,
      V.CONVERTED,
      "every path of the Ingress's hosts, those of other Ingresses on them included, becomes RegularExpression (?i)<path>.*: " +
        "case-insensitive and anchored at the start as nginx's location ~* \"^<path>\", tried longest first as nginx sorted them (Istio orders regular expressions by length).",
    );
  },
  // template.go buildProxyPass: `rewrite "(?i)<path>" <target> break;` replaces the whole URI.
  "rewrite-target": (value, ctx, suffix) => {
    if (!value.startsWith("/")) {
      return note(ctx, suffix, V.UNSUPPORTED, `target ${JSON.stringify(value)} is not an absolute path; Gateway API rewrites need one. Fix the annotation.`);
    }
    ctx.settings.regex = true;
    ctx.settings.rewriteTarget = value;
    note(
      ctx,
      suffix,
      V.CONVERTED,
      /\$\d/.test(value)
        ? "URLRewrite filters on the Ingress's rules (see the per-path detail)."
        : `RegularExpression (?i)<path>.* rules with a URLRewrite ReplaceFullPath ${value}: nginx's rewrite replaced the whole path, whatever followed the match.`,
    );
  },
  "app-root": (value, ctx, suffix) => {
    if (!/^\/[^\s?#$]*$/.test(value)) {
      return note(ctx, suffix, V.UNSUPPORTED, `${JSON.stringify(value)} is not an absolute path; fix the annotation and convert again.`);
    }
    ctx.settings.appRoot = value;
    // nginx.tmpl: `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }`, at server level.
    note(
      ctx,
      suffix,
      V.APPROXIMATED,
      `a first rule for exactly "/" on the Ingress's hosts redirects (302) to ${value}, ahead of any other rule for "/", as nginx did ` +
        `before choosing a location; a query string stays in the Location (/?a=1 goes to ${value}?a=1), where nginx dropped it.`,
    );
  },
};
