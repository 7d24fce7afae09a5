import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { earlyWarmupRegions, earlyWarmupScript } from "./early-warmup";
import { MAX_CONCURRENT_MEASUREMENTS } from "./slots";

describe("earlyWarmupScript", () => {
  it("sends one credential-free, uncached warm-up per region, keeps its promise by region URL and lists the regions", () => {
    const calls: { url: string; init: Record<string, unknown> }[] = [];
    const window: Record<string, unknown> = {};
    const regions = [
      { id: "eu", path_app_url: "https://eu.example.com" },
      { id: "us", path_app_url: "https://us.example.com/base/" },
    ];
    runInNewContext(earlyWarmupScript(regions), {
      window,
      performance: { now: () => 1 },
      fetch: (url: string, init: Record<string, unknown>) => {
        calls.push({ url, init });
        return new Promise(() => {});
      },
    });
    expect(calls.map((c) => c.url)).toEqual(["https://eu.example.com/latency-check?nonce=early", "https://us.example.com/base/latency-check?nonce=early"]);
    for (const { init } of calls) expect(init).toMatchObject({ mode: "cors", credentials: "omit", cache: "no-store", redirect: "error" });
    expect(Object.keys(window.__meridianWarmups as object)).toEqual(["https://eu.example.com", "https://us.example.com/base/"]);
    expect(window.__meridianWarmupRegions).toEqual(regions);
  });

  it("cannot be broken out of by a hostile region URL", () => {
    const hostile = "https://x.example.com/</script><script>alert(1)</script>\u2028";
    const script = earlyWarmupScript([
      { id: "x</script>", path_app_url: hostile },
      { id: "y", path_app_url: "not a url" },
    ]);
    expect(script).not.toMatch(/<\/script|<script/i);
    expect(script).not.toContain("\u2028");
    const window: Record<string, Record<string, unknown>> = {};
    runInNewContext(script, { window, performance: { now: () => 1 }, fetch: () => new Promise(() => {}) });
    expect(Object.keys(window.__meridianWarmups)).toEqual([hostile]);
  });
});

describe("earlyWarmupRegions", () => {
  it("warms no more regions than are measured at once, healthy ones first, none without a URL", () => {
    const regions = [
      { id: "primary", path_app_url: "http://127.0.0.1:3000", healthy: true },
      { id: "none", path_app_url: "", healthy: false },
      ...Array.from({ length: 40 }, (_, i) => ({ id: `p${i}`, path_app_url: `http://127.0.0.${i + 2}:3000`, healthy: i >= 30 })),
    ];
    const urls = earlyWarmupRegions(regions).map((r) => r.path_app_url);
    expect(urls).toHaveLength(MAX_CONCURRENT_MEASUREMENTS);
    expect(urls.slice(0, 11)).toEqual(["http://127.0.0.1:3000", ...Array.from({ length: 10 }, (_, i) => `http://127.0.0.${i + 32}:3000`)]);
  });
});
