/** IngressMigration.addTo builds tenants and routes with the library's constructs, so their checks apply. */
import { IngressMigration } from "../../lib/migration/ingress-migration";
import { Tenant } from "../../lib/tenancy/tenant";
import { tenancyStack } from "../tenancy-fixtures";

const ingress = (namespace: string, host: string, path: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: ${namespace}}
spec: {rules: [{host: ${host}, http: {paths: [{path: ${path}, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}
---`;

function factory() {
  const { stack, gateway } = tenancyStack();
  return { stack, gateway, addTenant: (options: any) => new Tenant(stack, options.name, { ...options, gateway }) };
}

test("creates one tenant per namespace owning its hosts and prefixes, with its routes", () => {
  const f = factory();
  const tenants = IngressMigration.fromYaml(ingress("a", "shop.example.com", "/a") + ingress("b", "shop.example.com", "/b")).addTo(f);
  expect(tenants.map((t) => [t.tenantName, t.namespaceName, t.hostnames, t.pathPrefixes])).toEqual([
    ["a", "a", ["shop.example.com"], ["/a"]],
    ["b", "b", ["shop.example.com"], ["/b"]],
  ]);
  expect(Tenant.allOn(f.gateway).map((t) => t.namespaceName)).toEqual(["a", "b"]);
  expect(tenants[0].node.findChild("Routes").node.children.map((c) => c.node.id)).toEqual(["web"]);
});

test("overlapping space across namespaces fails with the ownership check's message, as for any tenant", () => {
  const migration = IngressMigration.fromYaml(ingress("a", "shop.example.com", "/") + ingress("b", "shop.example.com", "/b"));
  expect(() => migration.addTo(factory())).toThrow(/tenant b claims path prefix "\/b" on hostname "shop.example.com", which overlaps path prefix "\/" on hostname "shop.example.com" of tenant a/);
});
