// A database outage as one server process lives through it: its own PostgreSQL is stopped under
// it and started again on the same data folder and port. Route handlers answer 503 + Retry-After
// in the error shape and the outage is logged once, however many requests fail, and its end once;
// the leader election leads again within one interval of Postgres being back and the heartbeat
// writes again at once; when only the leader's connection dies, a connected follower takes over.
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reportDatabaseUp } from "@/server/database-status";
import { apiErrorSchema } from "@/lib/api/errors";
import { closeDatabase, createDatabase, prisma, setDatabase } from "@/server/db";
import { startLeaderElection, type LeaderElection } from "@/server/health/leader";
import { OUTAGE_RETRY_AFTER_S } from "@/server/http/database-errors";
import { errorResponse } from "@/server/http/route";
import { applyMigrations } from "@/server/migrate";
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from "@/server/postgres/embedded";
import { startReplicaHeartbeat, type ReplicaLoop } from "@/server/topology/replicas";
import { call } from "./support/api";
import { captureLogs, type CapturedLogs } from "./support/logs";
import { makeUser } from "./support/users";

const LOCK = 0x74657374; // "test": this file's own advisory lock key
const CHANNEL = "meridian_outage_test";
const RETRY_MS = 1_000;
const HEARTBEAT_MS = 2_000;
const APP = "meridian-outage-test";

let dir: string;
let port: number;
let postgres: EmbeddedPostgres;
let token: string;

beforeAll(async () => {
  // Under /tmp, traversable: embedded Postgres runs as `postgres` when the tests run as root.
  dir = await mkdtemp(path.join(os.tmpdir(), "meridian-outage-"));
  await chmod(dir, 0o711);
  port = await freePort();
  postgres = await startEmbeddedPostgres({ dir, port });
  await applyMigrations(postgres.url);
  setDatabase(createDatabase(postgres.url));
  token = await (await makeUser("member")).token();
});

afterAll(async () => {
  await closeDatabase();
  await postgres?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Same data folder, same port: the URL every pool and client already holds works again. Returns
 * when the restart began and when Postgres said it accepts connections (a little before start returns).
 */
async function restartPostgres(): Promise<{ restarting: number; back: number }> {
  const restarting = Date.now();
  let back = 0;
  postgres = await startEmbeddedPostgres({ dir, port, log: (line) => void (line.includes("ready to accept connections") && (back = Date.now())) });
  return { restarting, back };
}

const regions = () => call("GET /api/v2/regions", { headers: { authorization: `Bearer ${token}` } });

let logs: CapturedLogs;
const logged = () => logs.lines().map((line) => String(line.msg));
const outageStarts = () => logged().filter((line) => line.includes("the database is unreachable"));
const outageEnds = () => logged().filter((line) => line.includes("the database is reachable again"));

beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

/** Polls until `done()` holds; resolves with the milliseconds it took from `since`. */
async function until(done: () => boolean | Promise<boolean>, since: number, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - since;
}

describe("route handlers during an outage", () => {
  it("answer 503 with Retry-After in the error shape, log the outage once and its end once", async () => {
    expect((await regions()).status).toBe(200);
    await postgres.stop();

    const answers = [...(await Promise.all(Array.from({ length: 10 }, regions)))];
    for (let i = 0; i < 10; i++) answers.push(await regions());
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe(String(OUTAGE_RETRY_AFTER_S));
      expect(apiErrorSchema.strict().parse(await res.json())).toMatchObject({ message: "The database is unavailable." });
    }
    expect(outageStarts()).toHaveLength(1);
    expect(outageEnds()).toHaveLength(0);

    await restartPostgres();
    // The pool dropped its dead idle connections: the first request after recovery succeeds.
    expect((await regions()).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await regions()).status).toBe(200);
    expect(outageStarts()).toHaveLength(1);
    expect(outageEnds()).toHaveLength(1);
    // Two lines for the whole outage: no stack trace, no line per request.
    expect(logged()).toHaveLength(2);
  });

  it("answer 503, not 500, when the database ends a query as it shuts down", async () => {
    // What Postgres says to queries in flight during a fast shutdown (57P01), and to connections
    // while it shuts down or starts up (57P03): the pg adapter reports both as kind "postgres".
    const sleeping = prisma().$queryRaw`SELECT pg_sleep(30)`.catch((err: unknown) => err);
    await until(async () => Number((await prisma().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`)[0].n) === 1, Date.now(), 5_000);
    await prisma().$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()`;
    const res = errorResponse(await sleeping, { method: "GET", nextUrl: new URL("http://localhost/api/v2/regions") });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(OUTAGE_RETRY_AFTER_S));
    // The database never went away here: end the outage this answer reported, so the next test starts clean.
    reportDatabaseUp();
  });
});

describe("background loops across a Postgres restart", () => {
  const elections: LeaderElection[] = [];
  const lines: string[] = [];
  const elect = () => {
    const election = startLeaderElection({
      databaseUrl: postgres.url,
      lockKey: LOCK,
      channel: CHANNEL,
      retryMs: RETRY_MS,
      applicationName: APP,
      onLead() {},
      onLose() {},
      onNotification() {},
      log: (line) => lines.push(line),
    });
    elections.push(election);
    return election;
  };
  const leaders = () => elections.filter((e) => e.isLeader());
  let heartbeat: ReplicaLoop | undefined;

  afterEach(async () => {
    await Promise.all(elections.splice(0).map((e) => e.stop()));
    await heartbeat?.stop();
    heartbeat = undefined;
    lines.length = 0;
  });

  /** Backends holding this file's advisory lock. */
  async function lockHolders(): Promise<number[]> {
    const rows = await prisma().$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ${LOCK}::oid AND granted`;
    return rows.map((r) => r.pid);
  }

  it("lead again within one interval of Postgres being back, and the heartbeat writes again at once", async () => {
    elect();
    elect();
    await until(() => leaders().length === 1, Date.now());
    const self = { id: randomUUID(), hostname: "outage", region: "primary", relayUrl: "http://127.0.0.1:1", version: "1.0.0" };
    heartbeat = await startReplicaHeartbeat(self, HEARTBEAT_MS);
    const seen = async () => (await prisma().replica.findUniqueOrThrow({ where: { id: self.id } })).updatedAt.getTime();

    await postgres.stop();
    await until(() => leaders().length === 0, Date.now(), 5_000);
    // Down for longer than a heartbeat interval, so the heartbeat has failed at least once.
    await new Promise((r) => setTimeout(r, HEARTBEAT_MS + 1_000));
    const { restarting, back } = await restartPostgres();

    const toLeader = await until(() => leaders().length === 1, back);
    expect(toLeader).toBeLessThan(RETRY_MS);
    // A beat written after the restart began (it may even land before the restart returns).
    const toHeartbeat = await until(async () => (await seen()) >= restarting, back);
    expect(toHeartbeat).toBeLessThan(HEARTBEAT_MS);
    expect(await lockHolders()).toHaveLength(1);

    // Once per state change: each election says it cannot reach the database once, not per attempt.
    expect(lines.filter((l) => l.startsWith("cannot reach the database"))).toHaveLength(2);
    expect(outageStarts()).toHaveLength(1);
    await until(() => outageEnds().length === 1, back, 5_000);
    expect(logged().filter((l) => l.includes("replica heartbeat failed"))).toEqual([]);
  });

  it("hand over to a connected follower when only the leader's connection dies", async () => {
    elect();
    elect();
    await until(() => leaders().length === 1, Date.now());
    const [old] = leaders();
    const [pid] = await lockHolders();

    const killed = Date.now();
    await prisma().$executeRaw`SELECT pg_terminate_backend(${pid}::int, 5000)`;
    const handOver = await until(() => elections.some((e) => e !== old && e.isLeader()), killed);
    expect(handOver).toBeLessThan(RETRY_MS);
    // The old leader is back on a new connection, as a follower, and stays one.
    await until(async () => Number((await prisma().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${APP}`)[0].n) === 2, killed);
    await new Promise((r) => setTimeout(r, RETRY_MS * 2));
    expect(old.isLeader()).toBe(false);
    expect(leaders()).toHaveLength(1);
    // The database never went away: no outage was logged.
    expect(outageStarts()).toEqual([]);
  });

  it("lead again when the only replica's connection dies", async () => {
    const only = elect();
    await until(() => only.isLeader(), Date.now());
    const [pid] = await lockHolders();
    const killed = Date.now();
    await prisma().$executeRaw`SELECT pg_terminate_backend(${pid}::int, 5000)`;
    await until(() => !only.isLeader(), killed, 5_000);
    // It leaves the lock to followers for an interval, then takes it back.
    await until(() => only.isLeader(), killed, RETRY_MS * 4);
  });
});
