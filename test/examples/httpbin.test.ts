import { Testing } from "cdktf";
import { buildHttpbin } from "../../examples/httpbin/httpbin";

describe("httpbin example (the AKS announcement's walkthrough)", () => {
  const { platform, traffic } = buildHttpbin(Testing.app());
  const platformJson = JSON.parse(Testing.synth(platform));
  const trafficJson = JSON.parse(Testing.synth(traffic));
  const manifests = Object.values(trafficJson.resource.kubernetes_manifest).map((r: any) => r.manifest);

  test("traffic stack snapshot", () => {
    expect(Testing.synth(traffic)).toMatchSnapshot();
  });

  test("a Gateway of class approuting-istio with an HTTP listener", () => {
    const gateway = manifests.find((m) => m.kind === "Gateway");
    expect(gateway.spec.gatewayClassName).toBe("approuting-istio");
    expect(gateway.spec.listeners).toEqual([expect.objectContaining({ name: "http", port: 80, protocol: "HTTP" })]);
  });

  test("an HTTPRoute for httpbin.example.com, PathPrefix /get -> httpbin:8000", () => {
    const route = manifests.find((m) => m.kind === "HTTPRoute" && m.metadata.namespace === "httpbin");
    expect(route.spec.hostnames).toEqual(["httpbin.example.com"]);
    expect(route.spec.rules).toEqual([
      expect.objectContaining({
        matches: [{ path: { type: "PathPrefix", value: "/get" } }],
        backendRefs: [expect.objectContaining({ name: "httpbin", port: 8000 })],
      }),
    ]);
    const service = Object.values(trafficJson.resource.kubernetes_service_v1).find((s: any) => s.metadata.name === "httpbin") as any;
    expect(service.spec.port[0]).toMatchObject({ port: 8000, target_port: "http" });
  });

  test("app-routing Istio is enabled on the cluster and the output shows how to try it", () => {
    const update = Object.values(platformJson.resource.azapi_update_resource)[0] as any;
    expect(update.body.properties.ingressProfile.webAppRouting.gatewayAPIImplementations.appRoutingIstio.mode).toBe("Enabled");
    expect(platformJson.output.try_it.value).toMatch(/^curl -H "Host: httpbin.example.com" http:\/\/\$\{azurerm_public_ip\..*\.ip_address\}\/get$/);
  });
});
