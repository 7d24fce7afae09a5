import { describe, expect, it } from "vitest";
import { createSlots } from "./slots";

describe("createSlots", () => {
  it("runs at most `size` tasks at once, the rest in the order they came", async () => {
    const slots = createSlots(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((i) => slots.run(() => new Promise<number>((resolve) => (started.push(i), finish.push(() => resolve(i))))));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.waiting).toBe(2);
    finish[0]();
    await tasks[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    finish[1]();
    finish[2]();
    await new Promise((r) => setTimeout(r, 0));
    finish[3]();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3]);
    expect(slots.active).toBe(0);
  });

  it("frees the slot of a task that fails", async () => {
    const slots = createSlots(1);
    await expect(slots.run(() => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    expect(await slots.run(async () => "next")).toBe("next");
  });
});
