import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { listReplicas, measurePeers, startReplicaHeartbeat, type ReplicaIdentity, type ReplicaLoop } from "@/server/topology/replicas";
import { freePort } from "@/server/postgres/embedded";
import { useFreshDatabaseForEach, withTestDatabase } from "./support/database";

withTestDatabase();

/** A real HTTP server standing for a replica's relay address. */
async function relay(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => res.end("OK"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

function identity(relayUrl: string, hostname: string, region = "primary"): ReplicaIdentity {
  return { id: randomUUID(), hostname, region, relayUrl, version: "1.2.3" };
}

describe("replica heartbeat", () => {
  // Replicas stay listed for a day: each test sees only alpha, beta and the replicas it starts.
  useFreshDatabaseForEach();
  const loops: ReplicaLoop[] = [];
  const servers: Server[] = [];
  let a: ReplicaIdentity;
  let b: ReplicaIdentity;

  beforeEach(async () => {
    const [ra, rb] = [await relay(), await relay()];
    servers.push(ra.server, rb.server);
    a = identity(ra.url, "alpha");
    b = identity(rb.url, "beta");
    loops.push(await startReplicaHeartbeat(a, 200), await startReplicaHeartbeat(b, 200));
  });

  afterEach(async () => {
    await Promise.all(loops.splice(0).map((l) => l.stop().catch(() => {})));
    servers.splice(0).forEach((s) => s.close());
  });

  it("lists both replicas as live with their database latency and version", async () => {
    const replicas = await listReplicas(a.id);
    expect(replicas.map((r) => [r.hostname, r.status, r.is_self]).sort()).toEqual([
      ["alpha", "live", true],
      ["beta", "live", false],
    ]);
    for (const r of replicas) {
      expect(r.database_latency_us).toBeGreaterThan(0);
      expect(r.version).toBe("1.2.3");
    }
  });

  it("measures the mesh latency between them in both directions", async () => {
    await expect
      .poll(async () => (await listReplicas(a.id)).map((r) => [r.hostname, r.peers.map((p) => p.hostname), r.peers.every((p) => p.latency_ms !== null && p.error === null)]).sort(), { timeout: 5_000 })
      .toEqual([
        ["alpha", ["beta"], true],
        ["beta", ["alpha"], true],
      ]);
  });

  it("records a dial error on the replica that cannot reach a peer", async () => {
    const deadPort = await freePort();
    const ghost = identity(`http://127.0.0.1:${deadPort}`, "ghost");
    const loop = await startReplicaHeartbeat(ghost, 60_000); // one beat: its row is live, nothing answers
    await expect
      .poll(async () => (await listReplicas(a.id)).find((r) => r.id === a.id), { timeout: 5_000 })
      .toMatchObject({
        error: expect.stringContaining(`Failed to dial peers: ghost: dial http://127.0.0.1:${deadPort}`),
        peers: expect.arrayContaining([expect.objectContaining({ hostname: "ghost", latency_ms: null, error: expect.stringContaining("ECONNREFUSED") })]),
      });
    await loop.stop();
  });

  it("shows a replica whose heartbeats stopped as stale, and one that shut down as stopped", async () => {
    const silent = identity("http://127.0.0.1:1", "silent");
    const loop = await startReplicaHeartbeat(silent, 60_000);
    await prisma().replica.update({ where: { id: silent.id }, data: { updatedAt: new Date(Date.now() - 16_000) } });
    expect((await listReplicas(a.id)).find((r) => r.id === silent.id)?.status).toBe("stale");
    await loop.stop();
    expect((await listReplicas(a.id)).find((r) => r.id === silent.id)?.status).toBe("stopped");
  });

  it("does not ping replicas in other regions", async () => {
    const far = identity("http://127.0.0.1:1", "far", "eu-west");
    const loop = await startReplicaHeartbeat(far, 60_000);
    const pinged = (await measurePeers(a)).map((p) => p.hostname);
    expect(pinged).toContain("beta");
    expect(pinged).not.toContain("far");
    await loop.stop();
  });
});
