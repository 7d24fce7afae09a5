// `meridian regions` and `meridian embed token` as child processes against the real /api/v2 routes
// (test/support/http-api.ts) on a real Postgres, measuring real agent servers: one answering at
// once, one holding every answer back 120 ms, one on a closed port. The primary's /latency-check
// is the launcher's (server/http/latency-check.ts), served here by a small server of its own,
// which MERIDIAN_ACCESS_URL points at before config() is first read.
import { createHash, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RegionsReport } from "@/cli/regions";
import { verifyEmbedToken } from "@/server/auth/embed-token";
import { prisma } from "@/server/db";
import { createAgentServer } from "@/server/proxy-agent/http";
import { meridian } from "./support/cli";
import { withTestDatabase } from "./support/database";
import { startHttpApi, type HttpApi } from "./support/http-api";
import { makeUser, type TestUser } from "./support/users";

const { primaryLatency, EMBED_SECRET } = await vi.hoisted(async () => {
  const { createServer } = await import("node:http");
  const { answerLatencyCheck, LATENCY_CHECK_PATH } = await import("@/server/http/latency-check");
  const server = createServer((req, res) => {
    if (new URL(req.url ?? "/", "http://primary").pathname === LATENCY_CHECK_PATH) return answerLatencyCheck(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  process.env.MERIDIAN_ACCESS_URL = url;
  const secret = "embed-secret-for-cli-tests-0123456789abcdef";
  process.env.MERIDIAN_EMBED_SECRET = secret;
  return { primaryLatency: { server, url }, EMBED_SECRET: secret };
});

withTestDatabase();

const CLOSED_URL = "http://127.0.0.1:2";

const suffix = randomBytes(3).toString("hex");
const NAMES = { fast: `near-${suffix}`, slow: `far-${suffix}`, dead: `dead-${suffix}` };
let api: HttpApi;
let member: TestUser;
let token: string;
const agents: Server[] = [];

async function agentAt(simulatedLatencyMs: number): Promise<string> {
  const server = createAgentServer({ report: () => ({ errors: [], warnings: [] }), simulatedLatencyMs });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  agents.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function proxyRow(name: string, url: string) {
  await prisma().workspaceProxy.create({
    data: { name, displayName: `Region ${name}`, url, status: "ok", tokenHashedSecret: createHash("sha256").update(name).digest() },
  });
}

beforeAll(async () => {
  api = await startHttpApi();
  member = await makeUser("member");
  token = await member.token();
  await proxyRow(NAMES.fast, await agentAt(0));
  await proxyRow(NAMES.slow, await agentAt(120));
  // Port 2 (privileged, not on fetch's blocked list): nothing listens there, whereas a "free" port can be taken by another test file's server meanwhile.
  await proxyRow(NAMES.dead, CLOSED_URL);
});
// Every test starts automatic, whatever region an earlier test's --set chose.
beforeEach(async () => {
  await prisma().user.update({ where: { id: member.id }, data: { preferredRegionId: null } });
});
afterAll(async () => {
  await api.close();
  for (const server of [...agents, primaryLatency.server]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const regions = (...args: string[]) => meridian(["regions", ...args], { MERIDIAN_URL: api.url, MERIDIAN_SESSION_TOKEN: token });

async function report(...args: string[]): Promise<RegionsReport> {
  const run = await regions("--json", ...args);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as RegionsReport;
}

describe("meridian regions", { timeout: 60_000 }, () => {
  it("measures every region, ranks them by latency and picks the fastest healthy one when automatic", async () => {
    const result = await report("--samples", "3");
    const byName = Object.fromEntries(result.regions.map((r) => [r.name, r]));
    const order = result.regions.map((r) => r.name);
    expect(order.indexOf(NAMES.fast)).toBeLessThan(order.indexOf(NAMES.slow));
    expect(order.indexOf(NAMES.slow)).toBeLessThan(order.indexOf(NAMES.dead));
    expect(byName[NAMES.fast].latency).toMatchObject({ status: "measured", samples: 3, accurate: true });
    expect(byName[NAMES.slow].latency).toMatchObject({ status: "measured", median_ms: expect.any(Number) });
    const slow = byName[NAMES.slow].latency as { median_ms: number; min_ms: number };
    // Lower bounds only (a busy machine is slower, never faster), less 1 ms: Node's timers may
    // fire a fraction of a millisecond before the clock the probe reads says they are due.
    expect(slow.median_ms).toBeGreaterThanOrEqual(119);
    expect(slow.min_ms).toBeGreaterThanOrEqual(119);
    expect(byName[NAMES.dead].latency).toMatchObject({ status: "unreachable", reason: expect.stringContaining("ECONNREFUSED") });
    // The primary answers from the launcher's handler, so it is measured as well.
    expect(byName.primary).toMatchObject({ path_app_url: primaryLatency.url, latency: { status: "measured" } });
    // Automatic: the first usable region in the ranking (the primary and the 0 ms agent are both local).
    expect(result.choice).toEqual({ automatic: true, region_id: null, region_name: null, problem: null, alternative: null });
    expect(result.in_use).toBe(result.regions[0].name);
    expect([NAMES.fast, "primary"]).toContain(result.in_use);
  });

  it("shows a table with every region, the one in use marked, and the choice", async () => {
    const run = await regions("--samples", "1");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^\s+REGION\s+NAME\s+HEALTH\s+MEDIAN\s+MIN–MAX\s+JITTER$/);
    for (const name of [...Object.values(NAMES), "primary"]) expect(run.stdout).toContain(name);
    expect(run.stdout).toMatch(new RegExp(`^  ${NAMES.dead}\\s+Region \\S+\\s+healthy\\s+unreachable: request failed: connect ECONNREFUSED`, "m"));
    expect(lines.every((l) => l.length <= 80 || l.includes("unreachable: "))).toBe(true);
    const marked = lines.filter((l) => l.startsWith("* "));
    expect(marked).toHaveLength(1);
    const inUse = /^\* (\S+)/.exec(marked[0])![1];
    expect(run.stdout).toContain(`choice: automatic → ${inUse}   (* = in use)`);
    expect(run.stdout).not.toContain(token.split("-")[1]);
  });

  it("--set NAME chooses a region by name: a plain run then shows the manual choice in use", async () => {
    const set = await report("--set", NAMES.slow, "--no-measure");
    expect(set).toMatchObject({ choice: { automatic: false, region_name: NAMES.slow, problem: null }, in_use: NAMES.slow });
    expect(set.regions.every((r) => r.latency === null)).toBe(true);

    const run = await regions("--samples", "1");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^\\* ${NAMES.slow}\\s`, "m"));
    expect(run.stdout).toContain(`choice: ${NAMES.slow} (manual)`);
  });

  it("a chosen region that cannot be reached is kept, and the best alternative named", async () => {
    await report("--set", NAMES.dead, "--no-measure");
    const run = await regions("--samples", "1");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`choice: ${NAMES.dead} (manual)`);
    expect(run.stdout).toMatch(/\n {2}but it is unreachable from this machine\n {2}best alternative: (\S+) \(meridian regions --set \1, or --set auto\)\n/);
  });

  it("--set auto returns to automatic", async () => {
    await report("--set", NAMES.fast, "--no-measure");
    const result = await report("--set", "auto", "--samples", "1");
    expect(result.choice.automatic).toBe(true);
    expect(result.in_use).toBe(result.regions[0].name);
    expect((await report("--no-measure")).choice).toMatchObject({ automatic: true, region_id: null });
  });

  it("--set with a name no region has is refused, naming it, and changes nothing", async () => {
    const run = await regions("--set", "nonexistent", "--no-measure");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--set: no region is named "nonexistent"');
    expect(run.stdout).toBe("");
    expect((await report("--no-measure")).choice.automatic).toBe(true);
  });

  it("reads the token from stdin with --token-stdin", async () => {
    const run = await meridian(["regions", "--url", api.url, "--token-stdin", "--no-measure", "--json"], {}, `${token}\n`);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).regions.length).toBeGreaterThanOrEqual(4);
  });

  it("says the console refused a bad token, with the API's message, and never prints it", async () => {
    const wrong = `${token.split("-")[0]}-${randomBytes(16).toString("hex")}`;
    const run = await meridian(["regions", "--url", api.url, "--no-measure"], { MERIDIAN_SESSION_TOKEN: wrong });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the console at ${api.url} refused the token: You must be signed in.`);
    expect(run.stdout + run.stderr).not.toContain(wrong.split("-")[1]);
  });

  it("names the URL and the cause when the console cannot be reached", async () => {
    const url = CLOSED_URL;
    const run = await meridian(["regions", "--url", url], { MERIDIAN_SESSION_TOKEN: token });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`cannot reach the console at ${url} .*ECONNREFUSED`));
  });

  it("stops with exit status 2 and one line naming the flag", async () => {
    const missing = await meridian(["regions"], { MERIDIAN_SESSION_TOKEN: token });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^meridian regions: --url: is required/);
    const samples = await regions("--samples", "51");
    expect([samples.code, samples.stderr.split("\n")[0]]).toEqual([2, 'meridian regions: --samples (got "51"): must be 1-50']);
  });
});

describe("meridian embed token", { timeout: 60_000 }, () => {
  it("prints only a token that the console accepts for the user", async () => {
    const run = await meridian(["embed", "token", "--email", member.email, "--lifetime", "2m"], { MERIDIAN_EMBED_SECRET: EMBED_SECRET });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(await verifyEmbedToken(run.stdout.trim())).toMatchObject({ id: member.id, email: member.email });
    const claims = JSON.parse(Buffer.from(run.stdout.split(".")[1], "base64url").toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(120);
  });

  it("takes the secret from stdin with --secret-stdin", async () => {
    const run = await meridian(["embed", "token", "--email", member.email, "--secret-stdin"], {}, `${EMBED_SECRET}\n`);
    expect(run.code).toBe(0);
    expect((await verifyEmbedToken(run.stdout.trim())).id).toBe(member.id);
  });

  it("refuses a lifetime over 15 minutes, and says which variable holds the secret", async () => {
    const long = await meridian(["embed", "token", "--email", member.email, "--lifetime", "1h"], { MERIDIAN_EMBED_SECRET: EMBED_SECRET });
    expect([long.code, long.stdout]).toEqual([2, ""]);
    expect(long.stderr).toContain('--lifetime (got "1h"): must be at most 15m');
    const secretless = await meridian(["embed", "token", "--email", member.email]);
    expect([secretless.code, secretless.stdout]).toEqual([2, ""]);
    expect(secretless.stderr).toContain("set MERIDIAN_EMBED_SECRET");
  });
});
