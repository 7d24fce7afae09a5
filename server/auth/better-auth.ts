// better-auth does sign-in, password hashing (scrypt, memory-hard), sessions in Postgres, the
// session cookie and sign-out. Users are created by our own services (setup, admins, the CLI):
// public sign-up is off.
import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { prisma } from "../db";
import { config } from "../env";
import { authSecret } from "./secret";
import { hashingSessionTokens } from "./session-tokens";

export const SESSION_COOKIE = "meridian.session_token";
const SESSION_DAYS = 7;

function create(secret: string) {
  const { accessUrl } = config();
  const secure = accessUrl.startsWith("https:");
  return betterAuth({
    secret,
    baseURL: accessUrl,
    basePath: "/api/auth",
    // Session tokens are stored as their sha256 (session-tokens.ts).
    database: hashingSessionTokens(prismaAdapter(prisma(), { provider: "postgresql" })),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "member" },
        suspendedAt: { type: "date", input: false, required: false },
      },
    },
    session: {
      expiresIn: SESSION_DAYS * 24 * 3600,
      // Never refreshed: a session lasts SESSION_DAYS from sign-in (identity.ts relies on this).
      disableSessionRefresh: true,
      // No cookie cache: a revoked session or a suspended user must stop working on every replica at once.
      cookieCache: { enabled: false },
    },
    databaseHooks: {
      session: {
        create: {
          async before(session) {
            const user = await prisma().user.findUnique({ where: { id: session.userId }, select: { suspendedAt: true } });
            return user?.suspendedAt ? false : undefined;
          },
        },
      },
    },
    // Our own limiter counts failures per account and per address in Postgres (server/auth/rate-limit.ts).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    trustedOrigins: [accessUrl],
    advanced: { cookiePrefix: "meridian", useSecureCookies: secure, defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure } },
    logger: { level: "error" },
  });
}

type Auth = ReturnType<typeof create>;
const holder = globalThis as typeof globalThis & { __meridianAuth?: Promise<Auth> };

export function auth(): Promise<Auth> {
  holder.__meridianAuth ??= authSecret().then(create);
  return holder.__meridianAuth;
}
