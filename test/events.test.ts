// Live events: NOTIFY fan-out to every replica's listener, the per-replica caches they keep fresh,
// and the SSE stream browsers read (filtering, resume after a gap, closing on revocation).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeUserSessions } from "@/server/auth/identity";
import { db, prisma } from "@/server/db";
import { bus, EventBus, type ReceivedEvent } from "@/server/events/bus";
import { startEventListener, type EventListener } from "@/server/events/listener";
import { cachedUntilEvent, EventCache } from "@/server/events/live-cache";
import { publish } from "@/server/events/publish";
import { listWorkspaceProxies } from "@/server/topology/proxies";
import { call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { makeUser } from "./support/users";

const database = withTestDatabase();
let listener: EventListener;

beforeAll(async () => {
  listener = await startEventListener({ databaseUrl: database.url() });
  expect(bus().connected).toBe(true);
});
afterAll(() => listener.stop());

/** Resolves with the events `target` receives until `count` have arrived. */
function collect(target: EventBus, count: number): Promise<ReceivedEvent[]> {
  const seen: ReceivedEvent[] = [];
  return new Promise((resolve) => {
    const off = target.subscribe((e) => {
      seen.push(e);
      if (seen.length === count) {
        off();
        resolve(seen);
      }
    });
  });
}

describe("fan-out", () => {
  it("delivers every event to every replica's listener, with the same global ids, in commit order", async () => {
    const replicas = [new EventBus(), new EventBus()];
    const listeners = await Promise.all(replicas.map((target) => startEventListener({ databaseUrl: database.url(), target })));
    try {
      const received = replicas.map((r) => collect(r, 3));
      await publish([{ type: "proxy", id: "a" }, { type: "license" }]);
      await publish({ type: "replica", id: "b" });
      const [first, second] = await Promise.all(received);
      expect(first.map((e) => [e.type, e.id])).toEqual([["proxy", "a"], ["license", undefined], ["replica", "b"]]);
      expect(second).toEqual(first);
      expect(new Set(first.map((e) => e.seq)).size).toBe(3);
    } finally {
      await Promise.all(listeners.map((l) => l.stop()));
    }
  });

  it("publishes inside a transaction only if it commits", async () => {
    const received = collect(bus(), 1);
    const client = await db().pool.connect();
    try {
      await client.query("BEGIN");
      await publish({ type: "proxy", id: "rolled-back" }, client);
      await client.query("ROLLBACK");
      await client.query("BEGIN");
      await publish({ type: "proxy", id: "committed" }, client);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    expect((await received)[0].id).toBe("committed");
  });
});

describe("caches kept by events", () => {
  it("serves a read from memory until an event says it changed, then reads again", async () => {
    let loads = 0;
    const read = () => cachedUntilEvent("test-read", ["license"], async () => ++loads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    // Another replica's write: this process hears of it only through the NOTIFY.
    const heard = collect(bus(), 1);
    const other = await import("pg").then(({ default: pg }) => new pg.Client({ connectionString: database.url() }));
    await other.connect();
    await other.query(`SELECT pg_notify('meridian_events', json_build_object('seq', nextval('meridian_event_seq'), 'type', 'license')::text)`);
    await other.end();
    await heard;
    expect(await read()).toBe(2);
  });

  it("a proxy written elsewhere is in the next list read after its event, not before", async () => {
    expect((await listWorkspaceProxies()).some((p) => p.name === "cached-away")).toBe(false);
    const row = await prisma().workspaceProxy.create({ data: { name: "cached-away", displayName: "Cached", tokenHashedSecret: Buffer.alloc(32) } });
    // Written behind the cache's back (no event): the cached list is still served.
    expect((await listWorkspaceProxies()).some((p) => p.name === "cached-away")).toBe(false);
    const heard = collect(bus(), 1);
    await publish({ type: "proxy", id: row.id });
    await heard;
    expect((await listWorkspaceProxies()).some((p) => p.name === "cached-away")).toBe(true);
  });

  it("a token or a session revoked on another replica is refused as soon as its event arrives, though who it was is cached", async () => {
    const member = await makeUser("member");
    const key = await member.token();
    const cookie = await member.signIn();
    const asToken = { authorization: `Bearer ${key}` };
    const me = (headers: Record<string, string>) => call("GET /api/v2/users/me", { headers }).then((r) => r.status);
    expect([await me(asToken), await me({ cookie })]).toEqual([200, 200]);
    // Another replica revokes both; until its NOTIFY arrives, this replica answers from memory
    // (no query per request), as it would in the moment between that commit and the event.
    await asAnotherReplica(`UPDATE api_tokens SET revoked_at = now() WHERE user_id = '${member.id}'; DELETE FROM sessions WHERE user_id = '${member.id}'`);
    expect([await me(asToken), await me({ cookie })]).toEqual([200, 200]);
    await asAnotherReplica(null, { type: "session_revoked", id: member.id });
    expect([await me(asToken), await me({ cookie })]).toEqual([401, 401]);
  });

  it("a suspension or a role change on another replica applies to cached credentials at its event", async () => {
    const member = await makeUser("member");
    const key = await member.token();
    const users = (auth: string) => call("GET /api/v2/users", { headers: { authorization: `Bearer ${auth}` } }).then((r) => r.status);
    expect(await users(key)).toBe(403);
    await asAnotherReplica(`UPDATE users SET role = 'admin' WHERE id = '${member.id}'`, { type: "user", id: member.id });
    expect(await users(key)).toBe(200);
    await asAnotherReplica(`UPDATE users SET suspended_at = now() WHERE id = '${member.id}'`, { type: "user", id: member.id });
    expect(await users(key)).toBe(401);
  });

  it("another user's sign-out or token revoke leaves a cached credential alone; an event naming its own user does not", async () => {
    const [member, other] = [await makeUser("member"), await makeUser("member")];
    const key = await member.token();
    const cookie = await member.signIn();
    const status = (headers: Record<string, string>) => call("GET /api/v2/users", { headers }).then((r) => r.status);
    const both = async () => [await status({ authorization: `Bearer ${key}` }), await status({ cookie })];
    expect(await both()).toEqual([403, 403]);
    // Promoted behind the cache's back: what is cached says "member" until an event names this user.
    await asAnotherReplica(`UPDATE users SET role = 'admin' WHERE id = '${member.id}'`);
    await asAnotherReplica(null, { type: "session_revoked", id: other.id });
    await asAnotherReplica(null, { type: "user", id: other.id });
    expect(await both()).toEqual([403, 403]);
    await asAnotherReplica(null, { type: "session_revoked", id: member.id });
    expect(await both()).toEqual([200, 200]);
  });

  it("a scoped entry loaded while an event names its resource is read again; while another's is, it is kept", async () => {
    const cache = new EventCache("scoped-test");
    let loads = 0;
    let release = () => {};
    const read = (key: string, owner: string, hold = false) =>
      cache.getScoped(key, ["user"], async () => {
        const n = ++loads;
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        return { owner, n };
      }, () => true, (v) => v.owner);
    const ids = [randomUUID(), randomUUID()];
    const pending = read("k1", ids[0], true);
    await asAnotherReplica(null, { type: "user", id: ids[0] }); // the load may have read the row before this
    release();
    expect((await pending).n).toBe(1);
    expect((await read("k1", ids[0])).n).toBe(2);
    expect((await read("k1", ids[0])).n).toBe(2);
    const second = read("k2", ids[1], true);
    await asAnotherReplica(null, { type: "user", id: ids[0] });
    release();
    expect((await second).n).toBe(3);
    expect((await read("k2", ids[1])).n).toBe(3);
    // An event that names no resource concerns every one.
    bus().touch(["user"]);
    expect((await read("k1", ids[0])).n).toBe(4);
    expect((await read("k2", ids[1])).n).toBe(5);
  });

  it("GET /api/v2/regions answers from memory until a region changes, then with the change", async () => {
    const member = await makeUser("member");
    const headers = { authorization: `Bearer ${await member.token()}` };
    const names = async () => ((await (await call("GET /api/v2/regions", { headers })).json()) as { regions: { name: string }[] }).regions.map((r) => r.name);
    const before = await names();
    expect(await names()).toEqual(before);
    const row = await prisma().workspaceProxy.create({ data: { name: "answered-anew", displayName: "Anew", tokenHashedSecret: Buffer.alloc(32) } });
    expect(await names()).toEqual(before); // no event yet: the same (encoded) answer
    await asAnotherReplica(null, { type: "proxy", id: row.id });
    const after = await names();
    expect(after).toContain("answered-anew");
    expect(after).toHaveLength(before.length + 1);
  });

  it("reads the database on every call while the event connection is down", async () => {
    let loads = 0;
    const read = () => cachedUntilEvent("test-down", ["license"], async () => ++loads);
    await read();
    bus().disconnect();
    try {
      expect(await read()).toBe(2);
      expect(await read()).toBe(3);
    } finally {
      bus().connect();
    }
  });
});

/** Writes as another replica would: its own connection, and its NOTIFY heard here before this resolves. */
async function asAnotherReplica(sql: string | null, event?: { type: string; id: string }) {
  const heard = event ? collect(bus(), 1) : undefined;
  const { default: pg } = await import("pg");
  const other = new pg.Client({ connectionString: database.url() });
  await other.connect();
  try {
    if (sql) await other.query(sql);
    if (event) await other.query(`SELECT pg_notify('meridian_events', json_build_object('seq', nextval('meridian_event_seq'), 'type', $1::text, 'id', $2::text)::text)`, [event.type, event.id]);
  } finally {
    await other.end();
  }
  await heard;
}

/** Reads an SSE response as it arrives: `next()` resolves with the next frame (comments skipped). */
function frames(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<{ id?: string; event?: string; data?: string } | null> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields.data !== undefined || fields.event !== undefined || fields.id !== undefined) return fields;
          continue; // retry: or a comment
        }
        const chunk = await reader.read();
        if (chunk.done) return null;
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

async function openStream(headers: Record<string, string>) {
  const res = await call("GET /api/v2/events", { headers });
  return { res, stream: frames(res) };
}

describe("GET /api/v2/events", () => {
  it("streams to a signed-in user what they may see: members hear of regions, not of replicas", async () => {
    const member = await makeUser("member");
    const admin = await makeUser("admin");
    const [m, a] = await Promise.all([openStream({ cookie: await member.signIn() }), openStream({ cookie: await admin.signIn() })]);
    try {
      expect(m.res.status).toBe(200);
      expect(m.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(await m.stream.next()).toMatchObject({ event: "ready" });
      expect(await a.stream.next()).toMatchObject({ event: "ready" });
      await publish([{ type: "replica", id: "r1" }, { type: "user_region", id: admin.id }, { type: "proxy_status", id: "p1" }]);
      const memberSaw = await m.stream.next();
      expect(JSON.parse(memberSaw!.data!)).toEqual({ type: "proxy_status", id: "p1" });
      expect(memberSaw!.id).toMatch(/^\d+$/);
      const adminSaw = [await a.stream.next(), await a.stream.next(), await a.stream.next()].map((f) => JSON.parse(f!.data!).type);
      expect(adminSaw).toEqual(["replica", "user_region", "proxy_status"]);
    } finally {
      await Promise.all([m.stream.cancel(), a.stream.cancel()]);
    }
  });

  it("refuses anyone not signed in with 401 in the error shape", async () => {
    const res = await call("GET /api/v2/events");
    expect(res.status).toBe(401);
    expect(await res.json()).toHaveProperty("message");
  });

  it("resumes after Last-Event-ID with what was missed, or says to refetch everything after a gap it cannot fill", async () => {
    const admin = await makeUser("admin");
    const cookie = await admin.signIn();
    const first = await openStream({ cookie });
    await first.stream.next(); // ready
    await publish({ type: "license", id: "1" });
    const seen = await first.stream.next();
    await first.stream.cancel();
    // While disconnected:
    const heard = collect(bus(), 2);
    await publish([{ type: "license", id: "2" }, { type: "proxy", id: "3" }]);
    await heard;

    const resumed = await openStream({ cookie, "last-event-id": seen!.id! });
    try {
      expect([await resumed.stream.next(), await resumed.stream.next()].map((f) => JSON.parse(f!.data!).id)).toEqual(["2", "3"]);
      expect(await resumed.stream.next()).toEqual({ event: "ready", data: JSON.stringify({ resumed: true }) });
    } finally {
      await resumed.stream.cancel();
    }

    const gap = await openStream({ cookie, "last-event-id": "1" }); // long gone (or never received here)
    try {
      expect(JSON.parse((await gap.stream.next())!.data!)).toEqual({ type: "resync" });
    } finally {
      await gap.stream.cancel();
    }
  });

  it("resumes a page's first stream from the position taken before its render, even before any event had arrived", async () => {
    const admin = await makeUser("admin");
    const cookie = await admin.signIn();
    bus().disconnect();
    bus().connect(); // a fresh connection: nothing received yet
    const rendered = bus().position()!;
    expect(rendered).toMatch(/^e/);
    // Published after the render read its data, before the browser opened its stream.
    const heard = collect(bus(), 1);
    await publish({ type: "proxy", id: "registered-meanwhile" });
    await heard;
    const s = await openStream({ cookie, "last-event-id": rendered });
    try {
      expect(JSON.parse((await s.stream.next())!.data!)).toEqual({ type: "proxy", id: "registered-meanwhile" });
      expect(await s.stream.next()).toEqual({ event: "ready", data: JSON.stringify({ resumed: true }) });
    } finally {
      await s.stream.cancel();
    }
    // Another connection's marker (another replica, or before a reconnect) cannot be trusted.
    const stale = await openStream({ cookie, "last-event-id": "e-not-this-one" });
    try {
      expect(JSON.parse((await stale.stream.next())!.data!)).toEqual({ type: "resync" });
    } finally {
      await stale.stream.cancel();
    }
  });

  it("ends open streams when this replica's event connection drops, and tells a stream opened meanwhile to refetch everything once it is back", async () => {
    const admin = await makeUser("admin");
    const cookie = await admin.signIn();
    const before = await openStream({ cookie });
    await before.stream.next(); // ready
    const lost = new Promise<void>((resolve) => {
      const off = bus().subscribe(() => {}, () => (off(), resolve()));
    });
    // The real LISTEN connection, ended from the database's side (as a failover or a restart would).
    await prisma().$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'meridian events'`;
    await lost;
    expect(await before.stream.next()).toBeNull();

    bus().disconnect(); // hold it down (the listener may already be back) to open a stream in between
    const during = await openStream({ cookie });
    try {
      expect(await during.stream.next()).toMatchObject({ event: "ready" });
      bus().connect();
      expect(JSON.parse((await during.stream.next())!.data!)).toEqual({ type: "resync" });
    } finally {
      await during.stream.cancel();
    }
  });

  it("ends the stream of a session that is revoked", async () => {
    const member = await makeUser("member");
    const s = await openStream({ cookie: await member.signIn() });
    await s.stream.next(); // ready
    await revokeUserSessions(member.id);
    expect(await s.stream.next()).toBeNull();
  });

  it("ends the stream when the user logs out", async () => {
    const member = await makeUser("member");
    const cookie = await member.signIn();
    const s = await openStream({ cookie });
    await s.stream.next(); // ready
    const out = await call("POST /api/v2/users/logout", { headers: { cookie, origin: "http://localhost:3000", "sec-fetch-site": "same-origin" } });
    expect(out.status).toBe(204);
    expect(await s.stream.next()).toBeNull();
  });
});
