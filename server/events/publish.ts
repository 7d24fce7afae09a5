// Publishing an event: one NOTIFY on `meridian_events`, received by every replica's listener
// (server/events/listener.ts), which refreshes its caches and relays the event to browsers.
// Payloads stay small (type + id); ids come from one sequence so they are global across replicas.
import "server-only";
import type pg from "pg";
import type { EventType } from "@/lib/api/events";
import { db } from "../db";
import { logger } from "../log";
import { bus } from "./bus";

/** The channel every replica LISTENs on. */
export const EVENTS_CHANNEL = "meridian_events";

export interface EventToPublish {
  type: EventType;
  /** The resource that changed, when there is one. */
  id?: string;
}

/**
 * Publishes events after a write. This process's caches are invalidated at once, so the writer's
 * own next read never sees old data; other replicas' when the NOTIFY reaches them.
 *
 * Inside a transaction pass its client: Postgres delivers the notifications at COMMIT and drops
 * them on ROLLBACK, so nobody hears of a change that did not happen. This process then learns of
 * it like every other replica, when the NOTIFY arrives (touching the caches before COMMIT would
 * let a concurrent read cache the old rows as new).
 */
export async function publish(events: EventToPublish | EventToPublish[], transaction?: Pick<pg.PoolClient, "query">): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (!list.length) return;
  try {
    await (transaction ?? db().pool).query(
      `SELECT pg_notify($1, json_build_object('seq', nextval('meridian_event_seq'), 'type', t, 'id', i)::text)
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS e(t, i, n) ORDER BY n`,
      [EVENTS_CHANNEL, list.map((e) => e.type), list.map((e) => e.id ?? null)],
    );
  } finally {
    // Even if the NOTIFY failed (the write itself is done), this process must not serve the old value.
    if (!transaction) for (const e of list) bus().touch([e.type], e.id);
  }
}

/** Publishes after a write that already happened: a failure is logged, not the caller's error. */
export async function publishAfterWrite(events: EventToPublish | EventToPublish[]): Promise<void> {
  await publish(events).catch((err) => logger().error(`publishing ${JSON.stringify(events)} failed: ${(err as Error).message}`));
}
