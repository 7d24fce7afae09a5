// Next's request proxy (formerly middleware): a fresh nonce per page request and a strict
// Content-Security-Policy built on it (server/http/csp.ts); Next applies the nonce to its own
// scripts. Pages under /embed/ may also be framed by the embed allow-list's origins.
//
// Reading the allow-list from here is safe, as checked in Next 16.4's source: proxy.ts runs on
// the Node.js runtime only (the `runtime` option is refused in proxy files), and `next start`
// loads the compiled proxy with a plain `require` in the server's own process
// (NextNodeServer.loadNodeMiddleware), so `globalThis` — and with it the database pool of
// server/db.ts and the allow-list cache — is the one the launcher and the route handlers use.
// Turbopack compiles it in its Middleware server context, which applies `serverExternalPackages`
// (pg, @prisma/*) like route handlers and resolves the `react-server` condition, so
// `import "server-only"` is allowed. Only /embed/ requests touch the database, through a 5 s
// cache; when it fails or is slow they fall back to MERIDIAN_EMBED_ALLOWED_ORIGINS (fail closed).
import { NextResponse, type NextRequest } from "next/server";
import { pageCsp } from "@/server/http/csp";

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const embed = request.nextUrl.pathname.startsWith("/embed/");
  const csp = pageCsp({ nonce, dev: process.env.NODE_ENV !== "production", frameAncestors: embed ? await embedAllowList() : [] });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Taken before the page reads any data: the page's event stream resumes from here (see LiveUpdates).
  const position = eventPosition();
  if (position) headers.set("x-meridian-events-since", position);
  else headers.delete("x-meridian-events-since");
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

/** The process's event bus position (server/events/bus.ts), read from globalThis so no server module loads here. */
function eventPosition(): string | null {
  const bus = (globalThis as { __meridianBus?: { position(): string | null } }).__meridianBus;
  return bus?.position() ?? null;
}

/**
 * Loaded on the first embed request only, so the database client never loads for other pages and
 * a failure to load it costs the embed pages their framing ('self' only), not every page.
 */
async function embedAllowList(): Promise<string[]> {
  try {
    return await (await import("@/server/embed/origins")).embedFrameAncestors();
  } catch (err) {
    console.error(`meridian: the embed allow-list is unavailable (${(err as Error).message}); /embed/ pages may be framed by Meridian only`);
    return [];
  }
}

export const config = {
  matcher: [{ source: "/((?!api/|healthz|_next/static|_next/image|favicon.ico).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
