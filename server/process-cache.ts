// A value read from the database and kept for a few seconds, shared by every module graph of the
// process (the launcher, Next's route handlers and its request proxy load their own copies of a
// module, but share globalThis). A failed read is not kept: the next caller tries again.
// Given the event types that change it, the value is also dropped as soon as one arrives from any
// replica (server/events), and kept for no more than ttlMs either way.
import "server-only";
import type { EventType } from "@/lib/api/events";
import { bus } from "./events/bus";

interface Entry<T> {
  at: number;
  generation: number;
  value: Promise<T>;
}

export interface ProcessCache<T> {
  get(): Promise<T>;
  /** Drop the value (after a change made by this process, or in tests that write rows directly). */
  invalidate(): void;
}

export function processCache<T>(key: string, ttlMs: number, load: () => Promise<T>, changedBy: readonly EventType[] = []): ProcessCache<T> {
  const slot = `__meridianCache:${key}`;
  const store = globalThis as unknown as Record<string, Entry<T> | undefined>;
  const invalidate = () => {
    store[slot] = undefined;
  };
  return {
    get() {
      const cached = store[slot];
      const generation = bus().generation(changedBy);
      if (cached && cached.generation === generation && Date.now() - cached.at <= ttlMs) return cached.value;
      const value = load();
      store[slot] = { at: Date.now(), generation, value };
      value.catch(() => store[slot]?.value === value && invalidate());
      return value;
    },
    invalidate,
  };
}
