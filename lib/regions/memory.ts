// The browser's memory of the region choice, in localStorage: the server's answer mirrored (so a
// page can show the choice before the API answers, and other tabs follow a change), and the last
// automatic pick (the hysteresis needs it across pages and reloads). Also the one notice the user
// has not dismissed yet. A plain store for useSyncExternalStore, no React here.
import type { UserRegion } from "@/lib/api/regions";
import type { Problem } from "./choice";

export const REGION_MEMORY_KEY = "meridian.region.v1";

export type RegionNotice =
  /** Automatic mode moved away from a region that stopped being usable. */
  | { kind: "switched"; from: string; to: string; problem: Problem }
  | { kind: "error"; message: string };

export interface RegionMemory {
  choice: UserRegion | null;
  /** Id of the region the automatic choice settled on last. */
  automatic: string | null;
  notice: RegionNotice | null;
}

const EMPTY: RegionMemory = { choice: null, automatic: null, notice: null };

let snapshot: RegionMemory | null = null;
const listeners = new Set<() => void>();

function load(): RegionMemory {
  try {
    const stored = JSON.parse(localStorage.getItem(REGION_MEMORY_KEY) ?? "{}") as Partial<RegionMemory>;
    return { choice: stored.choice ?? null, automatic: typeof stored.automatic === "string" ? stored.automatic : null, notice: null };
  } catch {
    return EMPTY; // no storage (server, sandboxed iframe) or a mangled entry
  }
}

function update(patch: Partial<RegionMemory>) {
  snapshot = { ...getSnapshot(), ...patch };
  try {
    localStorage.setItem(REGION_MEMORY_KEY, JSON.stringify({ choice: snapshot.choice, automatic: snapshot.automatic }));
  } catch {
    // storage full or disabled: the choice still lives on the server
  }
  listeners.forEach((l) => l());
}

function getSnapshot(): RegionMemory {
  snapshot ??= load();
  return snapshot;
}

function onStorage(event: StorageEvent) {
  if (event.key !== REGION_MEMORY_KEY) return;
  snapshot = { ...load(), notice: snapshot?.notice ?? null };
  listeners.forEach((l) => l());
}

export const regionMemory = {
  subscribe(listener: () => void) {
    if (listeners.size === 0 && typeof window !== "undefined") window.addEventListener("storage", onStorage);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && typeof window !== "undefined") window.removeEventListener("storage", onStorage);
    };
  },
  getSnapshot,
  /** What the server render uses: nothing remembered. */
  getServerSnapshot: (): RegionMemory => EMPTY,
  mirrorChoice(choice: UserRegion) {
    if (JSON.stringify(choice) !== JSON.stringify(getSnapshot().choice)) update({ choice });
  },
  rememberAutomatic(id: string, notice?: RegionNotice) {
    update({ automatic: id, ...(notice ? { notice } : {}) });
  },
  notify(notice: RegionNotice) {
    update({ notice });
  },
  dismiss() {
    update({ notice: null });
  },
};
