// A read kept in memory until an event says it changed. While this replica's LISTEN connection is
// up, every change any replica makes reaches the bus before (or, for the writer itself, as) it is
// visible, so a cached value is never older than one event. While the connection is down nothing
// is cached: reads go to the database (joined when concurrent, so a burst costs one query).
import "server-only";
import type { EventType } from "@/lib/api/events";
import { singleFlight } from "../topology/single-flight";
import { bus } from "./bus";

interface Entry<T> {
  generation: number;
  value: Promise<T>;
}

const holder = globalThis as typeof globalThis & { __meridianLiveCache?: Map<string, Entry<unknown>> };
const entries = (holder.__meridianLiveCache ??= new Map());

/**
 * The value of `load()` for `key`, read again only after an event of one of `types` (or a
 * reconnect). A load that fails is not kept. A load that an event overtakes is kept under the
 * generation it started at, so the next read loads again.
 */
export function cachedUntilEvent<T>(key: string, types: readonly EventType[], load: () => Promise<T>): Promise<T> {
  const events = bus();
  const generation = events.generation(types);
  // Keyed by generation, so a read this process starts after its own write never joins an older one.
  if (!events.connected) return singleFlight(`${key}#${generation}`, load);
  const cached = entries.get(key) as Entry<T> | undefined;
  if (cached && cached.generation === generation) return cached.value;
  const value = load();
  const entry = { generation, value };
  entries.set(key, entry);
  value.catch(() => entries.get(key) === entry && entries.delete(key));
  return value;
}

/** Forget every cached read (tests that write rows behind the server's back). */
export function forgetCachedReads() {
  entries.clear();
}
