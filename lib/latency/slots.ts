// At most a few regions are measured at once. With a handful of regions this changes nothing (all
// run in parallel, as accuracy wants: none waits behind another); with hundreds it keeps a browser
// from opening hundreds of connections at the same moment and its page responsive meanwhile.
export const MAX_CONCURRENT_MEASUREMENTS = 16;

export interface Slots {
  /** Runs `task` when a slot is free; the slot is freed when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export function createSlots(size: number): Slots {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return {
    async run(task) {
      if (active >= size) await new Promise<void>((resolve) => queue.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
