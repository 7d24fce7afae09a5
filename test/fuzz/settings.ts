// How long the fuzzer runs. CI (a plain `vitest run`) gets a fixed seed and a small count, so a
// red run is reproducible; `npm run fuzz` (FUZZ_CAMPAIGN=1) runs longer with a fresh seed each
// time unless FUZZ_SEED pins one. The one place the fuzzer reads its environment.

export const CI_SEED = 20261204;
const CI_RUNS = 40;
const CAMPAIGN_RUNS = 1000;

export interface FuzzSettings {
  campaign: boolean;
  /** Generated cases per route and method (shrinking runs come on top). */
  runs: number;
  seed: number;
  /** Property runs spent shrinking one failure before the smallest found so far is reported. */
  shrinkBudget: number;
  /** Distinct 5xx classes looked for per route before moving on. */
  classesPerRoute: number;
  /**
   * Wall time one route may take before its run stops early (the cases so far still count, and a
   * failure found still replays from the seed). CI only: sign-ins cost a scrypt hash each, and a
   * busy machine must not turn a bounded run into a slow one.
   */
  routeTimeLimitMs?: number;
  /**
   * Wall time all routes of a run may take together (CI only): each route gets at most its fair
   * share of what is left, so the fast routes leave time to the slow ones (sign-ins) and a busy
   * machine cannot stretch the file much past this.
   */
  runTimeLimitMs?: number;
  /** Per-route test timeout, ms. */
  timeoutMs: number;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be a whole number, not ${JSON.stringify(value)}`);
  return n;
}

export function fuzzSettings(env: Record<string, string | undefined> = process.env): FuzzSettings {
  const campaign = env.FUZZ_CAMPAIGN === "1";
  const runs = integer("FUZZ_RUNS", env.FUZZ_RUNS) ?? (campaign ? CAMPAIGN_RUNS : CI_RUNS);
  const seed = integer("FUZZ_SEED", env.FUZZ_SEED) ?? (campaign ? Math.floor(Math.random() * 2 ** 31) : CI_SEED);
  return {
    campaign,
    runs,
    seed,
    shrinkBudget: campaign ? 400 : 150,
    classesPerRoute: campaign ? 20 : 3,
    routeTimeLimitMs: campaign ? undefined : 3_000,
    // About 11 s on an idle 2-core machine: cuts in only when the machine is twice as slow.
    runTimeLimitMs: campaign ? undefined : 22_000,
    // Generous: a busy machine, and scrypt on every sign-in the fuzzer reaches.
    timeoutMs: 60_000 + runs * 400,
  };
}
