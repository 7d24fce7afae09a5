// Sign-in and sign-out: better-auth checks the password and sets or clears the session cookie;
// around it we throttle failures and write the audit log.
import "server-only";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { NextResponse } from "next/server";
import type { LoginRequest } from "@/lib/api/users";
import { audit, type RequestMeta } from "../audit";
import { prisma } from "../db";
import { publishAfterWrite } from "../events/publish";
import { Forbidden, TooManyRequests, Unauthorized } from "../http/errors";
import { logger } from "../log";
import { auth } from "./better-auth";
import type { Identity } from "./identity";
import { presentedToken } from "./identity";
import { reserveSignIn } from "./rate-limit";
import { revokeToken } from "./tokens";
import { toUser } from "./users";

const WRONG = "Incorrect email or password.";

// A hash of nothing in particular, so that an unknown email costs the same scrypt work as a
// wrong password (otherwise the answer's timing says which emails have accounts).
const holder = globalThis as typeof globalThis & { __meridianDecoyHash?: Promise<string> };
const decoyHash = () => (holder.__meridianDecoyHash ??= hashPassword("meridian decoy password, never valid"));

export async function login({ email, password }: LoginRequest, headers: Headers, meta: RequestMeta): Promise<Response> {
  // One atomic step per attempt: the slot is taken before the password is checked.
  const reservation = await reserveSignIn({ account: email, ...(meta.ip ? { address: meta.ip } : {}) });
  if (!reservation.allowed) {
    const wait = reservation.retryAfterS;
    throw new TooManyRequests(`Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} min.`, wait);
  }
  // true: signed in (or proved the password); false: a wrong guess; null: something else failed.
  let succeeded: boolean | null = null;
  try {
    const user = await prisma().user.findUnique({ where: { email }, include: { accounts: { where: { providerId: "credential" }, select: { password: true } } } });
    const failed = async () => {
      succeeded = false;
      await audit({ actorId: user?.id ?? null, action: "login_failed", resourceType: "user", resourceId: user?.id, resourceName: email, statusCode: 401 }, meta);
      return new Unauthorized(WRONG);
    };
    const hash = user?.accounts[0]?.password;
    if (!user || !hash) {
      await verifyPassword({ hash: await decoyHash(), password });
      throw await failed();
    }
    if (user.suspendedAt) {
      // Only someone who knows the password learns that the account is suspended.
      if (!(await verifyPassword({ hash, password }))) throw await failed();
      succeeded = true;
      throw new Forbidden("This account is suspended. Ask an admin to reactivate it.");
    }

    const result = await (await auth()).api.signInEmail({ body: { email, password }, headers, asResponse: true });
    if (!result.ok) throw await failed();
    succeeded = true;
    await audit({ actorId: user.id, action: "login", resourceType: "user", resourceId: user.id, resourceName: email }, meta);
    const response = NextResponse.json({ user: toUser(user) });
    for (const cookie of result.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
    return response;
  } finally {
    await reservation.settle(succeeded).catch((err) => logger().error({ err }, `settling a sign-in attempt failed: ${(err as Error).message}`));
  }
}

export async function logout(identity: Identity, headers: Headers, meta: RequestMeta): Promise<Response> {
  const response = new NextResponse(null, { status: 204 });
  if (identity.via === "cookie") {
    const result = await (await auth()).api.signOut({ headers, asResponse: true });
    for (const cookie of result.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  }
  if (identity.via === "token") {
    // As Coder does: logging out with an API token revokes that token (and only that one).
    const id = presentedToken(headers)!.split("-", 1)[0];
    await revokeToken(identity.user.id, id);
  }
  await audit({ actorId: identity.user.id, action: "logout", resourceType: "user", resourceId: identity.user.id, resourceName: identity.user.email }, meta);
  // That session's open event streams end (each stream re-checks its own credentials).
  if (identity.via === "cookie") await publishAfterWrite({ type: "session_revoked", id: identity.user.id });
  return response;
}
