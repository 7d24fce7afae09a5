// The health checker is not a probe of the primary's network (issue 11 item 6), as a production
// deployment has it: demo off, NODE_ENV=production, no MERIDIAN_PROXY_ALLOWED_NETWORKS. A proxy
// token holder cannot register a private or loopback address, nor one with credentials; a host
// name that resolves to one is refused by the checker before anything is sent; members never see
// credentials. Every listener here is on 127.0.0.1 and counts connections, which must stay 0
// wherever the policy refuses; no test connects anywhere else (hosts that resolve elsewhere are
// refused before a socket exists, and made-up names only resolve through an injected resolver).
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROXY_TOKEN_HEADER } from "@/lib/api/proxies";
import { STORABLE_TEXT_MESSAGE } from "@/lib/api/strings";
import { prisma } from "@/server/db";
import { config } from "@/server/env";
import { checkProxy, type Resolver } from "@/server/health/check";
import { reasons } from "@/server/health/reasons";
import { sweepProxies } from "@/server/health/sweep";
import { createPolicy, describeRefusal, parseNetwork, type Network } from "@/server/net/destination-policy";
import { newProxySecret } from "@/server/topology/proxy-tokens";
import { call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { makeUser } from "./support/users";

vi.hoisted(() => {
  // Read by config() on first use: a production deployment, before anything imports the configuration.
  Object.assign(process.env, { NODE_ENV: "production", MERIDIAN_DEMO: "false" });
  delete process.env.MERIDIAN_PROXY_ALLOWED_NETWORKS;
});

withTestDatabase();

const json = async (res: Response) => res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A stand-in proxy agent on loopback that counts the connections it is given. */
let agent: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  agent = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errors: [], warnings: [] })));
  agent.on("connection", () => connections++);
  await new Promise<void>((resolve) => agent.listen(0, "127.0.0.1", resolve));
  port = (agent.address() as { port: number }).port;
});

afterAll(async () => {
  agent.closeAllConnections();
  await new Promise((resolve) => agent.close(resolve));
});

async function makeProxy(url = "") {
  const secret = newProxySecret();
  const row = await prisma().workspaceProxy.create({
    data: { name: `s-${randomBytes(4).toString("hex")}`, displayName: "SSRF test", url, tokenHashedSecret: secret.hashed, statusReason: "" },
  });
  return { id: row.id, token: secret.token(row.id) };
}

const row = (id: string) => prisma().workspaceProxy.findUniqueOrThrow({ where: { id } });

function register(token: string, accessUrl: string) {
  return call("POST /api/v2/workspaceproxies/me/register", {
    headers: { [PROXY_TOKEN_HEADER]: token },
    body: { access_url: accessUrl, version: "9.9.9", replica_id: "00000000-0000-4000-8000-00000000abcd", hostname: "agent-1" },
  });
}

/** Checks only the given proxies, so no test sweeps a row another test registered elsewhere. */
const sweep = (...ids: string[]) => sweepProxies({ ids, timeoutMs: 2_000, concurrency: 4 });

it("runs as production: loopback is not allowed", () => {
  expect(config()).toMatchObject({ MERIDIAN_DEMO: false, proxyLoopbackAllowed: false, MERIDIAN_PROXY_ALLOWED_NETWORKS: [] });
});

describe("registration", () => {
  it.each([
    ["http://127.0.0.1:4100", "loopback"],
    ["http://[::1]:4100/", "loopback"],
    ["http://0x7f.1:4100/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://10.0.0.5/", "private"],
    ["https://192.168.1.10:8443/p/eu", "private"],
    ["https://172.20.0.3/", "private"],
    ["http://100.64.0.1/", "private"],
    ["http://[fd00::5]/", "private"],
    ["http://[::ffff:10.0.0.1]/", "private"],
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://0.0.0.0:4100/", "special"],
    ["http://224.0.0.1/", "special"],
  ] as const)("refuses %s (%s) with a 400 naming access_url, storing nothing", async (accessUrl, refusal) => {
    const proxy = await makeProxy();
    const res = await register(proxy.token, accessUrl);
    expect(res.status).toBe(400);
    expect((await json(res)).validations).toEqual([{ field: "access_url", detail: `points to ${describeRefusal(refusal)}, which this deployment does not allow (MERIDIAN_PROXY_ALLOWED_NETWORKS)` }]);
    expect(await row(proxy.id)).toMatchObject({ url: "" });
    expect(await prisma().auditLog.count({ where: { resourceId: proxy.id } })).toBe(0);
  });

  it("tells the agent why in words, without repeating the address", async () => {
    const proxy = await makeProxy();
    const text = await (await register(proxy.token, "http://169.254.169.254/latest/meta-data/")).text();
    expect(JSON.parse(text)).toEqual({
      message: "Invalid body.",
      validations: [{ field: "access_url", detail: "points to a link-local address (such as the cloud metadata service), which this deployment does not allow (MERIDIAN_PROXY_ALLOWED_NETWORKS)" }],
    });
    expect(text).not.toContain("169.254");
  });

  it("refuses credentials in the URL, always, without echoing them", async () => {
    const proxy = await makeProxy();
    for (const accessUrl of ["https://admin:hunter2@eu.proxy.example.com/", "https://hunter2@eu.proxy.example.com/", "https://:hunter2@eu.proxy.example.com/"]) {
      const res = await register(proxy.token, accessUrl);
      expect(res.status, accessUrl).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text).validations).toEqual([{ field: "access_url", detail: "must not contain a user name or password" }]);
      expect(text).not.toContain("hunter2");
    }
    expect(await row(proxy.id)).toMatchObject({ url: "" });
  });

  it.each([
    ["file:///etc/passwd", "must be the http(s) URL users reach the proxy at"],
    ["gopher://eu.proxy.example.com:70/", "must be the http(s) URL users reach the proxy at"],
    ["https://eu.proxy.example.com/\u0000", STORABLE_TEXT_MESSAGE],
    ["https://eu.proxy.example.com/\ud800", STORABLE_TEXT_MESSAGE],
  ])("refuses %j, which is not an http(s) URL or cannot be stored, with a 400 naming access_url", async (accessUrl, detail) => {
    const proxy = await makeProxy();
    const res = await register(proxy.token, accessUrl);
    expect(res.status).toBe(400);
    expect((await json(res)).validations).toEqual([{ field: "access_url", detail }]);
    expect(await row(proxy.id)).toMatchObject({ url: "" });
  });

  it("accepts a public address and a host name, which is not resolved until it is checked", async () => {
    const proxy = await makeProxy();
    expect((await register(proxy.token, "https://8.8.8.8:4100/")).status).toBe(200);
    expect((await register(proxy.token, "https://eu.proxy.example.com/")).status).toBe(200);
    expect((await register(proxy.token, `http://localhost:${port}/`)).status).toBe(200);
    expect(await row(proxy.id)).toMatchObject({ url: `http://localhost:${port}/` });
  });
});

describe("the checker", () => {
  it("refuses a host name that resolves to loopback before connecting, and says so by category", async () => {
    const proxy = await makeProxy();
    expect((await register(proxy.token, `http://localhost:${port}/`)).status).toBe(200);
    const before = connections;
    await sweep(proxy.id);
    expect(await row(proxy.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.refusedDestination("loopback"), statusReport: null });
    expect(connections).toBe(before);
  });

  it("refuses a loopback address registered before the policy existed, in any spelling", async () => {
    const proxies = await Promise.all([`http://127.0.0.1:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://2130706433:${port}/`].map((url) => makeProxy(url)));
    const before = connections;
    await sweep(...proxies.map((p) => p.id));
    for (const proxy of proxies) expect(await row(proxy.id)).toMatchObject({ status: "unhealthy", statusReason: reasons.refusedDestination("loopback") });
    expect(connections).toBe(before);
  });

  it("neither calls nor shows a URL with credentials registered before they were refused", async () => {
    const proxy = await makeProxy(`http://user:hunter2@127.0.0.1:${port}/`);
    await prisma().workspaceProxy.update({ where: { id: proxy.id }, data: { status: "ok" } });
    const member = await makeUser("member");
    const regions = await call("GET /api/v2/regions", { headers: { authorization: `Bearer ${await member.token()}` } });
    const listed = (await json(regions)).regions.find((r: { id: string }) => r.id === proxy.id);
    expect(listed.path_app_url).toBe(`http://127.0.0.1:${port}/`);
    const before = connections;
    await sweep(proxy.id);
    const checked = await row(proxy.id);
    expect(checked).toMatchObject({ status: "unhealthy", statusReason: reasons.credentials() });
    expect(checked.statusReason).not.toContain("hunter2");
    expect(connections).toBe(before);
  });
});

describe("checking every address a name resolves to (DNS rebinding)", () => {
  const resolveTo =
    (...addresses: string[]): Resolver =>
    async (hostname) => {
      expect(hostname).toBe("proxy.internal.test"); // a made-up name: only this resolver knows it
      return addresses;
    };
  const url = () => `http://proxy.internal.test:${port}/`;
  const demo = createPolicy({ allowLoopback: true });

  it("connects to the address it checked (the made-up name has no other way to reach the listener)", async () => {
    const before = connections;
    const outcome = await checkProxy(url(), { timeoutMs: 2_000, policy: demo, resolve: resolveTo("127.0.0.1") });
    expect(outcome).toMatchObject({ status: "ok", reason: "" });
    expect(connections).toBe(before + 1);
  });

  // Only loopback addresses here, refused by the policy: were the check broken, the connection
  // would still land on the counting listener, never elsewhere. The categories of other addresses
  // are destination-policy.test.ts's business.
  it.each([[["127.0.0.1"]], [["::ffff:127.0.0.1"]], [["127.0.0.1", "::1"]]])("refuses %j under the production policy, sending nothing", async (addresses) => {
    const before = connections;
    const outcome = await checkProxy(url(), { timeoutMs: 2_000, policy: createPolicy(), resolve: resolveTo(...addresses) });
    expect(outcome).toEqual({ status: "unhealthy", reason: reasons.refusedDestination("loopback"), report: null, latencyMs: null });
    expect(connections).toBe(before);
  });

  it("refuses a name when any one of its addresses is refused, even if the first is allowed", async () => {
    const onlyOneHost = createPolicy({ allowedNetworks: [parseNetwork("127.0.0.1") as Network] });
    const before = connections;
    const outcome = await checkProxy(url(), { timeoutMs: 2_000, policy: onlyOneHost, resolve: resolveTo("127.0.0.1", "127.0.0.2") });
    expect(outcome.reason).toBe(reasons.refusedDestination("loopback"));
    expect(connections).toBe(before);
    expect(await checkProxy(url(), { timeoutMs: 2_000, policy: onlyOneHost, resolve: resolveTo("127.0.0.1") })).toMatchObject({ status: "ok" });
    expect(connections).toBe(before + 1);
  });

  it("calls a name that does not resolve a DNS failure", async () => {
    const outcome = await checkProxy(url(), { timeoutMs: 2_000, policy: demo, resolve: resolveTo() });
    expect(outcome).toMatchObject({ status: "unreachable", reason: reasons.dnsFailed("proxy.internal.test") });
  });
});
