// `npm run cluster -- --replicas 3`, as a person would run it: three replicas on one embedded
// PostgreSQL with the demo's agents, every URL printed, a clean stop on Ctrl-C; started again on
// the same folder, each replica comes back with its id instead of as a new one.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILT = existsSync(path.join(ROOT, ".next", "BUILD_ID"));
if (!BUILT) console.warn("cluster.test: no production build (.next/BUILD_ID), so `npm run cluster` would build first; skipped (run `npx next build` to include it)");

interface Cluster {
  child: ChildProcess;
  output: () => string;
  urls: string[];
  pids: number[];
  replicaIds: Record<string, string>;
  databaseUrl: string;
  /** Ctrl-C, as a terminal sends it to the whole foreground process group; resolves when that group is gone. */
  interrupt(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function startCluster(dataDir: string): Promise<Cluster> {
  // Only what a shell would have: no test database, no MERIDIAN_* of the test run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MERIDIAN_") && k !== "DATABASE_URL" && k !== "NODE_ENV")) as NodeJS.ProcessEnv;
  const child = spawn("npm", ["run", "cluster", "--", "--replicas", "3", "--port", "0", "--data-dir", dataDir], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c));
  child.stderr!.on("data", (c: Buffer) => (output += c));
  await expect.poll(() => (child.exitCode !== null ? "exited" : /Ctrl-C stops everything/.test(output)), { timeout: 120_000, interval: 250 }).toBe(true);
  const replicas = [...output.matchAll(/^ {2}(replica-\d+) {2}(http:\/\/\S+) {2}\(pid (\d+)\)$/gm)];
  const credentials = JSON.parse(readFileSync(path.join(dataDir, "postgres", "credentials.json"), "utf8"));
  const port = /PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(output)![1];
  return {
    child,
    output: () => output,
    urls: replicas.map((m) => m[2]),
    pids: replicas.map((m) => Number(m[3])),
    replicaIds: Object.fromEntries([...output.matchAll(/^\[(replica-\d+)\] meridian: console at \S+ \(replica ([0-9a-f-]{36})\)$/gm)].map((m) => [m[1], m[2]])),
    databaseUrl: `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/meridian`,
    async interrupt() {
      process.kill(-child.pid!, "SIGINT");
      await expect.poll(() => alive(-child.pid!), { timeout: 60_000, interval: 100 }).toBe(false);
    },
  };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}


describe.skipIf(!BUILT)("npm run cluster", () => {
  it("runs three replicas on one PostgreSQL with the demo agents, stops on Ctrl-C, and keeps the replicas' ids on a restart", { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "meridian-cluster-"));
    chmodSync(dataDir, 0o711); // embedded PostgreSQL runs as `postgres` when the tests run as root
    let cluster: Cluster | undefined;
    try {
      cluster = await startCluster(dataDir);
      expect(cluster.urls).toHaveLength(3);
      expect(new Set(cluster.urls).size).toBe(3);
      for (const url of cluster.urls) expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(cluster.output()).toMatch(/demo-frankfurt agent {2}http:\/\/127\.0\.0\.1:\d+/);

      // Signed in on the first replica, the session works on the second: one database, one secret.
      const [one, two] = cluster.urls;
      const post = (path: string, body: unknown) => fetch(one + path, { method: "POST", headers: { "content-type": "application/json", origin: one }, body: JSON.stringify(body) });
      const owner = { email: "cluster-owner@example.com", password: "cluster-test-password-1234" };
      expect((await post("/api/v2/users/first", { ...owner, name: "Cluster owner" })).status).toBeLessThan(300);
      const cookie = (await post("/api/v2/users/login", owner)).headers.getSetCookie().find((c) => c.startsWith("meridian.session_token="))!.split(";")[0];
      const replicasSeenByTwo = await fetch(`${two}/api/v2/replicas`, { headers: { cookie } });
      expect(replicasSeenByTwo.status).toBe(200);
      expect(((await replicasSeenByTwo.json()) as { status: string }[]).map((r) => r.status)).toEqual(["live", "live", "live"]);

      const { databaseUrl } = cluster;
      const live = await query<{ id: string }>(databaseUrl, "SELECT id FROM replicas WHERE stopped_at IS NULL");
      expect(live.map((r) => r.id).sort()).toEqual(Object.values(cluster.replicaIds).sort());
      // The agents registered through a replica; the checker's leader, whichever it is, saw them.
      await expect.poll(async () => (await query<{ status: string }>(databaseUrl, "SELECT status FROM workspace_proxies WHERE demo AND status = 'ok'")).length, { timeout: 30_000 }).toBe(3);

      await cluster.interrupt();
      expect(cluster.output()).toMatch(/^\[replica-1\] meridian: stopped$/m);
      expect(cluster.output()).toMatch(/^cluster: stopped$/m);
      for (const pid of cluster.pids) expect(alive(pid), `replica pid ${pid}`).toBe(false);
      const first = cluster.replicaIds;

      cluster = await startCluster(dataDir);
      expect(cluster.replicaIds).toEqual(first);
      await cluster.interrupt();
      cluster = undefined;
    } finally {
      if (cluster && alive(-cluster.child.pid!)) process.kill(-cluster.child.pid!, "SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
