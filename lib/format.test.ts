import { describe, expect, it } from "vitest";
import { formatDuration, formatLatencyMs, formatLatencyUs, formatRelative, formatTimestamp, formatCount } from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [45_000, "45s"],
    [60_000, "1m"],
    [12 * 60_000 + 5_000, "12m 5s"],
    [3 * 3_600_000, "3h"],
    [3 * 3_600_000 + 12 * 60_000 + 59_000, "3h 12m"],
    [2 * 86_400_000 + 4 * 3_600_000, "2d 4h"],
    [5 * 86_400_000 + 59 * 60_000, "5d"],
    [-5_000, "0s"],
  ])("%i ms is %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("formatCount", () => {
  it("says one thing in the singular and any other number in the plural, with thousands separated", () => {
    expect(formatCount(1, "account")).toBe("1 account");
    expect(formatCount(0, "account")).toBe("0 accounts");
    expect(formatCount(2000, "proxy", "proxies")).toBe("2,000 proxies");
  });
});

describe("formatLatencyMs", () => {
  it.each([
    [0, "0 ms"],
    [0.042, "0.04 ms"],
    [0.4, "0.4 ms"],
    [0.45, "0.5 ms"],
    [1, "1 ms"],
    [9.94, "9.9 ms"],
    [12.4, "12 ms"],
    [999.4, "999 ms"],
    [1_500, "1.5 s"],
    [2_000, "2 s"],
    [-1, "—"],
    [Number.NaN, "—"],
  ])("%d ms is %s", (ms, text) => expect(formatLatencyMs(ms)).toBe(text));

  it("takes microseconds for database latency", () => {
    expect(formatLatencyUs(412)).toBe("0.4 ms");
    expect(formatLatencyUs(15_300)).toBe("15 ms");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-01-01T12:00:00Z");
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it.each([
    [0, "just now"],
    [999, "just now"],
    [12_000, "12 s ago"],
    [59_999, "59 s ago"],
    [3 * 60_000, "3 min ago"],
    [2 * 3_600_000 + 1, "2 h ago"],
    [4 * 86_400_000, "4 d ago"],
  ])("%i ms ago is %s", (ms, text) => expect(formatRelative(ago(ms), now)).toBe(text));

  it("treats a time in the future (clock skew) as just now", () => {
    expect(formatRelative(now + 3_000, now)).toBe("just now");
  });
  it("accepts epoch milliseconds and dates", () => {
    expect(formatRelative(now - 5_000, now)).toBe("5 s ago");
    expect(formatRelative(new Date(now - 5_000), now)).toBe("5 s ago");
  });
  it("says nothing misleading about an unparseable time", () => {
    expect(formatRelative("yesterday-ish", now)).toBe("—");
  });
});

describe("formatTimestamp", () => {
  it("prints UTC to the second", () => {
    expect(formatTimestamp("2026-01-01T12:34:56.789+02:00")).toBe("2026-01-01 10:34:56 UTC");
  });
});
