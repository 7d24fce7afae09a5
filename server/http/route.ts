// The one wrapper every route handler goes through: authenticates the caller and checks the
// authorization table, refuses cross-site cookie writes (CSRF), parses params, query and body
// with zod, answers JSON, and maps errors to the one error shape. A 500 is a bug and is logged.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ACCESS, EMBED_SCOPE, roleAtLeast, type RouteKey } from "../auth/access";
import { identify, identifyProxy, type Identity, type ProxyIdentity } from "../auth/identity";
import type { RequestMeta } from "../audit";
import { reportDatabaseDown } from "../database-status";
import { config } from "../env";
import { logger, withRequestId } from "../log";
import { fromDatabaseError, isDatabaseOutage } from "./database-errors";
import { ApiError, Forbidden, fromZod, Invalid, PayloadTooLarge, Unauthorized } from "./errors";
import { observeRoute, REQUEST_ID_HEADER } from "./request-tracking";

import { MAX_BODY_BYTES } from "./body-limit";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Statuses a route's own service may answer, beyond those the wrapper itself gives (see server/http/openapi.ts). */
export type ServiceErrorStatus = 401 | 403 | 404 | 409 | 429;

/**
 * What a route parses and answers. The same object parses requests here and documents the route
 * in /api/v2/openapi.json (server/http/openapi.ts), so the two cannot drift.
 */
export interface RouteSpec<Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  query?: Q;
  params?: P;
  body?: B;
  /** A few words on what the route does, for the API reference. */
  summary?: string;
  /** The JSON body of a success (for the event stream: one event's data); none with status 204. */
  response?: R;
  /** The status of a success: 200 unless said. */
  status?: 200 | 201 | 204;
  /** A success is a Server-Sent Events stream (`text/event-stream`), not JSON. */
  stream?: true;
  errors?: readonly ServiceErrorStatus[];
  /** False: answers without the database, so never with its 503. */
  database?: false;
}

type Access = (typeof ACCESS)[RouteKey];

export interface Input<Q, P, B, K extends RouteKey> {
  req: NextRequest;
  query: Q;
  params: P;
  body: B;
  /** Present on every route that is not public; a proxy's own identity on proxy routes. */
  identity: (typeof ACCESS)[K] extends "public" ? Identity | null : (typeof ACCESS)[K] extends "proxy" ? ProxyIdentity : Identity;
  meta: RequestMeta;
}

export function route<K extends RouteKey, Q extends z.ZodType = z.ZodUnknown, P extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown, R extends z.ZodType = z.ZodUnknown>(
  key: K,
  spec: RouteSpec<Q, P, B, R>,
  // A plain answer must be what the documented response schema accepts; a Response is checked by test/openapi.test.ts.
  handler: (input: Input<z.infer<Q>, z.infer<P>, z.infer<B>, K>) => Promise<z.input<R> | Response>,
) {
  const access: Access = ACCESS[key];
  const handle = async (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => {
    const started = performance.now();
    // The launcher's id for this request (server/http/request-tracking.ts): on every line logged while serving it.
    const requestId = req.headers.get(REQUEST_ID_HEADER);
    const response = requestId ? await withRequestId(requestId, () => answer(req, ctx)) : await answer(req, ctx);
    observeRoute(key, requestId, response.status, started);
    return response;
  };
  const answer = async (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => {
    try {
      const identity = await authorize(key, access, req);
      checkCsrf(req, identity);
      const query = parse("query", spec.query, Object.fromEntries(req.nextUrl.searchParams));
      const params = parse("path parameters", spec.params, await ctx.params);
      const body = (spec.body ? parse("body", spec.body, await readJson(req)) : undefined) as z.infer<B>;
      const meta = requestMeta(req.headers);
      const result = await handler({ req, query, params, body, identity: identity as never, meta });
      return result instanceof Response ? result : jsonAnswer(result);
    } catch (err) {
      return errorResponse(err, req);
    }
  };
  // The route's key and schemas travel with its handler: the fuzzer (test/fuzz) generates requests from them.
  return Object.assign(handle, { routeKey: key, spec: spec as RouteSpec });
}

/** Encoded answers by answer object: a cached read's answer (see answerOnce) is encoded to JSON once, not per request. */
const encoded = new WeakMap<object, Uint8Array<ArrayBuffer>>();
/** The body of each JSON answer made here, for a caller that writes it itself (server/http/direct-routes.ts). */
const bodies = new WeakMap<Response, Uint8Array<ArrayBuffer>>();

function jsonAnswer(result: unknown): Response {
  const cacheable = typeof result === "object" && result !== null;
  let body = cacheable ? encoded.get(result) : undefined;
  if (!body) {
    body = new TextEncoder().encode(JSON.stringify(result));
    if (cacheable) encoded.set(result, body);
  }
  const response = new NextResponse(body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
  bodies.set(response, body);
  return response;
}

/**
 * The encoded body of a JSON answer made by a route here: the same bytes for every answer of one
 * cached read, so what is derived from them (a gzipped copy) can be kept per change too.
 */
export function encodedBody(response: Response): Uint8Array<ArrayBuffer> | undefined {
  return bodies.get(response);
}

const wrapped = new WeakMap<object, object>();

/**
 * `wrap(value)`, made once per `value`. A route answering a cached read (a list kept until an
 * event) as `answerOnce(list, (l) => ({ items: l }))` answers the same object until the list
 * changes, so the wrapper encodes its JSON once. Answers must not be mutated.
 */
export function answerOnce<T extends object, A extends object>(value: T, wrap: (value: T) => A): A {
  let answer = wrapped.get(value) as A | undefined;
  if (!answer) wrapped.set(value, (answer = wrap(value)));
  return answer;
}

async function authorize(key: RouteKey, access: Access, req: NextRequest): Promise<Identity | ProxyIdentity | null> {
  if (access === "public") return identify(req.headers).catch(() => null);
  if (access === "proxy") {
    const proxy = await identifyProxy(req.headers);
    if (!proxy) throw new Unauthorized("A valid workspace proxy token is required (Meridian-Proxy-Token header).");
    return proxy;
  }
  const identity = await identify(req.headers);
  if (!identity) throw new Unauthorized();
  if (identity.via === "embed" && !EMBED_SCOPE.has(key)) throw new Forbidden("An embed token may only read regions and read or set its user's region.");
  if (!roleAtLeast(identity.user.role, access)) throw new Forbidden();
  return identity;
}

/**
 * Cookie-authenticated writes must come from the console's own origin. Exempt only are requests
 * that actually authenticated by a token (a user's API or embed token, or a proxy's): a browser
 * never sends those on its own. A token header that did not authenticate exempts nothing.
 */
function checkCsrf(req: NextRequest, identity: Identity | ProxyIdentity | null) {
  if (SAFE_METHODS.has(req.method)) return;
  if (identity && (identity.kind === "proxy" || identity.via !== "cookie")) return;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if (site !== null) {
    if (site === "same-origin") return;
    throw new Forbidden(`Cross-site request refused (Sec-Fetch-Site: ${site}).`);
  }
  if (origin !== null) {
    if (ownOrigins(req).has(origin)) return;
    throw new Forbidden(`Cross-site request refused (Origin ${origin} is not this console).`);
  }
  // No browser signal at all: a script without cookies is fine, a cookie without proof is not.
  if (req.headers.get("cookie")?.includes("meridian.session_token")) throw new Forbidden("Request without Origin refused: cookie-authenticated writes must come from the console.");
}

function ownOrigins(req: NextRequest): Set<string> {
  const host = req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") === "https" || config().accessUrl.startsWith("https:") ? "https" : "http";
  return new Set([new URL(config().accessUrl).origin, ...(host ? [`${proto}://${host}`] : [])]);
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new Invalid("Send the body as JSON (Content-Type: application/json).");
  const text = await readLimited(req);
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid("The body is not valid JSON.");
  }
}

/**
 * Reads the body but never more than MAX_BODY_BYTES of it: a declared Content-Length over the limit
 * is refused before reading, and a streamed (chunked) body is counted as it arrives and cancelled
 * at the limit, so a huge body costs no memory. (The launcher refuses an oversized Content-Length
 * even earlier, before Next; this covers chunked bodies and in-process callers.)
 */
async function readLimited(req: NextRequest): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLarge(MAX_BODY_BYTES);
  const reader = req.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLarge(MAX_BODY_BYTES);
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parse<T extends z.ZodType>(where: string, schema: T | undefined, value: unknown): z.infer<T> {
  if (!schema) return value as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(where, result.error);
  return result.data;
}

/** The client address as the launcher saw it (it overwrites any such header a client sends). */
export function requestMeta(headers: Headers): RequestMeta {
  return { ip: headers.get("x-meridian-client-ip"), userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}

export function errorResponse(err: unknown, req: { method: string; nextUrl: URL }) {
  if (isDatabaseOutage(err)) reportDatabaseDown(err, `${req.method} ${req.nextUrl.pathname}`);
  const known = err instanceof ApiError ? err : fromDatabaseError(err);
  if (known) {
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (known.retryAfter) headers["retry-after"] = String(known.retryAfter);
    // The rest of an oversized body is not worth reading: close the connection after answering.
    if (known.status === 413) headers.connection = "close";
    return NextResponse.json(known.body(), { status: known.status, headers });
  }
  logger().error({ err }, `${req.method} ${req.nextUrl.pathname} failed`);
  return NextResponse.json({ message: "Internal error.", detail: "The server logged the cause." }, { status: 500 });
}
