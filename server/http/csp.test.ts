// The page policy: nonce-based scripts, and framing by 'self' plus exactly the allow-listed
// origins, none of which can add a source, a keyword or a directive.
import { describe, expect, it } from "vitest";
import { frameAncestorSources, pageCsp } from "./csp";

const NONCE = "q0Wd5Cw4m1yCKtJZ0k3A6g==";
const directives = (csp: string) => csp.split("; ");
const frameAncestors = (csp: string) => directives(csp).find((d) => d.startsWith("frame-ancestors"));

describe("pageCsp", () => {
  it("allows scripts by nonce only, eval only in dev, and framing by 'self' alone by default", () => {
    const csp = pageCsp({ nonce: NONCE, dev: false, frameAncestors: [] });
    expect(directives(csp)).toEqual([
      "default-src 'self'",
      `script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      "font-src 'self' data:",
      "connect-src 'self' https: http:",
      "frame-ancestors 'self'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ]);
    expect(pageCsp({ nonce: NONCE, dev: true, frameAncestors: [] })).toContain(`'strict-dynamic' 'unsafe-eval';`);
  });

  it("adds each allowed origin once to frame-ancestors and nowhere else", () => {
    const csp = pageCsp({ nonce: NONCE, dev: false, frameAncestors: ["https://portal.example.com", "http://localhost:8080", "https://portal.example.com", "http://10.0.0.7"] });
    expect(frameAncestors(csp)).toBe("frame-ancestors 'self' https://portal.example.com http://localhost:8080 http://10.0.0.7");
    expect(directives(csp)).toHaveLength(10);
  });

  it.each([
    ["a directive after a semicolon", "https://a.com;script-src *"],
    ["a directive without spaces", "https://a.com;script-src"],
    ["a second source", "https://a.com https://evil.com"],
    ["a comma (a second policy)", "https://a.com,https://evil.com"],
    ["a keyword in quotes", "'unsafe-inline'"],
    ["a quote inside the host", "https://a'b.com"],
    ["a wildcard", "*"],
    ["a scheme source", "https:"],
    ["a wildcard host", "https://*.example.com"],
    ["the null origin", "null"],
    ["a path", "https://a.com/embed"],
    ["a non-canonical spelling", "HTTPS://A.COM:443/"],
    ["a newline", "https://a.com\nscript-src *"],
    ["an underscore host CSP cannot express", "https://a_b.com"],
    ["an IPv6 literal", "http://[::1]:3000"],
    ["an empty string", ""],
  ])("drops %s, which can only narrow the policy", (_, origin) => {
    const csp = pageCsp({ nonce: NONCE, dev: false, frameAncestors: [origin, "https://ok.example.com"] });
    expect(frameAncestors(csp)).toBe("frame-ancestors 'self' https://ok.example.com");
    expect(directives(csp)).toHaveLength(10);
    expect(csp).not.toContain("evil");
    expect(csp.match(/script-src/g)).toHaveLength(1);
  });

  it("refuses a nonce that is not base64", () => {
    expect(() => pageCsp({ nonce: "abc'; script-src *", dev: false, frameAncestors: [] })).toThrow(/base64/);
  });
});

describe("frameAncestorSources", () => {
  it("keeps canonical origins in order, once each", () => {
    expect(frameAncestorSources(["https://b.example.com", "https://a.example.com:8443", "https://b.example.com", "https://xn--bcher-kva.de"])).toEqual([
      "https://b.example.com",
      "https://a.example.com:8443",
      "https://xn--bcher-kva.de",
    ]);
  });
});
