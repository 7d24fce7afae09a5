// Embed tokens: how the iframe picker signs in where cookies cannot go (a cross-site iframe,
// third-party cookies blocked). A portal's backend mints a short-lived HS256 JWT with the secret
// configured in MERIDIAN_EMBED_SECRET and hands it to the iframe; the picker sends it as a bearer
// credential. It authenticates its user only for EMBED_SCOPE (read regions, read and set their
// own region), so replaying it within its few minutes of life can do nothing the user would mind.
import "server-only";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { storable } from "@/lib/api/strings";
import type { Role } from "@/lib/api/users";
import { prisma } from "../db";
import { config } from "../env";
import { Unauthorized } from "../http/errors";

export const EMBED_AUDIENCE = "meridian-embed";
/** Longer-lived embed tokens are refused: the portal mints a fresh one per page view. */
export const EMBED_TOKEN_MAX_LIFETIME_S = 15 * 60;
const CLOCK_TOLERANCE_S = 30;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Whether a presented bearer credential is a JWT (API tokens and proxy tokens never have dots). */
export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export interface EmbedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The user an embed token speaks for; a 401 naming what is wrong with it otherwise. */
export async function verifyEmbedToken(token: string): Promise<EmbedUser> {
  const secret = config().MERIDIAN_EMBED_SECRET;
  if (!secret) throw new Unauthorized("Embed tokens are not enabled on this deployment (MERIDIAN_EMBED_SECRET is not set).");
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      audience: EMBED_AUDIENCE,
      requiredClaims: ["sub", "exp", "iat"],
      clockTolerance: CLOCK_TOLERANCE_S,
    }));
  } catch (err) {
    throw new Unauthorized(`Embed token refused: ${reason(err)}.`);
  }
  if (payload.exp! - payload.iat! > EMBED_TOKEN_MAX_LIFETIME_S) throw new Unauthorized(`Embed token refused: it lives longer than ${EMBED_TOKEN_MAX_LIFETIME_S / 60} minutes (exp - iat).`);
  if (payload.iat! > Date.now() / 1000 + CLOCK_TOLERANCE_S) throw new Unauthorized("Embed token refused: issued in the future (check the portal's clock).");
  // Checked before it reaches a query: a NUL or an odd string in a signed claim is still a refusal, not a 500.
  const sub = storable(z.email()).max(254).safeParse(payload.sub);
  if (!sub.success) throw new Unauthorized("Embed token refused: claim sub must be the user's email address.");
  const email = sub.data.toLowerCase();
  const user = await prisma().user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true, suspendedAt: true } });
  if (!user || user.suspendedAt) throw new Unauthorized("Embed token refused: no active Meridian user has the email in its sub claim.");
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "it has expired";
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason === "missing" ? "is missing" : "is not valid"}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return "the signature does not match MERIDIAN_EMBED_SECRET";
  if (err instanceof errors.JOSEAlgNotAllowed) return "only HS256 is accepted";
  return "it is not a valid JWT";
}

/** Mints an embed token as a portal would (the CLI and tests use it). */
export function signEmbedToken(email: string, secret: string, lifetimeS = 5 * 60, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({}).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(email).setAudience(EMBED_AUDIENCE).setIssuedAt(iat).setExpirationTime(iat + lifetimeS).sign(key(secret));
}
