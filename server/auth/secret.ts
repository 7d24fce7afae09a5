// The session-signing secret every replica must share: MERIDIAN_AUTH_SECRET (or the file it names)
// when set — required with an external database, so a dump of it cannot forge cookies — otherwise,
// for embedded PostgreSQL only, one generated on first start and kept in that database.
import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "../db";
import { config } from "../env";

const KEY = "auth_secret";

export async function authSecret(): Promise<string> {
  const configured = config().MERIDIAN_AUTH_SECRET;
  if (configured) return configured;
  // Replicas racing here all end up with the first writer's value.
  await prisma().siteConfig.createMany({ data: [{ key: KEY, value: randomBytes(32).toString("base64url") }], skipDuplicates: true });
  return (await prisma().siteConfig.findUniqueOrThrow({ where: { key: KEY } })).value;
}

/**
 * With MERIDIAN_AUTH_SECRET set, a secret generated earlier (when this deployment used the embedded
 * default) signs nothing any more: it is removed, so the database holds no signing secret at all.
 */
export async function forgetStoredSecret(): Promise<boolean> {
  if (!config().MERIDIAN_AUTH_SECRET) return false;
  return (await prisma().siteConfig.deleteMany({ where: { key: KEY } })).count > 0;
}

/** Where the secret comes from, for the start-up log. */
export function authSecretSource(): string {
  return config().MERIDIAN_AUTH_SECRET
    ? "session cookies are signed with MERIDIAN_AUTH_SECRET"
    : "session cookies are signed with a secret generated and kept in the embedded database (set MERIDIAN_AUTH_SECRET to keep it out of the database)";
}
