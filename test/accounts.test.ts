// Accounts as a client sees them: setup, sign-in, sessions, CSRF, throttling, tokens, users, audit.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { browser, call, cookieFrom } from "./support/api";
import { useFreshDatabaseForEach, withTestDatabase } from "./support/database";
import { installLicense } from "./support/licenses";
import { makeUser, PASSWORD } from "./support/users";

withTestDatabase();

// Set up as a deployment is: its owner first. Tests make their members in any order, and
// makeUser("owner") can use first-run setup only while no user at all exists.
beforeAll(async () => {
  await makeUser("owner");
});

const json = async (res: Response) => res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
const actions = async () => (await prisma().auditLog.findMany({ orderBy: { time: "asc" } })).map((a) => a.action);

describe("first-run setup", () => {
  useFreshDatabaseForEach(); // setup needs a database without a single user

  it("creates exactly one owner even when attempts race, then is gone for good", async () => {
    expect(await json(await call("GET /api/v2/users/first"))).toEqual({ needs_setup: true });
    const attempts = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => call("POST /api/v2/users/first", { headers: browser(), body: { email: `owner${i}@example.com`, name: `Owner ${i}`, password: PASSWORD } })),
    );
    expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await prisma().user.findMany({ select: { role: true } })).toEqual([{ role: "owner" }]);
    expect(await json(await call("GET /api/v2/users/first"))).toEqual({ needs_setup: false });
    expect(await actions()).toContain("user_created");
  });

  it("answers bad input with 400 naming each field", async () => {
    const res = await call("POST /api/v2/users/first", { headers: browser(), body: { email: "nope", name: "", password: "short" } });
    expect(res.status).toBe(400);
    expect((await json(res)).validations.map((v: { field: string }) => v.field).sort()).toEqual(["email", "name", "password"]);
  });
});

describe("sign-in and sessions", () => {
  it("sets an HttpOnly SameSite=Lax cookie that works until sign-out", async () => {
    const user = await makeUser("member");
    const res = await call("POST /api/v2/users/login", { headers: browser(), body: { email: user.email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.includes("session_token="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = cookieFrom(res);
    expect((await json(await call("GET /api/v2/users/me", { headers: { cookie } }))).user.email).toBe(user.email);

    // A forged or altered cookie is nobody.
    const [name, value] = cookie.split("=");
    const forged = `${name}=${value.replace(/^./, (c) => (c === "a" ? "b" : "a"))}`;
    expect((await call("GET /api/v2/users/me", { headers: { cookie: forged } })).status).toBe(401);

    expect((await call("POST /api/v2/users/logout", { headers: browser(cookie) })).status).toBe(204);
    expect((await call("GET /api/v2/users/me", { headers: { cookie } })).status).toBe(401);
    expect(await actions()).toEqual(expect.arrayContaining(["login", "logout"]));
  });

  it("refuses a wrong password with 401 and records the failure without the password", async () => {
    const user = await makeUser("member");
    const res = await call("POST /api/v2/users/login", { headers: browser(), body: { email: user.email, password: "not the password" } });
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({ message: "Incorrect email or password." });
    const row = await prisma().auditLog.findFirst({ where: { action: "login_failed", resourceName: user.email } });
    expect(row).toMatchObject({ ip: "203.0.113.7", userAgent: "vitest", statusCode: 401 });
    expect(JSON.stringify(row)).not.toContain("not the password");
  });

  it("stores a memory-hard hash, never the password", async () => {
    const user = await makeUser("member");
    const account = await prisma().account.findFirstOrThrow({ where: { userId: user.id } });
    expect(account.password).not.toContain(PASSWORD);
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // scrypt salt:key
  });
});

describe("CSRF", () => {
  it("refuses cookie-authenticated writes from another origin, and accepts tokens without one", async () => {
    const user = await makeUser("member");
    const cookie = await user.signIn();
    const body = { name: "ci" };
    const evil = await call("POST /api/v2/users/me/tokens", { headers: { cookie, origin: "https://evil.example" }, body });
    expect(evil.status).toBe(403);
    expect((await json(evil)).message).toMatch(/Cross-site request refused/);
    expect((await call("POST /api/v2/users/me/tokens", { headers: { cookie, "sec-fetch-site": "cross-site" }, body })).status).toBe(403);
    expect((await call("POST /api/v2/users/me/tokens", { headers: { cookie }, body })).status).toBe(403);
    expect(await prisma().apiToken.count({ where: { userId: user.id } })).toBe(0);

    const key = await user.token();
    expect((await call("POST /api/v2/users/me/tokens", { headers: { authorization: `Bearer ${key}` }, body })).status).toBe(201);
  });
});

describe("brute force", () => {
  it("answers 429 with Retry-After after repeated failures for one account, even to the right password", async () => {
    const user = await makeUser("member");
    const attempt = (password: string) => call("POST /api/v2/users/login", { headers: { ...browser(), "x-meridian-client-ip": "198.51.100.1" }, body: { email: user.email, password } });
    for (let i = 0; i < 5; i++) expect((await attempt("wrong password")).status).toBe(401);
    const blocked = await attempt(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await prisma().rateLimit.count()).toBeGreaterThan(0); // kept in Postgres: every replica sees it
  });

  it("limits one address trying many accounts", async () => {
    const attempt = (i: number) => call("POST /api/v2/users/login", { headers: { ...browser(), "x-meridian-client-ip": "198.51.100.2" }, body: { email: `nobody${i}@example.com`, password: "x" } });
    for (let i = 0; i < 20; i++) expect((await attempt(i)).status).toBe(401);
    expect((await attempt(99)).status).toBe(429);
  });
});

describe("API tokens", () => {
  it("shows the secret once, stores only its hash, works in both headers, and stops at revocation", async () => {
    const user = await makeUser("member");
    const cookie = await user.signIn();
    const created = await call("POST /api/v2/users/me/tokens", { headers: browser(cookie), body: { name: "laptop", lifetime_days: 7 } });
    expect(created.status).toBe(201);
    const { token, key } = await json(created);
    const [, secret] = key.split("-");
    const row = await prisma().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(Buffer.from(row.hashedSecret).toString("hex")).not.toContain(Buffer.from(secret).toString("hex"));
    expect(JSON.stringify(await json(await call("GET /api/v2/users/me/tokens", { headers: { cookie } })))).not.toContain(secret);

    expect((await call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await call("GET /api/v2/users/me", { headers: { "meridian-session-token": key } })).status).toBe(200);
    expect((await call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${key.slice(0, -1)}x` } })).status).toBe(401);

    expect((await call("DELETE /api/v2/users/me/tokens/[id]", { headers: browser(cookie), params: { id: token.id } })).status).toBe(204);
    expect((await call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    expect(await actions()).toEqual(expect.arrayContaining(["token_created", "token_revoked"]));
  });

  it("stops working once expired", async () => {
    const user = await makeUser("member");
    const key = await user.token();
    await prisma().apiToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });
});

describe("users and roles", () => {
  it("lets admins manage members, and only the owner change admins", async () => {
    const owner = await makeUser("owner");
    const admin = await makeUser("admin");
    const adminKey = { authorization: `Bearer ${await admin.token()}` };
    const ownerKey = { authorization: `Bearer ${await owner.token()}` };

    const member = await json(await call("POST /api/v2/users", { headers: adminKey, body: { email: "m@example.com", name: "M", password: PASSWORD } }));
    expect(member.user).toMatchObject({ role: "member", status: "active" });
    expect((await call("POST /api/v2/users", { headers: adminKey, body: { email: "m@example.com", name: "M", password: PASSWORD } })).status).toBe(409);
    expect((await call("POST /api/v2/users", { headers: adminKey, body: { email: "a2@example.com", name: "A", password: PASSWORD, role: "admin" } })).status).toBe(403);

    const promote = { params: { id: member.user.id }, body: { role: "admin" } };
    expect((await call("PATCH /api/v2/users/[id]", { headers: adminKey, ...promote })).status).toBe(403);
    expect((await call("PATCH /api/v2/users/[id]", { headers: ownerKey, ...promote })).status).toBe(200);
    expect((await call("PATCH /api/v2/users/[id]", { headers: adminKey, params: { id: owner.id }, body: { status: "suspended" } })).status).toBe(403);
    expect(await actions()).toEqual(expect.arrayContaining(["user_created", "user_role_changed"]));
  });

  it("suspension ends sessions and tokens at once; reactivation lets the user back in", async () => {
    const admin = await makeUser("admin");
    const adminKey = { authorization: `Bearer ${await admin.token()}` };
    const member = await makeUser("member");
    const key = await member.token();
    const cookie = await member.signIn();

    const res = await call("PATCH /api/v2/users/[id]", { headers: adminKey, params: { id: member.id }, body: { status: "suspended" } });
    expect((await json(res)).user.status).toBe("suspended");
    expect((await call("GET /api/v2/users/me", { headers: { cookie } })).status).toBe(401);
    expect((await call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    const login = await call("POST /api/v2/users/login", { headers: browser(), body: { email: member.email, password: PASSWORD } });
    expect(login.status).toBe(403);
    expect((await json(login)).message).toMatch(/suspended/);

    await call("PATCH /api/v2/users/[id]", { headers: adminKey, params: { id: member.id }, body: { status: "active" } });
    expect((await call("POST /api/v2/users/login", { headers: browser(), body: { email: member.email, password: PASSWORD } })).status).toBe(200);
    expect(await actions()).toEqual(expect.arrayContaining(["user_suspended", "user_reactivated"]));
  });
});

describe("audit log API", () => {
  it("filters by action and actor and pages newest first", async () => {
    await installLicense({ features: { audit_log: 1 } }); // the audit log is a premium feature
    const admin = await makeUser("admin");
    const headers = { authorization: `Bearer ${await admin.token()}` };
    const res = await json(await call("GET /api/v2/audit", { headers, query: { action: "token_created", actor: admin.email } }));
    expect(res.entries.length).toBeGreaterThanOrEqual(1);
    expect(res.entries.every((e: { action: string; actor: { email: string } }) => e.action === "token_created" && e.actor.email === admin.email)).toBe(true);
    expect(res).toMatchObject({ page: 1, page_size: 50 });
    expect((await call("GET /api/v2/audit", { headers, query: { page: "0" } })).status).toBe(400);
  });
});
