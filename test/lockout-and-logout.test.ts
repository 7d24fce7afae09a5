// The owner's way back from a sign-in lockout (the CLI), and what logging out with a token does.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { browser, call } from "./support/api";
import { meridian } from "./support/cli";
import { withTestDatabase } from "./support/database";
import { makeUser, PASSWORD } from "./support/users";

const database = withTestDatabase();

// Set up as a deployment is: its owner first. Tests make their members in any order, and
// makeUser("owner") can use first-run setup only while no user at all exists.
beforeAll(async () => {
  await makeUser("owner");
});

const login = (email: string, password: string, ip: string) =>
  call("POST /api/v2/users/login", { headers: { ...browser(), "x-meridian-client-ip": ip }, body: { email, password } });

describe("meridian users unlock", () => {
  it("lets a locked-out owner sign in again, and audits it", async () => {
    const owner = await makeUser("owner");
    for (let i = 0; i < 5; i++) expect((await login(owner.email, "wrong guess", "198.51.100.9")).status).toBe(401);
    expect((await login(owner.email, PASSWORD, "198.51.100.10")).status).toBe(429);

    const run = await meridian(["users", "unlock", "--email", owner.email], { DATABASE_URL: database.url() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`unlocked sign-in for account ${owner.email}\n`);
    expect((await login(owner.email, PASSWORD, "198.51.100.10")).status).toBe(200);
    expect(await prisma().auditLog.count({ where: { action: "login_unlocked", resourceName: owner.email } })).toBe(1);
  });

  it("lifts an address's lockout, says when there was none, and refuses bad input", async () => {
    for (let i = 0; i < 20; i++) await login(`someone${i}@example.com`, "x", "198.51.100.77");
    const user = await makeUser("member");
    expect((await login(user.email, PASSWORD, "198.51.100.77")).status).toBe(429);
    const run = await meridian(["users", "unlock", "--address", "198.51.100.77"], { DATABASE_URL: database.url() });
    expect(run.stdout).toBe("unlocked sign-in for address 198.51.100.77\n");
    expect((await login(user.email, PASSWORD, "198.51.100.77")).status).toBe(200);

    expect((await meridian(["users", "unlock", "--email", "free@example.com"], { DATABASE_URL: database.url() })).stdout).toBe("account free@example.com was not locked out\n");
    const bad = await meridian(["users", "unlock"], { DATABASE_URL: database.url() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/give --email or --address/);
    expect((await meridian(["users", "unlock", "--email", "not-an-email"], { DATABASE_URL: database.url() })).stderr).toMatch(/^meridian users: --email: /);
  });
});

describe("logging out", () => {
  it("with an API token revokes that token, and only that one", async () => {
    const user = await makeUser("member");
    const [used, other] = [await user.token(), await user.token()];
    const me = (key: string) => call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${key}` } });
    expect((await call("POST /api/v2/users/logout", { headers: { authorization: `Bearer ${used}` } })).status).toBe(204);
    expect((await me(used)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
  });

  it("with a cookie ends the session and leaves the user's tokens alone", async () => {
    const user = await makeUser("member");
    const key = await user.token();
    const cookie = await user.signIn();
    expect((await call("POST /api/v2/users/logout", { headers: browser(cookie) })).status).toBe(204);
    expect((await call("GET /api/v2/users/me", { headers: { cookie } })).status).toBe(401);
    expect((await call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });
});
