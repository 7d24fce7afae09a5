// Requests the launcher answers itself, before Next reads a byte of them: an API body declared
// larger than the route wrapper would ever read (413), and an API path that is not valid
// percent-encoding (400), which Next would otherwise answer with a plain-text 500. Both in the
// one error shape, with the connection closed after an oversized body rather than draining it.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiErrorBody } from "@/lib/api/errors";
import { MAX_BODY_BYTES } from "./body-limit";
import { Invalid, PayloadTooLarge } from "./errors";

function answer(res: ServerResponse, status: number, body: ApiErrorBody, close = false) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...(close ? { connection: "close" } : {}) });
  res.end(JSON.stringify(body));
}

/** True when the request was answered here. */
export function refuseEarly(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  if (!url.startsWith("/api/")) return false;
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
