// Walks every route file under app/api/v2 against every kind of caller. A route without an
// entry in the authorization table, or one that lets the wrong caller in, fails here.
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ACCESS, type Access } from "@/server/auth/access";
import { signEmbedToken } from "@/server/auth/embed-token";
import { prisma } from "@/server/db";
import { call, ROUTES } from "./support/api";
import { withTestDatabase } from "./support/database";
import { installLicense } from "./support/licenses";
import { makeUser } from "./support/users";

const EMBED_SECRET = vi.hoisted(() => (process.env.MERIDIAN_EMBED_SECRET = "authorization-matrix-embed-secret-0123456789"));

withTestDatabase();

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const LOGOUT = "POST /api/v2/users/logout";
type Caller = "anonymous" | "member" | "admin" | "owner" | "proxy" | "embed";

async function routeKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (const [path, load] of Object.entries(ROUTES)) {
    // The catch-all ([[...path]]) answers unknown paths with a 404 and authorizes nothing (test/hostile-input.test.ts).
    if (path.includes("[...")) continue;
    const mod = await load();
    for (const method of METHODS) if (mod[method]) keys.push(`${method} ${path}`);
  }
  return keys.sort();
}

// What an embed token (an owner's, to show that the role does not widen it) may reach, written
// independently of EMBED_SCOPE in server/auth/access.ts.
const EMBED_POLICY = new Set(["GET /api/v2/regions", "GET /api/v2/users/me/region", "PUT /api/v2/users/me/region", "GET /api/v2/events"]);

/** What a caller must get: `in` means past authorization (any status but 401/403). */
function expected(access: Access, caller: Caller, key: string): 401 | 403 | "in" {
  if (access === "public") return "in";
  if (caller === "embed") return access === "proxy" ? 401 : EMBED_POLICY.has(key) ? "in" : 403;
  if (access === "proxy") return caller === "proxy" ? "in" : 401;
  if (caller === "anonymous" || caller === "proxy") return 401;
  const rank = { member: 1, admin: 2, owner: 3 };
  return rank[caller] >= rank[access] ? "in" : 403;
}

// The policy as the issue states it, written independently of server/auth/access.ts so that a
// wrong entry there fails here instead of being trusted.
const POLICY: Record<string, Access> = {
  "GET /api/v2/regions": "member",
  "GET /api/v2/events": "member",
  "GET /api/v2/replicas": "admin",
  "GET /api/v2/workspaceproxies": "admin",
  "GET /api/v2/workspaceproxies/[id]/history": "admin",
  "GET /api/v2/replicas/[id]/history": "admin",
  "GET /api/v2/users/first": "public",
  "POST /api/v2/users/first": "public",
  "POST /api/v2/users/login": "public",
  "POST /api/v2/users/logout": "member",
  "GET /api/v2/users/me": "member",
  "GET /api/v2/users": "admin",
  "POST /api/v2/users": "admin",
  "PATCH /api/v2/users/[id]": "admin",
  "GET /api/v2/users/me/tokens": "member",
  "POST /api/v2/users/me/tokens": "member",
  "DELETE /api/v2/users/me/tokens/[id]": "member",
  "GET /api/v2/audit": "admin",
  "POST /api/v2/workspaceproxies": "admin",
  "PATCH /api/v2/workspaceproxies/[id]": "admin",
  "DELETE /api/v2/workspaceproxies/[id]": "admin",
  "POST /api/v2/workspaceproxies/me/register": "proxy",
  "POST /api/v2/workspaceproxies/me/deregister": "proxy",
  "GET /api/v2/entitlements": "member",
  "GET /api/v2/licenses": "admin",
  "POST /api/v2/licenses": "admin",
  "DELETE /api/v2/licenses/[id]": "admin",
  "GET /api/v2/users/me/region": "member",
  "PUT /api/v2/users/me/region": "member",
  "GET /api/v2/embed/origins": "admin",
  "POST /api/v2/embed/origins": "admin",
  "DELETE /api/v2/embed/origins/[id]": "admin",
  "GET /api/v2/debug/health": "admin",
  "GET /api/v2/debug/health/settings": "admin",
  "PUT /api/v2/debug/health/settings": "admin",
  "GET /api/v2/openapi.json": "public",
};

describe("authorization table", () => {
  it("has an entry for every route handler, and no entry without one", async () => {
    const keys = await routeKeys();
    expect(keys.filter((k) => !(k in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k) => !(k in POLICY))).toEqual([]);
  });
});

describe("every /api/v2 route against every caller", () => {
  const headers: Record<Caller, Record<string, string>> = { anonymous: {}, member: {}, admin: {}, owner: {}, proxy: {}, embed: {} };

  beforeAll(async () => {
    // Licensed, so that a premium feature's 403 is never mistaken for an authorization answer.
    await installLicense();
    for (const role of ["owner", "admin", "member"] as const) {
      const user = await makeUser(role);
      headers[role] = { authorization: `Bearer ${await user.token()}` };
      if (role === "owner") headers.embed = { authorization: `Bearer ${await signEmbedToken(user.email, EMBED_SECRET)}` };
    }
    // A workspace proxy's token is a different kind: it must never act as a user.
    const secret = randomBytes(24).toString("hex");
    const proxy = await prisma().workspaceProxy.create({ data: { name: "matrix", displayName: "Matrix", tokenHashedSecret: createHash("sha256").update(secret).digest() } });
    headers.proxy = { authorization: `Bearer ${proxy.id}:${secret}` };
  });

  it("answers 401, 403 or lets the caller in exactly as the table says", async () => {
    const mismatches: string[] = [];
    // Logging out with an API token revokes it: that route goes last, so the callers' tokens
    // work for every other route (and it still proves who may log out).
    const keys = (await routeKeys()).sort((a, b) => Number(a === LOGOUT) - Number(b === LOGOUT));
    for (const key of keys) {
      // Every write gets an empty body and fails validation at worst.
      for (const caller of Object.keys(headers) as Caller[]) {
        const [method] = key.split(" ");
        const res = await call(key, { headers: headers[caller], body: method === "GET" || method === "DELETE" ? undefined : {}, params: { id: "does-not-exist" } });
        const want = expected(POLICY[key], caller, key);
        // A 5xx is a failure, never "let in".
        const ok = res.status < 500 && (want === "in" ? res.status !== 401 && res.status !== 403 : res.status === want);
        if (!ok) mismatches.push(`${key} as ${caller}: got ${res.status}, want ${want}`);
        // The event stream never ends by itself: let it go once its status is known.
        if (res.headers.get("content-type")?.startsWith("text/event-stream")) await res.body?.cancel();
        if (res.status === 401 || res.status === 403) {
          expect(await res.json()).toEqual({ message: expect.any(String) });
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
