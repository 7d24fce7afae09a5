// The events the server streams to browsers (`GET /api/v2/events`, Server-Sent Events). Each one
// names what changed, never the change itself: the browser refetches what it may read.
import { z } from "zod";

export const EVENT_TYPES = [
  /** A proxy was created, edited, deleted, registered or deregistered (id: the proxy). */
  "proxy",
  /** A proxy's status changed (id: the proxy). */
  "proxy_status",
  /** A batch of health checks was written without status changes (last-check times moved). */
  "proxy_checks",
  /** A replica started, beat, or stopped (id: the replica). */
  "replica",
  /** A license was uploaded or removed: entitlements changed. */
  "license",
  /** An admin setting changed (id: which one, e.g. "embed_origins", "health"). */
  "settings",
  /** A user was created or changed (id: the user; their role or suspension may have moved). */
  "user",
  /** A user's preferred region changed (id: the user). */
  "user_region",
  /** A user's sessions or tokens were revoked (id: the user). */
  "session_revoked",
  /**
   * Sent by the server only: events may have been missed (the stream resumed after a gap, or the
   * replica's own LISTEN connection dropped). The browser refetches everything it shows.
   */
  "resync",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const meridianEventSchema = z.object({
  type: z.enum(EVENT_TYPES),
  id: z.string().optional(),
});

export type MeridianEvent = z.infer<typeof meridianEventSchema>;
