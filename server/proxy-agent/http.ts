// What the proxy agent serves. Browsers measure their latency to this region with
// GET /latency-check, cross-origin from the console (see server/http/latency-check.ts); the
// primary's health checker reads GET /healthz-report. `simulatedLatencyMs` holds every answer back, so that proxies running on one
// machine can stand for distant regions in demos and tests.
import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { LATENCY_CHECK_PATH, latencyCheckHeaders, openCorsHeaders, preflightHeaders } from "../http/latency-check";

export interface AgentReport {
  errors: string[];
  warnings: string[];
}

export interface AgentHttpOptions {
  report: () => AgentReport;
  simulatedLatencyMs: number;
}

type Answer = { status: number; headers?: Record<string, string>; body?: string; latencyCheck?: true };

export function createAgentServer({ report, simulatedLatencyMs }: AgentHttpOptions): Server {
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const arrived = performance.now();
    const answer = route(req, report);
    const reply = () => {
      // What the agent spent on this request is announced; the deliberate hold is not (it is distance).
      if (answer.latencyCheck) answer.headers = { ...answer.headers, ...latencyCheckHeaders(performance.now() - arrived - simulatedLatencyMs) };
      send(req, res, answer);
    };
    if (simulatedLatencyMs <= 0) return reply();
    const timer = setTimeout(() => {
      pending.delete(timer);
      reply();
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
    case LATENCY_CHECK_PATH:
      if (method === "OPTIONS") return { status: 204, headers: preflightHeaders(req) };
      if (!read) return { ...notAllowed("GET, HEAD, OPTIONS"), headers: { ...openCorsHeaders(), allow: "GET, HEAD, OPTIONS", "content-type": "application/json" } };
      return { status: 200, body: "OK", latencyCheck: true };
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
