// Who is calling: a user by API token (Authorization: Bearer, or Meridian-Session-Token), a user
// by session cookie (better-auth), or nobody. Workspace-proxy tokens are another kind and are
// recognised only on proxy routes; here they authenticate no user.
import "server-only";
import type { Role } from "@/lib/api/users";
import { prisma } from "../db";
import { auth } from "./better-auth";
import { verifyToken } from "./tokens";

export interface UserIdentity {
  kind: "user";
  via: "cookie" | "token";
  user: { id: string; email: string; name: string; role: Role };
  sessionId?: string;
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

export async function identify(headers: Headers): Promise<Identity | null> {
  const token = presentedToken(headers);
  if (token !== null) {
    const user = await verifyToken(token);
    return user ? { kind: "user", via: "token", user } : null;
  }
  if (!headers.get("cookie")?.includes("meridian.session_token")) return null;
  const session = await (await auth()).api.getSession({ headers, query: { disableRefresh: false } });
  if (!session) return null;
  // The session row exists only while the user is not suspended (suspension deletes sessions),
  // but read the flag anyway: it costs nothing extra here and closes the race.
  const u = session.user as typeof session.user & { role: Role; suspendedAt?: Date | null };
  if (u.suspendedAt) return null;
  return { kind: "user", via: "cookie", user: { id: u.id, email: u.email, name: u.name, role: u.role }, sessionId: session.session.id };
}

export async function revokeUserSessions(userId: string): Promise<void> {
  await prisma().session.deleteMany({ where: { userId } });
}
