import { describe, expect, it } from "vitest";
import { classifyReport } from "./check";
import { healthReportUrl, reasons, unreachableReason } from "./reasons";

describe("healthReportUrl", () => {
  it.each([
    ["https://eu.example.com", "https://eu.example.com/healthz-report"],
    ["https://eu.example.com/", "https://eu.example.com/healthz-report"],
    ["http://127.0.0.1:4100/p/123", "http://127.0.0.1:4100/p/123/healthz-report"],
    ["http://127.0.0.1:4100/p/123/", "http://127.0.0.1:4100/p/123/healthz-report"],
    ["https://eu.example.com/base?x=1#frag", "https://eu.example.com/base/healthz-report"],
  ])("%s → %s", (base, expected) => {
    expect(healthReportUrl(base).href).toBe(expected);
  });

  it("refuses what is not an http(s) URL", () => {
    expect(() => healthReportUrl("ftp://eu.example.com")).toThrow();
    expect(() => healthReportUrl("eu.example.com")).toThrow();
  });
});

describe("reasons for a request that got no answer", () => {
  const url = new URL("https://eu.example.com/healthz-report");
  const failed = (code: string, message = "remote words: <secret banner> 10.9.8.7:5432") => Object.assign(new Error(message), { code, address: "10.9.8.7", port: 5432 });

  it("says a timeout happened, after how long, and what to check", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(unreachableReason(url, timeout, 5_000)).toBe(
      "Request to https://eu.example.com/healthz-report timed out after 5 s — check that the proxy is running and reachable from the primary.",
    );
    expect(unreachableReason(url, timeout, 250)).toContain("timed out after 0.3 s");
  });

  it("names the registered host that refused and how to start the agent", () => {
    expect(unreachableReason(new URL("http://127.0.0.1:4100/healthz-report"), failed("ECONNREFUSED"), 5_000)).toBe(
      "Connection refused by 127.0.0.1:4100 — the proxy agent is not listening; start it with `meridian proxy …` or fix the --access-url it registered with.",
    );
  });

  it("tells DNS, routing, reset, TLS and non-HTTP failures apart", () => {
    expect(unreachableReason(url, failed("ENOTFOUND"), 5_000)).toMatch(/^Could not resolve eu\.example\.com — check the DNS record/);
    expect(unreachableReason(url, failed("EHOSTUNREACH"), 5_000)).toMatch(/^No network route to eu\.example\.com — check firewalls/);
    expect(unreachableReason(url, failed("ECONNRESET"), 5_000)).toMatch(/^The proxy closed the connection to https:\/\/eu\.example\.com\/healthz-report before answering/);
    expect(unreachableReason(url, failed("CERT_HAS_EXPIRED"), 5_000)).toBe(
      "TLS failed for https://eu.example.com/healthz-report: its certificate has expired or is not valid yet — check the proxy's certificate (it must be valid for its hostname and trusted by the primary).",
    );
    expect(unreachableReason(url, failed("ERR_TLS_CERT_ALTNAME_INVALID"), 5_000)).toContain("its certificate is not valid for eu.example.com");
    expect(unreachableReason(url, failed("DEPTH_ZERO_SELF_SIGNED_CERT"), 5_000)).toContain("its certificate is not trusted");
    expect(unreachableReason(url, failed("ERR_SSL_WRONG_VERSION_NUMBER"), 5_000)).toContain("the TLS handshake failed");
    expect(unreachableReason(url, failed("HPE_INVALID_CONSTANT"), 5_000)).toMatch(/did not answer in HTTP/);
  });

  it("gives a code at most, never the error's message or the address a name resolved to", () => {
    expect(unreachableReason(url, failed("EWHATEVER"), 5_000)).toBe(
      "Request to https://eu.example.com/healthz-report failed (EWHATEVER) — check that the proxy is running and reachable from the primary.",
    );
    expect(unreachableReason(url, new Error("something odd"), 5_000)).toBe(
      "Request to https://eu.example.com/healthz-report failed — check that the proxy is running and reachable from the primary.",
    );
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "CERT_HAS_EXPIRED", "EPROTO", "HPE_INVALID_CONSTANT", "EWHATEVER", "not a code: <secret>"]) {
      const reason = unreachableReason(url, failed(code), 5_000);
      expect(reason, code).not.toMatch(/secret|banner|10\.9\.8\.7|5432/);
    }
  });

  it("says a refused destination is refused, by category, without naming the address", () => {
    expect(reasons.refusedDestination("private")).toBe(
      "The proxy's URL points to a private address, which this deployment does not allow, so it was not called — register the proxy with a public address, or have an operator add its network to MERIDIAN_PROXY_ALLOWED_NETWORKS.",
    );
    expect(reasons.refusedDestination("link-local")).toContain("a link-local address (such as the cloud metadata service)");
    expect(reasons.credentials()).toMatch(/^The proxy registered a URL with a user name or password, which is refused/);
  });
});

describe("reasons for an answer", () => {
  it("gives the HTTP status, never the status text or where a redirect points, and a next step that fits it", () => {
    expect(reasons.httpStatus("https://x/healthz-report", 503)).toBe(
      "The proxy answered HTTP 503 to https://x/healthz-report — the proxy agent or a gateway in front of it is failing; check its logs.",
    );
    expect(reasons.httpStatus("https://x/healthz-report", 302)).toBe(
      "The proxy answered HTTP 302 to https://x/healthz-report, a redirect — the primary does not follow redirects; register the proxy with the URL it serves at (--access-url).",
    );
    expect(reasons.httpStatus("https://x/healthz-report", 404)).toContain("not a Meridian proxy agent");
    expect(reasons.httpStatus("https://x/healthz-report", 403)).toContain("requires authentication");
  });

  it("classifies a report: errors are unhealthy, warnings stay healthy but are mentioned", () => {
    expect(classifyReport("u", JSON.stringify({ errors: [], warnings: [] }))).toEqual({ status: "ok", reason: "", report: { errors: [], warnings: [] } });
    expect(classifyReport("u", JSON.stringify({ errors: [], warnings: ["version mismatch: proxy 1.0, primary 1.1"] }))).toEqual({
      status: "ok",
      reason: "Healthy, with a warning: version mismatch: proxy 1.0, primary 1.1.",
      report: { errors: [], warnings: ["version mismatch: proxy 1.0, primary 1.1"] },
    });
    expect(classifyReport("u", JSON.stringify({ errors: ["cannot reach the primary."], warnings: [] }))).toMatchObject({
      status: "unhealthy",
      reason: "The proxy reported an error: cannot reach the primary.",
    });
  });

  it("lists at most three report errors", () => {
    const reason = reasons.reportErrors(["a", "b", "c", "d", "e"]);
    expect(reason).toBe("The proxy reported 5 errors: a; b; c; and 2 more (see the proxy's report).");
  });

  it("keeps a report's own words, but at most 20 of each, 300 characters each, on one line", () => {
    const long = "x".repeat(1_000);
    const { status, reason, report } = classifyReport("u", JSON.stringify({ errors: [`line one\nline two\u0000`, long, ...Array.from({ length: 100 }, (_, i) => `e${i}`)], warnings: Array(50).fill("w") }));
    expect(status).toBe("unhealthy");
    expect(report!.errors).toHaveLength(20);
    expect(report!.warnings).toHaveLength(20);
    expect(report!.errors[0]).toBe("line one line two");
    expect(report!.errors[1]).toBe(`${"x".repeat(299)}…`);
    expect(reason).toBe(`The proxy reported 102 errors: line one line two; ${"x".repeat(299)}…; e0; and 99 more (see the proxy's report).`);
  });

  it("calls bad JSON and a wrong shape unhealthy, saying which", () => {
    expect(classifyReport("https://x/healthz-report", "<html>")).toEqual({ status: "unhealthy", reason: reasons.badJson("https://x/healthz-report"), report: null });
    expect(classifyReport("https://x/healthz-report", JSON.stringify({ errors: "none" }))).toEqual({
      status: "unhealthy",
      reason: reasons.badShape("https://x/healthz-report"),
      report: null,
    });
  });

  it("tells a proxy that never registered from one that deregistered", () => {
    expect(reasons.neverRegistered()).toBe("No proxy agent has registered yet — run the `meridian proxy` command shown when the proxy was created.");
    expect(reasons.deregistered()).toMatch(/^The proxy agent deregistered/);
  });
});
