// When a browser takes a near region's sample: after the page has hydrated, one at a time, and
// when the page is idle. Policy for the page's store (store.ts), kept apart from the store, which
// measures whatever it is given however it is told.
import { createTurns } from "./turns";

/** How long a sample waits at most for the page to be idle. */
const IDLE_WAIT_MS = 50;
/** A region this far away does not wait: 3 % of its latency is more than a busy page adds. */
const NO_IDLE_WAIT_FROM_MS = 100;

let markHydrated = () => {};
const hydrated = typeof window === "undefined" ? Promise.resolve() : new Promise<void>((resolve) => (markHydrated = resolve));

/** The picker has hydrated (its first effect ran): near regions may take their samples. */
export function pageHydrated() {
  markHydrated();
}

/**
 * Near samples take turns, each for at most this long: the wait for an idle page, then 50 ms in
 * flight. The 2 ms accuracy binds regions up to 67 ms (3 % beyond), so a turn covers the
 * regions where it matters, and a page with many near regions is not held up by slower ones.
 */
const NEAR_TURN_MAX_MS = IDLE_WAIT_MS + 50;
const nearTurns = createTurns(NEAR_TURN_MAX_MS);

/**
 * Before a near region's sample: waits until the page has hydrated, then for this sample's turn
 * (one near sample in flight at a time), then until the page has nothing to do (or IDLE_WAIT_MS);
 * resolves with the function that ends the turn once the sample is in. A sample sent while the
 * page renders, or whose answer arrives with another's, has its answer stamped late by a busy
 * browser: near regions read 2–4 ms over their latency on a two-core machine. A distant region
 * does not wait: 3 % of its latency is more than that, and it is the one that decides when
 * every region is measured.
 */
export async function beforeNearSample(previousMs: number): Promise<(() => void) | void> {
  if (typeof requestIdleCallback !== "function" || previousMs >= NO_IDLE_WAIT_FROM_MS) return;
  await hydrated;
  const endTurn = await nearTurns.take();
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: IDLE_WAIT_MS }));
  return endTurn;
}
