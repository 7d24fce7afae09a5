import { describe, expect, it } from "vitest";
import { latencyBand } from "./bands";
import { processingFromEntries, processingFromHeader, processingHeader } from "./server-timing";
import { summarize } from "./stats";
import { latencyCheckUrl } from "./measure";

describe("summarize", () => {
  it("gives median, min, max, jitter and count of samples in the order taken", () => {
    expect(summarize([20, 22, 21, 25, 20])).toEqual({ median_ms: 21, min_ms: 20, max_ms: 25, jitter_ms: 3, samples: 5 });
  });

  it("takes the mean of the middle two for an even count, and no jitter for one sample", () => {
    expect(summarize([10, 30, 20, 40]).median_ms).toBe(25);
    expect(summarize([7.123])).toEqual({ median_ms: 7.12, min_ms: 7.12, max_ms: 7.12, jitter_ms: 0, samples: 1 });
  });

  it("refuses no samples rather than inventing a number", () => {
    expect(() => summarize([])).toThrow(RangeError);
  });
});

describe("latency bands", () => {
  it("puts < 150 ms, 150–299 ms and ≥ 300 ms in three bands", () => {
    expect([0, 149.9, 150, 299.9, 300, 5000].map(latencyBand)).toEqual(["good", "good", "fair", "fair", "poor", "poor"]);
  });
});

describe("Server-Timing processing time", () => {
  it("round-trips through the header the endpoints send", () => {
    expect(processingHeader(0.1234)).toBe("processing;dur=0.123");
    expect(processingFromHeader(processingHeader(1.5))).toBe(1.5);
  });

  it("reads only the processing metric, among others and in any parameter order", () => {
    expect(processingFromHeader('cdn-cache;dur=40, processing;desc="agent";dur=0.25, db;dur=3')).toBe(0.25);
    expect(processingFromEntries([{ name: "cdn", duration: 40 }, { name: "processing", duration: 0.5 }])).toBe(0.5);
  });

  it("counts a missing, malformed or negative metric as zero", () => {
    for (const header of [null, "", "processing", "processing;dur=abc", "processing;dur=-4", "other;dur=9"]) expect(processingFromHeader(header)).toBe(0);
    expect(processingFromEntries(undefined)).toBe(0);
  });
});

describe("latencyCheckUrl", () => {
  it("appends /latency-check to the region's URL, with or without a path or trailing slash", () => {
    expect(latencyCheckUrl("https://eu.example.com", "n1")).toBe("https://eu.example.com/latency-check?nonce=n1");
    expect(latencyCheckUrl("https://eu.example.com/", "n1")).toBe("https://eu.example.com/latency-check?nonce=n1");
    expect(latencyCheckUrl("https://example.com/meridian/?x=1#y", "a b")).toBe("https://example.com/meridian/latency-check?nonce=a%20b");
  });
});
