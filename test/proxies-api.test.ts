// Workspace proxies as admins and agents see them through the API: creation with a token shown
// once, name rules (also under concurrent creates), edits, token regeneration, soft delete, the
// agent's register/deregister protocol, the license gate, and the audit trail.
import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PROXY_TOKEN_HEADER } from "@/lib/api/proxies";
import { prisma } from "@/server/db";
import { call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { installLicense, removeLicenses } from "./support/licenses";
import { makeUser } from "./support/users";

withTestDatabase();

const json = async (res: Response) => res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
let admin: Record<string, string>;

beforeAll(async () => {
  admin = { authorization: `Bearer ${await (await makeUser("admin")).token()}` };
  await installLicense({ features: { workspace_proxy: 100 } });
});

async function create(body: Record<string, unknown>) {
  return call("POST /api/v2/workspaceproxies", { headers: admin, body });
}

async function createOk(name: string, extra: Record<string, unknown> = {}) {
  const res = await create({ name, ...extra });
  expect(res.status).toBe(201);
  return (await json(res)) as { proxy: Record<string, any>; proxy_token: string }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const registration = (overrides: Record<string, unknown> = {}) => ({
  access_url: "https://eu.proxy.example.com",
  wildcard_hostname: "*.eu.proxy.example.com",
  version: "9.9.9",
  replica_id: randomUUID(),
  hostname: "eu-proxy-1",
  ...overrides,
});

function register(token: string, body: Record<string, unknown> = registration()) {
  return call("POST /api/v2/workspaceproxies/me/register", { headers: { [PROXY_TOKEN_HEADER]: token }, body });
}

describe("creating a proxy", () => {
  it("answers the token once as <id>:<secret> and stores only its sha256", async () => {
    const { proxy, proxy_token } = await createOk("Eu-West", { display_name: "Europe West", icon: "🇪🇺", location: { code: "eu-west" } });
    expect(proxy).toMatchObject({ name: "eu-west", display_name: "Europe West", icon_url: "🇪🇺", location: { code: "eu-west", latitude: 53.3, longitude: -6.3 } });
    expect(proxy.status.status).toBe("unregistered");
    const [id, secret] = proxy_token.split(":");
    expect(id).toBe(proxy.id);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const row = await prisma().workspaceProxy.findUniqueOrThrow({ where: { id } });
    expect(Buffer.from(row.tokenHashedSecret).equals(createHash("sha256").update(secret).digest())).toBe(true);
    // The list never carries a token or its hash.
    const list = JSON.stringify(await json(await call("GET /api/v2/workspaceproxies", { headers: admin })));
    expect(list).toContain("eu-west");
    expect(list).not.toContain(secret);
    expect(list).not.toMatch(/token/i);
    const audits = await prisma().auditLog.findMany({ where: { resourceId: id } });
    expect(audits.map((a) => a.action)).toEqual(["proxy_created"]);
    expect(JSON.stringify(audits)).not.toContain(secret);
  });

  it("accepts explicit coordinates and defaults the display name to the name", async () => {
    const { proxy } = await createOk("custom-place", { location: { latitude: 10.5, longitude: -20 } });
    expect(proxy).toMatchObject({ display_name: "custom-place", location: { code: null, latitude: 10.5, longitude: -20 } });
  });

  it("refuses names that are not DNS labels, and the reserved name, with 400 naming the field", async () => {
    for (const name of ["", "has space", "-leading", "trailing-", "under_score", "a".repeat(64), "primary", "PRIMARY"]) {
      const res = await create({ name });
      expect(res.status, name).toBe(400);
      expect((await json(res)).validations, name).toEqual([expect.objectContaining({ field: "name" })]);
    }
    const reserved = await json(await create({ name: "primary" }));
    expect(reserved.validations[0].detail).toMatch(/reserved/);
    const location = await create({ name: "ok-name", location: { code: "mars-north" } });
    expect(location.status).toBe(400);
    expect((await json(location)).validations[0].field).toMatch(/^location/);
    expect(await prisma().workspaceProxy.count({ where: { name: "ok-name" } })).toBe(0);
  });

  it("answers 409 for a live duplicate, compared case-insensitively", async () => {
    await createOk("tokyo");
    const res = await create({ name: "TOKYO" });
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({ validations: [{ field: "name" }] });
  });

  it("lets exactly one of many concurrent creates with one name win", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => create({ name: i % 2 ? "Race" : "race" })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await prisma().workspaceProxy.count({ where: { name: "race", deletedAt: null } })).toBe(1);
  });

  it("frees the name again once the proxy is deleted", async () => {
    const { proxy } = await createOk("reuse-me");
    expect((await call("DELETE /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id } })).status).toBe(200);
    await createOk("reuse-me");
  });
});

describe("editing, regenerating and deleting", () => {
  it("edits display name, icon and location, auditing the diff", async () => {
    const { proxy } = await createOk("edit-me");
    const res = await call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id }, body: { display_name: "Edited", icon: "https://example.com/i.png", location: null } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.proxy_token).toBeUndefined();
    expect(body.proxy).toMatchObject({ display_name: "Edited", icon_url: "https://example.com/i.png", location: null });
    const row = await prisma().auditLog.findFirstOrThrow({ where: { resourceId: proxy.id, action: "proxy_updated" } });
    expect(row.diff).toMatchObject({ display_name: { from: "edit-me", to: "Edited" } });
  });

  it("renames under the same rules as create; the agent's token keeps working; a taken name is 409", async () => {
    const { proxy, proxy_token } = await createOk("old-name");
    await createOk("taken");
    const rename = (name: string) => call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id }, body: { name } });
    const res = await rename("New-Name");
    expect(res.status).toBe(200);
    expect((await json(res)).proxy).toMatchObject({ name: "new-name" });
    expect(await prisma().auditLog.findFirstOrThrow({ where: { resourceId: proxy.id, action: "proxy_updated" } })).toMatchObject({ resourceName: "new-name", diff: { name: { from: "old-name", to: "new-name" } } });
    expect((await register(proxy_token)).status).toBe(200);
    const taken = await rename("TAKEN");
    expect(taken.status).toBe(409);
    expect(await json(taken)).toMatchObject({ validations: [{ field: "name" }] });
    // Two proxies racing to one free name: exactly one gets it.
    const { proxy: other } = await createOk("other");
    const raced = await Promise.all([proxy.id, other.id].map((id) => call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id }, body: { name: "contested" } })));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    // The old name is free again.
    await createOk("old-name");
  });

  it("refuses an empty or unknown change with 400", async () => {
    const { proxy } = await createOk("empty-change");
    for (const body of [{}, { regenerate_token: false }, { name: "primary" }, { name: "not a label" }, { url: "https://x.example.com" }, { icon: "<script>" }]) {
      const res = await call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id }, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: "not-a-uuid" }, body: { display_name: "x" } })).status).toBe(400);
    expect((await call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: randomUUID() }, body: { display_name: "x" } })).status).toBe(404);
  });

  it("regenerates the token: the old one stops working at once, the new one works", async () => {
    const { proxy, proxy_token: old } = await createOk("regen");
    expect((await register(old)).status).toBe(200);
    const res = await call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id }, body: { regenerate_token: true } });
    const fresh = (await json(res)).proxy_token as string;
    expect(fresh).toMatch(new RegExp(`^${proxy.id}:`));
    expect(fresh).not.toBe(old);
    expect((await register(old)).status).toBe(401);
    expect((await register(fresh)).status).toBe(200);
    expect(await prisma().auditLog.count({ where: { resourceId: proxy.id, action: "proxy_token_regenerated" } })).toBe(1);
  });

  it("soft-deletes: gone from the lists, token refused, row kept, a second delete is 404", async () => {
    const { proxy, proxy_token } = await createOk("delete-me");
    expect((await call("DELETE /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id } })).status).toBe(200);
    const names = (await json(await call("GET /api/v2/workspaceproxies", { headers: admin }))).regions.map((r: { name: string }) => r.name);
    expect(names).not.toContain("delete-me");
    expect((await register(proxy_token)).status).toBe(401);
    expect(await prisma().workspaceProxy.findUniqueOrThrow({ where: { id: proxy.id } })).toMatchObject({ deletedAt: expect.any(Date) });
    expect((await call("DELETE /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id } })).status).toBe(404);
    expect(await prisma().auditLog.count({ where: { resourceId: proxy.id, action: "proxy_deleted" } })).toBe(1);
  });
});

describe("the agent protocol", () => {
  it("registers, re-registers quietly, and only its own replica may deregister", async () => {
    const { proxy, proxy_token } = await createOk("agent");
    const body = registration();
    const res = await register(proxy_token, body);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ proxy_id: proxy.id, proxy_name: "agent", primary_version: expect.any(String), register_interval_ms: 30_000 });
    const row = await prisma().workspaceProxy.findUniqueOrThrow({ where: { id: proxy.id } });
    expect(row).toMatchObject({ url: body.access_url, wildcardHostname: body.wildcard_hostname, version: "9.9.9", replicaId: body.replica_id });

    expect((await register(proxy_token, body)).status).toBe(200);
    expect(await prisma().auditLog.count({ where: { resourceId: proxy.id, action: "proxy_registered" } })).toBe(1);

    const deregister = (replica_id: string) => call("POST /api/v2/workspaceproxies/me/deregister", { headers: { [PROXY_TOKEN_HEADER]: proxy_token }, body: { replica_id } });
    expect(await json(await deregister(randomUUID()))).toEqual({ deregistered: false });
    expect((await prisma().workspaceProxy.findUniqueOrThrow({ where: { id: proxy.id } })).url).toBe(body.access_url);
    expect(await json(await deregister(body.replica_id))).toEqual({ deregistered: true });
    expect(await prisma().workspaceProxy.findUniqueOrThrow({ where: { id: proxy.id } })).toMatchObject({ url: "", replicaId: null });
    expect(await prisma().auditLog.count({ where: { resourceId: proxy.id, action: "proxy_deregistered" } })).toBe(1);
  });

  it("accepts the token as a Bearer token too, and refuses bad tokens and bad bodies", async () => {
    const { proxy_token } = await createOk("bearer");
    const viaBearer = await call("POST /api/v2/workspaceproxies/me/register", { headers: { authorization: `Bearer ${proxy_token}` }, body: registration() });
    expect(viaBearer.status).toBe(200);
    const [id] = proxy_token.split(":");
    for (const token of [`${id}:wrong`, "garbage", `${randomUUID()}:secret`, ""]) expect((await register(token)).status, token).toBe(401);
    const bad = await register(proxy_token, registration({ access_url: "ftp://x", replica_id: "nope" }));
    expect(bad.status).toBe(400);
    expect((await json(bad)).validations.map((v: { field: string }) => v.field).sort()).toEqual(["access_url", "replica_id"]);
  });

  it("refuses an access URL with credentials, or at a private or link-local address, with a 400 naming access_url; loopback is fine outside production", async () => {
    const { proxy, proxy_token } = await createOk("where-am-i");
    for (const access_url of ["https://agent:pw-hunter2@eu.proxy.example.com", "http://10.1.2.3:4100", "http://[fd00::7]/", "http://169.254.169.254/", "http://[::ffff:192.168.0.1]/"]) {
      const res = await register(proxy_token, registration({ access_url }));
      expect(res.status, access_url).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text).validations.map((v: { field: string }) => v.field), access_url).toEqual(["access_url"]);
      expect(text).not.toContain("hunter2");
    }
    expect((await prisma().workspaceProxy.findUniqueOrThrow({ where: { id: proxy.id } })).url).toBe("");
    // Tests run with NODE_ENV=test, which counts as development: agents beside the primary may register.
    expect((await register(proxy_token, registration({ access_url: "http://127.0.0.1:4100" }))).status).toBe(200);
  });

  it("a proxy token is never a user: user routes answer 401", async () => {
    const { proxy_token } = await createOk("not-a-user");
    expect((await call("GET /api/v2/users/me", { headers: { authorization: `Bearer ${proxy_token}` } })).status).toBe(401);
  });
});

describe("without a license", () => {
  it("answers 403 with the premium message for create and edit, but still lets an admin delete", async () => {
    const { proxy } = await createOk("licensed-once");
    await removeLicenses();
    const created = await create({ name: "unlicensed" });
    expect(created.status).toBe(403);
    expect(await json(created)).toEqual({ message: "Workspace Proxy is a Premium feature. Contact sales!" });
    const edited = await call("PATCH /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id }, body: { display_name: "x" } });
    expect(edited.status).toBe(403);
    expect((await call("DELETE /api/v2/workspaceproxies/[id]", { headers: admin, params: { id: proxy.id } })).status).toBe(200);
    expect(await prisma().workspaceProxy.count({ where: { name: "unlicensed" } })).toBe(0);
    await installLicense({ features: { workspace_proxy: 100 } });
  });
});
