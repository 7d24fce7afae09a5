// Issue 11, items 3 and 5: text PostgreSQL cannot store (NUL, lone UTF-16 surrogates) in any body
// field, query field, path parameter or license claim is a 400 naming the field with nothing
// written; ids that cannot be ids are a 400 in the error shape; hostile credentials are a 401;
// unknown /api/v2 paths are a JSON 404. Route handlers are called in-process.
import { randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as catchAll from "@/app/api/v2/[[...path]]/route";
import { apiErrorSchema } from "@/lib/api/errors";
import { STORABLE_TEXT_MESSAGE } from "@/lib/api/strings";
import { identify, identifyProxy } from "@/server/auth/identity";
import { signEmbedToken } from "@/server/auth/embed-token";
import { verifyToken } from "@/server/auth/tokens";
import { prisma } from "@/server/db";
import { verifyProxyToken } from "@/server/topology/proxy-tokens";
import { browser, call, ORIGIN } from "./support/api";
import { withTestDatabase } from "./support/database";
import { installLicense, makeLicense } from "./support/licenses";
import { makeUser, PASSWORD } from "./support/users";

const EMBED_SECRET = vi.hoisted(() => (process.env.MERIDIAN_EMBED_SECRET = "hostile-input-embed-secret-0123456789abcdef"));

withTestDatabase();

const NUL = "\0";
const LONE_SURROGATE = "\uD800";

const errorBody = async (res: Response) => apiErrorSchema.parse(await res.json());

/** Everything a refused request could have written, read back before and after it. */
async function snapshot() {
  const db = prisma();
  const counts = await Promise.all([
    db.user.count(),
    db.account.count(),
    db.session.count(),
    db.apiToken.count({ where: { revokedAt: null } }),
    db.workspaceProxy.count({ where: { deletedAt: null } }),
    db.license.count(),
    db.embedOrigin.count(),
    db.auditLog.count(),
    db.rateLimit.count(),
  ]);
  const touched = await Promise.all([db.workspaceProxy.aggregate({ _max: { updatedAt: true } }), db.user.aggregate({ _max: { updatedAt: true } })]);
  return { counts, touched: touched.map((t) => t._max.updatedAt?.toISOString() ?? null) };
}

/** `bad` placed inside a valid value, so only the character is wrong. */
const spoil = (value: string, bad: string) => `${value.slice(0, 1)}${bad}${value.slice(1)}`;

let admin: Record<string, string>;
let member: Record<string, string>;
let proxyCaller: Record<string, string>;
let memberCookie: string;
let proxyId: string;
let userId: string;
let licenseJwt: string;
const replicaId = randomUUID();

beforeAll(async () => {
  await installLicense(); // the premium routes must reach their schemas, not a 403
  admin = { authorization: `Bearer ${await (await makeUser("admin")).token()}` };
  const someone = await makeUser("member");
  userId = someone.id;
  member = { authorization: `Bearer ${await someone.token()}` };
  memberCookie = await someone.signIn();
  const created = await call("POST /api/v2/workspaceproxies", { headers: admin, body: { name: `hostile-${randomBytes(3).toString("hex")}` } });
  const { proxy, proxy_token } = (await created.json()) as { proxy: { id: string }; proxy_token: string };
  proxyId = proxy.id;
  proxyCaller = { "meridian-proxy-token": proxy_token };
  licenseJwt = await makeLicense({ uuid: randomUUID() });
});

interface BodyCase {
  key: string;
  headers: () => Record<string, string>;
  params?: () => Record<string, string>;
  body: () => Record<string, unknown>;
  /** The string fields the client sends; each is spoiled in turn. */
  fields: string[];
  /** Enumerations: refused by their own check, which still names the field. */
  enums?: string[];
}

// access_url (workspace proxy registration) is left out: its schema is being rewritten for the
// SSRF fix and does not apply the storable check yet.
const BODY_CASES: BodyCase[] = [
  { key: "POST /api/v2/users/first", headers: () => ({}), body: () => ({ email: "first@example.com", name: "First", password: PASSWORD }), fields: ["email", "name", "password"] },
  { key: "POST /api/v2/users/login", headers: () => ({}), body: () => ({ email: "someone@example.com", password: PASSWORD }), fields: ["email", "password"] },
  { key: "POST /api/v2/users", headers: () => admin, body: () => ({ email: "new@example.com", name: "New", password: PASSWORD, role: "member" }), fields: ["email", "name", "password"], enums: ["role"] },
  { key: "PATCH /api/v2/users/[id]", headers: () => admin, params: () => ({ id: userId }), body: () => ({ role: "admin", status: "active" }), fields: [], enums: ["role", "status"] },
  { key: "POST /api/v2/users/me/tokens", headers: () => member, body: () => ({ name: "laptop" }), fields: ["name"] },
  { key: "PUT /api/v2/users/me/region", headers: () => member, body: () => ({ region_id: proxyId }), fields: ["region_id"] },
  { key: "POST /api/v2/workspaceproxies", headers: () => admin, body: () => ({ name: "eu-west", display_name: "EU West", icon: "https://example.com/eu.png" }), fields: ["name", "display_name", "icon"] },
  { key: "PATCH /api/v2/workspaceproxies/[id]", headers: () => admin, params: () => ({ id: proxyId }), body: () => ({ name: "renamed", display_name: "Renamed", icon: "https://example.com/r.png" }), fields: ["name", "display_name", "icon"] },
  {
    key: "POST /api/v2/workspaceproxies/me/register",
    headers: () => proxyCaller,
    body: () => ({ access_url: "https://eu.example.com", wildcard_hostname: "*.eu.example.com", version: "1.2.3", replica_id: replicaId, hostname: "eu-1" }),
    fields: ["wildcard_hostname", "version", "replica_id", "hostname"],
  },
  { key: "POST /api/v2/workspaceproxies/me/deregister", headers: () => proxyCaller, body: () => ({ replica_id: replicaId }), fields: ["replica_id"] },
  { key: "POST /api/v2/licenses", headers: () => admin, body: () => ({ license: licenseJwt }), fields: ["license"] },
  { key: "POST /api/v2/embed/origins", headers: () => admin, body: () => ({ origin: "https://portal.example.com" }), fields: ["origin"] },
];

describe("NUL and lone surrogates in request bodies", () => {
  const cases = BODY_CASES.flatMap((c) => [...c.fields.map((field) => ({ c, field, storable: true })), ...(c.enums ?? []).map((field) => ({ c, field, storable: false }))]);
  const table = cases.flatMap(({ c, field, storable }) => [NUL, LONE_SURROGATE].map((bad) => ({ name: `${c.key} ${field} ${bad === NUL ? "NUL" : "lone surrogate"}`, c, field, storable, bad })));

  it.each(table)("$name: 400 naming the field, nothing written", async ({ c, field, storable, bad }) => {
    const body = c.body();
    body[field] = spoil(String(body[field]), bad);
    const before = await snapshot();
    const res = await call(c.key, { headers: c.headers(), params: c.params?.(), body });
    expect(res.status).toBe(400);
    const { validations } = await errorBody(res);
    expect(validations?.map((v) => v.field)).toContain(field);
    if (storable) expect(validations).toContainEqual({ field, detail: STORABLE_TEXT_MESSAGE });
    expect(await snapshot()).toEqual(before);
  });

  it("the same bodies, unspoiled, pass those fields (the cases test what they claim to)", async () => {
    for (const c of BODY_CASES) {
      const res = await call(c.key, { headers: c.headers(), params: c.params?.(), body: c.body() });
      const named = res.status === 400 ? ((await errorBody(res)).validations ?? []).map((v) => v.field) : [];
      expect(named.filter((field) => [...c.fields, ...(c.enums ?? [])].includes(field)), c.key).toEqual([]);
    }
  });
});

describe("NUL in query fields", () => {
  it.each(["action", "resource_type", "actor"])("GET /api/v2/audit ?%s: 400 naming it", async (field) => {
    const res = await call("GET /api/v2/audit", { headers: admin, query: { [field]: `login${NUL}` } });
    expect(res.status).toBe(400);
    expect((await errorBody(res)).validations).toContainEqual({ field, detail: STORABLE_TEXT_MESSAGE });
  });
});

describe("path parameters", () => {
  const ID_ROUTES = [
    { key: "PATCH /api/v2/workspaceproxies/[id]", body: { display_name: "x" }, unknown: () => randomUUID(), malformed: ["not-a-uuid", "00000000-0000-0000-0000-00000000000g", "x".repeat(300), "../../etc/passwd", "%E0%A4%A"] },
    { key: "DELETE /api/v2/workspaceproxies/[id]", unknown: () => randomUUID(), malformed: ["not-a-uuid", "'; DROP TABLE workspace_proxies; --", `${randomUUID()} `] },
    { key: "PATCH /api/v2/users/[id]", body: { role: "admin" }, unknown: () => randomUUID(), malformed: ["a b", "../x", "x".repeat(65), "💩", "%zz"] },
    { key: "DELETE /api/v2/users/me/tokens/[id]", unknown: () => "abcdefghij", malformed: ["a b", "../x", "x".repeat(65), "💩", ""] },
    { key: "DELETE /api/v2/licenses/[id]", unknown: () => String(2 ** 31 - 1), malformed: ["abc", "0", "-1", "1e3", "0x10", "1.5", " 7", "2147483648", "99999999999", ""] },
    { key: "DELETE /api/v2/embed/origins/[id]", unknown: () => randomUUID(), malformed: ["x".repeat(3000)] },
  ];
  const table = ID_ROUTES.flatMap((r) => [NUL, LONE_SURROGATE, `${randomUUID()}${NUL}`, ...r.malformed].map((id) => ({ name: `${r.key} id=${JSON.stringify(id.slice(0, 40))}`, r, id })));

  it.each(table)("$name: 400 naming id, in the error shape, nothing written", async ({ r, id }) => {
    const before = await snapshot();
    const res = await call(r.key, { headers: admin, params: { id }, body: r.body });
    expect(res.status).toBe(400);
    expect((await errorBody(res)).validations?.map((v) => v.field)).toContain("id");
    expect(await snapshot()).toEqual(before);
  });

  it.each(ID_ROUTES)("$key: a well-formed id that names nothing is a 404", async (r) => {
    const res = await call(r.key, { headers: admin, params: { id: r.unknown() }, body: r.body });
    expect(res.status).toBe(404);
    await errorBody(res);
  });

  it.each(ID_ROUTES)("$key: an anonymous caller gets 401 whatever the id", async (r) => {
    for (const id of [NUL, "not-a-uuid"]) {
      const res = await call(r.key, { params: { id }, body: r.body });
      expect(res.status).toBe(401);
      await errorBody(res);
    }
  });

  it("an embed origin id that is storable but not a uuid stays the service's 404 (env: ids are not uuids)", async () => {
    for (const id of ["not-a-uuid", "env:https://unknown.example.com"]) expect((await call("DELETE /api/v2/embed/origins/[id]", { headers: admin, params: { id } })).status).toBe(404);
  });
});

describe("license claims", () => {
  const upload = (license: string) => call("POST /api/v2/licenses", { headers: admin, body: { license } });

  it.each([
    ["account_id with a NUL", { accountId: `acme${NUL}corp` }, "account_id"],
    ["account_id with a lone surrogate", { accountId: `acme${LONE_SURROGATE}corp` }, "account_id"],
    ["a feature name with a NUL", { features: { [`audit${NUL}log`]: 1 } }, "features"],
  ] as const)("a signed license with %s is a 400 naming the claim, nothing stored", async (_, options, claim) => {
    const before = await snapshot();
    const res = await upload(await makeLicense({ uuid: randomUUID(), ...options }));
    expect(res.status).toBe(400);
    const body = await errorBody(res);
    expect(body.message).toMatch(new RegExp(`claims are invalid: ${claim}`));
    expect(body.validations?.[0]).toEqual({ field: "license", detail: expect.stringMatching(new RegExp(`^claim ${claim}`)) });
    expect(await snapshot()).toEqual(before);
  });

  it("a clean license still uploads", async () => {
    expect((await upload(await makeLicense({ uuid: randomUUID(), accountId: "acme — ünïcode 😀" }))).status).toBe(201);
  });
});

describe("hostile credentials", () => {
  const uuid = "00000000-0000-0000-0000-000000000000";
  const USER_CREDENTIALS: Record<string, string>[] = [
    { authorization: "Bearer nope" },
    { authorization: `Bearer ${"a".repeat(10)}-${"b".repeat(32)}` },
    { authorization: `Bearer ${uuid}:proxy-token-as-user` },
    { authorization: "Bearer a.b.c" },
    { authorization: `Bearer ${"x".repeat(10_000)}` },
    { authorization: "Bearer ÿÿÿÿÿÿÿÿÿÿ-ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ" },
    { "meridian-session-token": "x".repeat(10_000) },
    { "meridian-session-token": "%00%00%00" },
    { cookie: "meridian.session_token=%E0%A4%A" },
    { cookie: "meridian.session_token=%zz.%zz" },
    { cookie: "meridian.session_token=%ED%A0%80.c2ln" },
    { cookie: `meridian.session_token=${"%00".repeat(20)}.c2lnbmF0dXJl` },
    { cookie: `__Secure-meridian.session_token=${"x".repeat(10_000)}.` },
  ];

  // Named by a short label: some are 10 KB long.
  const label = (headers: Record<string, string>) => JSON.stringify(headers).slice(0, 72);

  it.each(USER_CREDENTIALS.map((headers) => ({ name: label(headers), headers })))("a user route answers 401 in the error shape to $name", async ({ headers }) => {
    const res = await call("GET /api/v2/users/me", { headers });
    expect(res.status).toBe(401);
    await errorBody(res);
  });

  const PROXY_CREDENTIALS: Record<string, string>[] = [
    { "meridian-proxy-token": "not-a-uuid:secret" },
    { "meridian-proxy-token": `${uuid}:` },
    { "meridian-proxy-token": ":" },
    { "meridian-proxy-token": `${uuid}:${"s".repeat(300)}` },
    { "meridian-proxy-token": "x".repeat(10_000) },
    { "meridian-proxy-token": "%E0%A4%A:%00" },
    { authorization: `Bearer ${uuid}:nope` },
  ];

  it.each(PROXY_CREDENTIALS.map((headers) => ({ name: label(headers), headers })))("a proxy route answers 401 in the error shape to $name", async ({ headers }) => {
    const res = await call("POST /api/v2/workspaceproxies/me/register", { headers, body: {} });
    expect(res.status).toBe(401);
    await errorBody(res);
  });

  it("a public route treats a hostile cookie as no session", async () => {
    const res = await call("POST /api/v2/users/login", { headers: { ...browser(), cookie: "meridian.session_token=%E0%A4%A" }, body: { email: "nobody@example.com", password: "wrong" } });
    expect(res.status).toBe(401);
  });

  // A real HTTP header cannot carry a NUL or a surrogate, but the verifiers must not rely on that.
  it("NUL and lone surrogates reaching the verifiers authenticate nobody and throw nothing", async () => {
    const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null }) as unknown as Headers;
    for (const bad of [NUL, LONE_SURROGATE]) {
      const apiKey = `${"a".repeat(9)}${bad}-${"b".repeat(32)}`;
      const proxyToken = `${uuid.slice(0, -1)}${bad}:secret`;
      await expect(verifyToken(apiKey)).resolves.toBeNull();
      await expect(verifyProxyToken(proxyToken)).resolves.toBeNull();
      await expect(verifyProxyToken(`${proxyId}:${bad}`)).resolves.toBeNull();
      await expect(identify(headers({ authorization: `Bearer ${apiKey}` }))).resolves.toBeNull();
      await expect(identify(headers({ "meridian-session-token": bad }))).resolves.toBeNull();
      await expect(identify(headers({ cookie: `meridian.session_token=${bad}.${bad}` }))).resolves.toBeNull();
      await expect(identifyProxy(headers({ "meridian-proxy-token": proxyToken }))).resolves.toBeNull();
    }
  });

  it("an embed token whose sub is not storable is refused with 401", async () => {
    for (const bad of [NUL, LONE_SURROGATE]) {
      const token = await signEmbedToken(`user${bad}@example.com`, EMBED_SECRET);
      const res = await call("GET /api/v2/regions", { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect((await errorBody(res)).message).toMatch(/claim sub/);
    }
  });

  it("real credentials still work: an API token and a session cookie", async () => {
    expect((await call("GET /api/v2/users/me", { headers: member })).status).toBe(200);
    expect((await call("GET /api/v2/users/me", { headers: { cookie: memberCookie } })).status).toBe(200);
  });
});

describe("unknown /api/v2 paths", () => {
  const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
  const request = (method: string, path: string) => new NextRequest(new URL(path, ORIGIN), { method, headers: { "content-type": "application/json" } });

  it.each(METHODS)("%s answers a JSON 404 in the error shape naming the method and path", async (method) => {
    for (const path of ["/api/v2/does-not-exist/either", "/api/v2", "/api/v2/users/me/nope"]) {
      const res = await catchAll[method](request(method, path));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(await errorBody(res)).toEqual({ message: `No such API route: ${method} ${path}` });
    }
  });

  it("HEAD is a bodiless 404", async () => {
    expect((await catchAll.HEAD(request("HEAD", "/api/v2/nope"))).status).toBe(404);
  });

  it("echoes a long or hostile path only in part, still percent-encoded", async () => {
    const res = await catchAll.GET(request("GET", `/api/v2/${"a".repeat(5_000)}/%00/<script>`));
    const { message } = await errorBody(res);
    expect(message.length).toBeLessThan(300);
    expect(message).not.toContain("\0");
    expect(message.endsWith("…")).toBe(true);
  });
});
