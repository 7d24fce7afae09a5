// The health report against a real database: every code appears in the situation that causes it
// and not otherwise (rows seeded directly), the access URL is probed over real HTTP, and the
// dismissal settings persist, are audited, are published as an event and are admin-only.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { healthReportSchema, HEALTH_CODE_LIST, HEALTH_CODES, type HealthCode, type HealthReport } from "@/lib/api/health";
import { closeDatabase, createDatabase, db, prisma, setDatabase } from "@/server/db";
import { computeHealthReport, probeAccessUrl } from "@/server/health/report";
import { accessUrlSection, databaseSection } from "@/server/health/sections";
import { invalidateLicenses } from "@/server/licensing";
import { freePort } from "@/server/postgres/embedded";
import { storeLicense } from "@/server/licensing/licenses";
import { VERSION } from "@/server/version";
import { call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { installLicense, makeLicense, removeLicenses } from "./support/licenses";
import { makeUser } from "./support/users";

const database = withTestDatabase();
const DAY_MS = 86_400_000;

let owner: Record<string, string>;
let member: Record<string, string>;

beforeAll(async () => {
  owner = { authorization: `Bearer ${await (await makeUser("owner")).token()}` };
  member = { authorization: `Bearer ${await (await makeUser("member")).token()}` };
});

// Each test seeds the topology it needs on a clean slate, under a license that raises nothing.
beforeEach(async () => {
  await prisma().replica.deleteMany();
  await prisma().workspaceProxy.deleteMany();
  await prisma().siteConfig.deleteMany({ where: { key: { startsWith: "health." } } });
  await removeLicenses();
  await installLicense();
});

const codes = (report: HealthReport): HealthCode[] => Object.values(report.sections).flatMap((s) => s.findings.map((f) => f.code));

/** The report's codes in one section. */
async function sectionCodes(name: keyof HealthReport["sections"]): Promise<HealthCode[]> {
  return (await computeHealthReport()).sections[name].findings.map((f) => f.code);
}

describe("a healthy deployment", () => {
  it("has no finding but the unconfigured access URL, and every finding links to its docs anchor", async () => {
    await seedReplica({ hostname: "alpha" });
    await seedProxy({ name: "fra", status: "ok", version: VERSION });
    const report = healthReportSchema.parse(await computeHealthReport());
    // A machine busy with other test files can make the database slow (EDB02): that one is measured, not seeded.
    expect(codes(report).filter((c) => c !== "EDB02")).toEqual(["EACS01"]);
    expect(report.severity).toBe("warning");
    expect(report.sections.database).toMatchObject({ reachable: true, threshold_ms: 15 });
    expect(report.sections.database.latency_ms).toBeGreaterThan(0);
    expect(report.sections.access_url.findings[0]).toMatchObject({ severity: "warning", docs: "/health/docs#eacs01" });
  });
});

describe("database", () => {
  it("EDB02 above 15 ms only", () => {
    expect(databaseSection({ us: 15_000 }).findings).toEqual([]);
    expect(databaseSection({ us: 20_000 }).findings).toEqual([expect.objectContaining({ code: "EDB02", severity: "warning", message: expect.stringContaining("is 20 ms, above 15 ms") })]);
  });

  it("EDB01 when the database cannot be reached, and the sections that need it say they could not be checked", async () => {
    const real = db();
    setDatabase(createDatabase("postgresql://meridian@127.0.0.1:1/nothing"));
    try {
      const report = await computeHealthReport();
      expect(report.sections.database).toMatchObject({ severity: "error", reachable: false, latency_ms: null });
      expect(codes(report)).toContain("EDB01");
      expect(report.sections.replicas.findings.map((f) => f.code)).toEqual(["ECHK01"]);
      expect(report.sections.license.findings.map((f) => f.code)).toEqual(["ECHK01"]);
      expect(report.severity).toBe("error");
    } finally {
      await closeDatabase();
      setDatabase(real);
    }
    expect((await computeHealthReport()).sections.database.reachable).toBe(true);
  });
});

describe("replicas", () => {
  it("EREP01 for a replica that stopped beating without shutting down; not for live or stopped ones", async () => {
    await seedReplica({ hostname: "alpha" });
    await seedReplica({ hostname: "gone", stoppedAt: new Date(Date.now() - 60_000), updatedAt: new Date(Date.now() - 60_000) });
    expect(await sectionCodes("replicas")).toEqual([]);
    await seedReplica({ hostname: "crashed", updatedAt: new Date(Date.now() - 60_000) });
    const section = (await computeHealthReport()).sections.replicas;
    expect(section.findings).toEqual([expect.objectContaining({ code: "EREP01", severity: "warning", message: expect.stringContaining("crashed (primary, last seen 1m") })]);
    expect(section).toMatchObject({ live: 1, stale: 1, stopped: 1 });
  });

  it("EREP02 for a recent dial error and EREP03 for a recent slow link; old measurements do not count", async () => {
    const a = await seedReplica({ hostname: "alpha" });
    const b = await seedReplica({ hostname: "beta" });
    await seedPeer(a, b, { latencyMs: 2 });
    await seedPeer(b, a, { latencyMs: 9.9 });
    expect(await sectionCodes("replicas")).toEqual([]);

    await seedPeer(a, b, { error: "dial http://10.0.0.2:3000: ECONNREFUSED" });
    expect(await sectionCodes("replicas")).toEqual(["EREP02"]);
    await seedPeer(b, a, { latencyMs: 25 });
    const section = (await computeHealthReport()).sections.replicas;
    expect(section.findings.map((f) => [f.code, f.severity])).toEqual([
      ["EREP02", "error"],
      ["EREP03", "warning"],
    ]);
    expect(section.findings[0].message).toContain("alpha → beta: dial http://10.0.0.2:3000: ECONNREFUSED");
    expect(section.findings[1].message).toContain("beta → alpha: 25 ms");
    expect(section).toMatchObject({ peer_errors: 1, slow_peers: 1, max_peer_latency_ms: 25 });

    const old = new Date(Date.now() - 60_000);
    await seedPeer(a, b, { error: "dial: timeout", measuredAt: old });
    await seedPeer(b, a, { latencyMs: 25, measuredAt: old });
    expect(await sectionCodes("replicas")).toEqual([]);
  });
});

describe("workspace proxies", () => {
  it("none registered: nothing to report", async () => {
    expect(await sectionCodes("workspace_proxies")).toEqual([]);
  });

  it("EWP02 when some are unhealthy, EWP01 (an error) when none is healthy", async () => {
    await seedProxy({ name: "fra", status: "ok", version: VERSION });
    await seedProxy({ name: "syd", status: "unreachable", reason: "connection refused", version: VERSION });
    expect(await sectionCodes("workspace_proxies")).toEqual(["EWP02"]);
    await prisma().workspaceProxy.updateMany({ where: { name: "fra" }, data: { status: "unhealthy", statusReason: "the proxy reports errors" } });
    const section = (await computeHealthReport()).sections.workspace_proxies;
    expect(section.findings).toEqual([expect.objectContaining({ code: "EWP01", severity: "error", message: expect.stringContaining("syd (unreachable: connection refused)") })]);
    expect(section).toMatchObject({ total: 2, healthy: 0, unhealthy: 2 });
  });

  it("a deleted proxy does not count", async () => {
    await seedProxy({ name: "fra", status: "ok", version: VERSION });
    await seedProxy({ name: "old", status: "unreachable", version: VERSION, deletedAt: new Date() });
    expect(await sectionCodes("workspace_proxies")).toEqual([]);
  });

  it("EWP03 for a proxy registered with another version; a proxy that never registered has none to compare", async () => {
    await seedProxy({ name: "fra", status: "ok", version: VERSION });
    await seedProxy({ name: "new", status: "ok", version: "" });
    expect(await sectionCodes("workspace_proxies")).toEqual([]);
    await seedProxy({ name: "syd", status: "ok", version: "0.0.1-old" });
    const section = (await computeHealthReport()).sections.workspace_proxies;
    expect(section.findings.map((f) => f.code)).toEqual(["EWP03"]);
    expect(section.mismatched).toEqual([{ name: "syd", version: "0.0.1-old" }]);
  });
});

describe("license", () => {
  it("ELIC01 within 30 days of the grace period", async () => {
    await removeLicenses();
    await installLicense({ expiresInDays: 40 });
    expect(await sectionCodes("license")).toEqual([]);
    await removeLicenses();
    await installLicense({ expiresInDays: 10 });
    const section = (await computeHealthReport()).sections.license;
    expect(section.findings.map((f) => [f.code, f.severity])).toEqual([["ELIC01", "warning"]]);
    expect(section).toMatchObject({ has_license: true, severity: "warning" });
    expect(Date.parse(section.grace_at!) - Date.now()).toBeGreaterThan(9 * DAY_MS);
  });

  it("not ELIC01 when another license covers the features for longer", async () => {
    await installLicense({ expiresInDays: 10 });
    expect(await sectionCodes("license")).toEqual([]);
  });

  it("ELIC02 (an error) in the grace period", async () => {
    await removeLicenses();
    await installLicense({ expiresInDays: -5, graceDays: 30 });
    expect((await computeHealthReport()).sections.license.findings.map((f) => [f.code, f.severity])).toEqual([["ELIC02", "error"]]);
  });

  it("ELIC03 when every license is past its grace period; nothing without any license", async () => {
    await removeLicenses();
    expect(await sectionCodes("license")).toEqual([]);
    const jwt = await makeLicense({ expiresInDays: -40, graceDays: 30 });
    await storeLicense(jwt, prisma(), new Date(Date.now() - 60 * DAY_MS)); // uploaded back when it was valid
    invalidateLicenses();
    const section = (await computeHealthReport()).sections.license;
    expect(section.findings.map((f) => [f.code, f.severity])).toEqual([["ELIC03", "error"]]);
    expect(section).toMatchObject({ has_license: false, grace_at: null });
  });

  it("ELIC04 over the licensed number of proxies", async () => {
    await removeLicenses();
    await installLicense({ features: { workspace_proxy: 1 } });
    await seedProxy({ name: "fra", status: "ok", version: VERSION });
    expect(await sectionCodes("license")).toEqual([]);
    await seedProxy({ name: "syd", status: "ok", version: VERSION });
    const section = (await computeHealthReport()).sections.license;
    expect(section.findings).toEqual([expect.objectContaining({ code: "ELIC04", severity: "warning", message: "2 workspace proxies are registered, but the license allows 1." })]);
  });
});

describe("access URL", () => {
  let server: Server;
  let status = 200;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/slow/healthz") return; // never answers
      res.statusCode = req.url?.endsWith("/healthz") ? status : 404;
      res.end("OK");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("EACS01 when MERIDIAN_ACCESS_URL is unset: the default is not probed", async () => {
    const section = (await computeHealthReport()).sections.access_url;
    expect(section).toMatchObject({ configured: false, reachable: null, url: "http://localhost:3000" });
    expect(section.findings.map((f) => f.code)).toEqual(["EACS01"]);
  });

  it("nothing when {url}/healthz answers 200, also under a path", async () => {
    for (const url of [base, `${base}/meridian/`]) {
      const section = accessUrlSection(await probeAccessUrl(url));
      expect(section.findings).toEqual([]);
      expect(section).toMatchObject({ configured: true, reachable: true, status_code: 200 });
    }
  });

  it("EACS03 when it answers an error status", async () => {
    status = 503;
    try {
      const section = accessUrlSection(await probeAccessUrl(base));
      expect(section.findings).toEqual([expect.objectContaining({ code: "EACS03", severity: "error", message: expect.stringContaining("HTTP 503") })]);
    } finally {
      status = 200;
    }
  });

  it("EACS02 when nothing listens, or nothing answers in time", async () => {
    const refused = accessUrlSection(await probeAccessUrl(`http://127.0.0.1:${await freePort()}`));
    expect(refused.findings).toEqual([expect.objectContaining({ code: "EACS02", severity: "error", message: expect.stringContaining("ECONNREFUSED") })]);
    expect(refused.reachable).toBe(false);
    const silent = accessUrlSection(await probeAccessUrl(`${base}/slow`, 200));
    expect(silent.findings).toEqual([expect.objectContaining({ code: "EACS02", message: expect.stringContaining("no answer within 0.2 s") })]);
  });
});

describe("the codes", () => {
  it("each has a heading in docs/health.md", async () => {
    const { readFile } = await import("node:fs/promises");
    const docs = await readFile("docs/health.md", "utf8");
    for (const code of HEALTH_CODE_LIST) expect(docs, code).toContain(`### ${code}: ${HEALTH_CODES[code].title}\n`);
  });
});

describe("GET /api/v2/debug/health and its settings", () => {
  const report = async (force = true) => {
    const res = await call("GET /api/v2/debug/health", { headers: owner, query: force ? { force: "true" } : {} });
    expect(res.status).toBe(200);
    return healthReportSchema.parse(await res.json());
  };
  const put = (body: unknown, headers = owner) => call("PUT /api/v2/debug/health/settings", { headers, body });

  it("is for admins only", async () => {
    expect((await call("GET /api/v2/debug/health", { headers: member })).status).toBe(403);
    expect((await call("GET /api/v2/debug/health/settings", { headers: member })).status).toBe(403);
    expect((await put({ dismissed_sections: ["license"] }, member)).status).toBe(403);
    expect((await call("GET /api/v2/debug/health", {})).status).toBe(401);
  });

  it("answers 400 naming the field for a bad body or query", async () => {
    const cases: [unknown, string][] = [
      [{}, "dismissed_sections"],
      [{ dismissed_sections: "license" }, "dismissed_sections"],
      [{ dismissed_sections: ["licence"] }, "dismissed_sections.0"],
      [{ dismissed_sections: [], extra: true }, "body"],
    ];
    for (const [body, field] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).validations, JSON.stringify(body)).toEqual([expect.objectContaining({ field })]);
    }
    expect((await call("GET /api/v2/debug/health", { headers: owner, query: { force: "yes" } })).status).toBe(400);
  });

  it("a dismissed section is still listed but raises neither the severity nor the banner; the change persists, is audited and published", async () => {
    await seedProxy({ name: "fra", status: "unreachable", version: VERSION });
    const before = await report();
    expect(before.severity).toBe("error");
    expect(before.sections.workspace_proxies).toMatchObject({ severity: "error", dismissed: false });

    const listener = new pg.Client({ connectionString: database.url() });
    await listener.connect();
    const events: unknown[] = [];
    listener.on("notification", (n) => events.push(JSON.parse(n.payload!)));
    await listener.query("LISTEN meridian_events");
    try {
      const res = await put({ dismissed_sections: ["workspace_proxies", "workspace_proxies"] });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ dismissed_sections: ["workspace_proxies"] });
      await expect.poll(() => events).toContainEqual(expect.objectContaining({ type: "settings", id: "health" }));
    } finally {
      await listener.end();
    }

    // Without force: the cached report was dropped by the change.
    const after = await report(false);
    expect(after.sections.workspace_proxies).toMatchObject({ severity: "error", dismissed: true, findings: [expect.objectContaining({ code: "EWP01" })] });
    expect(after.severity).toBe("warning"); // EACS01 is left
    expect((await (await call("GET /api/v2/debug/health/settings", { headers: owner })).json())).toEqual({ dismissed_sections: ["workspace_proxies"] });

    const entry = await prisma().auditLog.findFirstOrThrow({ where: { action: "health_settings_updated" }, orderBy: { time: "desc" } });
    expect(entry).toMatchObject({ resourceType: "health_settings", diff: { dismissed_sections: { from: [], to: ["workspace_proxies"] } } });

    expect((await put({ dismissed_sections: [] })).status).toBe(200);
    expect((await report(false)).severity).toBe("error");
    const restored = await prisma().auditLog.findFirstOrThrow({ where: { action: "health_settings_updated" }, orderBy: { time: "desc" } });
    expect(restored.diff).toEqual({ dismissed_sections: { from: ["workspace_proxies"], to: [] } });
  });
});

async function seedReplica(fields: { hostname: string; updatedAt?: Date; stoppedAt?: Date }): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await prisma().replica.create({
    data: { id, hostname: fields.hostname, region: "primary", relayAddress: `http://${fields.hostname}:3000`, version: VERSION, startedAt: now, updatedAt: fields.updatedAt ?? now, stoppedAt: fields.stoppedAt ?? null },
  });
  return id;
}

async function seedPeer(sourceId: string, targetId: string, fields: { latencyMs?: number; error?: string; measuredAt?: Date }) {
  const values = { latencyMs: fields.latencyMs ?? null, error: fields.error ?? null, measuredAt: fields.measuredAt ?? new Date() };
  await prisma().replicaPeerLatency.upsert({ where: { sourceId_targetId: { sourceId, targetId } }, create: { sourceId, targetId, ...values }, update: values });
}

async function seedProxy(fields: { name: string; status: "ok" | "unhealthy" | "unreachable" | "unregistered"; version: string; reason?: string; deletedAt?: Date }) {
  await prisma().workspaceProxy.create({
    data: {
      name: fields.name,
      displayName: fields.name,
      url: `https://${fields.name}.example.com`,
      tokenHashedSecret: createHash("sha256").update(randomBytes(16)).digest(),
      status: fields.status,
      statusReason: fields.reason ?? "",
      version: fields.version,
      deletedAt: fields.deletedAt ?? null,
    },
  });
}
