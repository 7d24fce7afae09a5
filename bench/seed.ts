// Seeds the bench database: 200 live workspace proxies (plus a few soft-deleted ones the API
// must leave out) and 10 replicas with a full mesh of peer latencies. A fixed PRNG seed makes
// every run serve the same rows, so runs can be compared.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { LOCATIONS, type LocationCode } from "../lib/locations";

export const SEEDED_PROXIES = 200;
export const SEEDED_REPLICAS = 10;
const DELETED_PROXIES = 8;

/** The seeded replicas live outside the server's own region ("primary"), so its heartbeat
 * never pings them and never rewrites their peer rows during a measurement. */
const REPLICA_REGIONS = ["eu-west", "us-east", "ap-south"];

const CITIES = ["amsterdam", "berlin", "cairo", "dallas", "delhi", "dublin", "lagos", "lima", "madrid", "montreal", "osaka", "paris", "santiago", "seoul", "sydney", "zurich"];
const DISPLAY = ["Amsterdam", "Berlin", "Cairo", "Dallas", "Delhi", "Dublin", "Lagos", "Lima", "Madrid", "Montréal", "Ōsaka", "Paris", "Santiago", "서울", "Sydney", "Zürich"];
const STATUSES = ["ok", "ok", "ok", "unhealthy", "unreachable", "unregistered"] as const;

function prng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

export interface SeedCounts {
  proxies: number;
  replicas: number;
}

export async function seed(url: string, counts: SeedCounts = { proxies: SEEDED_PROXIES, replicas: SEEDED_REPLICAS }): Promise<void> {
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Shuffled so that the API's ORDER BY name does real work.
    const order = Array.from({ length: counts.proxies + DELETED_PROXIES }, (_, i) => i).sort(() => random() - 0.5);
    for (const i of order) await insertProxy(client, i, counts.proxies, random, pick);
    await insertReplicas(client, counts.replicas, random, pick);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

async function insertProxy(client: pg.Client, i: number, live: number, random: () => number, pick: <T>(items: readonly T[]) => T) {
  const city = i % CITIES.length;
  const deleted = i >= live;
  // Deleted rows reuse live names: the partial unique index allows it, and the API must skip them.
  const name = `${CITIES[city]}-${String(deleted ? i - live : i).padStart(3, "0")}`;
  const status = pick(STATUSES);
  const registered = status !== "unregistered";
  const location = random() < 0.15 ? null : pick(Object.keys(LOCATIONS) as LocationCode[]);
  const explicit = location === null && random() < 0.5;
  const report = status === "unhealthy" ? { errors: [`relay ${name} answered 502`], warnings: random() < 0.5 ? ["clock skew 2.1 s"] : [] } : registered ? { errors: [], warnings: [] } : null;
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  await client.query(
    `INSERT INTO workspace_proxies (id, name, display_name, icon, url, wildcard_hostname, derp_enabled, derp_only, token_hashed_secret,
       version, status, status_reason, status_report, status_checked_at, location_code, latitude, longitude, demo, created_at, updated_at, deleted_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::proxy_status, $11, $12, $13, $14, $15, $16, false, $17, $18, $19)`,
    [
      name,
      `${DISPLAY[city]} ${i}`,
      random() < 0.5 ? "🌍" : `/emojis/1f3${String(city).padStart(2, "0")}.png`,
      // Loopback, on a port nothing serves (9, discard; browsers refuse it outright): neither the
      // server's health checker nor a browser's latency probe sends a packet off this machine.
      registered ? `http://127.0.0.1:9/${name}` : "",
      registered && random() < 0.6 ? `*.${name}.proxies.example.com` : "",
      random() < 0.9,
      random() < 0.1,
      randomBytes(32),
      registered ? `2.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}` : "",
      status,
      status === "ok" ? "" : `${status}: last check at ${ago(1).toISOString()}`,
      report === null ? null : JSON.stringify(report),
      registered ? ago(random() * 5) : null,
      location,
      location ? LOCATIONS[location].latitude : explicit ? Math.round((random() * 180 - 90) * 1e4) / 1e4 : null,
      location ? LOCATIONS[location].longitude : explicit ? Math.round((random() * 360 - 180) * 1e4) / 1e4 : null,
      ago(10_000 + i * 37),
      ago(random() * 600),
      deleted ? ago(30) : null,
    ],
  );
}

async function insertReplicas(client: pg.Client, count: number, random: () => number, pick: <T>(items: readonly T[]) => T) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const region = REPLICA_REGIONS[i % REPLICA_REGIONS.length];
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO replicas (id, hostname, region, relay_address, database_latency_us, version, error, "primary", started_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, '0.1.0', $5, $6, $7, now()) RETURNING id`,
      [
        `meridian-${region}-${i}`,
        region,
        `http://10.0.${i}.${10 + i}:3000`,
        Math.floor(200 + random() * 3_000),
        i === 7 ? "Failed to dial peers: meridian-us-east-4: timed out after 2 s" : "",
        i % 4 !== 3,
        // Distinct start times: the API orders by them.
        new Date(Date.now() - (i + 1) * 3_600_000),
      ],
    );
    ids.push(rows[0].id);
  }
  for (const source of ids) {
    for (const target of ids) {
      if (source === target) continue;
      const failed = random() < 0.1;
      await client.query(
        `INSERT INTO replica_peer_latencies (source_replica_id, target_replica_id, latency_ms, error, measured_at) VALUES ($1, $2, $3, $4, $5)`,
        [source, target, failed ? null : Math.round(random() * 25_000) / 100, failed ? pick(["dial tcp: connection refused", "timed out after 2 s"]) : null, new Date(Date.now() - random() * 5_000)],
      );
    }
  }
}
