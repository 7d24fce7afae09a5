// Structured logs as an operator's collector reads them: JSON lines with this replica's id on every
// one, a request id per request that the response echoes, and credentials redacted wherever they
// would appear, through the real request path (the launcher's header preparation + route handlers).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reportDatabaseUp } from "@/server/database-status";
import { createDatabase, db, setDatabase } from "@/server/db";
import { configureLog, formatText, logger, withRequestId } from "@/server/log";
import { withTestDatabase } from "./support/database";
import { startHttpApi, type HttpApi } from "./support/http-api";
import { captureLogs, type CapturedLogs } from "./support/logs";
import { makeUser } from "./support/users";

withTestDatabase();

const REPLICA = randomUUID();
const SECRETS = { cookie: "cookie-secret-4242", bearer: "bearer-secret-4242", header: "header-secret-4242", password: "password-secret-4242", proxy: "proxy-secret-4242" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let api: HttpApi;
let logs: CapturedLogs;
let email: string;

beforeAll(async () => {
  api = await startHttpApi();
  email = (await makeUser("member")).email;
});
afterAll(() => api.close());
beforeEach(() => {
  logs = captureLogs("debug");
  configureLog({ replicaId: REPLICA });
});
afterEach(() => logs.restore());

/** The debug line the launcher writes when a request ends. */
const requestLine = (requestId: string) => logs.lines().find((l) => l.req_id === requestId && l.req);

describe("logs", () => {
  it("are JSON lines, each with the replica id; each request has an id, echoed in X-Request-Id and on its line", async () => {
    const res = await fetch(`${api.url}/api/v2/regions`, { headers: { "x-request-id": "forged-id" } });
    expect(res.status).toBe(401);
    const id = res.headers.get("x-request-id")!;
    expect(id, "the server's own id, never the caller's").toMatch(UUID);
    await expect.poll(() => requestLine(id)).toMatchObject({ level: "debug", route: "/api/v2/regions", status: 401, req: { method: "GET", path: "/api/v2/regions" } });
    const other = (await fetch(`${api.url}/api/v2/regions`)).headers.get("x-request-id");
    expect(other).not.toBe(id);
    for (const line of logs.lines()) expect(line).toMatchObject({ replica_id: REPLICA, time: expect.any(String), level: expect.any(String), msg: expect.any(String) });
  });

  it("never show cookies, tokens or passwords a request carried", async () => {
    const headers = { cookie: `meridian.session_token=${SECRETS.cookie}`, authorization: `Bearer ${SECRETS.bearer}`, "meridian-session-token": SECRETS.header, "meridian-proxy-token": SECRETS.proxy };
    const me = await fetch(`${api.url}/api/v2/users/me`, { headers });
    const login = await fetch(`${api.url}/api/v2/users/login`, { method: "POST", headers: { ...headers, "content-type": "application/json", origin: "http://localhost:3000" }, body: JSON.stringify({ email, password: SECRETS.password }) });
    expect([me.status, login.status]).toEqual([401, 401]);
    await expect.poll(() => requestLine(login.headers.get("x-request-id")!)).toBeDefined();
    const line = requestLine(me.headers.get("x-request-id")!) as { req: { headers: Record<string, string> } };
    expect(line.req.headers).toMatchObject({ cookie: "[Redacted]", authorization: "[Redacted]", "meridian-session-token": "[Redacted]", "meridian-proxy-token": "[Redacted]" });
    for (const secret of Object.values(SECRETS)) expect(logs.text()).not.toContain(secret);
  });

  it("redact secrets in anything logged, by field name", () => {
    logger().info({ user: { email: "a@example.com", password: SECRETS.password }, license: "eyJ.license.jwt", proxy_token: SECRETS.proxy, headers: { authorization: SECRETS.bearer } }, "something happened");
    const [line] = logs.lines();
    expect(line).toMatchObject({ user: { email: "a@example.com", password: "[Redacted]" }, license: "[Redacted]", proxy_token: "[Redacted]", headers: { authorization: "[Redacted]" } });
  });

  it("carry the request id on lines logged while serving the request", async () => {
    // An outage is logged from inside the route handler that met it.
    const working = db();
    setDatabase(createDatabase("postgresql://meridian@127.0.0.1:1/nowhere", 1));
    try {
      const res = await fetch(`${api.url}/api/v2/users/first`);
      expect(res.status).toBe(503);
      const outage = logs.lines().find((l) => String(l.msg).startsWith("the database is unreachable"));
      expect(outage).toMatchObject({ level: "error", req_id: res.headers.get("x-request-id"), replica_id: REPLICA });
    } finally {
      await db().pool.end();
      setDatabase(working);
      reportDatabaseUp();
    }
    await withRequestId("req-1", async () => {
      await new Promise((r) => setTimeout(r, 5));
      logger().warn("after an await");
    });
    expect(logs.lines().at(-1)).toMatchObject({ req_id: "req-1", msg: "after an await" });
  });

  it("keep to MERIDIAN_LOG_LEVEL", () => {
    configureLog({ level: "warn" });
    logger().info("routine");
    logger().debug("detail");
    logger().warn("worth a look");
    expect(logs.lines().map((l) => l.msg)).toEqual(["worth a look"]);
  });

  it("read as one short line per event on a terminal", () => {
    expect(formatText(JSON.stringify({ level: "info", time: "t", replica_id: REPLICA, msg: "console at http://127.0.0.1:3000 (replica x)" }))).toBe("meridian: console at http://127.0.0.1:3000 (replica x)\n");
    expect(formatText(JSON.stringify({ level: "warn", time: "t", replica_id: REPLICA, peer: "host-b", msg: "cannot reach peer host-b" }))).toBe("meridian: warning: cannot reach peer host-b peer=host-b\n");
  });
});
