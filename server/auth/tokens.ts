// API tokens: `<id>-<secret>`, shown once, stored as sha256(secret). Written by hand rather than
// with better-auth's api-key plugin: Coder-compatible format and header, and one indexed lookup
// per request that also checks the owner's role and suspension.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ApiToken, CreateTokenRequest } from "@/lib/api/tokens";
import { createTokenRequestSchema } from "@/lib/api/tokens";
import type { Role } from "@/lib/api/users";
import { prisma } from "../db";
import { eventCache } from "../events/live-cache";
import { publishAfterWrite } from "../events/publish";
import { Conflict, NotFound } from "../http/errors";

const ID_LENGTH = 10;
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function randomString(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  // Rejection sampling keeps every character equally likely.
  for (const b of bytes) if (b < 248 && out.length < length) out += ALPHABET[b % 62];
  return out.length === length ? out : randomString(length);
}

export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(secret).digest());
}

function shape(t: { id: string; name: string; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null }): ApiToken {
  return { id: t.id, name: t.name, created_at: t.createdAt.toISOString(), expires_at: t.expiresAt.toISOString(), last_used_at: t.lastUsedAt?.toISOString() ?? null };
}

export async function createToken(userId: string, input: CreateTokenRequest): Promise<{ token: ApiToken; key: string }> {
  const { name, lifetime_days } = createTokenRequestSchema.parse(input);
  const id = randomString(ID_LENGTH);
  const secret = randomString(32);
  const exists = await prisma().apiToken.findFirst({ where: { userId, name, revokedAt: null } });
  if (exists) throw new Conflict(`A token named "${name}" already exists.`, [{ field: "name", detail: "is already used by another of your tokens" }]);
  // A revoked token's name may be reused: free it by renaming the revoked row.
  await prisma().apiToken.updateMany({ where: { userId, name, revokedAt: { not: null } }, data: { name: `${name} (revoked ${id})` } });
  const row = await prisma().apiToken.create({
    data: { id, userId, name, hashedSecret: hashSecret(secret), expiresAt: new Date(Date.now() + lifetime_days * 86_400_000) },
  });
  return { token: shape(row), key: `${id}-${secret}` };
}

export async function listTokens(userId: string): Promise<ApiToken[]> {
  const rows = await prisma().apiToken.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: "desc" } });
  return rows.map(shape);
}

export async function revokeToken(userId: string, id: string): Promise<ApiToken> {
  const row = await prisma().apiToken.findFirst({ where: { id, userId, revokedAt: null } });
  if (!row) throw new NotFound("Token");
  await prisma().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  await publishAfterWrite({ type: "session_revoked", id: userId });
  return shape(row);
}

export interface TokenOwner {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Token rows by id, kept until a user or their tokens and sessions change (a revoke, a suspension,
 * a role change), so a busy API client costs no query per request. Only rows that exist are kept;
 * expiry, revocation, suspension and the secret are checked on every call.
 */
const tokenRows = eventCache("api-tokens", 10_000);
/** Events after which a cached credential must be read again: its user, or their sessions and tokens, changed (each names the user). */
export const CREDENTIAL_EVENTS = ["user", "session_revoked"] as const;

/** The user a presented key authenticates, or null for anything unknown, expired, revoked or suspended. */
export async function verifyToken(key: string): Promise<TokenOwner | null> {
  const match = /^([A-Za-z0-9]{10})-([A-Za-z0-9]{32})$/.exec(key);
  if (!match) return null;
  const id = match[1];
  const row = await tokenRows.getScoped(
    id,
    CREDENTIAL_EVENTS,
    () =>
      prisma().apiToken.findUnique({
        where: { id },
        select: { hashedSecret: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, suspendedAt: true } } },
      }),
    (found) => found !== null,
    (found) => found!.user.id,
  );
  if (!row || row.revokedAt || row.expiresAt <= new Date() || row.user.suspendedAt) return null;
  if (!timingSafeEqual(Buffer.from(row.hashedSecret), hashSecret(match[2]))) return null;
  // Coarse last-use tracking: at most one write a minute per token (the cached row remembers it).
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    row.lastUsedAt = new Date();
    void prisma().apiToken.update({ where: { id }, data: { lastUsedAt: row.lastUsedAt } }).catch(() => {});
  }
  const { id: userId, email, name, role } = row.user;
  return { id: userId, email, name, role };
}
