/**
 * cdktf-aks-gateway: constructs and stacks for the Kubernetes Gateway API on AKS behind Application Gateway
 * WAF, with many tenants on one shared Gateway. This is the package's one entry point:
 * `import { PlatformStack, TrafficStack, PathMatch } from "cdktf-aks-gateway"`.
 *
 * @packageDocumentation
 */
export * from "./lib";
export * from "./stacks";
