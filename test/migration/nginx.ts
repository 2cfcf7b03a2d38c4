/**
 * Test helpers for the ingress-nginx model: Ingresses written compactly, requests from URLs, answers in one line.
 */
import { KubeObject, readObjects } from "../../lib/migration/private/objects";
import { nginxConfig } from "../../lib/migration/private/nginx/config";
import { ModelRequest, answerNginx } from "../../lib/migration/private/nginx/answer";
import { brief } from "../../lib/migration/private/compare/compare";

/** One Ingress path: `[path, pathType, service]` (port 80). */
export type PathSpec = readonly [string, "Exact" | "Prefix" | "ImplementationSpecific", string];

/** An Ingress in namespace `ns` (default "web"), with annotations (suffixes of nginx.ingress.kubernetes.io/). */
export function ingress(
  name: string,
  rules: ReadonlyArray<{ host?: string; paths: readonly PathSpec[] }>,
  options: { annotations?: Record<string, string>; namespace?: string; tls?: string[]; defaultBackend?: string; created?: string } = {},
): KubeObject {
  const annotations = Object.fromEntries(Object.entries(options.annotations ?? {}).map(([k, v]) => [`nginx.ingress.kubernetes.io/${k}`, v]));
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: options.namespace ?? "web", annotations, ...(options.created ? { creationTimestamp: options.created } : {}) } as any,
    spec: {
      ingressClassName: "nginx",
      ...(options.tls ? { tls: [{ hosts: options.tls, secretName: "tls" }] } : {}),
      ...(options.defaultBackend ? { defaultBackend: { service: { name: options.defaultBackend, port: { number: 80 } } } } : {}),
      rules: rules.map((r) => ({
        ...(r.host ? { host: r.host } : {}),
        http: { paths: r.paths.map(([path, pathType, service]) => ({ path, pathType, backend: { service: { name: service, port: { number: 80 } } } })) },
      })),
    },
  };
}

/** A request for `url` (`GET` unless given), as a client sends it. */
export function request(url: string, options: { method?: string; headers?: Record<string, string> } = {}): ModelRequest {
  const u = new URL(url);
  return {
    method: options.method ?? "GET",
    scheme: u.protocol === "https:" ? "https" : "http",
    host: u.host,
    path: url.replace(/^[a-z]+:\/\/[^/]+/, "").split("?")[0] || "/",
    query: u.search.replace(/^\?/, ""),
    headers: options.headers ?? {},
  };
}

/** How ingress-nginx answers `url` with these Ingresses. */
export function nginx(objects: readonly KubeObject[] | string, url: string, options: { method?: string; headers?: Record<string, string> } = {}): string {
  const list = typeof objects === "string" ? readObjects(objects, "test") : objects;
  const ingresses = list.filter((o) => o.kind === "Ingress");
  const services = new Map(list.filter((o) => o.kind === "Service").map((o) => [`${o.metadata?.namespace ?? "default"}/${o.metadata?.name}`, o] as const));
  const r = request(url, options);
  return brief(answerNginx(nginxConfig(ingresses, services), r), r.host);
}
