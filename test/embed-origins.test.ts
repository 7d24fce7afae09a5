// The embed allow-list through the real route handlers: origins are stored canonical, anything
// that is not exactly one origin (or could break out of `frame-ancestors`) is a 400 on `origin`,
// duplicates are a 409 even under concurrent adds, the variable's entries are listed but cannot
// be removed here, every change is audited, and the header's allow-list follows at once.
import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { createDatabase, db, prisma, setDatabase } from "@/server/db";
import { allowedFrameAncestors, embedFrameAncestors, invalidateFrameAncestors } from "@/server/embed/origins";
import { browser, call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { makeUser, type TestUser } from "./support/users";

// Read by config() on first use, so set before anything imports the configuration.
const ENV_ORIGINS = vi.hoisted(() => {
  process.env.MERIDIAN_EMBED_ALLOWED_ORIGINS = "https://intranet.example.com, HTTP://Legacy.Example.org:8080/";
  return ["https://intranet.example.com", "http://legacy.example.org:8080"];
});

withTestDatabase();

const json = async (res: Response) => res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
let owner: TestUser;
let admin: Record<string, string>;

beforeAll(async () => {
  owner = await makeUser("owner");
  admin = { authorization: `Bearer ${await owner.token()}` };
});
beforeEach(async () => {
  await prisma().embedOrigin.deleteMany();
  invalidateFrameAncestors();
});

const add = (origin: unknown, headers = admin) => call("POST /api/v2/embed/origins", { headers, body: { origin } });
const remove = (id: string, headers = admin) => call("DELETE /api/v2/embed/origins/[id]", { headers, params: { id } });
const list = async () => (await json(await call("GET /api/v2/embed/origins", { headers: admin }))).origins as { id: string; origin: string; source: string; created_at: string | null }[];

describe("adding and removing origins", () => {
  it("adds an origin in canonical form, lists it after the variable's, removes it, and audits both", async () => {
    const res = await add("HTTPS://Portal.Example.com:443/");
    expect(res.status).toBe(201);
    const { origin } = await json(res);
    expect(origin).toMatchObject({ origin: "https://portal.example.com", source: "console" });
    expect(origin.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.now() - new Date(origin.created_at).getTime()).toBeLessThan(60_000);
    expect((await add("https://another.example.net")).status).toBe(201);

    expect(await list()).toEqual([
      { id: `env:${ENV_ORIGINS[0]}`, origin: ENV_ORIGINS[0], source: "environment", created_at: null },
      { id: `env:${ENV_ORIGINS[1]}`, origin: ENV_ORIGINS[1], source: "environment", created_at: null },
      expect.objectContaining({ origin: "https://another.example.net", source: "console" }),
      { id: origin.id, origin: "https://portal.example.com", source: "console", created_at: origin.created_at },
    ]);
    const created = await prisma().auditLog.findFirstOrThrow({ where: { action: "embed_origin_created", resourceId: origin.id } });
    expect(created).toMatchObject({ userId: owner.id, resourceType: "embed_origin", resourceName: "https://portal.example.com", statusCode: 201, diff: { origin: "https://portal.example.com" } });

    expect((await remove(origin.id)).status).toBe(204);
    expect((await list()).map((o) => o.origin)).not.toContain("https://portal.example.com");
    const deleted = await prisma().auditLog.findFirstOrThrow({ where: { action: "embed_origin_deleted", resourceId: origin.id } });
    expect(deleted).toMatchObject({ userId: owner.id, resourceType: "embed_origin", resourceName: "https://portal.example.com" });
    expect((await remove(origin.id)).status).toBe(404);
  });

  it("works from the console with the session cookie", async () => {
    expect((await add("https://cookie.example.com", browser(await owner.signIn()))).status).toBe(201);
  });

  it.each([
    ["a wildcard", "*", /wildcards/],
    ["a wildcard subdomain", "https://*.example.com", /wildcards/],
    ["the null origin", "null", /cannot be null/],
    ["a script URL", "javascript:alert(1)", /https:\/\/ or http:\/\//],
    ["another scheme", "ftp://files.example.com", /https:\/\/ or http:\/\//],
    ["a path", "https://a.com/path", /without a path/],
    ["credentials", "https://u:p@a.com", /user name or password/],
    ["a query string", "https://a.com?x=1", /query string/],
    ["a fragment", "https://a.com#top", /query string or fragment/],
    ["a directive injection", "https://a.com;script-src *", /semicolons/],
    ["a directive injection without spaces", "https://a.com;script-src", /semicolons/],
    ["an encoded semicolon", "https://a.com%3Bscript-src", /letters, digits, hyphens and dots/],
    ["two origins", "https://a.com https://b.com", /spaces/],
    ["a quote", "https://a.com'unsafe-inline'", /quotes/],
    ["no scheme", "portal.example.com", /must start with https:\/\//],
    ["an IPv6 literal", "https://[::1]:8443", /IPv6/],
    ["an empty string", "  ", /must not be empty/],
    ["a number", 42, /must be an origin/],
    ["a 3000-character string", `https://${"a".repeat(2990)}.com`, /at most 2048 characters/],
  ])("refuses %s with a 400 naming origin", async (_, origin, detail) => {
    const res = await add(origin);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.validations).toEqual([{ field: "origin", detail: expect.stringMatching(detail) }]);
  });

  it("refuses unknown fields", async () => {
    const res = await call("POST /api/v2/embed/origins", { headers: admin, body: { origin: "https://a.com", sandbox: true } });
    expect(res.status).toBe(400);
  });

  it("answers 409 on the origin field for a duplicate, however it is spelt, and for the variable's origins", async () => {
    expect((await add("https://dup.example.com")).status).toBe(201);
    for (const spelling of ["https://dup.example.com", "HTTPS://DUP.example.com:443/"]) {
      const res = await add(spelling);
      expect(res.status).toBe(409);
      expect((await json(res)).validations).toEqual([{ field: "origin", detail: "is already on the allow-list" }]);
    }
    const env = await add("http://LEGACY.example.org:8080");
    expect(env.status).toBe(409);
    expect((await json(env)).validations).toEqual([{ field: "origin", detail: expect.stringContaining("MERIDIAN_EMBED_ALLOWED_ORIGINS") }]);
  });

  it("lets exactly one of 10 concurrent adds of one origin win; the rest get 409, never 500", async () => {
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => add("https://race.example.com")))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(await prisma().embedOrigin.count({ where: { origin: "https://race.example.com" } })).toBe(1);
    expect(await prisma().auditLog.count({ where: { action: "embed_origin_created", resourceName: "https://race.example.com" } })).toBe(1);
  });
});

describe("the variable's origins", () => {
  it("are listed but cannot be removed here: the answer says to change MERIDIAN_EMBED_ALLOWED_ORIGINS", async () => {
    const res = await remove(`env:${ENV_ORIGINS[0]}`);
    expect(res.status).toBe(409);
    expect((await json(res)).message).toMatch(/MERIDIAN_EMBED_ALLOWED_ORIGINS/);
    expect((await list()).map((o) => o.origin)).toContain(ENV_ORIGINS[0]);
  });

  it("answers 404 for ids that name nothing", async () => {
    const audited = await prisma().auditLog.count({ where: { action: "embed_origin_deleted" } });
    for (const id of ["env:https://unknown.example.com", "not-a-uuid", randomUUID(), "'; DROP TABLE embed_origins; --"]) expect((await remove(id)).status).toBe(404);
    expect(await prisma().auditLog.count({ where: { action: "embed_origin_deleted" } })).toBe(audited);
  });
});

describe("access", () => {
  it("refuses members (403) and anonymous callers (401)", async () => {
    const member = { authorization: `Bearer ${await (await makeUser("member")).token()}` };
    expect((await call("GET /api/v2/embed/origins", { headers: member })).status).toBe(403);
    expect((await add("https://member.example.com", member)).status).toBe(403);
    expect((await remove(randomUUID(), member)).status).toBe(403);
    expect((await call("GET /api/v2/embed/origins")).status).toBe(401);
    expect(await prisma().embedOrigin.count()).toBe(0);
  });
});

describe("the frame-ancestors allow-list", () => {
  it("is the variable's origins and the console's, and follows an add or remove at once", async () => {
    expect(await allowedFrameAncestors()).toEqual(ENV_ORIGINS);
    const { origin } = await json(await add("https://portal.example.com"));
    expect(await allowedFrameAncestors()).toEqual([...ENV_ORIGINS, "https://portal.example.com"]);
    expect(await remove(origin.id)).toHaveProperty("status", 204);
    expect(await allowedFrameAncestors()).toEqual(ENV_ORIGINS);
  });

  it("is cached briefly: a row written behind the service's back shows after invalidation", async () => {
    expect(await allowedFrameAncestors()).toEqual(ENV_ORIGINS);
    await prisma().embedOrigin.create({ data: { origin: "https://direct.example.com" } });
    expect(await allowedFrameAncestors()).toEqual(ENV_ORIGINS);
    invalidateFrameAncestors();
    expect(await allowedFrameAncestors()).toContain("https://direct.example.com");
  });

  it("fails closed to the variable's origins when the database errs or does not answer in time", async () => {
    await prisma().embedOrigin.create({ data: { origin: "https://portal.example.com" } });
    expect(await embedFrameAncestors()).toContain("https://portal.example.com");
    const working = db();
    // A server that accepts connections and never answers, and a port where nothing listens.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentUrl = `postgres://meridian@127.0.0.1:${(silent.address() as AddressInfo).port}/meridian`;
    const refusing = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    try {
      for (const url of [`postgres://meridian@127.0.0.1:${refusing}/meridian`, silentUrl]) {
        const broken = createDatabase(url, 1);
        setDatabase(broken);
        invalidateFrameAncestors();
        let settled = false;
        const query = allowedFrameAncestors().then(
          () => (settled = true),
          () => (settled = true),
        );
        expect(await embedFrameAncestors(300)).toEqual(ENV_ORIGINS);
        // Against the silent server the query is still waiting: the timeout answered, not the database.
        if (url === silentUrl) expect(settled).toBe(false);
        for (const socket of sockets) socket.destroy();
        await query;
        await broken.pool.end().catch(() => {});
      }
    } finally {
      setDatabase(working);
      invalidateFrameAncestors();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
    expect(await embedFrameAncestors()).toContain("https://portal.example.com");
  });
});

describe("the page header (proxy.ts)", () => {
  const frameAncestors = async (path: string) => {
    const res = await proxy(new NextRequest(new URL(path, "http://localhost:3000")));
    return res.headers.get("content-security-policy")?.split("; ").find((d) => d.startsWith("frame-ancestors"));
  };

  it("lets the allow-list frame /embed/ pages, and only Meridian frame any other page", async () => {
    await add("https://portal.example.com");
    expect(await frameAncestors("/embed/region-picker?theme=dark")).toBe(`frame-ancestors 'self' ${ENV_ORIGINS.join(" ")} https://portal.example.com`);
    for (const path of ["/", "/licenses", "/settings/embed", "/embed", "/embedded/region-picker", "/login?next=/embed/region-picker"]) {
      expect(await frameAncestors(path)).toBe("frame-ancestors 'self'");
    }
  });
});
