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
  const fetchFailed = (cause: object) => Object.assign(new TypeError("fetch failed"), { cause });

  it("says a timeout happened, after how long, and what to check", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(unreachableReason(url, timeout, 5_000)).toBe(
      "Request to https://eu.example.com/healthz-report timed out after 5 s — check that the proxy is running and reachable from the primary.",
    );
    expect(unreachableReason(url, timeout, 250)).toContain("timed out after 0.3 s");
  });

  it("names the refusing address and how to start the agent", () => {
    const reason = unreachableReason(url, fetchFailed({ code: "ECONNREFUSED", address: "127.0.0.1", port: 4100 }), 5_000);
    expect(reason).toBe(
      "Connection refused by 127.0.0.1:4100 — the proxy agent is not listening; start it with `meridian proxy …` or fix the --access-url it registered with.",
    );
  });

  it("tells DNS, routing, reset and TLS failures apart", () => {
    expect(unreachableReason(url, fetchFailed({ code: "ENOTFOUND", hostname: "eu.example.com" }), 5_000)).toMatch(/^Could not resolve eu\.example\.com — check the DNS record/);
    expect(unreachableReason(url, fetchFailed({ code: "EHOSTUNREACH", address: "10.0.0.9", port: 443 }), 5_000)).toMatch(/^No network route to 10\.0\.0\.9:443 \(EHOSTUNREACH\)/);
    expect(unreachableReason(url, fetchFailed({ code: "UND_ERR_SOCKET", message: "other side closed" }), 5_000)).toMatch(/^The proxy closed the connection to https:\/\/eu\.example\.com\/healthz-report before answering/);
    expect(unreachableReason(url, fetchFailed({ code: "CERT_HAS_EXPIRED", message: "certificate has expired" }), 5_000)).toBe(
      "TLS failed for https://eu.example.com/healthz-report: certificate has expired — check the proxy's certificate (it must be valid for its hostname and trusted by the primary).",
    );
  });

  it("falls back to the error's own words", () => {
    expect(unreachableReason(url, fetchFailed({ message: "something odd" }), 5_000)).toBe(
      "Request to https://eu.example.com/healthz-report failed: something odd — check that the proxy is running and reachable from the primary.",
    );
  });
});

describe("reasons for an answer", () => {
  it("gives the HTTP status and a next step that fits it", () => {
    expect(reasons.httpStatus("https://x/healthz-report", 503, "Service Unavailable")).toBe(
      "The proxy answered 503 Service Unavailable to https://x/healthz-report — the proxy agent or a gateway in front of it is failing; check its logs.",
    );
    expect(reasons.httpStatus("https://x/healthz-report", 404, "")).toContain("not a Meridian proxy agent");
    expect(reasons.httpStatus("https://x/healthz-report", 403, "Forbidden")).toContain("requires authentication");
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
