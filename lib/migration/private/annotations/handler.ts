import { IngressContext } from "../settings";

/**
 * Reads one annotation (by its suffix after `nginx.ingress.kubernetes.io/`), records its finding with `note`,
 * and sets what the route builder needs in `ctx.settings`.
 */
export type AnnotationHandler = (value: string, ctx: IngressContext, suffix: string) => void;

/** Handlers by annotation suffix. */
export type HandlerTable = { readonly [suffix: string]: AnnotationHandler };
