// Latency measurement against real HTTP servers: the proxy agent's own HTTP server (with its
// simulated distance), the primary's latency check as the launcher answers it, and servers that
// misbehave. The Node probe is the one `meridian regions` uses; the browser's is exercised by the
// e2e specs and `npm run bench:latency`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeProbeConnections, nodeProbe } from "@/cli/latency-probe";
import { measureLatency } from "@/lib/latency/measure";
import { processingFromHeader } from "@/lib/latency/server-timing";
import { answerLatencyCheck } from "@/server/http/latency-check";
import { createAgentServer } from "@/server/proxy-agent/http";

const servers: Server[] = [];
afterEach(() => closeProbeConnections());
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve))))));

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function plain(handler: (req: IncomingMessage, res: ServerResponse) => void, seen: string[] = []) {
  return listen(
    createServer((req, res) => {
      seen.push(req.url ?? "");
      handler(req, res);
    }),
  );
}

const agent = (simulatedLatencyMs: number) => listen(createAgentServer({ report: () => ({ errors: [], warnings: [] }), simulatedLatencyMs }));

describe("measuring a real agent", () => {
  it("reads at least the simulated distance, and the agent does not announce the hold as processing", async () => {
    const url = await agent(200);
    const res = await fetch(`${url}/latency-check?nonce=x`);
    const announced = processingFromHeader(res.headers.get("server-timing"));
    expect(res.headers.get("server-timing")).toMatch(/^processing;dur=\d+\.\d{3}$/);
    expect(announced).toBeLessThan(200);
    const latency = await measureLatency(url, { probe: nodeProbe, samples: 3 });
    expect(latency).toMatchObject({ status: "measured", samples: 3, accurate: true, protocol: "http/1.1" });
    if (latency.status === "measured") expect(latency.min_ms).toBeGreaterThanOrEqual(199);
  });

  it("warms the connection up once, then takes the samples, each with its own cache-busting URL", async () => {
    const seen: string[] = [];
    const url = await plain((req, res) => answerLatencyCheck(req, res), seen);
    const progress: number[] = [];
    const latency = await measureLatency(`${url}/`, { probe: nodeProbe, samples: 4, onSample: (taken) => progress.push(taken) });
    expect(latency.status).toBe("measured");
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    for (const path of seen) expect(path).toMatch(/^\/latency-check\?nonce=[\w-]+$/);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it("paces the samples of a fast region 100 ms apart", async () => {
    const url = await plain((req, res) => answerLatencyCheck(req, res));
    const started = performance.now();
    await measureLatency(url, { probe: nodeProbe, samples: 4 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300); // three gaps; a lower bound only
  });

  it("sends each counted sample only once the page says so, never the warm-up, and ends each sample's turn when it is in", async () => {
    const seen: string[] = [];
    const url = await plain((req, res) => answerLatencyCheck(req, res), seen);
    let release = () => {};
    let waits = 0;
    let turnsEnded = 0;
    const previous: number[] = [];
    const beforeSample = (previousMs: number) => {
      waits++;
      previous.push(previousMs);
      return new Promise<() => void>((resolve) => (release = () => resolve(() => turnsEnded++)));
    };
    const measuring = measureLatency(url, { probe: nodeProbe, samples: 2, intervalMs: 0, beforeSample });
    await expect.poll(() => waits).toBe(1);
    expect(seen).toHaveLength(1); // the warm-up went out; the first sample waits for the idle moment
    release();
    await expect.poll(() => waits).toBe(2);
    expect(seen).toHaveLength(2);
    expect(turnsEnded).toBe(1); // the first sample's turn ended once it was in
    release();
    expect(await measuring).toMatchObject({ status: "measured", samples: 2 });
    expect(seen).toHaveLength(3);
    expect(turnsEnded).toBe(2);
    // Each wait is told the round trip before it: the warm-up's, then the first sample's.
    expect(previous).toHaveLength(2);
    for (const ms of previous) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it("subtracts the processing time the endpoint announces", async () => {
    // This one claims it spent 10 s on every answer: everything is subtracted, nothing negative is left.
    const url = await plain((_req, res) => {
      res.writeHead(200, { "server-timing": "processing;dur=10000" });
      res.end("OK");
    });
    const latency = await measureLatency(url, { probe: nodeProbe, samples: 3 });
    expect(latency).toMatchObject({ status: "measured", median_ms: 0, max_ms: 0 });
  });
});

describe("a region that does not answer", () => {
  it("is unreachable when nothing listens", async () => {
    const url = await plain(() => {});
    const port = new URL(url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const latency = await measureLatency(`http://127.0.0.1:${port}`, { probe: nodeProbe, timeoutMs: 2_000 });
    expect(latency).toMatchObject({ status: "unreachable", reason: expect.stringMatching(/^request failed: .*ECONNREFUSED/) });
  });

  it("is unreachable when it holds the request past the timeout", async () => {
    const url = await plain(() => {});
    expect(await measureLatency(url, { probe: nodeProbe, timeoutMs: 300 })).toMatchObject({ status: "unreachable", reason: "no answer within 0.3 s" });
  });

  it("is unreachable when it answers with an error", async () => {
    const url = await plain((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    expect(await measureLatency(url, { probe: nodeProbe })).toMatchObject({ status: "unreachable", reason: "request failed: HTTP 404" });
  });
});

describe("the primary's /latency-check", () => {
  it("answers any origin without credentials, exposes its timing and is never cached", async () => {
    const url = await plain((req, res) => answerLatencyCheck(req, res));
    const res = await fetch(`${url}/latency-check?nonce=1`, { headers: { origin: "https://elsewhere.example.com" } });
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "Server-Timing",
      "timing-allow-origin": "*",
      "cache-control": "no-store",
      "server-timing": expect.stringMatching(/^processing;dur=/),
    });
    expect(res.headers.has("access-control-allow-credentials")).toBe(false);
    const preflight = await fetch(`${url}/latency-check`, { method: "OPTIONS", headers: { origin: "https://elsewhere.example.com", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(204);
    expect((await fetch(`${url}/latency-check`, { method: "POST" })).status).toBe(405);
  });
});
