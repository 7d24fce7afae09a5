// Headers set on every response by the launcher's HTTP server, before Next sees the request.
// Pages get their own nonce-based Content-Security-Policy from proxy.ts; this default covers
// everything else (API answers, assets) and keeps framing to our own origin.
import type { IncomingMessage, ServerResponse } from "node:http";
import { trackRequest } from "./request-tracking";

export const CLIENT_IP_HEADER = "x-meridian-client-ip";

const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

export function isHttps(req: IncomingMessage, trustProxyHeaders: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return trustProxyHeaders && req.headers["x-forwarded-proto"] === "https";
}

/** The caller's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(req: IncomingMessage, trustProxyHeaders: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxyHeaders && typeof forwarded === "string" && forwarded.trim()) return forwarded.split(",")[0].trim();
  return req.socket.remoteAddress ?? "unknown";
}

/** Sets the response's default headers and gives the request its id (returned; see ./request-tracking). */
export function prepareRequest(req: IncomingMessage, res: ServerResponse, trustProxyHeaders: boolean): string {
  const requestId = trackRequest(req, res);
  // Whatever a client sent under this name is replaced: only the server says who is calling.
  req.headers[CLIENT_IP_HEADER] = clientIp(req, trustProxyHeaders);
  res.setHeader("Content-Security-Policy", DEFAULT_CSP);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (isHttps(req, trustProxyHeaders)) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return requestId;
}
