// The baseline the bench compares Meridian with: bare node:http + a pg pool answering
// /api/v2/regions and /api/v2/replicas with the same JSON. To keep the comparison about the
// framework and ORM rather than query strategy, it sends the very statements Prisma sends for
// server/topology/*.ts (same columns, same round trips, captured from Prisma's query log) and
// shapes rows the same way. Run as its own process: `node --import tsx bench/baseline.ts`.
import { createServer, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { replicaStatus } from "../lib/api/replicas";

const PRIMARY_REGION_ID = "00000000-0000-4000-8000-000000000000";
const LISTED_FOR_MS = 24 * 3600_000;
/** As server/topology/replicas.ts: stopped replicas fold away after this. */
const STOPPED_LISTED_FOR_MS = 5 * 60_000;

interface ProxyRow {
  id: string;
  name: string;
  display_name: string;
  icon: string;
  url: string;
  wildcard_hostname: string;
  status: string;
}

interface ReplicaRow {
  id: string;
  hostname: string;
  region: string;
  relay_address: string;
  database_latency_us: number;
  version: string;
  error: string;
  primary: boolean;
  started_at: Date;
  updated_at: Date;
  stopped_at: Date | null;
}

interface PeerJson {
  target_replica_id: string;
  hostname: string;
  latency_ms: number | null;
  error: string | null;
  measured_at: string;
}

// The same statements Meridian's services run: only a region's columns, and one joined query for replicas.
const PROXIES_SQL = `SELECT id, name, display_name, icon, url, wildcard_hostname, status::text
  FROM workspace_proxies WHERE deleted_at IS NULL ORDER BY name ASC`;
const REPLICAS_SQL = `SELECT r.id, r.hostname, r.region, r.relay_address, r.database_latency_us, r.version, r.error, r."primary",
  r.started_at, r.updated_at, r.stopped_at,
  COALESCE((SELECT json_agg(json_build_object('target_replica_id', p.target_replica_id, 'hostname', t.hostname, 'latency_ms', p.latency_ms,
      'error', p.error, 'measured_at', p.measured_at) ORDER BY p.target_replica_id)
    FROM replica_peer_latencies p JOIN replicas t ON t.id = p.target_replica_id WHERE p.source_replica_id = r.id), '[]') AS peers
  FROM replicas r WHERE r.updated_at > $1 AND (r.stopped_at IS NULL OR r.stopped_at > $2) ORDER BY r.stopped_at DESC NULLS FIRST, r.started_at DESC`;

function createBaseline(pool: pg.Pool, accessUrl: string, selfId: string | undefined) {
  async function regions() {
    const { rows } = await pool.query<ProxyRow>(PROXIES_SQL);
    const primary = { id: PRIMARY_REGION_ID, name: "primary", display_name: "Primary", icon_url: "/icons/primary.svg", healthy: true, path_app_url: accessUrl, wildcard_hostname: "" };
    return {
      regions: [
        primary,
        ...rows.map((r) => ({ id: r.id, name: r.name, display_name: r.display_name, icon_url: r.icon, healthy: r.status === "ok", path_app_url: r.url, wildcard_hostname: r.wildcard_hostname })),
      ],
    };
  }

  async function replicas() {
    const now = Date.now();
    const { rows } = await pool.query<ReplicaRow & { peers: PeerJson[] }>(REPLICAS_SQL, [new Date(now - LISTED_FOR_MS), new Date(now - STOPPED_LISTED_FOR_MS)]);
    return rows.map((r) => {
      const shaped = {
        id: r.id,
        hostname: r.hostname,
        region: r.region,
        relay_address: r.relay_address,
        version: r.version,
        database_latency_us: r.database_latency_us,
        error: r.error,
        primary: r.primary,
        is_self: r.id === selfId,
        started_at: r.started_at.toISOString(),
        updated_at: r.updated_at.toISOString(),
        stopped_at: r.stopped_at?.toISOString() ?? null,
        peers: r.peers.map((p) => ({
          replica_id: p.target_replica_id,
          hostname: p.hostname,
          latency_ms: p.latency_ms,
          error: p.error,
          measured_at: new Date(p.measured_at).toISOString(),
        })),
      };
      return { ...shaped, status: replicaStatus(shaped, now) };
    });
  }

  const routes: Record<string, () => Promise<unknown>> = { "/api/v2/regions": regions, "/api/v2/replicas": replicas };

  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") return send(res, 200, "text/plain", "OK");
    const handler = req.method === "GET" ? routes[path] : undefined;
    if (!handler) return send(res, 404, "application/json", JSON.stringify({ message: "Not found." }));
    handler().then(
      (body) => send(res, 200, "application/json", JSON.stringify(body)),
      (err) => {
        console.error(`baseline: GET ${path} failed:`, err);
        send(res, 500, "application/json", JSON.stringify({ message: "Internal error." }));
      },
    );
  });
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

const { values } = parseArgs({ options: { port: { type: "string" }, "access-url": { type: "string" }, "self-id": { type: "string" } } });
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !values.port || !values["access-url"]) {
  console.error("usage: DATABASE_URL=… node --import tsx bench/baseline.ts --port P --access-url URL [--self-id UUID]");
  process.exit(2);
}
// Same pool size as server/db.ts.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, application_name: "meridian-bench-baseline" });
pool.on("error", (err) => console.error(`baseline pool: ${err.message}`));
const server = createBaseline(pool, values["access-url"], values["self-id"]);
server.listen(Number(values.port), "127.0.0.1", () => console.log(`baseline on 127.0.0.1:${values.port}`));
process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
