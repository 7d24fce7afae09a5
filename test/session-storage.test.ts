// What a leaked database dump holds of a session: only a hash of its token, which signs nobody in.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authSecret } from "@/server/auth/secret";
import { hashSessionToken } from "@/server/auth/session-tokens";
import { prisma } from "@/server/db";
import { browser, call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { makeUser } from "./support/users";

withTestDatabase();

const me = (cookie: string) => call("GET /api/v2/users/me", { headers: { cookie } });
const tokenOf = (cookie: string) => decodeURIComponent(cookie.split("=")[1]).split(".")[0];

describe("session tokens at rest", () => {
  it("stores only the token's sha256, and the cookie still works until sign-out", async () => {
    const user = await makeUser("member");
    const cookie = await user.signIn();
    const token = tokenOf(cookie);
    const rows = await prisma().session.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.token)).toEqual([hashSessionToken(token)]);
    expect(rows[0].token).not.toContain(token);
    expect((await me(cookie)).status).toBe(200);

    expect((await call("POST /api/v2/users/logout", { headers: browser(cookie) })).status).toBe(204);
    expect(await prisma().session.count({ where: { userId: user.id } })).toBe(0);
    expect((await me(cookie)).status).toBe(401);
  });

  it("does not sign anyone in with what the dump holds, even signed with the real secret", async () => {
    const user = await makeUser("admin");
    await user.signIn();
    const stored = (await prisma().session.findFirstOrThrow({ where: { userId: user.id } })).token;
    const signature = createHmac("sha256", await authSecret()).update(stored).digest("base64");
    const forged = `meridian.session_token=${encodeURIComponent(`${stored}.${signature}`)}`;
    expect((await me(forged)).status).toBe(401);
  });

  it("keeps revocation working: suspending a user ends their hashed sessions at once", async () => {
    const admin = await makeUser("admin");
    const member = await makeUser("member");
    const cookie = await member.signIn();
    expect((await me(cookie)).status).toBe(200);
    const suspend = await call("PATCH /api/v2/users/[id]", { params: { id: member.id }, headers: browser(await admin.signIn()), body: { status: "suspended" } });
    expect(suspend.status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
  });
});
