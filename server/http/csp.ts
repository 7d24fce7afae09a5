// The Content-Security-Policy of every page (proxy.ts sends it): nonce-based scripts, and framing
// by this origin only, plus the embed allow-list's origins on the embed pages.
import { isCanonicalEmbedOrigin } from "@/lib/api/embed";

export interface PageCspInput {
  /** Fresh per request; Next puts it on its own scripts. */
  nonce: string;
  /** Next's dev mode evaluates code (React refresh), which production never needs. */
  dev: boolean;
  /** Origins that may frame the page besides 'self' (the embed allow-list; empty elsewhere). */
  frameAncestors: readonly string[];
}

// A nonce is base64: anything else could end the source list.
const NONCE = /^[A-Za-z0-9+/]+={0,2}$/;

export function pageCsp({ nonce, dev, frameAncestors }: PageCspInput): string {
  if (!NONCE.test(nonce)) throw new Error("CSP nonce must be base64");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind and React set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    // Latency is measured from the browser against every proxy's own origin.
    "connect-src 'self' https: http:",
    ["frame-ancestors 'self'", ...frameAncestorSources(frameAncestors)].join(" "),
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Only exact canonical origins (`https://host[:port]`, a host of letters, digits, hyphens and
 * dots) become sources. Anything else — a `;` that would start a new directive, a space or comma
 * that would add a source, a quote that would add a keyword, a wildcard — is dropped, so a bad
 * entry can narrow the policy but never widen it.
 */
export function frameAncestorSources(origins: readonly string[]): string[] {
  return [...new Set(origins.filter(isCanonicalEmbedOrigin))];
}
