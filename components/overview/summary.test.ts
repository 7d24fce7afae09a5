import { describe, expect, it } from "vitest";
import { proxy, replica } from "./test-fixtures";
import { summarize } from "./summary";

describe("summarize", () => {
  it("counts replicas by status and finds the slowest database among live ones", () => {
    const s = summarize(
      [
        replica({ hostname: "a", database_latency_us: 300 }),
        replica({ hostname: "b", status: "stale", database_latency_us: 900 }),
        replica({ hostname: "c", status: "stopped", database_latency_us: 50_000, stopped_at: "2026-03-01T11:00:00Z" }),
      ],
      [],
    );
    expect(s.replicas).toEqual({ live: 1, stale: 1, stopped: 1, total: 3 });
    expect(s.worstDatabase).toEqual({ hostname: "a", latencyUs: 300 });
  });

  it("counts proxies by status and demo rows", () => {
    const s = summarize([], [proxy(), proxy({ demo: false, status: { ...proxy().status, status: "ok" } }), proxy({ status: { ...proxy().status, status: "unreachable" } })]);
    expect(s.proxies).toMatchObject({ healthy: 1, total: 3, demo: 2, byStatus: { ok: 1, unhealthy: 0, unreachable: 1, unregistered: 1 } });
  });

  it("counts peer links of live replicas that answered and that failed", () => {
    const peer = { replica_id: "33333333-3333-4333-8333-333333333333", hostname: "p", measured_at: "2026-03-01T12:00:00Z" };
    const links = [{ ...peer, latency_ms: 0.3, error: null }, { ...peer, latency_ms: null, error: "dial: ECONNREFUSED" }];
    const s = summarize([replica({ peers: links }), replica({ status: "stale", peers: links })], undefined);
    expect(s.peers).toEqual({ ok: 1, failing: 1 });
  });

  it("has nothing to report before data arrives", () => {
    const s = summarize(undefined, undefined);
    expect(s.worstDatabase).toBeNull();
    expect(s.replicas.total).toBe(0);
  });
});
