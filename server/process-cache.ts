// A value read from the database and kept for a few seconds, shared by every module graph of the
// process (the launcher, Next's route handlers and its request proxy load their own copies of a
// module, but share globalThis). A failed read is not kept: the next caller tries again.
import "server-only";

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export interface ProcessCache<T> {
  get(): Promise<T>;
  /** Drop the value (after a change made by this process, or in tests that write rows directly). */
  invalidate(): void;
}

export function processCache<T>(key: string, ttlMs: number, load: () => Promise<T>): ProcessCache<T> {
  const slot = `__meridianCache:${key}`;
  const store = globalThis as unknown as Record<string, Entry<T> | undefined>;
  const invalidate = () => {
    store[slot] = undefined;
  };
  return {
    get() {
      const cached = store[slot];
      if (cached && Date.now() - cached.at <= ttlMs) return cached.value;
      const value = load();
      store[slot] = { at: Date.now(), value };
      value.catch(() => store[slot]?.value === value && invalidate());
      return value;
    },
    invalidate,
  };
}
