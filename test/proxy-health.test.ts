// The proxy health checker against real Postgres and real HTTP servers standing in for proxy
// agents: what each kind of answer turns into (and that nothing the server at a proxy's URL says
// reaches a reason), what is written and published on a change, the immediate check and its
// pacing, and leader election with hand-over when the leader's connection dies. Loopback is
// allowed here (NODE_ENV=test); test/ssrf.test.ts runs as production.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PROXY_TOKEN_HEADER } from "@/lib/api/proxies";
import { prisma } from "@/server/db";
import { PROXY_HEALTH_LOCK, requestProxyCheck, startProxyHealthChecker, type ProxyHealthChecker } from "@/server/health/proxy-checker";
import { reasons } from "@/server/health/reasons";
import { sweepProxies } from "@/server/health/sweep";
import { freePort } from "@/server/postgres/embedded";
import { newProxySecret } from "@/server/topology/proxy-tokens";
import { call } from "./support/api";
import { withTestDatabase } from "./support/database";

const database = withTestDatabase();

type Behaviour = "ok" | "warn" | "500" | "bad-json" | "bad-shape" | "errors" | "redirect" | "chatty-502" | "chatty-html" | "huge" | "hang";
const TIMEOUT_MS = 400;

/** One real HTTP server standing for many proxy agents: `/a/<key>/healthz-report` answers as behaviours[key] says. */
const behaviours = new Map<string, Behaviour>();
/** When each key's /healthz-report was called. */
const calls = new Map<string, number[]>();
/** What a service behind a proxy's URL might say; none of it may reach a reason. */
const SECRET = "db-7.internal:5432 password=hunter2";
let server: Server;
let base: string;

function answer(req: IncomingMessage, res: ServerResponse) {
  const [, key, rest] = req.url?.match(/^\/a\/([^/]+)\/(.*)$/) ?? [];
  const behaviour = rest === "healthz-report" ? behaviours.get(key) : undefined;
  if (behaviour) calls.set(key, [...(calls.get(key) ?? []), Date.now()]);
  const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  switch (behaviour) {
    case "ok":
      return json(200, { errors: [], warnings: [] });
    case "warn":
      return json(200, { errors: [], warnings: ["version mismatch"] });
    case "500":
      return json(500, { message: "boom" });
    case "bad-json":
      return res.writeHead(200, { "content-type": "text/html" }).end("<html>not a report</html>");
    case "bad-shape":
      return json(200, { errors: "none" });
    case "errors":
      return json(200, { errors: ["cannot reach the primary"], warnings: [] });
    case "redirect":
      return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    case "chatty-502":
      return res.writeHead(502, `Bad Gateway: ${SECRET}`, { "content-type": "text/plain", "x-upstream": SECRET }).end(`upstream said: ${SECRET}`);
    case "chatty-html":
      return res.writeHead(200, { "content-type": "text/html" }).end(`<html><body>Welcome to ${SECRET}</body></html>`);
    case "huge":
      return res.writeHead(200, { "content-type": "application/json" }).end(`{"errors":["${SECRET}${"x".repeat(70_000)}"],"warnings":[]}`);
    case "hang":
      return; // holds the socket open, never answers
    default:
      return json(404, { message: "not found" });
  }
}

/** A proxy row; `behaviour` gives it a URL on the stub server, `url` overrides it. */
async function makeProxy(options: { behaviour?: Behaviour; url?: string; status?: "ok" | "unregistered"; reason?: string; deleted?: boolean } = {}) {
  const key = randomBytes(4).toString("hex");
  if (options.behaviour) behaviours.set(key, options.behaviour);
  const secret = newProxySecret();
  const row = await prisma().workspaceProxy.create({
    data: {
      name: `p-${key}`,
      displayName: `Proxy ${key}`,
      url: options.url ?? (options.behaviour ? `${base}/a/${key}` : ""),
      tokenHashedSecret: secret.hashed,
      status: options.status ?? "unregistered",
      statusReason: options.reason ?? "",
      deletedAt: options.deleted ? new Date() : null,
    },
  });
  return { id: row.id, key, url: row.url, token: secret.token(row.id), behave: (b: Behaviour) => behaviours.set(key, b) };
}

const row = (id: string) => prisma().workspaceProxy.findUniqueOrThrow({ where: { id } });
const events = (id: string) => prisma().proxyStatusEvent.findMany({ where: { proxyId: id }, orderBy: { id: "asc" } });
const sweep = () => sweepProxies({ timeoutMs: TIMEOUT_MS, concurrency: 4 });

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("a sweep", () => {
  it("calls a proxy that answers a clean report ok, keeping its warnings", async () => {
    const clean = await makeProxy({ behaviour: "ok" });
    const warned = await makeProxy({ behaviour: "warn" });
    await sweep();
    expect(await row(clean.id)).toMatchObject({ status: "ok", statusReason: "", statusReport: { errors: [], warnings: [] }, statusCheckedAt: expect.any(Date) });
    expect(await row(warned.id)).toMatchObject({
      status: "ok",
      statusReason: "Healthy, with a warning: version mismatch.",
      statusReport: { errors: [], warnings: ["version mismatch"] },
    });
  });

  it("calls a 500, bad JSON, a wrong shape and reported errors unhealthy, saying which", async () => {
    const failing = await makeProxy({ behaviour: "500" });
    const html = await makeProxy({ behaviour: "bad-json" });
    const shape = await makeProxy({ behaviour: "bad-shape" });
    const erring = await makeProxy({ behaviour: "errors" });
    await sweep();
    expect(await row(failing.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.httpStatus(`${failing.url}/healthz-report`, 500) });
    expect(await row(html.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.badJson(`${html.url}/healthz-report`) });
    expect(await row(shape.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.badShape(`${shape.url}/healthz-report`) });
    expect(await row(erring.id)).toMatchObject({
      status: "unhealthy",
      statusReason: "The proxy reported an error: cannot reach the primary.",
      statusReport: { errors: ["cannot reach the primary"], warnings: [] },
    });
  });

  it("does not follow a redirect: the proxy is unhealthy, and the reason does not say where it pointed", async () => {
    const redirecting = await makeProxy({ behaviour: "redirect" });
    await sweep();
    expect(await row(redirecting.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.httpStatus(`${redirecting.url}/healthz-report`, 302) });
    expect((await row(redirecting.id)).statusReason).not.toMatch(/169\.254|meta-data/);
  });

  it("keeps what the server at a proxy's URL says out of the reason: no status text, headers, body or page", async () => {
    const gateway = await makeProxy({ behaviour: "chatty-502" });
    const page = await makeProxy({ behaviour: "chatty-html" });
    const huge = await makeProxy({ behaviour: "huge" });
    await sweep();
    expect(await row(gateway.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.httpStatus(`${gateway.url}/healthz-report`, 502), statusReport: null });
    expect(await row(page.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.badJson(`${page.url}/healthz-report`), statusReport: null });
    expect(await row(huge.id)).toMatchObject({ status: "unhealthy", statusReason: expect.stringMatching(/is larger than 64 KiB/), statusReport: null });
    const stored = [];
    for (const { id } of [gateway, page, huge]) {
      const { statusReason, statusReport } = await row(id);
      stored.push(statusReason, statusReport, ...(await events(id)).map((e) => e.reason));
    }
    expect(JSON.stringify(stored)).not.toMatch(/hunter2|db-7|upstream|Welcome|Bad Gateway/);
  });

  it("calls a closed port and a proxy that never answers unreachable", async () => {
    const port = await freePort();
    const closed = await makeProxy({ url: `http://127.0.0.1:${port}/` });
    const silent = await makeProxy({ behaviour: "hang" });
    await sweep();
    expect(await row(closed.id)).toMatchObject({ status: "unreachable", statusReason: reasons.refused(`127.0.0.1:${port}`), statusReport: null });
    expect(await row(silent.id)).toMatchObject({ status: "unreachable", statusReason: reasons.timedOut(`${silent.url}/healthz-report`, TIMEOUT_MS) });
  });

  it("says why a proxy without a URL is unregistered, and leaves a row that already says so alone", async () => {
    const fresh = await makeProxy();
    const gone = await makeProxy({ url: "", status: "ok" }); // was healthy, then deregistered
    const demo = await makeProxy({ reason: "Demo proxy: no agent has registered for it." });
    await sweep();
    expect(await row(fresh.id)).toMatchObject({ status: "unregistered", statusReason: reasons.neverRegistered() });
    expect(await row(gone.id)).toMatchObject({ status: "unregistered", statusReason: reasons.deregistered() });
    expect(await row(demo.id)).toMatchObject({ status: "unregistered", statusReason: "Demo proxy: no agent has registered for it.", statusCheckedAt: null });
    expect(await events(fresh.id)).toEqual([]);
    expect((await events(gone.id)).map((e) => [e.fromStatus, e.toStatus])).toEqual([["ok", "unregistered"]]);
  });

  it("skips deleted proxies", async () => {
    const deleted = await makeProxy({ behaviour: "500", deleted: true });
    await sweep();
    expect(await row(deleted.id)).toMatchObject({ status: "unregistered", statusCheckedAt: null });
  });

  it("records an event only when the status changes, and publishes it", async () => {
    const listener = new pg.Client({ connectionString: database.url() });
    await listener.connect();
    const published: unknown[] = [];
    listener.on("notification", (n) => published.push(JSON.parse(n.payload!)));
    await listener.query("LISTEN meridian_events");
    try {
      const proxy = await makeProxy({ behaviour: "ok" });
      await sweep();
      const firstCheck = (await row(proxy.id)).statusCheckedAt!;
      await sweep();
      expect((await row(proxy.id)).statusCheckedAt!.getTime()).toBeGreaterThan(firstCheck.getTime());
      proxy.behave("500");
      await sweep();
      await sweep();

      expect((await events(proxy.id)).map((e) => ({ from: e.fromStatus, to: e.toStatus, reason: e.reason, latency: e.latencyMs }))).toEqual([
        { from: "unregistered", to: "ok", reason: "", latency: expect.any(Number) },
        { from: "ok", to: "unhealthy", reason: expect.stringContaining("The proxy answered HTTP 500"), latency: expect.any(Number) },
      ]);
      await expect
        .poll(() => published.filter((p) => (p as { id: string }).id === proxy.id), { timeout: 5_000 })
        .toEqual([
          { seq: expect.any(Number), type: "proxy_status", id: proxy.id },
          { seq: expect.any(Number), type: "proxy_status", id: proxy.id },
        ]);
      // Every batch also says that checks were written (last-check times moved, samples added).
      expect(published).toContainEqual({ seq: expect.any(Number), type: "proxy_checks", id: null });
    } finally {
      await listener.end();
    }
  });
});

describe("the checker", () => {
  const checkers: ProxyHealthChecker[] = [];
  const start = (intervalMs: number, onDemandSpacingMs?: number) => {
    const checker = startProxyHealthChecker({ databaseUrl: database.url(), intervalMs, timeoutMs: TIMEOUT_MS, onDemandSpacingMs, log: () => {} });
    checkers.push(checker);
    return checker;
  };
  const leaders = () => checkers.filter((c) => c.isLeader());

  afterEach(async () => {
    await Promise.all(checkers.splice(0).map((c) => c.stop()));
  });

  /** Backends of this database holding the checker's advisory lock. */
  async function lockHolders(): Promise<number[]> {
    const rows = await prisma().$queryRaw<{ pid: number }[]>`
      SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
       WHERE l.locktype = 'advisory' AND l.objid = ${PROXY_HEALTH_LOCK}::oid AND l.granted AND d.datname = current_database()`;
    return rows.map((r) => r.pid);
  }

  it("checks a proxy at once when an API write asks for it", async () => {
    const proxy = await makeProxy({ behaviour: "ok" });
    const checker = start(10 * 60_000); // no second sweep during the test: only the request can explain a check
    await expect.poll(async () => (await row(proxy.id)).status, { timeout: 10_000 }).toBe("ok");
    expect(checker.isLeader()).toBe(true);

    proxy.behave("errors");
    await requestProxyCheck(proxy.id);
    await expect.poll(async () => (await row(proxy.id)).status, { timeout: 10_000 }).toBe("unhealthy");
    expect((await row(proxy.id)).statusReason).toBe("The proxy reported an error: cannot reach the primary.");
  });

  it("calls a proxy at most once per spacing however often its agent re-registers; the requests in between become one check", async () => {
    const SPACING_MS = 2_000;
    const proxy = await makeProxy({ behaviour: "ok" });
    const calledAt = () => calls.get(proxy.key) ?? [];
    const replicaId = randomUUID();
    // Alternating between two spellings of its URL makes every registration a change that asks for a check.
    const register = (i: number) =>
      call("POST /api/v2/workspaceproxies/me/register", {
        headers: { [PROXY_TOKEN_HEADER]: proxy.token },
        body: { access_url: i % 2 ? proxy.url : `${proxy.url}/`, version: "9.9.9", replica_id: replicaId, hostname: "loop" },
      });
    expect((await register(1)).status).toBe(200); // before the checker runs: loads the route, asks no one
    start(10 * 60_000, SPACING_MS); // no second sweep during the test: only the registrations can explain a call
    await expect.poll(() => calledAt().length, { timeout: 10_000 }).toBe(1); // the first sweep

    const burstStarted = Date.now();
    for (let i = 0; i < 8; i++) expect((await register(i)).status).toBe(200);
    const burstMs = Date.now() - burstStarted;

    await expect.poll(() => calledAt().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3); // one at once, one for the rest later
    // Proving that no further call comes needs a wait: one more spacing.
    await new Promise((resolve) => setTimeout(resolve, SPACING_MS + 500));
    const onDemand = calledAt().slice(1);
    for (let i = 1; i < onDemand.length; i++) expect(onDemand[i] - onDemand[i - 1]).toBeGreaterThanOrEqual(SPACING_MS - 50);
    expect(onDemand.length).toBeLessThanOrEqual(1 + Math.ceil(burstMs / SPACING_MS)); // 2 when the burst fits in one spacing
  });

  it("prunes status history older than the retention period (14 days unless configured)", async () => {
    const proxy = await makeProxy({ behaviour: "ok" });
    const day = 24 * 3600_000;
    await prisma().proxyStatusEvent.createMany({
      data: [
        { proxyId: proxy.id, fromStatus: "ok", toStatus: "unreachable", reason: "old", at: new Date(Date.now() - 15 * day) },
        { proxyId: proxy.id, fromStatus: "unreachable", toStatus: "ok", reason: "recent", at: new Date(Date.now() - 13 * day) },
      ],
    });
    start(10 * 60_000);
    await expect.poll(async () => (await events(proxy.id)).map((e) => e.reason), { timeout: 10_000 }).toEqual(["recent", ""]);
  });

  it("runs on exactly one of two replicas", async () => {
    start(200);
    start(200);
    await expect.poll(() => leaders().length, { timeout: 10_000 }).toBe(1);
    // Followers retry every interval; several retries later there is still one leader.
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(leaders().length).toBe(1);
      expect(await lockHolders()).toHaveLength(1);
    }
  });

  it("hands over when the leader's database connection dies, and the new leader keeps checking", async () => {
    const proxy = await makeProxy({ behaviour: "ok" });
    start(300);
    start(300);
    await expect.poll(() => leaders().length, { timeout: 10_000 }).toBe(1);
    const [oldLeader] = leaders();
    const [pid] = await lockHolders();

    await prisma().$executeRaw`SELECT pg_terminate_backend(${pid}::int, 5000)`;
    await expect.poll(() => checkers.map((c) => c.isLeader()), { timeout: 10_000 }).toEqual(checkers.map((c) => c !== oldLeader));
    expect(await lockHolders()).not.toContain(pid);

    proxy.behave("500");
    await expect.poll(async () => (await row(proxy.id)).status, { timeout: 10_000 }).toBe("unhealthy");
    // The old leader is back, as a follower, on a new connection.
    await expect
      .poll(async () => Number((await prisma().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'meridian-proxy-health' AND datname = current_database()`)[0].n), { timeout: 10_000 })
      .toBe(2);
    expect(oldLeader.isLeader()).toBe(false);
  });
});
