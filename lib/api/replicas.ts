import { z } from "zod";

/** A replica not seen for this long is stale (three missed 5 s heartbeats). */
export const REPLICA_STALE_AFTER_MS = 15_000;

export const replicaStatusSchema = z.enum(["live", "stale", "stopped"]);
export type ReplicaStatus = z.infer<typeof replicaStatusSchema>;

export const peerLatencySchema = z.object({
  replica_id: z.uuid(),
  hostname: z.string(),
  latency_ms: z.number().nullable(),
  error: z.string().nullable(),
  measured_at: z.iso.datetime({ offset: true }),
});
export type PeerLatency = z.infer<typeof peerLatencySchema>;

export const replicaSchema = z.object({
  id: z.uuid(),
  hostname: z.string(),
  region: z.string(),
  relay_address: z.string(),
  version: z.string(),
  database_latency_us: z.number().int(),
  error: z.string(),
  primary: z.boolean(),
  status: replicaStatusSchema,
  /** True for the replica that answered this request. */
  is_self: z.boolean(),
  started_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
  stopped_at: z.iso.datetime({ offset: true }).nullable(),
  peers: z.array(peerLatencySchema),
});
export type Replica = z.infer<typeof replicaSchema>;

export const replicasResponseSchema = z.array(replicaSchema);

/** A replica's status from its last heartbeat and shutdown mark. */
export function replicaStatus(r: { updated_at: string; stopped_at: string | null }, now = Date.now()): ReplicaStatus {
  if (r.stopped_at) return "stopped";
  return now - Date.parse(r.updated_at) > REPLICA_STALE_AFTER_MS ? "stale" : "live";
}
