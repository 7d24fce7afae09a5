// Test users made through the real services, signed in through the real login route.
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/api/users";
import { createFirstOwner, createUser } from "@/server/auth/users";
import { prisma } from "@/server/db";
import { browser, call, cookieFrom } from "./api";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
export const PASSWORD = "correct horse battery staple";

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  /** Signs in through POST /api/v2/users/login and returns the session cookie. */
  signIn(): Promise<string>;
  /** Creates an API token through the real route and returns its key. */
  token(): Promise<string>;
}

export async function makeUser(role: Role): Promise<TestUser> {
  const email = `${role}-${randomBytes(4).toString("hex")}@example.com`;
  const input = { email, name: `Test ${role}`, password: PASSWORD };
  const hasOwner = (await prisma().user.count({ where: { role: "owner" } })) > 0;
  const user =
    role === "owner"
      ? hasOwner
        ? await promoteToOwner(await createUser(null, { ...input, role: "admin" }, meta))
        : await createFirstOwner(input, meta)
      : await createUser(null, { ...input, role }, meta);
  const signIn = async () => cookieFrom(await call("POST /api/v2/users/login", { headers: browser(), body: { email, password: PASSWORD } }));
  return {
    id: user.id,
    email,
    role,
    signIn,
    async token() {
      const res = await call("POST /api/v2/users/me/tokens", { headers: browser(await signIn()), body: { name: `t-${randomBytes(3).toString("hex")}` } });
      return ((await res.json()) as { key: string }).key;
    },
  };
}

async function promoteToOwner(user: { id: string }) {
  await prisma().user.update({ where: { id: user.id }, data: { role: "owner" } });
  return user;
}
