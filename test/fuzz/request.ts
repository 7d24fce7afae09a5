// One fuzzed request: its description (plain data, so fast-check can shrink it and we can print
// it), how it becomes a NextRequest, and how it reaches a route handler as Next would route it.
import { createHmac } from "node:crypto";
import { NextRequest } from "next/server";
import { ORIGIN, ROUTES } from "../support/api";
import { asHeaderValue } from "./hostile";
import { RawJson } from "./schema";
import type { Caller, World } from "./world";

/** A JWT built by hand, so its claims can be anything; `iat`/`exp` offsets are seconds from now. */
export interface Jwt {
  jwt: { claims: Record<string, unknown>; iat?: number; exp?: number; secret: "right" | "wrong"; alg: "HS256" | "HS512" | "none" };
}
export type HeaderValue = string | Jwt;

/** Browser signals for CSRF: what Sec-Fetch-Site and Origin say, if anything. */
export type Site = "same-origin" | "origin-only" | "none" | "cross-site" | "foreign-origin";

export type Body = { json: unknown } | { text: string } | { bytes: number[] };

export interface FuzzCase {
  method: string;
  /** Path and query as sent on the wire (percent-encoding as the client wrote it). */
  target: string;
  caller: Caller;
  site: Site;
  /** Set after the caller's own headers, so they may replace them. */
  headers: [string, HeaderValue][];
  body?: Body;
  clientIp: string;
  /** Sent this many times at once (races between identical requests). */
  copies: number;
}

export type Outcome =
  | { kind: "answered"; status: number; body: string; logged: string[] }
  /** Next answers before any route code runs (undecodable path parameter, method not exported). */
  | { kind: "framework"; why: string }
  /** A request a client cannot send (a header undici refuses). */
  | { kind: "unsendable"; why: string };

const SITE_HEADERS: Record<Site, Record<string, string>> = {
  "same-origin": { origin: ORIGIN, "sec-fetch-site": "same-origin" },
  "origin-only": { origin: ORIGIN },
  none: {},
  "cross-site": { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  "foreign-origin": { origin: "https://evil.example" },
};

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function signJwt({ jwt }: Jwt, world: World): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...jwt.claims, ...(jwt.iat !== undefined ? { iat: now + jwt.iat } : {}), ...(jwt.exp !== undefined ? { exp: now + jwt.exp } : {}) };
  const head = `${b64({ alg: jwt.alg, typ: "JWT" })}.${b64(claims)}`;
  if (jwt.alg === "none") return `${head}.x`;
  const secret = jwt.secret === "right" ? world.embedSecret : "not-the-embed-secret";
  return `${head}.${createHmac(jwt.alg === "HS256" ? "sha256" : "sha512", secret).update(head).digest("base64url")}`;
}

/** JSON text for a value, with RawJson fragments written as they are. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function headerText(value: HeaderValue, world: World): string {
  return typeof value === "string" ? asHeaderValue(value) : signJwt(value, world);
}

export function buildRequest(c: FuzzCase, world: World): NextRequest | { unsendable: string } {
  try {
    const headers = new Headers({ "x-meridian-client-ip": c.clientIp, "user-agent": "meridian-fuzz", ...world.headers(c.caller), ...SITE_HEADERS[c.site] });
    let body: string | Uint8Array | undefined;
    if (c.body) {
      body = "json" in c.body ? jsonText(c.body.json) : "text" in c.body ? c.body.text : new Uint8Array(c.body.bytes);
      headers.set("content-type", "application/json");
    }
    for (const [name, value] of c.headers) headers.set(name, headerText(value, world));
    return new NextRequest(new URL(c.target, ORIGIN), { method: c.method, headers, body: body as BodyInit | undefined });
  } catch (err) {
    return { unsendable: (err as Error).message };
  }
}

/** A route handler, whatever shape its params take (`{ id }`, or the catch-all's `{ path: [] }`). */
export type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
const CATCH_ALL = "/api/v2/[[...path]]";

/**
 * Routes as Next does: the most static matching pattern wins, else the catch-all under /api/v2;
 * a path parameter that is not valid percent-encoding is Next's own 400 (DecodeError), and a
 * method the file does not export is Next's own 405 — neither reaches our code.
 */
export async function resolve(req: NextRequest): Promise<{ handler: Handler; params: Record<string, string | string[]> } | { framework: string }> {
  const segments = req.nextUrl.pathname.replace(/\/+$/, "").split("/");
  if (segments[1] !== "api" || segments[2] !== "v2") return { framework: "path outside /api/v2" };
  let best: { pattern: string; raw: Record<string, string>; rank: string } | undefined;
  for (const pattern of Object.keys(ROUTES)) {
    const parts = pattern.split("/");
    if (pattern === CATCH_ALL || parts.length !== segments.length) continue;
    const raw: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const name = /^\[(\w+)\]$/.exec(part)?.[1];
      if (name) raw[name] = segments[i];
      return name !== undefined || part === segments[i];
    });
    const rank = parts.map((p) => (p.startsWith("[") ? "d" : "s")).join("");
    if (ok && (!best || rank > best.rank)) best = { pattern, raw, rank };
  }
  const pattern = best?.pattern ?? CATCH_ALL;
  if (!ROUTES[pattern]) return { framework: "404: no route file matches (Next's own page)" };
  let params: Record<string, string | string[]>;
  try {
    params = best ? Object.fromEntries(Object.entries(best.raw).map(([k, v]) => [k, decodeURIComponent(v)])) : { path: segments.slice(3).map(decodeURIComponent) };
  } catch {
    return { framework: "400: path parameter is not valid percent-encoding" };
  }
  const handler = (await ROUTES[pattern]())[req.method] as Handler | undefined;
  return handler ? { handler, params } : { framework: `405: ${pattern} exports no ${req.method}` };
}

/** How a request reaches a handler: `send` routes it as Next would; a test may aim at one handler. */
export type Deliver = (req: NextRequest, logged: string[]) => Promise<Outcome>;

/** Sends the request where Next would route it. */
export const send: Deliver = async (req, logged) => {
  const target = await resolve(req);
  if ("framework" in target) return { kind: "framework", why: target.framework };
  return answer(target.handler, target.params, req, logged);
};

/** Calls a handler and reads the answer; a handler that throws is Next's 500. */
export async function answer(handler: Handler, params: Record<string, string | string[]>, req: NextRequest, logged: string[]): Promise<Outcome> {
  let res: Response;
  try {
    res = await handler(req, { params: Promise.resolve(params) as Promise<never> });
  } catch (err) {
    logged.push(`handler threw: ${(err as Error)?.stack ?? String(err)}`);
    return { kind: "answered", status: 500, body: "", logged };
  }
  return { kind: "answered", status: res.status, body: await readAnswer(res), logged };
}

/** The body, except an event stream's, which never ends: it is judged by its status and first bytes. */
async function readAnswer(res: Response): Promise<string> {
  if (!res.headers.get("content-type")?.startsWith("text/event-stream")) return res.text();
  const reader = res.body!.getReader();
  const first = await reader.read();
  await reader.cancel();
  return first.done ? "" : new TextDecoder().decode(first.value);
}
