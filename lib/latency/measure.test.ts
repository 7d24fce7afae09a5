import { describe, expect, it } from "vitest";
import { agree, measureLatency, type Probe } from "./measure";

/** A probe that answers with the given round trips in turn (the warm-up takes the first). */
function scripted(...ms: number[]): { probe: Probe; calls: () => number } {
  let i = 0;
  return { probe: async () => ({ ms: ms[Math.min(i++, ms.length - 1)], accurate: true, protocol: "http/1.1" }), calls: () => i };
}

describe("samples that disagree", () => {
  it("agree when no more than (n − 3) / 2 stray further than max(1 ms, 3 %) from their median", () => {
    expect(agree([10, 10.5, 11, 9.6, 40])).toBe(true); // one outlier of five
    expect(agree([10, 10.5, 13, 9.6, 40])).toBe(false); // two of five
    expect(agree([10, 10.5, 13, 9.6, 40, 10.2, 10.1])).toBe(true); // two of seven
    expect(agree([200, 205, 195, 201, 203])).toBe(true); // 3 % of 200 is 6 ms
    expect(agree([0.4, 0.9, 1.3, 0.2, 0.6])).toBe(true); // under 1 ms apart is within the 1 ms floor
  });

  it("are taken again until they agree, and the median leaves the spoiled ones behind", async () => {
    // Warm-up, then a busy moment spoils two of the first five samples.
    const { probe, calls } = scripted(99, 38, 1.3, 1.1, 9, 1.2, 1.0, 0.9);
    const latency = await measureLatency("http://127.0.0.1:1", { probe, samples: 5, upTo: 10, intervalMs: 0 });
    expect(latency).toMatchObject({ status: "measured", samples: 7, median_ms: 1.2, max_ms: 38 });
    expect(calls()).toBe(8);
  });

  it("stop at the limit when they never agree, and at the count asked for when no limit is given", async () => {
    const noisy = [0, 1, 30, 2, 40, 3, 50, 4, 60, 5, 70, 6, 80];
    const capped = await measureLatency("http://127.0.0.1:1", { probe: scripted(...noisy).probe, samples: 5, upTo: 10, intervalMs: 0 });
    expect(capped).toMatchObject({ status: "measured", samples: 10 });
    const exact = await measureLatency("http://127.0.0.1:1", { probe: scripted(...noisy).probe, samples: 5, intervalMs: 0 });
    expect(exact).toMatchObject({ status: "measured", samples: 5 });
  });

  it("are not taken again once the time allowed after the first sample has passed", async () => {
    const noisy = [0, 1, 30, 2, 40, 3, 50, 4, 60, 5, 70, 6, 80];
    const none = await measureLatency("http://127.0.0.1:1", { probe: scripted(...noisy).probe, samples: 5, upTo: 10, extraWithinMs: 0, intervalMs: 0 });
    expect(none).toMatchObject({ status: "measured", samples: 5 });
  });

  it("are not taken again when the first ones agree", async () => {
    const { probe, calls } = scripted(5, 10.2, 10.1, 10.4, 10.3, 10.2);
    expect(await measureLatency("http://127.0.0.1:1", { probe, samples: 5, upTo: 10, intervalMs: 0 })).toMatchObject({ samples: 5, median_ms: 10.2 });
    expect(calls()).toBe(6);
  });
});
