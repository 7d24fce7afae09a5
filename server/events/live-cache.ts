// Reads kept in memory until an event says they changed. While this replica's LISTEN connection
// is up, every change any replica makes reaches the bus before (or, for the writer itself, as) it
// is visible, so a cached value is never older than one event. While the connection is down
// nothing is cached: reads go to the database (joined when concurrent, so a burst costs one query).
import "server-only";
import type { EventType } from "@/lib/api/events";
import { singleFlight } from "../topology/single-flight";
import { bus } from "./bus";

interface Entry<T> {
  generation: number;
  value: Promise<T>;
  /** Scoped reads only: the bus's clock when the load started, and (once loaded) whose value it is. */
  startedAt?: number;
  scope?: string | null;
}

/** One cache: a few fixed keys (topology lists), or many keys bounded by `maxEntries` (credentials). */
export class EventCache {
  private entries = new Map<string, Entry<unknown>>();

  constructor(
    private readonly name: string,
    private readonly maxEntries = Infinity,
  ) {}

  /**
   * The value of `load()` for `key`, read again only after an event of one of `types` (or a
   * reconnect). A load that fails is not kept, nor one whose value `keep` refuses. A load that an
   * event overtakes is kept under the generation it started at, so the next read loads again.
   */
  get<T>(key: string, types: readonly EventType[], load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    return this.read(key, types, load, keep);
  }

  /**
   * Like `get`, for values that belong to one resource, named by `scopeOf` (a credential: its
   * user). An event of `types` that names another resource leaves the value cached; one that
   * names this resource, or none, or a reconnect, makes the next read load again. A sign-out or
   * a revoked token then costs the next request of that user a query, not everyone's.
   */
  getScoped<T>(key: string, types: readonly EventType[], load: () => Promise<T>, keep: (value: T) => boolean, scopeOf: (value: T) => string): Promise<T> {
    return this.read(key, types, load, keep, scopeOf);
  }

  private read<T>(key: string, types: readonly EventType[], load: () => Promise<T>, keep: (value: T) => boolean, scopeOf?: (value: T) => string): Promise<T> {
    const events = bus();
    // Keyed by generation, so a read this process starts after its own write never joins an older one.
    if (!events.connected) return singleFlight(`${this.name}:${key}#${events.generation(types)}`, load);
    const generation = scopeOf ? events.unscopedGeneration(types) : events.generation(types);
    const cached = this.entries.get(key) as Entry<T> | undefined;
    if (cached && cached.generation === generation && (!scopeOf || this.untouched(cached, types))) return cached.value;
    const value = load();
    const entry: Entry<T> = scopeOf ? { generation, value, startedAt: events.now() } : { generation, value };
    this.entries.delete(key); // re-inserted last: the oldest entries are the first to go
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const drop = () => this.entries.get(key) === entry && this.entries.delete(key);
    value.then((v) => {
      if (!keep(v)) return drop();
      if (scopeOf) entry.scope = scopeOf(v);
    }, drop);
    return value;
  }

  /** A scoped entry no event has named since its load started (while it loads: no event at all). */
  private untouched(entry: Entry<unknown>, types: readonly EventType[]): boolean {
    const events = bus();
    if (entry.scope === undefined) return events.now() === entry.startedAt;
    return !events.touchedSince(types, entry.scope!, entry.startedAt!);
  }

  clear() {
    this.entries.clear();
  }
}

const holder = globalThis as typeof globalThis & { __meridianLiveCaches?: Map<string, EventCache> };
const caches = (holder.__meridianLiveCaches ??= new Map());

/** The process's cache named `name` (one per process, shared by the launcher's and Next's module graphs). */
export function eventCache(name: string, maxEntries?: number): EventCache {
  let cache = caches.get(name);
  if (!cache) caches.set(name, (cache = new EventCache(name, maxEntries)));
  return cache;
}

/** `load()`'s value for `key` in the shared cache of topology reads (see EventCache.get). */
export function cachedUntilEvent<T>(key: string, types: readonly EventType[], load: () => Promise<T>): Promise<T> {
  return eventCache("reads").get(key, types, load);
}

/** Forget every cached read (tests that write rows behind the server's back). */
export function forgetCachedReads() {
  for (const cache of caches.values()) cache.clear();
}
