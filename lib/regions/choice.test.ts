import { describe, expect, it } from "vitest";
import type { Region } from "@/lib/api/proxies";
import type { RegionLatency } from "@/lib/latency/measure";
import { chooseAutomatic, evaluateManual, fastest, HYSTERESIS, rankRegions, type Latencies } from "./choice";

const region = (name: string, healthy = true): Region => ({ id: `id-${name}`, name, display_name: name, icon_url: "", healthy, path_app_url: `http://${name}.test`, wildcard_hostname: "" });
const ms = (median: number): RegionLatency => ({ status: "measured", median_ms: median, min_ms: median, max_ms: median, jitter_ms: 0, samples: 5, accurate: true, protocol: "http/1.1", measured_at: 0 });
const unreachable: RegionLatency = { status: "unreachable", reason: "no answer within 4 s", measured_at: 0 };

const eu = region("eu");
const us = region("us");
const ap = region("ap");
const lat = (pairs: Record<string, RegionLatency | undefined>): Latencies => Object.fromEntries(Object.entries(pairs).map(([n, l]) => [`id-${n}`, l]));

describe("automatic choice", () => {
  it("picks the healthy region with the lowest median", () => {
    expect(chooseAutomatic([eu, us, ap], lat({ eu: ms(80), us: ms(20), ap: ms(160) }), null).region).toBe(us);
  });

  it("never picks an unhealthy, unreachable or unmeasured region", () => {
    const sick = region("us", false);
    expect(chooseAutomatic([eu, sick, ap], lat({ eu: ms(80), us: ms(5), ap: unreachable }), null).region).toBe(eu);
    expect(chooseAutomatic([eu, us], lat({}), null).region).toBeNull();
  });

  it("keeps the current region when another is faster by no more than the margin (no flapping)", () => {
    // us at 100 ms; eu at 91 ms is within max(5 ms, 10 %) = 10 ms: stay.
    expect(chooseAutomatic([eu, us], lat({ eu: ms(91), us: ms(100) }), us.id).region).toBe(us);
    // eu at 89 ms beats it by 11 ms: move.
    expect(chooseAutomatic([eu, us], lat({ eu: ms(89), us: ms(100) }), us.id).region).toBe(eu);
    // The 5 ms floor matters for fast regions: 4 ms vs 8 ms stays, 2 ms vs 8 ms moves.
    expect(chooseAutomatic([eu, us], lat({ eu: ms(4), us: ms(8) }), us.id).region).toBe(us);
    expect(chooseAutomatic([eu, us], lat({ eu: ms(2), us: ms(8) }), us.id).region).toBe(eu);
    expect(HYSTERESIS).toEqual({ minMs: 5, ratio: 0.1 });
  });

  it("keeps a healthy previous region while nothing is measured yet", () => {
    expect(chooseAutomatic([eu, us], lat({}), us.id)).toEqual({ region: us });
  });

  it("replaces the previous region when it turns unhealthy, unreachable or is deleted, and says which and why", () => {
    const sick = region("us", false);
    expect(chooseAutomatic([eu, sick], lat({ eu: ms(80), us: ms(20) }), sick.id)).toEqual({ region: eu, replaced: { id: sick.id, region: sick, problem: "unhealthy" } });
    expect(chooseAutomatic([eu, us], lat({ eu: ms(80), us: unreachable }), us.id).replaced?.problem).toBe("unreachable");
    expect(chooseAutomatic([eu], lat({ eu: ms(80) }), "id-gone")).toEqual({ region: eu, replaced: { id: "id-gone", region: null, problem: "gone" } });
  });
});

describe("manual choice", () => {
  it("keeps a usable choice and offers nothing", () => {
    expect(evaluateManual([eu, us], lat({ eu: ms(80), us: ms(20) }), eu.id)).toEqual({ region: eu, problem: null, alternative: null });
  });

  it("keeps an unusable choice but names the problem and the fastest other region", () => {
    const sick = region("eu", false);
    expect(evaluateManual([sick, us, ap], lat({ eu: ms(5), us: ms(30), ap: ms(20) }), sick.id)).toEqual({ region: sick, problem: "unhealthy", alternative: ap });
    expect(evaluateManual([us], lat({ us: ms(30) }), "id-gone")).toEqual({ region: null, problem: "gone", alternative: us });
  });
});

describe("fastest", () => {
  it("can leave one region out", () => {
    expect(fastest([eu, us], lat({ eu: ms(1), us: ms(2) }), eu.id)).toBe(us);
  });
});

describe("rankRegions", () => {
  it("puts usable regions by median first, then the rest by name", () => {
    const sick = region("aa", false);
    const quiet = region("zz");
    expect(rankRegions([quiet, sick, ap, eu, us], lat({ eu: ms(80), us: ms(20), ap: unreachable, aa: ms(1) })).map((r) => r.name)).toEqual(["us", "eu", "aa", "ap", "zz"]);
  });
});
