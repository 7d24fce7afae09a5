// GET /latency-check, as the proxy agent and the primary (the console's own origin) both serve
// it: browsers on any origin time it with Resource Timing, so it allows any origin without
// credentials (it reveals nothing), exposes its timing (`Timing-Allow-Origin: *`), and announces
// in `Server-Timing` how long it spent itself, which the measuring side subtracts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { processingHeader } from "@/lib/latency/server-timing";

export const LATENCY_CHECK_PATH = "/latency-check";

const PREFLIGHT_MAX_AGE_S = 86_400;

/** Headers that let any origin read the answer and its timing, never with credentials. */
export function openCorsHeaders(): Record<string, string> {
  return { "access-control-allow-origin": "*", "access-control-expose-headers": "Server-Timing", "timing-allow-origin": "*" };
}

/** The answer to an OPTIONS preflight of a read-only, credential-free endpoint. */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers["access-control-request-headers"];
  return {
    ...openCorsHeaders(),
    "access-control-allow-methods": "GET, HEAD, OPTIONS",
    // Echoed rather than "*", which older browsers do not understand.
    "access-control-allow-headers": typeof requested === "string" && requested.trim() ? requested : "*",
    "access-control-max-age": String(PREFLIGHT_MAX_AGE_S),
    vary: "Access-Control-Request-Headers",
  };
}

/**
 * Headers of a latency-check answer. `processingMs` is the time between the request arriving and
 * the answer being written, less any deliberate hold (a simulated distance is not processing);
 * a timer that fires late counts as processing, so the measured latency is the distance itself.
 */
export function latencyCheckHeaders(processingMs: number): Record<string, string> {
  return {
    ...openCorsHeaders(),
    "cache-control": "no-store",
    "content-type": "text/plain; charset=utf-8",
    "server-timing": processingHeader(processingMs),
  };
}

/** Answers a latency check on a plain node:http server (the launcher, in front of Next). */
export function answerLatencyCheck(req: IncomingMessage, res: ServerResponse) {
  const arrived = performance.now();
  if (req.method === "OPTIONS") {
    res.writeHead(204, preflightHeaders(req));
    return res.end();
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD, OPTIONS", "content-type": "application/json" });
    return res.end(JSON.stringify({ message: "Method not allowed (allowed: GET, HEAD, OPTIONS)." }));
  }
  res.writeHead(200, latencyCheckHeaders(performance.now() - arrived));
  res.end(req.method === "HEAD" ? undefined : "OK");
}
