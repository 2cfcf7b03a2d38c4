import { App, TerraformOutput } from "cdktf";
import { ApiServerAccess, PathMatch, PlatformStack, TrafficStack } from "cdktf-aks-gateway";
import { DemoApp } from "../shared/demo-app";

/** Settings of the httpbin example. */
export interface HttpbinConfig {
  /** Azure region. @default "swedencentral" */
  readonly location?: string;
  /** Prefix of Azure names and stack names. @default "httpbin" */
  readonly namePrefix?: string;
  /**
   * IPv4 ranges allowed to reach the Kubernetes API server (your egress IPs).
   * @default ["203.0.113.0/24"] (an RFC 5737 documentation range that reaches nothing: set yours before deploying)
   */
  readonly apiServerIpRanges?: string[];
}

/**
 * The AKS announcement's walkthrough as code: a cluster with app-routing Istio, the httpbin sample
 * (Service port 8000), a Gateway of class `approuting-istio` with an HTTP listener, and an HTTPRoute for
 * host `httpbin.example.com`, `PathPrefix /get` → httpbin:8000. Unlike the walkthrough, the Gateway is
 * internal and reached through the Application Gateway WAF, the library's secure default.
 */
export function buildHttpbin(app: App, config: HttpbinConfig = {}): { platform: PlatformStack; traffic: TrafficStack } {
  const prefix = config.namePrefix ?? "httpbin";
  const platform = new PlatformStack(app, `${prefix}-platform`, {
    location: config.location,
    namePrefix: prefix,
    cluster: { apiServerAccess: ApiServerAccess.fromIpRanges(...(config.apiServerIpRanges ?? ["203.0.113.0/24"])) },
  });
  const traffic = new TrafficStack(app, `${prefix}-traffic`, { platform });

  const tenant = traffic.addTenant({ name: "httpbin", hostnames: ["httpbin.example.com"] });
  const httpbin = new DemoApp(tenant, "Httpbin", {
    namespace: tenant.namespaceName,
    name: "httpbin",
    image: "docker.io/mccutchen/go-httpbin:v2.15.0",
    containerPort: 8080,
    servicePort: 8000,
    replicas: 1,
    dependsOn: [tenant.namespaceResource],
  });
  tenant.addRoute("Httpbin", {
    rules: [{ matches: [{ path: PathMatch.prefix("/get") }], backends: [{ serviceName: httpbin.serviceName, port: httpbin.servicePort }] }],
  });
  traffic.addRouteCheck({ name: "httpbin /get", host: "httpbin.example.com", path: "/get", expectBodyContains: "httpbin.example.com" });

  new TerraformOutput(platform, "try_it", {
    staticId: true,
    description: "Request httpbin through the Application Gateway",
    value: `curl -H "Host: httpbin.example.com" http://${platform.applicationGateway.publicIpAddress}/get`,
  });
  return { platform, traffic };
}
