// Restarts do not pile up replicas: a replica restarted on the same host and data folder comes
// back with its id, two servers cannot share one folder's id, and replicas that shut down cleanly
// leave the list after a few minutes.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { claimReplicaId, ReplicaIdInUse, replicaIdFiles } from "@/server/topology/replica-id";
import { listReplicas, startReplicaHeartbeat, STOPPED_LISTED_FOR_MS } from "@/server/topology/replicas";
import { meridian } from "./support/cli";
import { withTestDatabase } from "./support/database";

withTestDatabase();

describe("a replica's id in its data folder", () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "meridian-replica-id-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("is the same after a restart on the same host and folder, and differs per host and per folder", () => {
    const dir = folder();
    const first = claimReplicaId(dir, "host-a");
    first.release();
    const again = claimReplicaId(dir, "host-a");
    again.release();
    expect(again).toMatchObject({ id: first.id, kept: true });
    const otherHost = claimReplicaId(dir, "host-b");
    const otherFolder = claimReplicaId(folder(), "host-a");
    expect(new Set([first.id, otherHost.id, otherFolder.id]).size).toBe(3);
    otherHost.release();
    otherFolder.release();
  });

  it("creates a missing data folder that others may pass through (embedded Postgres runs as its own user), keeping only the id private", () => {
    const dir = path.join(folder(), "fresh", ".meridian");
    claimReplicaId(dir, "host-a").release();
    expect(statSync(dir).mode & 0o111).toBe(0o111 & ~process.umask());
    expect(statSync(path.dirname(replicaIdFiles(dir, "host-a").id)).mode & 0o077).toBe(0);
  });

  it("refuses a second server on the same folder while the first runs, and says what to do", async () => {
    const dir = folder();
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      const held = claimReplicaId(dir, "host-a", sleeper.pid);
      expect(() => claimReplicaId(dir, "host-a")).toThrow(ReplicaIdInUse);
      expect(() => claimReplicaId(dir, "host-a")).toThrow(/give each server its own MERIDIAN_DATA_DIR \(--data-dir\), or set MERIDIAN_REPLICA_ID/);
      held.release();
      claimReplicaId(dir, "host-a").release();
    } finally {
      sleeper.kill();
    }
  });

  it("takes over the lock of a server that was killed, or of this very pid (a restarted container's pid 1)", async () => {
    const dir = folder();
    const first = claimReplicaId(dir, "host-a");
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.once("exit", resolve));
    writeFileSync(replicaIdFiles(dir, "host-a").lock, String(dead.pid));
    const afterCrash = claimReplicaId(dir, "host-a");
    expect(afterCrash.id).toBe(first.id);
    // The lock now holds this process's pid, as a container restarted with the same pid finds it.
    expect(claimReplicaId(dir, "host-a").id).toBe(first.id);
  });

  it("stops `meridian server` before anything starts when another server holds the folder", async () => {
    const dir = folder();
    // This test process stands for a running server on the same host.
    const { lock } = replicaIdFiles(dir, os.hostname());
    mkdirSync(path.dirname(lock));
    writeFileSync(lock, String(process.pid));
    const run = await meridian(["server", "--no-demo", "--port", "0"], { MERIDIAN_DATA_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`another server \\(pid ${process.pid}\\) on this host runs with the data folder ${dir}`));
    expect(readFileSync(lock, "utf8")).toBe(String(process.pid));
  });
});

describe("the replicas list", () => {
  async function replica(hostname: string, fields: { updatedAgoMs: number; stoppedAgoMs?: number }) {
    const now = Date.now();
    return prisma().replica.create({
      data: {
        id: randomUUID(),
        hostname,
        region: "primary",
        relayAddress: "http://127.0.0.1:1",
        version: "1.0.0",
        databaseLatencyUs: 100,
        error: "",
        startedAt: new Date(now - 3600_000),
        updatedAt: new Date(now - fields.updatedAgoMs),
        stoppedAt: fields.stoppedAgoMs === undefined ? null : new Date(now - fields.stoppedAgoMs),
      },
    });
  }

  it("shows a replica restarted with its kept id once, live, with its new start time", async () => {
    const self = { id: randomUUID(), hostname: `restarted-${randomUUID().slice(0, 8)}`, region: "primary", relayUrl: "http://127.0.0.1:1", version: "1.0.0" };
    const first = await startReplicaHeartbeat(self, 60_000);
    await first.stop();
    const firstStart = (await listReplicas(undefined)).find((r) => r.id === self.id)!.started_at;
    const second = await startReplicaHeartbeat(self, 60_000);
    try {
      const listed = (await listReplicas(undefined)).filter((r) => r.hostname === self.hostname);
      expect(listed.map((r) => [r.id, r.status])).toEqual([[self.id, "live"]]);
      expect(Date.parse(listed[0].started_at)).toBeGreaterThan(Date.parse(firstStart));
    } finally {
      await second.stop();
    }
  });

  it("drops replicas that shut down cleanly a few minutes ago, and keeps the live, the stale and the just stopped", async () => {
    const tag = randomUUID().slice(0, 8);
    await replica(`${tag}-live`, { updatedAgoMs: 1_000 });
    await replica(`${tag}-stale`, { updatedAgoMs: 3600_000 }); // vanished without a word: worth a look
    await replica(`${tag}-just-stopped`, { updatedAgoMs: 60_000, stoppedAgoMs: 60_000 });
    await replica(`${tag}-long-stopped`, { updatedAgoMs: STOPPED_LISTED_FOR_MS + 60_000, stoppedAgoMs: STOPPED_LISTED_FOR_MS + 60_000 });
    const listed = (await listReplicas(undefined)).filter((r) => r.hostname.startsWith(tag));
    expect(listed.map((r) => [r.hostname.slice(tag.length + 1), r.status]).sort()).toEqual([
      ["just-stopped", "stopped"],
      ["live", "live"],
      ["stale", "stale"],
    ]);
  });
});
