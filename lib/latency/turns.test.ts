import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTurns } from "./turns";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("turns", () => {
  it("are taken one at a time, in the order asked", async () => {
    const turns = createTurns(1_000);
    const order: string[] = [];
    const first = turns.take().then((end) => (order.push("first"), end));
    const second = turns.take().then((end) => (order.push("second"), end));
    const endFirst = await first;
    await vi.advanceTimersByTimeAsync(10);
    expect(order).toEqual(["first"]);
    endFirst();
    (await second)();
    expect(order).toEqual(["first", "second"]);
  });

  it("end by themselves after the longest hold, so a slow holder does not stall the others", async () => {
    const turns = createTurns(50);
    await turns.take(); // never ended by its holder
    let second = false;
    void turns.take().then(() => (second = true));
    await vi.advanceTimersByTimeAsync(49);
    expect(second).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(second).toBe(true);
  });
});
