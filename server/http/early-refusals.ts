// Requests the launcher answers itself, before Next reads a byte of them: an API body declared
// larger than the route wrapper would ever read (413), and an API path that is not valid
// percent-encoding (400), which Next would otherwise answer with a plain-text 500. Both in the
// one error shape, with the connection closed after an oversized body rather than draining it.
// And while the database is known to be away, pages get a small 503 that retries by itself
// instead of a server render that fails and logs a stack trace per request. (API calls still go
// through: each fails fast with its own 503, and the first success ends the outage.)
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiErrorBody } from "@/lib/api/errors";
import { MAX_BODY_BYTES } from "./body-limit";
import { databaseDown } from "../database-status";
import { OUTAGE_RETRY_AFTER_S } from "./database-errors";
import { Invalid, PayloadTooLarge } from "./errors";

const OUTAGE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${OUTAGE_RETRY_AFTER_S}"><title>Meridian: database unavailable</title></head><body><main><h1>Meridian cannot reach its database</h1><p>This page tries again every ${OUTAGE_RETRY_AFTER_S} seconds and comes back by itself once PostgreSQL answers.</p></main></body></html>`;

function answer(res: ServerResponse, status: number, body: ApiErrorBody, close = false) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...(close ? { connection: "close" } : {}) });
  res.end(JSON.stringify(body));
}

/** True when the request was answered here. */
export function refuseEarly(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  if (!url.startsWith("/api/")) {
    if (!databaseDown() || url.startsWith("/_next/") || url === "/healthz" || req.method !== "GET") return false;
    res.writeHead(503, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": String(OUTAGE_RETRY_AFTER_S) });
    res.end(OUTAGE_PAGE);
    return true;
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    answer(res, 413, new PayloadTooLarge(MAX_BODY_BYTES).body(), true);
    return true;
  }
  const pathname = url.split("?", 1)[0];
  try {
    decodeURIComponent(pathname);
  } catch {
    answer(res, 400, new Invalid("The request path is not valid percent-encoding.", [{ field: "path", detail: "must be valid percent-encoded UTF-8" }]).body());
    return true;
  }
  return false;
}
