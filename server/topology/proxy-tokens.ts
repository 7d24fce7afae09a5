// Workspace proxy tokens: `<proxy id>:<secret>`, shown once, stored as sha256(secret). A deleted
// proxy's token, or one replaced by a regeneration, is refused.
import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { prisma } from "../db";
import { hashSecret } from "../auth/tokens";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh secret and its stored hash; `token(id)` is what the admin is shown, once. */
export function newProxySecret(): { hashed: Uint8Array<ArrayBuffer>; token: (proxyId: string) => string } {
  const secret = randomBytes(32).toString("base64url");
  return { hashed: hashSecret(secret), token: (proxyId) => `${proxyId}:${secret}` };
}

export async function verifyProxyToken(token: string): Promise<{ id: string; name: string } | null> {
  const colon = token.indexOf(":");
  const [id, secret] = [token.slice(0, colon), token.slice(colon + 1)];
  if (colon < 0 || !UUID.test(id) || secret.length === 0 || secret.length > 256) return null;
  const row = await prisma().workspaceProxy.findFirst({ where: { id, deletedAt: null }, select: { id: true, name: true, tokenHashedSecret: true } });
  if (!row) return null;
  const given = hashSecret(secret);
  if (row.tokenHashedSecret.length !== given.length || !timingSafeEqual(row.tokenHashedSecret, given)) return null;
  return { id: row.id, name: row.name };
}
