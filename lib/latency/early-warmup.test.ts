import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { earlyWarmupScript, earlyWarmupUrls } from "./early-warmup";
import { MAX_CONCURRENT_MEASUREMENTS } from "./slots";

describe("earlyWarmupScript", () => {
  it("sends one credential-free, uncached warm-up per region and keeps its promise by region URL", () => {
    const calls: { url: string; init: Record<string, unknown> }[] = [];
    const window: Record<string, unknown> = {};
    runInNewContext(earlyWarmupScript(["https://eu.example.com", "https://us.example.com/base/"]), {
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
  });

  it("cannot be broken out of by a hostile region URL", () => {
    const hostile = "https://x.example.com/</script><script>alert(1)</script>\u2028";
    const script = earlyWarmupScript([hostile, "not a url"]);
    expect(script).not.toMatch(/<\/script|<script/i);
    expect(script).not.toContain("\u2028");
    const window: Record<string, Record<string, unknown>> = {};
    runInNewContext(script, { window, performance: { now: () => 1 }, fetch: () => new Promise(() => {}) });
    expect(Object.keys(window.__meridianWarmups)).toEqual([hostile]);
  });
});

describe("earlyWarmupUrls", () => {
  it("warms no more regions than are measured at once, healthy ones first, none without a URL", () => {
    const regions = [
      { path_app_url: "http://127.0.0.1:3000", healthy: true },
      { path_app_url: "", healthy: false },
      ...Array.from({ length: 40 }, (_, i) => ({ path_app_url: `http://127.0.0.${i + 2}:3000`, healthy: i >= 30 })),
    ];
    const urls = earlyWarmupUrls(regions);
    expect(urls).toHaveLength(MAX_CONCURRENT_MEASUREMENTS);
    expect(urls.slice(0, 11)).toEqual(["http://127.0.0.1:3000", ...Array.from({ length: 10 }, (_, i) => `http://127.0.0.${i + 32}:3000`)]);
  });
});
