// Who is calling: a user by API token (Authorization: Bearer, or Meridian-Session-Token), a user
// by session cookie (better-auth), or nobody. Workspace-proxy tokens (`<proxy id>:<secret>`) are
// another kind: `identifyProxy` recognises them on proxy routes, and they authenticate no user.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Role } from "@/lib/api/users";
import { prisma } from "../db";
import { eventCache } from "../events/live-cache";
import { publishAfterWrite } from "../events/publish";
import { SESSION_COOKIE } from "./better-auth";
import { authSecret } from "./secret";
import { hashSessionToken } from "./session-tokens";
import { PROXY_TOKEN_HEADER } from "@/lib/api/proxies";
import { verifyProxyToken } from "../topology/proxy-tokens";
import { CREDENTIAL_EVENTS, verifyToken } from "./tokens";
import { looksLikeJwt, verifyEmbedToken } from "./embed-token";

export interface UserIdentity {
  kind: "user";
  /** `embed`: an embed token, good only for the routes in EMBED_SCOPE. */
  via: "cookie" | "token" | "embed";
  user: { id: string; email: string; name: string; role: Role };
  sessionId?: string;
}

export interface ProxyIdentity {
  kind: "proxy";
  proxy: { id: string; name: string };
}

export type Identity = UserIdentity;

export const TOKEN_HEADER = "meridian-session-token";

/** The API token a request presents, if any (its presence exempts the request from CSRF checks). */
export function presentedToken(headers: Headers): string | null {
  const header = headers.get(TOKEN_HEADER);
  if (header) return header.trim();
  const authorization = headers.get("authorization");
  const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization);
  return bearer ? bearer[1] : null;
}

/** The workspace proxy token a request presents (its own header, or a Bearer token with a colon). */
export function presentedProxyToken(headers: Headers): string | null {
  const header = headers.get(PROXY_TOKEN_HEADER);
  if (header) return header.trim();
  const token = presentedToken(headers);
  return token?.includes(":") ? token : null;
}

export async function identifyProxy(headers: Headers): Promise<ProxyIdentity | null> {
  const token = presentedProxyToken(headers);
  const proxy = token === null ? null : await verifyProxyToken(token);
  return proxy ? { kind: "proxy", proxy } : null;
}

export async function identify(headers: Headers): Promise<Identity | null> {
  const token = presentedToken(headers);
  if (token !== null) {
    if (token.includes(":")) return null; // a proxy token never acts as a user
    if (looksLikeJwt(token)) return { kind: "user", via: "embed", user: await verifyEmbedToken(token) };
    const user = await verifyToken(token);
    return user ? { kind: "user", via: "token", user } : null;
  }
  return sessionFromCookie(headers.get("cookie"));
}

const holder = globalThis as typeof globalThis & { __meridianSecret?: Promise<string> };

/**
 * Reads the session cookie better-auth set (`<token>.<base64 HMAC-SHA256 of token>`) with one
 * indexed query. better-auth's own getSession does the same check through several layers and
 * queries; this is the per-request hot path, so it is done directly. Sessions do not slide:
 * better-auth is configured never to refresh them, so both readings agree.
 */
/**
 * Session rows by hashed token, kept until a user or their sessions change (sign-out, revoke,
 * suspension, role change: each publishes an event), so a page load or a poll costs no query for
 * who is asking. Only rows that exist are kept; expiry and suspension are checked on every call.
 */
const sessionRows = eventCache("sessions", 10_000);

async function sessionFromCookie(cookieHeader: string | null): Promise<Identity | null> {
  const raw = cookieHeader && readCookie(cookieHeader);
  if (!raw) return null;
  const dot = raw.lastIndexOf(".");
  if (dot <= 0) return null;
  const [token, signature] = [raw.slice(0, dot), raw.slice(dot + 1)];
  holder.__meridianSecret ??= authSecret().catch((err) => {
    holder.__meridianSecret = undefined; // a database hiccup must not stick
    throw err;
  });
  const expected = createHmac("sha256", await holder.__meridianSecret).update(token).digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const hashed = hashSessionToken(token);
  const session = await sessionRows.getScoped(
    hashed,
    CREDENTIAL_EVENTS,
    () =>
      prisma().session.findUnique({
        where: { token: hashed },
        select: { id: true, expiresAt: true, user: { select: { id: true, email: true, name: true, role: true, suspendedAt: true } } },
      }),
    (found) => found !== null,
    (found) => found!.user.id,
  );
  if (!session || session.expiresAt <= new Date() || session.user.suspendedAt) return null;
  const { id, email, name, role } = session.user;
  return { kind: "user", via: "cookie", user: { id, email, name, role }, sessionId: session.id };
}

function readCookie(header: string): string | null {
  for (const part of header.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE || name === `__Secure-${SESSION_COOKIE}`) {
      // A cookie that is not valid percent-encoding is not a session (decodeURIComponent throws URIError).
      try {
        return decodeURIComponent(value.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

export async function revokeUserSessions(userId: string): Promise<void> {
  await prisma().session.deleteMany({ where: { userId } });
  await publishAfterWrite({ type: "session_revoked", id: userId });
}
