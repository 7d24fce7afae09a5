"use client";
// The browser's end of the event stream (`GET /api/v2/events`): one connection per page, each
// event turned into TanStack Query invalidations. While the stream is down the page says so and
// the lists it shows fall back to a slow poll (useFallbackRefetch); nothing polls while it is up.
import { EventSource } from "eventsource";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { meridianEventSchema } from "@/lib/api/events";
import { staleKeys } from "@/lib/query/events";

export type LiveState = "connecting" | "live" | "reconnecting";

/** How often lists are read again while the stream is down. */
export const FALLBACK_REFETCH_MS = 30_000;
/** Events arriving together (a sweep, a burst of heartbeats) make one refetch per query. */
const COALESCE_MS = 300;
/** After the server refused the stream (a 503 during an outage), try again this late. */
const REOPEN_MS = 5_000;

const LiveContext = createContext<LiveState>("connecting");

export function useLiveState(): LiveState {
  return useContext(LiveContext);
}

/** `refetchInterval` for a query the stream keeps fresh: none while live, a slow poll otherwise. */
export function useFallbackRefetch(): number | false {
  return useLiveState() === "live" ? false : FALLBACK_REFETCH_MS;
}

/**
 * `token`: the embed token, where cookies cannot go (the stream then carries it as a bearer credential).
 * `since`: the event position the server took before reading this page's data: the first stream
 * resumes from it, so a change made between the render and the stream opening is not missed.
 */
export function LiveUpdates({ token, since, children }: { token?: string; since?: string; children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>("connecting");
  // The position of the first render only: a later render of the layout must not reopen the stream.
  const [renderedAt] = useState(since);

  useEffect(() => {
    let source: EventSource | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let flush: ReturnType<typeof setTimeout> | undefined;
    let pending = new Map<string, readonly unknown[]>();
    let everything = false;
    /** Whether a stream has been up before: a fresh one after that means events may have been missed. */
    let wasLive = false;
    /** Whether the current stream is up (an error then is a drop, not another failed attempt). */
    let live = false;

    const schedule = () => {
      flush ??= setTimeout(() => {
        flush = undefined;
        if (everything) void client.invalidateQueries();
        else for (const queryKey of pending.values()) void client.invalidateQueries({ queryKey });
        pending = new Map();
        everything = false;
      }, COALESCE_MS);
    };
    const stale = (keys: ReturnType<typeof staleKeys>) => {
      if (keys === "all") everything = true;
      else for (const key of keys) pending.set(JSON.stringify(key), key);
      schedule();
    };

    /** The last event id seen (the render's position until the first event): a new stream resumes from it. */
    let lastId = renderedAt;
    const open = () => {
      const streamFetch: typeof fetch = (input, init) => {
        const headers = new Headers(init?.headers);
        if (token) headers.set("authorization", `Bearer ${token}`);
        // The library sends the last id it saw itself; before it has seen one, this page's own.
        if (lastId && !headers.has("last-event-id")) headers.set("last-event-id", lastId);
        return fetch(input, { ...init, headers });
      };
      source = new EventSource("/api/v2/events", { fetch: streamFetch });
      source.addEventListener("ready", (e) => {
        const resumed = (JSON.parse(e.data) as { resumed?: boolean }).resumed === true;
        if (wasLive && !resumed) stale("all");
        wasLive = live = true;
        setState("live");
      });
      source.addEventListener("message", (e) => {
        if (e.lastEventId) lastId = e.lastEventId;
        const event = meridianEventSchema.safeParse(JSON.parse(e.data));
        if (!event.success) return; // a newer server's event this page does not know
        if (event.data.type === "resync") {
          wasLive = live = true;
          setState("live");
        }
        stale(staleKeys(event.data));
      });
      source.addEventListener("error", () => {
        if (!source) return;
        // The stream that kept this page fresh is gone: read everything once now (an outage then
        // shows at once, not at the first fallback poll), and again when a stream is back.
        if (live) stale("all");
        live = false;
        setState("reconnecting");
        // CLOSED: the server answered something other than a stream (401, 503): the library gives up, so reopen later.
        if (source.readyState === source.CLOSED) {
          source = undefined;
          reopen = setTimeout(open, REOPEN_MS);
        }
      });
    };
    open();
    return () => {
      clearTimeout(reopen);
      clearTimeout(flush);
      const closing = source;
      source = undefined;
      closing?.close();
    };
  }, [client, token, renderedAt]);

  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}

/** Says so while the stream is down (and nothing while it is up: live is the normal state). */
export function LiveStatus() {
  const state = useLiveState();
  return (
    <p role="status" className={state === "reconnecting" ? "flex items-center gap-1.5 whitespace-nowrap text-xs font-medium text-amber-800 dark:text-amber-300" : "sr-only"} data-live={state}>
      {state === "reconnecting" && (
        <>
          <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-amber-500" />
          Reconnecting…
        </>
      )}
    </p>
  );
}
