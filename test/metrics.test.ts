// The Prometheus endpoint as a scraper sees it: the real metrics server, fed by the real loops (two
// replicas' heartbeats, the proxy health checker) and by API requests through the real request
// path, scraped over HTTP and parsed as the text format. Every family has HELP and TYPE, the
// expected families are there, and no label carries an unbounded value (an id, an e-mail, a path).
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS } from "@/server/auth/access";
import { ConfigError, parseConfig } from "@/server/env";
import { prisma } from "@/server/db";
import { startProxyHealthChecker, type ProxyHealthChecker } from "@/server/health/proxy-checker";
import { pathLabel } from "@/server/http/request-tracking";
import { startMetricsServer, type MetricsServer } from "@/server/metrics/server";
import { startReplicaHeartbeat, type ReplicaLoop } from "@/server/topology/replicas";
import { newProxySecret } from "@/server/topology/proxy-tokens";
import { withTestDatabase } from "./support/database";
import { startHttpApi, type HttpApi } from "./support/http-api";
import { installLicense } from "./support/licenses";
import { parsePrometheusText, type Family } from "./support/prometheus-text";
import { makeUser } from "./support/users";

const database = withTestDatabase();

/** A stand-in that answers as a proxy agent (/healthz-report) and as a replica's relay (/healthz). */
async function stub(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === "/healthz-report") return res.writeHead(200, { "content-type": "application/json" }).end('{"errors":[],"warnings":[]}');
    res.end("OK");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

const servers: Server[] = [];
const loops: ReplicaLoop[] = [];
let checker: ProxyHealthChecker;
let api: HttpApi;
let metricsServer: MetricsServer;
let token: string;
let proxyId: string;
const PROXY = `metrics-${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  const [agent, relayA, relayB] = [await stub(), await stub(), await stub()];
  servers.push(agent.server, relayA.server, relayB.server);
  await installLicense();
  const secret = newProxySecret();
  proxyId = (await prisma().workspaceProxy.create({ data: { name: PROXY, displayName: "Metrics", url: agent.url, tokenHashedSecret: secret.hashed, status: "unregistered", statusReason: "" } })).id;
  for (const [hostname, relay] of [["metrics-a", relayA.url], ["metrics-b", relayB.url]] as const) {
    loops.push(await startReplicaHeartbeat({ id: randomUUID(), hostname, region: "metrics", relayUrl: relay, version: "1.0.0" }, 300));
  }
  checker = startProxyHealthChecker({ databaseUrl: database.url(), intervalMs: 300, log: () => {} });
  api = await startHttpApi();
  token = await (await makeUser("owner")).token();
  metricsServer = await startMetricsServer("127.0.0.1:0");
});

afterAll(async () => {
  await metricsServer?.close();
  await api?.close();
  await checker?.stop();
  await Promise.all(loops.map((l) => l.stop()));
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function scrape(): Promise<Map<string, Family>> {
  const res = await fetch(metricsServer.url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parsePrometheusText(await res.text());
}

const get = (path: string) => fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** Route labels a request may carry: an API route's template, or one of the launcher's kinds of path. */
const ROUTE_LABELS = new Set([...Object.keys(ACCESS).map((k) => k.split(" ")[1]), "/healthz", "/latency-check", "/_next/*", "/api/*", "/icons/flags/[file]", "static file", "page"]);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe("the Prometheus endpoint", () => {
  it("serves every family with HELP and TYPE, named meridian_*, including each expected one", async () => {
    await expect.poll(async () => (await prisma().workspaceProxy.findUniqueOrThrow({ where: { id: proxyId } })).status, { timeout: 10_000 }).toBe("ok");
    await expect.poll(() => checker.isLeader()).toBe(true);
    for (const path of ["/api/v2/regions", `/api/v2/workspaceproxies/${proxyId}/history`, `/api/v2/workspaceproxies/${randomUUID()}/history`]) await get(path);
    // An open event stream, counted while it is open.
    const stream = new AbortController();
    const events = await fetch(`${api.url}/api/v2/events`, { headers: { authorization: `Bearer ${token}` }, signal: stream.signal });
    expect(events.status).toBe(200);

    const families = await scrape();
    stream.abort();
    for (const f of families.values()) {
      expect(f.name, "every metric is Meridian's").toMatch(/^meridian_/);
      expect(f.help, `${f.name} has HELP`).toBeTruthy();
      expect(["counter", "gauge", "histogram", "summary"], `${f.name} has TYPE`).toContain(f.type);
    }
    const samples = (name: string) => [...families.values()].flatMap((f) => f.samples).filter((s) => s.name === name);
    const value = (name: string, labels: Record<string, string> = {}) => samples(name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

    expect(value("meridian_http_request_duration_seconds_count", { route: "/api/v2/regions", method: "GET", status: "200" })).toBe(1);
    expect(value("meridian_http_request_duration_seconds_count", { route: "/api/v2/workspaceproxies/[id]/history", method: "GET", status: "200" })).toBe(1);
    expect(value("meridian_http_request_duration_seconds_count", { route: "/api/v2/workspaceproxies/[id]/history", method: "GET", status: "404" })).toBe(1);
    expect(value("meridian_replica_heartbeat_age_seconds")).toBeLessThan(15);
    expect(value("meridian_replica_database_latency_seconds")).toBeGreaterThan(0);
    expect(samples("meridian_replica_peer_latency_seconds").map((s) => s.labels.peer)).toEqual(expect.arrayContaining([expect.stringMatching(/^metrics-[ab]$/)]));
    expect(value("meridian_replica_peer_reachable")).toBe(1);
    expect(value("meridian_proxy_status", { proxy: PROXY, status: "ok" })).toBe(1);
    expect(value("meridian_proxy_status", { proxy: PROXY, status: "unreachable" })).toBe(0);
    expect(value("meridian_proxy_check_duration_seconds_count", { proxy: PROXY })).toBeGreaterThanOrEqual(1);
    expect(value("meridian_proxy_health_sweep_duration_seconds_count", { kind: "sweep" })).toBeGreaterThanOrEqual(1);
    expect(value("meridian_proxy_health_leader")).toBe(1);
    expect(value("meridian_license_expiry_seconds", { until: "grace_period" })).toBeGreaterThan(300 * 86_400);
    expect(value("meridian_license_expiry_seconds", { until: "end" })).toBeGreaterThan(value("meridian_license_expiry_seconds", { until: "grace_period" })!);
    expect(value("meridian_license_entitlement", { feature: "workspace_proxy", state: "entitled" })).toBe(1);
    expect(value("meridian_license_entitlement", { feature: "workspace_proxy", state: "not_entitled" })).toBe(0);
    expect(value("meridian_database_pool_connections", { state: "max" })).toBeGreaterThan(0);
    expect(value("meridian_database_pool_connections", { state: "idle" })).toBeGreaterThanOrEqual(0);
    expect(value("meridian_database_pool_waiting_requests")).toBe(0);
    expect(value("meridian_database_up")).toBe(1);
    expect(value("meridian_event_streams_open")).toBeGreaterThanOrEqual(1);
    expect(families.has("meridian_process_resident_memory_bytes")).toBe(true);
  });

  it("labels requests by route template or a fixed kind of path, never by what the caller sent", async () => {
    const email = "someone@example.com";
    for (let i = 0; i < 5; i++) await get(`/api/v2/workspaceproxies/${randomUUID()}/history?email=${email}`);
    await get(`/no/such/page/${randomUUID()}?email=${email}`);
    await fetch(`${api.url}/api/v2/users/me`, { method: "BREW" }).catch(() => {});

    const families = await scrape();
    for (const f of families.values()) {
      for (const s of f.samples) {
        for (const [label, v] of Object.entries(s.labels)) {
          expect(v, `${s.name}{${label}} holds no id`).not.toMatch(UUID);
          expect(v, `${s.name}{${label}} holds no address`).not.toContain("@");
          expect(v, `${s.name}{${label}} holds no query`).not.toContain("?");
          if (label === "route") expect(ROUTE_LABELS, `${s.name}{route="${v}"}`).toContain(v);
          if (label === "method") expect(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"]).toContain(v);
        }
      }
    }
    // Seven requests for seven ids (one per status they got), counted under the template.
    const byId = families.get("meridian_http_request_duration_seconds")!.samples.filter((s) => s.name.endsWith("_count") && s.labels.route === "/api/v2/workspaceproxies/[id]/history");
    expect(byId.length).toBeLessThanOrEqual(3);
    expect(byId.reduce((sum, s) => sum + s.value, 0)).toBe(7);
  });

  it("labels what no route handler answers by a bounded kind of path", () => {
    expect(pathLabel("/proxies")).toBe("page");
    expect(pathLabel(`/replicas/${randomUUID()}/history`)).toBe("page");
    expect(pathLabel("/_next/static/chunks/abc123.js")).toBe("/_next/*");
    expect(pathLabel("/api/v2/nonexistent/thing")).toBe("/api/*");
    expect(pathLabel("/icons/flags/de.svg")).toBe("/icons/flags/[file]");
    expect(pathLabel("/favicon.ico")).toBe("static file");
    expect(pathLabel("/healthz")).toBe("/healthz");
  });

  it("answers only GET /metrics", async () => {
    expect((await fetch(metricsServer.url.replace("/metrics", "/"))).status).toBe(404);
    expect((await fetch(metricsServer.url, { method: "POST" })).status).toBe(405);
  });
});

describe("MERIDIAN_PROMETHEUS_ADDRESS", () => {
  it("is off unless set, and takes host:port", () => {
    expect(parseConfig({}).MERIDIAN_PROMETHEUS_ADDRESS).toBeUndefined();
    expect(parseConfig({ MERIDIAN_PROMETHEUS_ADDRESS: "0.0.0.0:2112" }).MERIDIAN_PROMETHEUS_ADDRESS).toBe("0.0.0.0:2112");
    expect(parseConfig({ MERIDIAN_PROMETHEUS_ADDRESS: "[::1]:2112" }).MERIDIAN_PROMETHEUS_ADDRESS).toBe("[::1]:2112");
    expect(parseConfig({}, ["--prometheus-address", "127.0.0.1:9100"]).MERIDIAN_PROMETHEUS_ADDRESS).toBe("127.0.0.1:9100");
  });

  it("names itself when it is wrong", () => {
    for (const bad of ["2112", "http://127.0.0.1:2112", "127.0.0.1:99999", "host:port"]) {
      expect(() => parseConfig({ MERIDIAN_PROMETHEUS_ADDRESS: bad })).toThrow(ConfigError);
      expect(() => parseConfig({ MERIDIAN_PROMETHEUS_ADDRESS: bad })).toThrow(/^MERIDIAN_PROMETHEUS_ADDRESS/);
    }
  });
});
