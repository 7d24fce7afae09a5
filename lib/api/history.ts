// The history endpoints' contract: `GET /api/v2/workspaceproxies/{id}/history` and
// `GET /api/v2/replicas/{id}/history`, both `?period=1h|24h|7d`. Samples are bucketed in SQL so a
// period is at most a few hundred points however busy the deployment; every bucket of the period
// is present (empty ones with zero counts and null latencies) so charts show gaps as gaps.
import { z } from "zod";
import { proxyStatusSchema } from "./proxies";

export const HISTORY_PERIODS = ["1h", "24h", "7d"] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];
export const DEFAULT_HISTORY_PERIOD: HistoryPeriod = "24h";

/**
 * Each period's length and bucket width: 120, 288 and 336 buckets (one more when the ends are
 * partial). A bucket holds at least two checks at the default 15 s health interval: narrower
 * ones would leave every other bucket empty and draw the timeline as a comb.
 */
export const PERIODS: Record<HistoryPeriod, { label: string; ms: number; bucketMs: number }> = {
  "1h": { label: "1 h", ms: 3_600_000, bucketMs: 30_000 },
  "24h": { label: "24 h", ms: 86_400_000, bucketMs: 300_000 },
  "7d": { label: "7 d", ms: 604_800_000, bucketMs: 1_800_000 },
};

export const historyPeriodSchema = z.enum(HISTORY_PERIODS, { error: `must be one of ${HISTORY_PERIODS.join(", ")}` });

export const historyQuerySchema = z.strictObject({ period: historyPeriodSchema.default(DEFAULT_HISTORY_PERIOD) });
export type HistoryQuery = z.input<typeof historyQuerySchema>;

/** A page's `?period=`: anything unknown (or repeated) falls back to the default rather than failing the page. */
export function periodFromSearch(value: string | string[] | undefined | null): HistoryPeriod {
  const parsed = historyPeriodSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_HISTORY_PERIOD;
}

const timestamp = z.iso.datetime({ offset: true });

const span = {
  period: historyPeriodSchema,
  from: timestamp,
  to: timestamp,
  bucket_seconds: z.number().int().positive(),
};

/** One bucket of health checks: how many ended in each status, and how long the answered ones took. */
export const proxyHistoryBucketSchema = z.object({
  at: timestamp,
  ok: z.number().int(),
  unhealthy: z.number().int(),
  unreachable: z.number().int(),
  unregistered: z.number().int(),
  latency_p50_ms: z.number().nullable(),
  latency_max_ms: z.number().nullable(),
});
export type ProxyHistoryBucket = z.infer<typeof proxyHistoryBucketSchema>;

export const statusChangeSchema = z.object({
  at: timestamp,
  from: proxyStatusSchema.nullable(),
  to: proxyStatusSchema,
  reason: z.string(),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** At most this many status changes are listed, newest first. */
export const MAX_STATUS_CHANGES = 200;

export const proxyHistoryResponseSchema = z.object({
  proxy: z.object({ id: z.uuid(), name: z.string(), display_name: z.string() }),
  ...span,
  buckets: z.array(proxyHistoryBucketSchema),
  changes: z.array(statusChangeSchema),
});
export type ProxyHistory = z.infer<typeof proxyHistoryResponseSchema>;

/** One bucket of latency samples; `errors` counts failed dials (peers only). */
export const latencyBucketSchema = z.object({
  at: timestamp,
  samples: z.number().int(),
  latency_p50_ms: z.number().nullable(),
  latency_max_ms: z.number().nullable(),
  errors: z.number().int(),
});
export type LatencyBucket = z.infer<typeof latencyBucketSchema>;

export const replicaHistoryResponseSchema = z.object({
  replica: z.object({ id: z.uuid(), hostname: z.string(), region: z.string() }),
  ...span,
  database: z.array(latencyBucketSchema),
  /** Every peer this replica measured in the period, by hostname. */
  peers: z.array(z.object({ replica_id: z.uuid(), hostname: z.string(), buckets: z.array(latencyBucketSchema) })),
});
export type ReplicaHistory = z.infer<typeof replicaHistoryResponseSchema>;
