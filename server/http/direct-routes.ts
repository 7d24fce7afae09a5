// API reads answered by the launcher itself, calling the route's own handler: Next.js's router
// around a route handler (its request and response objects, routing, async storage, a gzip per
// answer) cost about five times the handler's own work on /api/v2/regions, whose p99 at 32
// connections was 70 ms through Next and 16 ms this way (bench/README.md).
//
// Only GET routes that answer JSON (not the event stream), in production: the handler is the one
// route() built, so authentication, the authorization table, parsing, errors, metrics and request
// ids are exactly those of the Next path. A path that does not match a route exactly (a trailing
// slash, a double slash, an unknown route) and every other method go to Next as before. The
// launcher and Next's bundle share state through globalThis (caches, the pool, the event bus).
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { NextRequest } from "next/server";
import { logger } from "../log";
import { encodedBody } from "./route";
import type { DocumentedRoute } from "./openapi";

type Handler = DocumentedRoute & ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>);

interface Compiled {
  /** Path segments after the leading slash; a `[name]` segment takes any one segment. */
  segments: ({ literal: string } | { param: string })[];
  handler: Handler;
}

export interface DirectMatch {
  handler: Handler;
  params: Record<string, string>;
}

/** Answers smaller than this are sent as they are: gzip would save a few bytes for its own cost. */
const GZIP_FROM_BYTES = 1024;

/** The GET routes among `routes` that answer JSON, as a matcher of request paths (`size`: how many). */
export function directReads(routes: readonly DocumentedRoute[]): ((req: IncomingMessage) => DirectMatch | undefined) & { size: number } {
  const compiled: Compiled[] = routes
    .filter((r) => r.routeKey.startsWith("GET ") && !r.spec.stream)
    .map((r) => ({
      handler: r as Handler,
      segments: r.routeKey
        .slice("GET /".length)
        .split("/")
        .map((s) => (s.startsWith("[") && s.endsWith("]") ? { param: s.slice(1, -1) } : { literal: s })),
    }))
    // As Next routes: where two patterns fit, the one with a fixed segment where the other has a parameter wins.
    .sort((a, b) => specificity(a).localeCompare(specificity(b)));
  const match = (req: IncomingMessage): DirectMatch | undefined => {
    if (req.method !== "GET") return undefined;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const parts = (q === -1 ? url : url.slice(0, q)).split("/");
    if (parts[0] !== "" || parts[1] !== "api") return undefined;
    parts.shift();
    for (const { segments, handler } of compiled) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matched = segments.every((s, i) => {
        if ("literal" in s) return s.literal === parts[i];
        if (parts[i] === "") return false;
        params[s.param] = decodeURIComponent(parts[i]); // valid: the launcher refused bad encoding
        return true;
      });
      if (matched) return { handler, params };
    }
    return undefined;
  };
  return Object.assign(match, { size: compiled.length });
}

function specificity({ segments }: Compiled): string {
  return segments.map((s) => ("literal" in s ? "0" : "1")).join("");
}

/** Gzipped bodies by the encoded answer they compress: a cached read is compressed once per change. */
const gzipped = new WeakMap<Uint8Array, Buffer>();

/**
 * Calls the route's handler with a request made from `req`, and writes its answer to `res`.
 * The headers are `req.headers`, as the launcher left them (its client address and request id
 * replace whatever the client sent), as Next would pass them.
 */
export async function serveDirect(match: DirectMatch, req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  try {
    await answer(match, req, res, origin);
  } catch (err) {
    logger().error({ err }, `GET ${req.url?.split("?", 1)[0]} could not be answered`);
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ message: "Internal error.", detail: "The server logged the cause." }));
  }
}

async function answer({ handler, params }: DirectMatch, req: IncomingMessage, res: ServerResponse, origin: string) {
  const url = origin + (req.url ?? "/");
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.append(name, value);
    else if (value) for (const one of value) headers.append(name, one);
  }
  const response = await handler(new NextRequest(url, { headers }), { params: Promise.resolve(params) });
  let body: Uint8Array = encodedBody(response) ?? new Uint8Array(await response.arrayBuffer());
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (body.byteLength >= GZIP_FROM_BYTES) {
    res.setHeader("vary", "Accept-Encoding");
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      let zipped = gzipped.get(body);
      if (!zipped) gzipped.set(body, (zipped = gzipSync(body)));
      body = zipped;
      res.setHeader("content-encoding", "gzip");
    }
  }
  if (response.status === 204 || response.status === 304) return void res.writeHead(response.status).end(); // no body, no length
  res.setHeader("content-length", body.byteLength);
  res.writeHead(response.status);
  res.end(body);
}
