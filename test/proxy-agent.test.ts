// The workspace proxy agent against the real primary: the /api/v2 routes served over real HTTP
// (test/support/http-api.ts) on a real Postgres. Registration, re-registration, deregistration,
// refusals and outages as the agent and the primary each see them; what the agent serves to
// browsers; and the `meridian proxy` command itself, as a child process.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { freePort } from "@/server/postgres/embedded";
import { startProxyAgent, type ProxyAgent, type ProxyAgentOptions } from "@/server/proxy-agent";
import { createProxy } from "@/server/topology/proxy-admin";
import { newProxySecret } from "@/server/topology/proxy-tokens";
import { VERSION } from "@/server/version";
import { withTestDatabase } from "./support/database";
import { startHttpApi, type HttpApi } from "./support/http-api";

withTestDatabase();

const ROOT = path.resolve(import.meta.dirname, "..");
let primary: HttpApi;
const agents: ProxyAgent[] = [];

beforeAll(async () => {
  primary = await startHttpApi();
});
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.stop()));
});
afterAll(async () => {
  await primary.close();
});

async function newProxy(): Promise<{ id: string; name: string; token: string }> {
  const name = `agent-${randomBytes(4).toString("hex")}`;
  const { proxy, proxy_token } = await createProxy(null, { name }, { ip: "127.0.0.1", userAgent: "vitest" });
  return { id: proxy.id, name, token: proxy_token };
}

/** An agent on a free port with quick retries; stopped after each test. */
async function agent(token: string, options: Partial<ProxyAgentOptions> = {}): Promise<ProxyAgent> {
  const started = await startProxyAgent({ primaryUrl: primary.url, token, port: 0, startupAttempts: 3, retryDelayMs: 20, ...options });
  agents.push(started);
  return started;
}

const row = (id: string) => prisma().workspaceProxy.findUniqueOrThrow({ where: { id } });
const registrations = (api: HttpApi) => api.requests.filter((r) => r.path === "/api/v2/workspaceproxies/me/register");

describe("registration", () => {
  it("registers its access URL, wildcard host, version and replica id with the primary", async () => {
    const proxy = await newProxy();
    const a = await agent(proxy.token, { wildcardHostname: "*.apps.example.com" });
    expect(a.name).toBe(proxy.name);
    expect(a.proxyId).toBe(proxy.id);
    expect(a.accessUrl).toBe(a.url);
    expect(await row(proxy.id)).toMatchObject({ url: a.url, wildcardHostname: "*.apps.example.com", version: VERSION, replicaId: a.replicaId });
    expect(a.report()).toEqual({ errors: [], warnings: [] });
  });

  it("announces --access-url rather than its listen address when given one", async () => {
    const proxy = await newProxy();
    await agent(proxy.token, { accessUrl: "https://eu.proxy.example.com" });
    expect((await row(proxy.id)).url).toBe("https://eu.proxy.example.com");
  });

  it("re-registers on its interval, so the primary learns its address again", async () => {
    const proxy = await newProxy();
    const before = registrations(primary).length; // other tests' agents registered with this primary too
    const a = await agent(proxy.token, { registerIntervalMs: 100 });
    await prisma().workspaceProxy.update({ where: { id: proxy.id }, data: { url: "", replicaId: null } });
    await expect.poll(async () => (await row(proxy.id)).url, { timeout: 5_000 }).toBe(a.url);
    expect(registrations(primary).length - before).toBeGreaterThanOrEqual(2);
  });

  it("deregisters on stop: the primary clears its address", async () => {
    const proxy = await newProxy();
    const a = await agent(proxy.token);
    await a.stop();
    expect(await row(proxy.id)).toMatchObject({ url: "", replicaId: null });
    await expect(fetch(`${a.url}/healthz`)).rejects.toThrow();
  });

  it("warns in its report when its version differs from the primary's", async () => {
    const proxy = await newProxy();
    const a = await agent(proxy.token, { version: "0.0.0-old" });
    expect(a.report()).toEqual({ errors: [], warnings: [`this proxy runs version 0.0.0-old but the primary runs ${VERSION}: run the same version on both`] });
  });
});

describe("refusals and outages", () => {
  it("gives up at once on a token the primary refuses, saying what to do", async () => {
    const proxy = await newProxy();
    const before = registrations(primary).length;
    const wrong = `${proxy.id}:${randomBytes(32).toString("base64url")}`;
    await expect(agent(wrong)).rejects.toThrow(`the primary at ${primary.url} refused the proxy token — it was regenerated or the proxy deleted; get a new token from the Proxies page`);
    expect(registrations(primary).length).toBe(before + 1); // no retries: they could not help
  });

  it("refuses to start for a deleted proxy", async () => {
    const proxy = await newProxy();
    await prisma().workspaceProxy.update({ where: { id: proxy.id }, data: { deletedAt: new Date() } });
    await expect(agent(proxy.token)).rejects.toThrow(/refused the proxy token/);
  });

  it("gives up on an unreachable primary after its retries, naming the URL and the cause", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    await expect(agent("00000000-0000-4000-8000-000000000000:secret", { primaryUrl: url })).rejects.toThrow(
      `could not register with the primary at ${url}: connect ECONNREFUSED 127.0.0.1:${port} (gave up after 3 attempts)`,
    );
  });

  it("keeps serving while the primary is away, says so in /healthz-report, and recovers", async () => {
    const own = await startHttpApi();
    const proxy = await newProxy();
    const a = await agent(proxy.token, { primaryUrl: own.url, registerIntervalMs: 100 });
    await own.close();
    const report = async () => (await fetch(`${a.url}/healthz-report`)).json();
    await expect.poll(report, { timeout: 5_000 }).toEqual({
      errors: [expect.stringMatching(new RegExp(`^cannot reach the primary at ${own.url} since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z: connect ECONNREFUSED`))],
      warnings: [],
    });
    expect((await fetch(`${a.url}/latency-check`)).status).toBe(200);

    const back = await startHttpApi(own.port);
    await expect.poll(report, { timeout: 5_000 }).toEqual({ errors: [], warnings: [] });
    await a.stop();
    await back.close();
  });

  it("stops re-registering when its token is regenerated while running, and reports why", async () => {
    const proxy = await newProxy();
    let fatal: Error | undefined;
    const a = await agent(proxy.token, { registerIntervalMs: 100, onFatal: (err) => (fatal = err) });
    await prisma().workspaceProxy.update({ where: { id: proxy.id }, data: { tokenHashedSecret: newProxySecret().hashed } });
    await expect.poll(() => fatal?.message, { timeout: 5_000 }).toMatch(/refused the proxy token/);
    const report = await (await fetch(`${a.url}/healthz-report`)).json();
    expect(report.errors).toEqual([fatal!.message]);
  });
});

describe("what it serves", () => {
  let a: ProxyAgent;
  beforeAll(async () => {
    a = await startProxyAgent({ primaryUrl: primary.url, token: (await newProxy()).token, port: 0 });
  });
  afterAll(() => a.stop());

  it("answers /latency-check uncached, with timing exposed and CORS without credentials", async () => {
    const res = await fetch(`${a.url}/latency-check?nonce=1`, { headers: { origin: "https://console.example.com" } });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "cache-control": "no-store",
      "timing-allow-origin": "*",
      "access-control-allow-origin": "*",
      "x-content-type-options": "nosniff",
    });
    expect(res.headers.has("access-control-allow-credentials")).toBe(false);
  });

  it("answers the CORS preflight for /latency-check", async () => {
    const res = await fetch(`${a.url}/latency-check`, {
      method: "OPTIONS",
      headers: { origin: "https://console.example.com", "access-control-request-method": "GET", "access-control-request-headers": "x-measure" },
    });
    expect(res.status).toBe(204);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": expect.stringContaining("GET"),
      "access-control-allow-headers": "x-measure",
      "access-control-max-age": expect.stringMatching(/^\d+$/),
    });
  });

  it("answers /healthz, /healthz-report, and 404 elsewhere", async () => {
    expect(await (await fetch(`${a.url}/healthz`)).text()).toBe("OK");
    expect(await (await fetch(`${a.url}/healthz-report`)).json()).toEqual({ errors: [], warnings: [] });
    const missing = await fetch(`${a.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: expect.stringContaining("workspace proxy") });
    expect((await fetch(`${a.url}/latency-check`, { method: "POST" })).status).toBe(405);
  });

  it("holds every answer back by --simulated-latency-ms", async () => {
    const slow = await agent((await newProxy()).token, { simulatedLatencyMs: 150 });
    for (const path of ["/latency-check", "/healthz-report"]) {
      const started = performance.now();
      expect((await fetch(`${slow.url}${path}`)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145); // a lower bound only: never flaky
    }
  });
});

describe("meridian proxy (the command)", () => {
  it("registers, prints one line, and deregisters on SIGTERM, never printing the token", { timeout: 60_000 }, async () => {
    const proxy = await newProxy();
    const child = spawn(process.execPath, ["cli/index.mjs", "proxy", "--primary-url", primary.url, "--http-address", "127.0.0.1:0"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", MERIDIAN_PROXY_TOKEN: proxy.token },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await expect.poll(() => output, { timeout: 45_000 }).toMatch(/registered as \S+ with \S+; serving on http:\/\/\S+\n/);
      const [, name, primaryUrl, url] = /registered as (\S+) with (\S+); serving on (http:\/\/\S+)\n/.exec(output)!;
      expect([name, primaryUrl]).toEqual([proxy.name, primary.url]);
      expect((await row(proxy.id)).url).toBe(url);
      expect(await (await fetch(`${url}/healthz`)).text()).toBe("OK");

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(await row(proxy.id)).toMatchObject({ url: "", replicaId: null });
      expect(output).not.toContain(proxy.token.split(":")[1]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
