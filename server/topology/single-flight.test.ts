import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight";

describe("singleFlight", () => {
  it("runs one read for concurrent callers of a key, and a fresh one after it settles", async () => {
    let runs = 0;
    const read = async () => ++runs;
    expect(await Promise.all([singleFlight("k", read), singleFlight("k", read), singleFlight("other", read)])).toEqual([1, 1, 2]);
    expect(await singleFlight("k", read)).toBe(3);
  });

  it("does not keep a failure: the next caller reads again", async () => {
    await expect(singleFlight("f", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await singleFlight("f", async () => "up")).toBe("up");
  });
});
