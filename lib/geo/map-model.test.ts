import { describe, expect, it } from "vitest";
import type { Region, WorkspaceProxy } from "@/lib/api/proxies";
import type { RegionLatency } from "@/lib/latency/measure";
import { ago, proxy, replica } from "@/components/overview/test-fixtures";
import { buildMapModel, latencyPhrase, markerName, primaryMarker, replicaGroupStatus, type MapInput } from "./map-model";

const ms = (median: number, accurate = true): RegionLatency => ({ status: "measured", median_ms: median, min_ms: median, max_ms: median, jitter_ms: 0, samples: 5, accurate, protocol: "http/1.1", measured_at: 0 });
const unreachable: RegionLatency = { status: "unreachable", reason: "no answer within 4 s", measured_at: 0 };

const PRIMARY: Region = { id: "00000000-0000-4000-8000-000000000000", name: "primary", display_name: "Primary", icon_url: "/icons/primary.svg", healthy: true, path_app_url: "http://localhost:3000", wildcard_hostname: "" };

const OK: WorkspaceProxy["status"] = { status: "ok", reason: "", report: { errors: [], warnings: [] }, checked_at: ago(3_000) };

function located(name: string, code: string, latitude: number, longitude: number, over: Partial<WorkspaceProxy> = {}): WorkspaceProxy {
  return proxy({ id: `id-${name}`, name, display_name: name, location: { code, latitude, longitude }, path_app_url: `http://${name}.test`, healthy: true, status: OK, ...over });
}
const asRegion = (p: WorkspaceProxy): Region => ({ id: p.id, name: p.name, display_name: p.display_name, icon_url: p.icon_url, healthy: p.healthy, path_app_url: p.path_app_url, wildcard_hostname: "" });

const frankfurt = located("fra", "eu-central", 50.1, 8.7);
const saoPaulo = located("gru", "sa-east", -23.5, -46.6);
const sydney = located("syd", "ap-southeast", -33.9, 151.2);
const tokyo = located("nrt", "ap-northeast", 35.7, 139.7, { path_app_url: "", healthy: false, status: { status: "unregistered", reason: "", report: { errors: [], warnings: [] }, checked_at: null } });
const nowhere = proxy({ id: "id-nowhere", name: "nowhere", display_name: "Nowhere", location: null });

function input(over: Partial<MapInput> = {}): MapInput {
  const proxies = over.proxies ?? [frankfurt, saoPaulo, sydney, tokyo, nowhere];
  return { proxies, replicas: [replica()], regions: [PRIMARY, ...proxies.map(asRegion)], latencies: {}, ...over };
}

describe("the primary marker", () => {
  it("groups every replica at the primary, placed at their region when it is a region code", () => {
    const m = primaryMarker(
      [
        replica({ region: "us-east", is_self: true, version: "1.2.0" }),
        replica({ id: "r2", region: "us-east", status: "stale", version: "1.1.0", updated_at: ago(40_000) }),
        replica({ id: "r3", region: "us-east", status: "stopped", version: "1.0.0", stopped_at: ago(60_000) }),
      ],
      PRIMARY,
      { [PRIMARY.id]: ms(3) },
    );
    expect(m).toMatchObject({ kind: "primary", name: "primary", label: "Primary", id: PRIMARY.id, status: "stale", region: null, canMeasure: true });
    expect(m.place).toEqual({ latitude: 38.9, longitude: -77.0, label: "US East (Virginia)" });
    expect(m.replicas).toEqual({ live: 1, stale: 1, stopped: 1, total: 3 });
    // Stopped replicas' versions are history, not the running deployment.
    expect(m.versions).toEqual(["1.1.0", "1.2.0"]);
    expect(m.lastSeen).toBe(replica().updated_at);
    expect(m.latency).toEqual(ms(3));
  });

  it("has no place when the replicas' region is not a region code, and says which region that was", () => {
    const m = primaryMarker([replica({ region: "primary" })], PRIMARY, {});
    expect(m.place).toBeNull();
    expect(m.region).toBe("primary");
  });

  it("takes the worst running status; stopped replicas count only when nothing runs", () => {
    expect(replicaGroupStatus([{ status: "live" }, { status: "stale" }])).toBe("stale");
    expect(replicaGroupStatus([{ status: "live" }, { status: "stopped" }])).toBe("live");
    expect(replicaGroupStatus([{ status: "stopped" }])).toBe("stopped");
    expect(replicaGroupStatus([])).toBe("stopped");
  });
});

describe("buildMapModel", () => {
  it("makes the primary and one marker per proxy, a proxy without a location unplaced", () => {
    const { markers } = buildMapModel(input());
    expect(markers.map((m) => [m.name, m.status, m.place?.label ?? null])).toEqual([
      ["primary", "live", null],
      ["fra", "ok", "Europe Central (Frankfurt)"],
      ["gru", "ok", "South America (São Paulo)"],
      ["syd", "ok", "Asia Pacific (Sydney)"],
      ["nrt", "unregistered", "Asia Pacific (Tokyo)"],
      ["nowhere", "unregistered", null],
    ]);
  });

  it("leaves the primary out until the replicas are known", () => {
    expect(buildMapModel(input({ replicas: undefined })).markers.map((m) => m.name)).not.toContain("primary");
  });

  it("puts this browser at its fastest measured region and draws a line to every other placed region", () => {
    const latencies = { [frankfurt.id]: ms(21), [saoPaulo.id]: ms(81, false), [sydney.id]: unreachable };
    const model = buildMapModel(input({ latencies }));
    expect(model.origin).toEqual({ id: frankfurt.id, label: "fra", place: { latitude: 50.1, longitude: 8.7, label: "Europe Central (Frankfurt)" }, latencyMs: 21 });
    expect(model.lines.map((l) => [l.to, l.latency?.status ?? null, l.canMeasure])).toEqual([
      [saoPaulo.id, "measured", true],
      [sydney.id, "unreachable", true],
      [tokyo.id, null, false],
    ]);
    expect(model.lines.every((l) => l.from === model.origin!.place)).toBe(true);
  });

  it("places this browser only where the map can show it: an unplaced fastest region is passed over", () => {
    // The demo: the primary (no place) answers in 1 ms, Frankfurt in 21 ms.
    const model = buildMapModel(input({ latencies: { [PRIMARY.id]: ms(1), [frankfurt.id]: ms(21) } }));
    expect(model.origin?.id).toBe(frankfurt.id);
  });

  it("does not place this browser at an unhealthy region, and draws no lines before anything is measured", () => {
    const sick = { ...frankfurt, healthy: false };
    const model = buildMapModel(input({ proxies: [sick, saoPaulo], latencies: { [sick.id]: ms(5), [saoPaulo.id]: ms(80) } }));
    expect(model.origin?.id).toBe(saoPaulo.id);
    expect(buildMapModel(input())).toMatchObject({ origin: null, lines: [] });
  });

  it("draws no line to a region in the same place as this browser", () => {
    const twin = located("fra2", "eu-central", 50.1, 8.7);
    const model = buildMapModel(input({ proxies: [frankfurt, twin, saoPaulo], latencies: { [frankfurt.id]: ms(20), [twin.id]: ms(22) } }));
    expect(model.lines.map((l) => l.to)).toEqual([saoPaulo.id]);
  });
});

describe("words for a marker", () => {
  it("says the latency as measured, approximate, unreachable, unmeasurable or pending", () => {
    expect(latencyPhrase(ms(23), true)).toBe("23 ms from this browser");
    expect(latencyPhrase(ms(23.4, false), true)).toBe("about 23 ms from this browser");
    expect(latencyPhrase(unreachable, true)).toBe("unreachable from this browser");
    expect(latencyPhrase(undefined, false)).toBe("no URL to measure from this browser");
    expect(latencyPhrase(undefined, true)).toBe("not measured from this browser yet");
  });

  it("names a marker by label, status, replicas (the primary) and latency", () => {
    const model = buildMapModel(input({ latencies: { [frankfurt.id]: ms(23), [PRIMARY.id]: ms(0.4) } }));
    expect(model.markers.map(markerName).slice(0, 2)).toEqual(["Primary, live, 1 replica, 0.4 ms from this browser", "fra, ok, 23 ms from this browser"]);
  });
});
