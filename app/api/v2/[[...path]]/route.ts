// Any /api/v2 path no route file matches: a JSON 404 in the error shape, not Next's HTML page.
// (A known path with a method its file does not export is Next's own 405.) Not a route(): there is
// nothing to authorize or parse, so it has no entry in the authorization table.
import type { NextRequest } from "next/server";
import { ApiError } from "@/server/http/errors";
import { errorResponse } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** The path is echoed as Next received it (still percent-encoded), cut short: it is the caller's text. */
const MAX_ECHOED_PATH = 200;

function notFound(req: NextRequest): Response {
  const path = req.nextUrl.pathname;
  const echoed = path.length > MAX_ECHOED_PATH ? `${path.slice(0, MAX_ECHOED_PATH)}…` : path;
  return errorResponse(new ApiError(404, `No such API route: ${req.method} ${echoed}`), req);
}

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
