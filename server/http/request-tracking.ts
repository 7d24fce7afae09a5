// Every request the launcher serves gets an id (x-request-id, echoed in the response, on every log
// line logged while serving it), a debug log line when it ends, and an observation in
// meridian_http_request_duration_seconds. Route handlers observe themselves with their route
// template (server/http/route.ts); everything else is labelled here by a bounded kind of path,
// never the raw path, so the metric's series stay countable.
//
// The id is always this server's own: a client's X-Request-Id is replaced, so nobody can make two
// requests share one or write arbitrary text into the logs.
import "server-only";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "../log";
import { metrics } from "../metrics/registry";

export const REQUEST_ID_HEADER = "x-request-id";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

interface Open {
  /** A route handler observed this request with its template; set by observeRoute. */
  route?: string;
}

// On globalThis: the launcher opens requests, route handlers in Next's bundle claim them.
const holder = globalThis as typeof globalThis & { __meridianOpenRequests?: Map<string, Open> };
const open = (holder.__meridianOpenRequests ??= new Map());

export function observeHttpRequest(route: string, method: string, status: number, seconds: number): void {
  metrics().httpRequestDuration.observe({ route, method: METHODS.has(method) ? method : "OTHER", status: String(status) }, seconds);
}

/** The label of a request no route handler claimed: a fixed kind of path, whatever the path is. */
export function pathLabel(path: string): string {
  if (path === "/healthz" || path === "/latency-check") return path;
  if (path.startsWith("/_next/")) return "/_next/*";
  if (path.startsWith("/api/")) return "/api/*"; // no such route (404), or a method it lacks (405)
  if (path.startsWith("/icons/flags/")) return "/icons/flags/[file]";
  if (/\.[a-z0-9]+$/i.test(path)) return "static file";
  return "page";
}

/** Gives the request its id and arranges its log line and (unless a route handler claims it) its observation. */
export function trackRequest(req: IncomingMessage, res: ServerResponse): string {
  const id = randomUUID();
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader("X-Request-Id", id);
  const started = performance.now();
  const entry: Open = {};
  open.set(id, entry);
  res.once("close", () => {
    open.delete(id);
    const seconds = (performance.now() - started) / 1000;
    const path = req.url?.split("?", 1)[0] ?? "/";
    const method = req.method ?? "GET";
    if (!entry.route) observeHttpRequest(pathLabel(path), method, res.statusCode, seconds);
    const log = logger();
    if (!log.isLevelEnabled("debug")) return; // the line's object is not even built (every request)
    const route = entry.route ?? pathLabel(path);
    // Headers are logged for debugging; credentials in them are redacted by path (server/log.ts).
    log.debug(
      { req_id: id, req: { method, path, headers: req.headers }, route, status: res.statusCode, duration_ms: Math.round(seconds * 10_000) / 10, aborted: !res.writableFinished || undefined },
      `${method} ${path.slice(0, 200)} ${res.statusCode}`,
    );
  });
  return id;
}

/**
 * A route handler's answer: observed with its template ("GET /api/v2/workspaceproxies/[id]" →
 * route "/api/v2/workspaceproxies/[id]"), and claimed so the launcher does not observe it again.
 */
export function observeRoute(key: string, requestId: string | null, status: number, started: number): void {
  const [method, route] = key.split(" ", 2);
  observeHttpRequest(route, method, status, (performance.now() - started) / 1000);
  const entry = requestId ? open.get(requestId) : undefined;
  if (entry) entry.route = route;
}
