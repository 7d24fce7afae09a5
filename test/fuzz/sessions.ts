// Session cookies without a sign-in: the fuzzer logs its callers out often (POST /users/logout
// with a cookie ends that session), and signing in again costs a scrypt hash each time. This makes
// the session through better-auth's own adapter (so the token is stored hashed, as on sign-in)
// and signs the cookie as better-auth does. `identify` must accept it, else the caller signs in.
import { makeSignature } from "better-auth/crypto";
import { auth, SESSION_COOKIE } from "@/server/auth/better-auth";
import { identify } from "@/server/auth/identity";
import { authSecret } from "@/server/auth/secret";

/** A working session cookie for the user and its session id, or null if the shortcut failed. */
export async function mintSessionCookie(userId: string): Promise<{ cookie: string; sessionId: string } | null> {
  try {
    const context = await (await auth()).$context;
    const session = await context.internalAdapter.createSession(userId);
    const value = `${session.token}.${await makeSignature(session.token, await authSecret())}`;
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(value)}`;
    const identity = await identify(new Headers({ cookie }));
    return identity?.sessionId ? { cookie, sessionId: identity.sessionId } : null;
  } catch {
    return null;
  }
}

/** The session a cookie stands for, if it still works. */
export async function sessionOf(cookie: string): Promise<string | null> {
  return (await identify(new Headers({ cookie })))?.sessionId ?? null;
}
