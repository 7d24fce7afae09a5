// The read API as a client sees it: the route handlers answer JSON that the shared zod contract accepts.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { regionsResponseSchema, workspaceProxiesResponseSchema } from "@/lib/api/proxies";
import { replicasResponseSchema } from "@/lib/api/replicas";
import { prisma } from "@/server/db";
import { seedDemoTopology } from "@/server/demo";
import { call } from "./support/api";
import { useFreshDatabaseForEach, withTestDatabase } from "./support/database";
import { makeUser } from "./support/users";

withTestDatabase();

const headers: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  headers.admin = { authorization: `Bearer ${await (await makeUser("admin")).token()}` };
  headers.member = { authorization: `Bearer ${await (await makeUser("member")).token()}` };
});

describe("demo topology", () => {
  useFreshDatabaseForEach(); // seeding happens only on a database that never had a proxy

  it("is seeded once on an empty database, even when replicas start together", async () => {
    const created = await Promise.all([seedDemoTopology(), seedDemoTopology(), seedDemoTopology()]);
    expect(created.filter((n) => n > 0)).toHaveLength(1);
    expect(await seedDemoTopology()).toBe(0);
    const demo = await prisma().workspaceProxy.findMany({ where: { demo: true } });
    expect(demo.length).toBeGreaterThanOrEqual(3);
    expect(demo.every((p) => p.latitude !== null && p.longitude !== null && p.displayName.includes("(demo)"))).toBe(true);
  });
});

describe("GET /api/v2/workspaceproxies and /api/v2/regions", () => {
  // What these reads are about: the demo proxies, and one deleted proxy they must leave out.
  beforeAll(async () => {
    expect(await seedDemoTopology()).toBeGreaterThan(0);
    await prisma().workspaceProxy.create({
      data: { name: "gone", displayName: "Gone", tokenHashedSecret: createHash("sha256").update("x").digest(), deletedAt: new Date() },
    });
  });

  it("list live proxies with status and location, and leave deleted ones out", async () => {
    const res = await call("GET /api/v2/workspaceproxies", { headers: headers.admin });
    expect(res.status).toBe(200);
    const { regions } = workspaceProxiesResponseSchema.parse(await res.json());
    expect(regions.map((r) => r.name)).not.toContain("gone");
    const frankfurt = regions.find((r) => r.name === "demo-frankfurt");
    expect(frankfurt).toMatchObject({ demo: true, healthy: false, status: { status: "unregistered" }, location: { code: "eu-central" } });
  });

  it("offer the primary region first, then every live proxy", async () => {
    const res = await call("GET /api/v2/regions", { headers: headers.member });
    const { regions } = regionsResponseSchema.parse(await res.json());
    expect(regions[0]).toMatchObject({ name: "primary", healthy: true });
    expect(regions.slice(1).map((r) => r.name)).toEqual([...regions.slice(1).map((r) => r.name)].sort());
    expect(regions.map((r) => r.name)).not.toContain("gone");
  });
});

describe("GET /api/v2/replicas", () => {
  it("answers the replica list in the shared contract's shape", async () => {
    const now = new Date();
    await prisma().replica.create({
      data: { id: "6f1c3f43-5bd5-4e7b-9f49-7a0c1a8a9a01", hostname: "h1", region: "primary", relayAddress: "http://127.0.0.1:1", version: "0.1.0", startedAt: now, updatedAt: now },
    });
    const res = await call("GET /api/v2/replicas", { headers: headers.admin });
    expect(res.status).toBe(200);
    const replicas = replicasResponseSchema.parse(await res.json());
    expect(replicas).toEqual([expect.objectContaining({ hostname: "h1", status: "live", peers: [] })]);
  });
});
