// Turns: one holder at a time, in the order asked, each turn ending when its holder says so or
// after `maxHoldMs`, whichever comes first. The browser's near-region samples take turns (see
// store.ts): two answers arriving together are stamped one after the other by the browser's
// network thread, and the second reads late.

export interface Turns {
  /** Resolves when it is this caller's turn, with the function that ends the turn. */
  take(): Promise<() => void>;
}

export function createTurns(maxHoldMs: number): Turns {
  let queue: Promise<void> = Promise.resolve();
  return {
    take() {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      const turn = queue.then(() => {
        const timer = setTimeout(end, maxHoldMs);
        return () => {
          clearTimeout(timer);
          end();
        };
      });
      queue = queue.then(() => ended);
      return turn;
    },
  };
}
