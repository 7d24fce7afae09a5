// The session-signing secret every replica must share: MERIDIAN_AUTH_SECRET when set, otherwise
// one generated on first start and kept in the database (like Coder keeps its keys there).
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
