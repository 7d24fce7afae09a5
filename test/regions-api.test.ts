// The user's region choice (GET/PUT /api/v2/users/me/region) and embed tokens, through the real
// route handlers: every client of a user sees one choice, bad input is a 400 naming the field,
// and an embed token reaches exactly the picker's three routes.
import { createHash, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EMBED_SCOPE } from "@/server/auth/access";
import { EMBED_AUDIENCE, signEmbedToken } from "@/server/auth/embed-token";
import { prisma } from "@/server/db";
import { PRIMARY_REGION_ID } from "@/server/topology/proxies";
import { browser, call, ROUTES } from "./support/api";
import { withTestDatabase } from "./support/database";
import { makeUser, type TestUser } from "./support/users";

const SECRET = vi.hoisted(() => {
  const secret = "embed-secret-for-tests-0123456789abcdef";
  process.env.MERIDIAN_EMBED_SECRET = secret;
  return secret;
});

withTestDatabase();

const json = async (res: Response) => res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
let owner: TestUser;
let member: TestUser;
let bearer: Record<string, string>;
let proxyId: string;

beforeAll(async () => {
  owner = await makeUser("owner");
  member = await makeUser("member");
  bearer = { authorization: `Bearer ${await member.token()}` };
  const proxy = await prisma().workspaceProxy.create({
    data: { name: "eu-west", displayName: "Europe West", url: "https://eu.example.com", status: "ok", tokenHashedSecret: createHash("sha256").update("x").digest() },
  });
  proxyId = proxy.id;
});
// Every test starts with a member who has not chosen, whatever an earlier test chose for them.
beforeEach(async () => {
  await prisma().user.update({ where: { id: member.id }, data: { preferredRegionId: null } });
});

const put = (headers: Record<string, string>, body: unknown) => call("PUT /api/v2/users/me/region", { headers, body });

describe("the user's region", () => {
  it("is automatic until the user chooses", async () => {
    const res = await call("GET /api/v2/users/me/region", { headers: bearer });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ region_id: null, automatic: true, region: null });
  });

  it("is chosen once and seen the same by the user's cookie session and API token, with the region's URLs", async () => {
    const cookie = await member.signIn();
    const saved = await put(browser(cookie), { region_id: proxyId });
    expect(saved.status).toBe(200);
    const expected = { region_id: proxyId, automatic: false, region: expect.objectContaining({ id: proxyId, name: "eu-west", path_app_url: "https://eu.example.com", healthy: true }) };
    expect(await json(saved)).toEqual(expected);
    expect(await json(await call("GET /api/v2/users/me/region", { headers: bearer }))).toEqual(expected);
    expect(await json(await call("GET /api/v2/users/me/region", { headers: browser(await member.signIn()) }))).toEqual(expected);
  });

  it("can be the primary, and back to automatic with null", async () => {
    expect(await json(await put(bearer, { region_id: PRIMARY_REGION_ID }))).toMatchObject({ automatic: false, region: { name: "primary" } });
    expect(await json(await put(bearer, { region_id: null }))).toEqual({ region_id: null, automatic: true, region: null });
  });

  it("is per user", async () => {
    const other = await makeUser("member");
    const otherBearer = { authorization: `Bearer ${await other.token()}` };
    await put(otherBearer, { region_id: proxyId });
    expect((await json(await call("GET /api/v2/users/me/region", { headers: bearer }))).automatic).toBe(true);
  });

  it("stays chosen when its proxy is deleted, reading as gone rather than moving the user", async () => {
    const doomed = await prisma().workspaceProxy.create({ data: { name: "doomed", displayName: "Doomed", tokenHashedSecret: Buffer.alloc(32) } });
    await put(bearer, { region_id: doomed.id });
    await prisma().workspaceProxy.update({ where: { id: doomed.id }, data: { deletedAt: new Date() } });
    const { forgetCachedReads } = await import("@/server/events/live-cache");
    forgetCachedReads();
    expect(await json(await call("GET /api/v2/users/me/region", { headers: bearer }))).toEqual({ region_id: doomed.id, automatic: false, region: null });
    // ...and a deleted region cannot be chosen anew.
    expect((await put(bearer, { region_id: doomed.id })).status).toBe(400);
  });

  it("refuses bad input with a 400 naming region_id, and writes nothing", async () => {
    await put(bearer, { region_id: proxyId });
    for (const body of [{ region_id: randomUUID() }, { region_id: "eu-west" }, { region_id: 7 }, {}, { region_id: null, extra: 1 }, { region_id: "\u0000" }]) {
      const res = await put(bearer, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = await json(res);
      expect(error.validations?.map((v: { field: string }) => v.field).join(","), JSON.stringify(body)).toMatch(/region_id|body/);
    }
    expect((await json(await call("GET /api/v2/users/me/region", { headers: bearer }))).region_id).toBe(proxyId);
  });

  it("needs a signed-in user and a same-origin browser for cookie writes", async () => {
    expect((await call("GET /api/v2/users/me/region")).status).toBe(401);
    const cookie = await member.signIn();
    expect((await put({ cookie, origin: "https://evil.example.com" }, { region_id: null })).status).toBe(403);
  });
});

describe("embed tokens", () => {
  const embed = async (token: string) => ({ authorization: `Bearer ${token}` });

  it("read the regions and read and set the user's own region", async () => {
    const headers = await embed(await signEmbedToken(member.email, SECRET));
    expect((await call("GET /api/v2/regions", { headers })).status).toBe(200);
    expect((await put(headers, { region_id: proxyId })).status).toBe(200);
    expect(await json(await call("GET /api/v2/users/me/region", { headers }))).toMatchObject({ region_id: proxyId });
    // The write was the user's own, as their API token sees it.
    expect((await json(await call("GET /api/v2/users/me/region", { headers: bearer }))).region_id).toBe(proxyId);
  });

  it("can do nothing else, even for an owner", async () => {
    const headers = await embed(await signEmbedToken(owner.email, SECRET));
    for (const [key, options] of [
      ["GET /api/v2/users/me", {}],
      ["GET /api/v2/users", {}],
      ["GET /api/v2/workspaceproxies", {}],
      ["POST /api/v2/users/me/tokens", { body: { name: "from-embed" } }],
      ["POST /api/v2/users/logout", {}],
    ] as const) {
      const res = await call(key, { headers, ...options });
      expect(res.status, key).toBe(403);
      expect((await json(res)).message).toMatch(/embed token/);
    }
    expect([...EMBED_SCOPE].sort()).toEqual(["GET /api/v2/events", "GET /api/v2/regions", "GET /api/v2/users/me/region", "PUT /api/v2/users/me/region"]);
    expect(Object.keys(ROUTES)).toContain("/api/v2/users/me/region");
  });

  it("are refused with a reason when expired, wrongly signed, for another audience, too long-lived, or for nobody", async () => {
    const key = new TextEncoder().encode(SECRET);
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>, secret = key, alg = "HS256") => new SignJWT(claims).setProtectedHeader({ alg }).sign(secret);
    const cases: [string, string, RegExp][] = [
      ["expired", await sign({ sub: member.email, aud: EMBED_AUDIENCE, iat: now - 600, exp: now - 300 }), /expired/],
      ["wrong secret", await sign({ sub: member.email, aud: EMBED_AUDIENCE, iat: now, exp: now + 60 }, new TextEncoder().encode("another-secret-another-secret-0000")), /signature/],
      ["wrong audience", await sign({ sub: member.email, aud: "something-else", iat: now, exp: now + 60 }), /claim aud/],
      ["no expiry", await sign({ sub: member.email, aud: EMBED_AUDIENCE, iat: now }), /claim exp is missing/],
      ["lives a day", await sign({ sub: member.email, aud: EMBED_AUDIENCE, iat: now, exp: now + 86_400 }), /longer than 15 minutes/],
      ["unknown user", await sign({ sub: "nobody@example.com", aud: EMBED_AUDIENCE, iat: now, exp: now + 60 }), /no active Meridian user/],
      ["NUL in sub", await sign({ sub: "a\u0000@example.com", aud: EMBED_AUDIENCE, iat: now, exp: now + 60 }), /claim sub must be the user's email/],
      ["sub not an email", await sign({ sub: "x".repeat(100_000), aud: EMBED_AUDIENCE, iat: now, exp: now + 60 }), /claim sub must be the user's email/],
      ["not a JWT", "a.b.c", /not a valid JWT/],
    ];
    for (const [what, token, reason] of cases) {
      const res = await call("GET /api/v2/regions", { headers: await embed(token) });
      expect(res.status, what).toBe(401);
      expect((await json(res)).message, what).toMatch(reason);
    }
  });

  it("stop working when the user is suspended", async () => {
    const victim = await makeUser("member");
    const token = await signEmbedToken(victim.email, SECRET);
    await prisma().user.update({ where: { id: victim.id }, data: { suspendedAt: new Date() } });
    expect((await call("GET /api/v2/regions", { headers: await embed(token) })).status).toBe(401);
  });
});
