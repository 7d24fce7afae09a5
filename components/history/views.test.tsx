// Renders the detail views to HTML as the server does and checks what a reader would see: the
// header, the charts' words and tables (the drawings need a browser: e2e/history.spec.ts), the
// status log, and the loading, empty and error states.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PERIODS, type ProxyHistory, type ReplicaHistory } from "@/lib/api/history";
import { ApiRequestError } from "@/lib/query/fetch";
import { NOW, ago, proxy, replica, text } from "@/components/overview/test-fixtures";
import { axisTicks, bucketLabel, latencyRange, proxyLatencyRows, replicaRows, statusSummary, tickLabel } from "./chart-data";
import { ProxyHistoryView } from "./proxy-history-view";
import { ReplicaHistoryView } from "./replica-history-view";

const PROXY_ID = "22222222-2222-4222-8222-222222222222";
const REPLICA_ID = "11111111-1111-4111-8111-111111111111";
const PEER_ID = "33333333-3333-4333-8333-333333333333";
const loaded = <T,>(data: T) => ({ data, error: null, isFetching: false, refetch: () => {} });
const loading = { data: undefined, error: null, isFetching: true, refetch: () => {} };
const failed = { data: undefined, error: new ApiRequestError(503, "The database is unreachable."), isFetching: false, refetch: () => {} };

/** The hour before NOW in 30 s buckets, with `fill` giving some of them checks. */
function proxyHistory(fill: (i: number) => Partial<ProxyHistory["buckets"][number]> = () => ({}), changes: ProxyHistory["changes"] = []): ProxyHistory {
  const { ms, bucketMs } = PERIODS["1h"];
  return {
    proxy: { id: PROXY_ID, name: "demo-frankfurt", display_name: "Frankfurt (demo)" },
    period: "1h",
    from: ago(ms),
    to: ago(0),
    bucket_seconds: bucketMs / 1000,
    buckets: Array.from({ length: ms / bucketMs + 1 }, (_, i) => ({ at: ago(ms - i * bucketMs), ok: 0, unhealthy: 0, unreachable: 0, unregistered: 0, latency_p50_ms: null, latency_max_ms: null, ...fill(i) })),
    changes,
  };
}

describe("ProxyHistoryView", () => {
  const history = proxyHistory(
    (i) => (i === 10 ? { ok: 2, latency_p50_ms: 12, latency_max_ms: 30 } : i === 11 ? { ok: 1, unreachable: 1, latency_p50_ms: 14, latency_max_ms: 14 } : i === 12 ? { unreachable: 2 } : {}),
    [{ at: ago(54 * 60_000), from: "ok", to: "unreachable", reason: "The primary could not connect: `ECONNREFUSED`." }],
  );
  const live = proxy({ status: { status: "unreachable", reason: "Connection refused.", report: { errors: [], warnings: [] }, checked_at: ago(5_000) }, version: "1.4.0" });

  it("heads the page with the proxy's status, reason, version and last check, and the period links", () => {
    const html = renderToStaticMarkup(<ProxyHistoryView id={PROXY_ID} period="1h" proxy={live} history={loaded(history)} now={NOW} />);
    const t = text(html);
    expect(html).toMatch(/<h1[^>]*>Frankfurt \(demo\)<\/h1>/);
    expect(t).toContain("unreachable");
    expect(t).toContain("Reason Connection refused.");
    expect(t).toContain("Version 1.4.0");
    expect(t).toContain("Last check 5 s ago");
    expect(html).toContain(`href="/proxies/${PROXY_ID}?period=24h"`);
    expect(html).toMatch(/aria-current="page"[^>]*>.*Last.*1 h/);
  });

  it("says what the charts show in words and as tables, and lists the status changes", () => {
    const t = text(renderToStaticMarkup(<ProxyHistoryView id={PROXY_ID} period="1h" proxy={live} history={loaded(history)} now={NOW} />));
    expect(t).toContain("6 checks: 3 ok, 3 unreachable. Each bar is one of 121 30 s buckets");
    expect(t).toContain("check took: median 12 ms to 14 ms per bucket, highest 30 ms (30 s buckets)");
    expect(t).toContain(`${bucketLabel(Date.parse(history.buckets[12].at), "1h")} no answer no answer`);
    expect(t).toContain("Status as a table");
    expect(t).toMatch(/54 min ago .* ok → to unreachable Reason The primary could not connect: ECONNREFUSED/);
  });

  it("shows an empty state without samples, a skeleton while loading, and the API's error with a retry", () => {
    expect(text(renderToStaticMarkup(<ProxyHistoryView id={PROXY_ID} period="1h" proxy={live} history={loaded(proxyHistory())} now={NOW} />))).toContain("No samples in this period yet");
    expect(renderToStaticMarkup(<ProxyHistoryView id={PROXY_ID} period="24h" proxy={undefined} history={loading} now={NOW} />)).toContain('aria-label="Loading history"');
    const t = text(renderToStaticMarkup(<ProxyHistoryView id={PROXY_ID} period="7d" proxy={undefined} history={failed} now={NOW} />));
    expect(t).toContain("Couldn't load the history The database is unreachable. Retry");
  });
});

describe("ReplicaHistoryView", () => {
  const bucket = (over = {}) => ({ at: ago(60_000), samples: 0, latency_p50_ms: null, latency_max_ms: null, errors: 0, ...over });
  const history: ReplicaHistory = {
    replica: { id: REPLICA_ID, hostname: "cp-1", region: "primary" },
    period: "24h",
    from: ago(PERIODS["24h"].ms),
    to: ago(0),
    bucket_seconds: 300,
    database: [bucket({ at: ago(600_000) }), bucket({ samples: 60, latency_p50_ms: 0.4, latency_max_ms: 2 })],
    peers: [{ replica_id: PEER_ID, hostname: "cp-2", buckets: [bucket({ at: ago(600_000) }), bucket({ samples: 60, latency_p50_ms: 0.9, latency_max_ms: 3, errors: 2 })] }],
  };

  it("draws the database and each peer's latency, with words and tables", () => {
    const html = renderToStaticMarkup(<ReplicaHistoryView id={REPLICA_ID} period="24h" replica={replica({ is_self: true })} history={loaded(history)} now={NOW} />);
    const t = text(html);
    expect(html).toMatch(/<h1[^>]*>cp-1<\/h1>/);
    expect(t).toContain("Database latency 0.4 ms");
    expect(t).toContain("SELECT 1 from this replica: median 0.4 ms per bucket, highest 2 ms (5 min buckets)");
    expect(t).toContain("cp-2: median 0.9 ms per bucket, highest 3 ms, 2 failed dials");
    expect(t).toContain(`${bucketLabel(Date.parse(history.database[1].at), "24h")} 0.9 ms (2 errors)`);
    expect(html).toContain(`href="/replicas/${REPLICA_ID}?period=7d"`);
  });

  it("shows an empty state for a replica without samples", () => {
    const empty = { ...history, database: [bucket()], peers: [] };
    expect(text(renderToStaticMarkup(<ReplicaHistoryView id={REPLICA_ID} period="24h" replica={undefined} history={loaded(empty)} now={NOW} />))).toContain("No samples in this period yet");
  });
});

describe("chart data", () => {
  it("labels ticks by time of day, or by date over a week, in UTC", () => {
    const t = Date.parse("2026-03-01T09:05:30Z");
    expect(tickLabel(t, "24h")).toBe("09:05");
    expect(tickLabel(t, "7d")).toBe("03-01");
    expect(bucketLabel(t, "1h")).toBe("2026-03-01 09:05:30 UTC");
    expect(bucketLabel(t, "24h")).toBe("2026-03-01 09:05 UTC");
    expect(axisTicks([t - 3_600_000, t], "1h").map((x) => tickLabel(x, "1h"))).toEqual(["08:10", "08:20", "08:30", "08:40", "08:50", "09:00"]);
    expect(axisTicks([t - 7 * 86_400_000, t], "7d").map((x) => tickLabel(x, "7d"))).toEqual(["02-23", "02-24", "02-25", "02-26", "02-27", "02-28", "03-01"]);
  });

  it("leaves buckets without checks out of the latency line but keeps unanswered checks as gaps", () => {
    const h = proxyHistory((i) => (i === 1 ? { ok: 1, latency_p50_ms: 5, latency_max_ms: 5 } : i === 2 ? { unreachable: 1 } : {}));
    expect(proxyLatencyRows(h).map((r) => r.p50)).toEqual([5, null]);
    expect(statusSummary(h)).toBe("2 checks: 1 ok, 1 unreachable.");
    expect(latencyRange([])).toBeNull();
  });

  it("puts each peer's median beside the database's, by replica id", () => {
    const h: ReplicaHistory = {
      replica: { id: REPLICA_ID, hostname: "cp-1", region: "primary" },
      period: "1h",
      from: ago(3_600_000),
      to: ago(0),
      bucket_seconds: 30,
      database: [{ at: ago(0), samples: 6, latency_p50_ms: 0.5, latency_max_ms: 1, errors: 0 }],
      peers: [{ replica_id: PEER_ID, hostname: "cp-2", buckets: [{ at: ago(0), samples: 6, latency_p50_ms: 2, latency_max_ms: 3, errors: 0 }] }],
    };
    expect(replicaRows(h)).toEqual([{ t: NOW, p50: 0.5, max: 1, [PEER_ID]: 2 }]);
  });
});
