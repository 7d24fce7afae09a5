// Concurrent requests for the same read share one database round trip: under load the hot
// topology reads are asked for many times at once, and every caller gets an answer that is at
// most one query old, exactly as if it had run the query itself at that moment.
const inflight = new Map<string, Promise<unknown>>();

export function singleFlight<T>(key: string, read: () => Promise<T>): Promise<T> {
  let pending = inflight.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = read().finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/** Makes the next caller of every key starting with `prefix` start a fresh read (call after a write the read must see). */
export function forget(prefix: string) {
  for (const key of inflight.keys()) if (key.startsWith(prefix)) inflight.delete(key);
}
