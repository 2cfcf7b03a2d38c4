// Requests from URLs, and how Envoy reads them before routing: Istio's default path normalization (BASE: Envoy
// `normalize_path`, RFC 3986), Host without port (Gateway API HTTPRouteSpec.Hostnames), case-insensitive header
// names (RFC 9110 §5.1), case-sensitive query parameter names (conformance/tests/httproute-query-param-matching).
import { headerValue, matchHost, normalizedPath, queryValue, RequestError, requestFromUrl } from "../../lib/private/routing/request";
import { fullMatch } from "../../lib/private/routing/matches";

describe("requestFromUrl", () => {
  test("splits scheme, host, port, path and query; drops the fragment; defaults GET", () => {
    expect(requestFromUrl("http://Apps.Contoso.Example/app1/x?a=1&b=2#top")).toEqual({
      method: "GET",
      scheme: "http",
      host: "apps.contoso.example",
      port: 80,
      path: "/app1/x",
      query: "a=1&b=2",
      headers: {},
    });
    expect(requestFromUrl("https://h:8443", { method: "post", headers: { "X-A": "1" } })).toEqual({
      method: "POST",
      scheme: "https",
      host: "h:8443",
      port: 8443,
      path: "/",
      query: "",
      headers: { "X-A": "1" },
    });
    expect(requestFromUrl("https://[::1]:443/").host).toBe("[::1]");
  });

  test.each([
    ["apps.contoso.example/app1", /is not an absolute URL/],
    ["ftp://h/", /uses scheme "ftp"; only http and https/],
    ["http://user@h/", /has no usable host/],
    ["http:///x", /has no usable host/],
    ["http://h:99999/", /has port 99999, expected 1-65535/],
    ["http://h:0/", /has port 0, expected 1-65535/],
  ])("refuses %s", (url, message) => {
    expect(() => requestFromUrl(url)).toThrow(RequestError);
    expect(() => requestFromUrl(url)).toThrow(message);
  });

  test("refuses methods and header names that are not HTTP tokens", () => {
    expect(() => requestFromUrl("http://h/", { method: "GE T" })).toThrow(/method "GE T" is not an HTTP method token/);
    expect(() => requestFromUrl("http://h/", { headers: { "Bad Name": "x" } })).toThrow(/header name "Bad Name" is not an HTTP token/);
  });
});

describe("what routing sees", () => {
  test("the Host loses its port and case", () => {
    expect(matchHost("Apps.Example:8080")).toBe("apps.example");
    expect(matchHost("[::1]:80")).toBe("[::1]");
    expect(matchHost("h.example.")).toBe("h.example."); // Envoy keeps a trailing dot by default
  });

  test("header names are case-insensitive; query names are not, values are decoded, the first wins", () => {
    expect(headerValue({ "X-Version": "two" }, "x-version")).toBe("two");
    expect(headerValue({}, "x")).toBeUndefined();
    expect(queryValue("ANIMAL=Whale&animal=whale&animal=dog", "animal")).toBe("whale");
    expect(queryValue("q=a%20b&flag", "flag")).toBe("");
    expect(queryValue("q=a%20b", "q")).toBe("a b");
    expect(queryValue("q=%zz", "q")).toBe("%zz");
    expect(queryValue("", "q")).toBeUndefined();
  });

  // Expected values: Istio's own table for path normalization BASE (istio/istio security integration tests).
  test.each([
    ["/", "/"],
    ["/app/", "/app/"],
    ["/app/../admin", "/admin"],
    ["/app", "/app"],
    ["/app//", "/app//"],
    ["/app/%2f", "/app/%2f"],
    ["/app%2f/", "/app%2f/"],
    ["/xyz%30..//abc", "/xyz0..//abc"],
    ["/app/%2E./admin", "/admin"],
    ["/app\\admin", "/app/admin"],
    ["/app/\\/\\/\\admin", "/app//////admin"],
    ["/%2Fapp%5cadmin%5Cabc", "/%2Fapp%5cadmin%5Cabc"],
    ["/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc", "/%5Capp%2f%5c%2F..%2fadmin%5c/abc"],
    ["/app//../admin", "/app/admin"],
    ["/app//../../admin", "/admin"],
    ["/app#foo", "/app"],
    ["/a/./b/.", "/a/b/"],
  ])("normalizes %s to %s", (path, expected) => {
    expect(normalizedPath(path)).toBe(expected);
  });

  test("RE2 patterns run as whole-string matches; RE2-only syntax is translated or reported", () => {
    expect(fullMatch("/api/v[0-9]+", "/api/v2")).toBe(true);
    expect(fullMatch("/api/v[0-9]+", "/api/v2/x")).toBe(false);
    expect(fullMatch("(?i)/API", "/api")).toBe(true);
    expect(fullMatch("/(?P<id>[0-9]+)", "/42")).toBe(true);
    expect(fullMatch("/a(", "/a(")).toBeUndefined();
  });
});
