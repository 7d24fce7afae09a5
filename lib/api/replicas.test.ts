import { describe, expect, it } from "vitest";
import { REPLICA_STALE_AFTER_MS, replicaStatus } from "./replicas";

describe("replicaStatus", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const at = (msAgo: number) => new Date(now - msAgo).toISOString();

  it("is live while heartbeats are recent", () => {
    expect(replicaStatus({ updated_at: at(4_000), stopped_at: null }, now)).toBe("live");
  });
  it("is stale once no heartbeat was seen for 15 s", () => {
    expect(replicaStatus({ updated_at: at(REPLICA_STALE_AFTER_MS + 1), stopped_at: null }, now)).toBe("stale");
  });
  it("is stopped once the replica marked its shutdown, however recent", () => {
    expect(replicaStatus({ updated_at: at(0), stopped_at: at(0) }, now)).toBe("stopped");
  });
});
