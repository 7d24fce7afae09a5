// `GET /api/v2/events`: the bus, as Server-Sent Events, for one signed-in user. Each event names
// what changed; the browser refetches what it shows. A stream resuming with Last-Event-ID gets what
// it missed, or a "resync" when this replica cannot know (see EventBus.since). The stream checks
// its own credentials again whenever that user's sessions or role change (and every minute), and
// ends when they no longer hold.
import "server-only";
import type { EventType, MeridianEvent } from "@/lib/api/events";
import { roleAtLeast } from "../auth/access";
import { identify, type UserIdentity } from "../auth/identity";
import { bus, type ReceivedEvent } from "./bus";

export interface StreamOptions {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
  /** Credentials are checked again at least this often. */
  recheckMs?: number;
}

/** What the browser should wait before reconnecting after the stream drops. */
const RETRY_MS = 2_000;
/** A browser this far behind (bytes queued) is dropped; it reconnects and resyncs. */
const MAX_QUEUED_BYTES = 256 * 1024;

/** Types only admins hear of; the rest follow the rules in `visibleTo`. */
const ADMIN_ONLY: ReadonlySet<EventType> = new Set(["proxy_checks", "replica", "settings"]);
/** Types about one user, heard only by that user (and, for `user`, by admins, who list users). */
const PERSONAL: ReadonlySet<EventType> = new Set(["user", "user_region", "session_revoked"]);

/** Whether `identity` may hear of `event`: a member hears what changes the regions, entitlements and their own account. */
export function visibleTo(event: MeridianEvent, identity: UserIdentity): boolean {
  const admin = roleAtLeast(identity.user.role, "admin");
  if (ADMIN_ONLY.has(event.type)) return admin;
  if (PERSONAL.has(event.type)) return event.id === identity.user.id || (event.type === "user" && admin);
  return true;
}

const encoder = new TextEncoder();

function frame(event: ReceivedEvent): string {
  const data = JSON.stringify(event.id === undefined ? { type: event.type } : { type: event.type, id: event.id });
  return `${event.seq ? `id: ${event.seq}\n` : ""}data: ${data}\n\n`;
}

export function openEventStream(headers: Headers, signal: AbortSignal, identity: UserIdentity, options: StreamOptions = {}): Response {
  const { heartbeatMs = 15_000, recheckMs = 60_000 } = options;
  const events = bus();
  let current = identity;
  let close = () => {};

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const timers: NodeJS.Timeout[] = [];
        let unsubscribe = () => {};
        close = () => {
          if (closed) return;
          closed = true;
          unsubscribe();
          timers.forEach(clearInterval);
          signal.removeEventListener("abort", close);
          try {
            controller.close();
          } catch {
            // already cancelled by the client
          }
        };
        const write = (text: string) => {
          if (closed) return;
          if ((controller.desiredSize ?? 1) <= 0) return close();
          controller.enqueue(encoder.encode(text));
        };
        const send = (event: ReceivedEvent) => {
          if (visibleTo(event, current)) write(frame(event));
        };

        let rechecking = false;
        const recheck = async () => {
          if (rechecking || closed) return;
          rechecking = true;
          const now = await identify(headers).catch(() => undefined); // a database hiccup is not a revocation
          rechecking = false;
          if (now === undefined) return;
          if (!now || now.user.id !== identity.user.id) return close();
          current = now;
        };

        // Subscribed and replayed in one synchronous step, so no event falls between the two.
        // A stream that can no longer promise every event (the replica lost its LISTEN connection)
        // ends: the browser then says it is reconnecting, reads again, and polls until a stream is back.
        unsubscribe = events.subscribe((event) => {
          if ((event.type === "session_revoked" || event.type === "user") && event.id === identity.user.id) void recheck().then(() => send(event));
          else send(event);
        }, () => close());
        write(`retry: ${RETRY_MS}\n\n`);
        const lastId = headers.get("last-event-id");
        const missed = lastId ? events.since(lastId) : [];
        if (missed === null) send({ seq: events.latest() ?? "", type: "resync" });
        else {
          missed.forEach(send);
          // The handshake: "ready" on a fresh stream, so a browser that reconnected without an id knows to refetch.
          write(`event: ready\ndata: ${JSON.stringify({ resumed: lastId !== null })}\n\n`);
        }
        timers.push(setInterval(() => write(": heartbeat\n\n"), heartbeatMs));
        timers.push(setInterval(() => void recheck(), recheckMs));
        signal.addEventListener("abort", close);
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
  );

  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: Next's compression would otherwise buffer the stream.
      "cache-control": "no-cache, no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
