// What the proxy agent serves. Browsers measure their latency to this region with
// GET /latency-check, cross-origin from the console, so it allows any origin (never with
// credentials: it reveals nothing) and exposes Resource Timing; the primary's health checker reads
// GET /healthz-report. `simulatedLatencyMs` holds every answer back, so that proxies running on one
// machine can stand for distant regions in demos and tests.
import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface AgentReport {
  errors: string[];
  warnings: string[];
}

export interface AgentHttpOptions {
  report: () => AgentReport;
  simulatedLatencyMs: number;
}

type Answer = { status: number; headers?: Record<string, string>; body?: string };

const PREFLIGHT_MAX_AGE_S = 86_400;

export function createAgentServer({ report, simulatedLatencyMs }: AgentHttpOptions): Server {
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const answer = route(req, report);
    if (simulatedLatencyMs <= 0) return send(req, res, answer);
    const timer = setTimeout(() => {
      pending.delete(timer);
      send(req, res, answer);
    }, simulatedLatencyMs);
    pending.add(timer);
  });
  // Answers held back by the simulated latency must not keep a stopped agent's process alive.
  server.on("close", () => pending.forEach(clearTimeout));
  return server;
}

function route(req: IncomingMessage, report: () => AgentReport): Answer {
  const path = new URL(req.url ?? "/", "http://agent").pathname;
  const method = req.method ?? "GET";
  const read = method === "GET" || method === "HEAD";
  switch (path) {
    case "/latency-check":
      if (method === "OPTIONS") return preflight(req);
      if (!read) return notAllowed("GET, HEAD, OPTIONS");
      return { status: 200, headers: { ...cors(), "timing-allow-origin": "*", "content-type": "text/plain; charset=utf-8" }, body: "OK" };
    case "/healthz-report":
      if (!read) return notAllowed("GET, HEAD");
      return json(200, report());
    case "/healthz":
      if (!read) return notAllowed("GET, HEAD");
      return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "OK" };
    default:
      return json(404, { message: `Not found: this is a Meridian workspace proxy; it serves /latency-check, /healthz-report and /healthz.` });
  }
}

function cors(): Record<string, string> {
  return { "access-control-allow-origin": "*" };
}

function preflight(req: IncomingMessage): Answer {
  const requested = req.headers["access-control-request-headers"];
  return {
    status: 204,
    headers: {
      ...cors(),
      "access-control-allow-methods": "GET, HEAD, OPTIONS",
      // Echoed rather than "*", which older browsers do not understand.
      "access-control-allow-headers": typeof requested === "string" && requested.trim() ? requested : "*",
      "access-control-max-age": String(PREFLIGHT_MAX_AGE_S),
      vary: "Access-Control-Request-Headers",
    },
  };
}

function notAllowed(allow: string): Answer {
  return { ...json(405, { message: `Method not allowed (allowed: ${allow}).` }), headers: { allow, "content-type": "application/json" } };
}

function json(status: number, value: unknown): Answer {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) };
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer) {
  if (res.destroyed) return;
  res.writeHead(answer.status, {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    ...answer.headers,
  });
  res.end(req.method === "HEAD" ? undefined : answer.body);
}
