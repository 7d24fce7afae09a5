// Calls route handlers in-process exactly as Next would, with real headers, cookies and bodies.
import { NextRequest } from "next/server";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;

/** Every route module under app/api/v2, keyed by its path pattern ("/api/v2/users/[id]"). */
export const ROUTES: Record<string, () => Promise<RouteModule>> = Object.fromEntries(
  Object.entries(import.meta.glob<RouteModule>("../../app/api/v2/**/route.ts")).map(([file, load]) => [
    file.replace("../../app", "").replace(/\/route\.ts$/, ""),
    load,
  ]),
);

export const ORIGIN = "http://localhost:3000";

export interface CallOptions {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
}

/** `key` is "METHOD /path/[param]"; params fill the brackets. */
export async function call(key: string, options: CallOptions = {}): Promise<Response> {
  const [method, pattern] = key.split(" ");
  const load = ROUTES[pattern];
  if (!load) throw new Error(`no route file for ${pattern}`);
  const handler = (await load())[method];
  if (!handler) throw new Error(`${pattern} exports no ${method}`);
  const path = pattern.replace(/\[(\w+)\]/g, (_, name: string) => options.params?.[name] ?? "x");
  const url = new URL(path, ORIGIN);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers({ "x-meridian-client-ip": "203.0.113.7", "user-agent": "vitest", ...options.headers });
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new NextRequest(url, { method, headers, body });
  return handler(req, { params: Promise.resolve(options.params ?? {}) });
}

/**
 * Routes a request to the route module whose pattern matches its path, as Next's router does:
 * static segments win over [params]; 404 when no file matches, 405 when it lacks the method.
 */
export async function dispatch(req: NextRequest): Promise<Response> {
  const segments = req.nextUrl.pathname.replace(/\/+$/, "").split("/");
  let best: { pattern: string; params: Record<string, string>; rank: string } | undefined;
  for (const pattern of Object.keys(ROUTES)) {
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const name = /^\[(\w+)\]$/.exec(part)?.[1];
      if (name) params[name] = decodeURIComponent(segments[i]);
      return name !== undefined || part === segments[i];
    });
    // "s" (static) sorts after "d" (dynamic) position by position: the most static match wins.
    const rank = parts.map((p) => (p.startsWith("[") ? "d" : "s")).join("");
    if (ok && (!best || rank > best.rank)) best = { pattern, params, rank };
  }
  if (!best) return Response.json({ message: `no route file for ${req.nextUrl.pathname}` }, { status: 404 });
  const handler = (await ROUTES[best.pattern]())[req.method];
  if (!handler) return Response.json({ message: `${best.pattern} exports no ${req.method}` }, { status: 405 });
  return handler(req, { params: Promise.resolve(best.params) });
}

/** Same-origin browser headers for cookie-authenticated writes. */
export function browser(cookie?: string): Record<string, string> {
  return { origin: ORIGIN, "sec-fetch-site": "same-origin", ...(cookie ? { cookie } : {}) };
}

export function cookieFrom(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token="));
  if (!cookie) throw new Error(`no session cookie in response (${res.status})`);
  return cookie.split(";")[0];
}
