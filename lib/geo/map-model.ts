// What the health map shows, in geographic terms and without React: one marker for the primary
// (its replicas grouped in it) and one per workspace proxy, where this browser probably is, and a
// line from there to every other region with the latency this browser measured. The view
// projects it (layout.ts) and draws it; the text alternative lists the same markers.
import type { ProxyStatus, Region, WorkspaceProxy } from "@/lib/api/proxies";
import type { Replica, ReplicaStatus } from "@/lib/api/replicas";
import { formatLatencyMs } from "@/lib/format";
import type { RegionLatency } from "@/lib/latency/measure";
import { LOCATIONS } from "@/lib/locations";
import { fastest, type Latencies } from "@/lib/regions/choice";

/** The name the primary has in the regions list; reserved, so no proxy can take it. */
export const PRIMARY_NAME = "primary";

export interface Place {
  latitude: number;
  longitude: number;
  /** The region code's label ("Europe Central (Frankfurt)"), or null for bare coordinates. */
  label: string | null;
}

interface MarkerBase {
  /** The region id: the key of this browser's latency results. */
  id: string;
  /** `data-proxy`: the proxy's DNS name, or "primary". */
  name: string;
  label: string;
  icon: string;
  /** Null: no place on the map; the text alternative says "no location". */
  place: Place | null;
  latency: RegionLatency | undefined;
  /** False when the region has no URL to measure (an unregistered proxy). */
  canMeasure: boolean;
}

export interface ProxyMarker extends MarkerBase {
  kind: "proxy";
  status: ProxyStatus;
  reason: string;
  version: string;
  checkedAt: string | null;
  demo: boolean;
}

export interface PrimaryMarker extends MarkerBase {
  kind: "primary";
  /** The worst status among its replicas (see replicaGroupStatus). */
  status: ReplicaStatus;
  replicas: Record<ReplicaStatus, number> & { total: number };
  /** Every version its running replicas report; more than one means an upgrade is under way. */
  versions: string[];
  /** The latest heartbeat of any replica. */
  lastSeen: string | null;
  /** The replicas' region when it is not a known region code (why the primary is not on the map). */
  region: string | null;
}

export type MapMarker = PrimaryMarker | ProxyMarker;
export type MarkerStatus = MapMarker["status"];

/** Where this browser probably is: at its fastest region that has a place on the map. */
export interface BrowserEstimate {
  id: string;
  label: string;
  place: Place;
  latencyMs: number;
}

export interface LatencyLine {
  /** The marker the line goes to. */
  to: string;
  from: Place;
  target: Place;
  latency: RegionLatency | undefined;
  canMeasure: boolean;
}

export interface MapModel {
  /** The primary first (when the replicas are known), then the proxies in the API's order. */
  markers: MapMarker[];
  origin: BrowserEstimate | null;
  lines: LatencyLine[];
}

export interface MapInput {
  proxies: readonly WorkspaceProxy[];
  replicas: readonly Replica[] | undefined;
  /** The regions list (primary included): its ids key `latencies`, and `healthy` feeds `fastest`. */
  regions: readonly Region[];
  latencies: Latencies;
}

export function buildMapModel({ proxies, replicas, regions, latencies }: MapInput): MapModel {
  const primaryRegion = regions.find((r) => r.name === PRIMARY_NAME);
  const markers: MapMarker[] = [];
  if (replicas) markers.push(primaryMarker(replicas, primaryRegion, latencies));
  for (const p of proxies) markers.push(proxyMarker(p, latencies));

  const placed = new Map(markers.filter((m) => m.place).map((m) => [m.id, m]));
  const originRegion = fastest(
    regions.filter((r) => placed.has(r.id)),
    latencies,
  );
  const originMarker = originRegion && placed.get(originRegion.id);
  const originLatency = originRegion && latencies[originRegion.id];
  if (!originMarker || originLatency?.status !== "measured") return { markers, origin: null, lines: [] };

  const origin: BrowserEstimate = { id: originMarker.id, label: originMarker.label, place: originMarker.place!, latencyMs: originLatency.median_ms };
  const lines = [...placed.values()]
    .filter((m) => m.id !== origin.id && !samePlace(m.place!, origin.place))
    .map((m) => ({ to: m.id, from: origin.place, target: m.place!, latency: m.latency, canMeasure: m.canMeasure }));
  return { markers, origin, lines };
}

export function proxyMarker(p: WorkspaceProxy, latencies: Latencies): ProxyMarker {
  return {
    kind: "proxy",
    id: p.id,
    name: p.name,
    label: p.display_name || p.name,
    icon: p.icon_url,
    place: p.location && { latitude: p.location.latitude, longitude: p.location.longitude, label: codeLabel(p.location.code) },
    latency: latencies[p.id],
    canMeasure: Boolean(p.path_app_url),
    status: p.status.status,
    reason: p.status.reason,
    version: p.version,
    checkedAt: p.status.checked_at,
    demo: p.demo,
  };
}

export function primaryMarker(replicas: readonly Replica[], region: Region | undefined, latencies: Latencies): PrimaryMarker {
  const counts = { live: 0, stale: 0, stopped: 0, total: replicas.length };
  for (const r of replicas) counts[r.status]++;
  const running = replicas.filter((r) => r.status !== "stopped");
  // The replica that answered knows its own region best; any other running one will do.
  const home = running.find((r) => r.is_self) ?? running[0] ?? replicas[0];
  const code = home?.region;
  const place = code !== undefined ? codePlace(code) : null;
  const lastSeen = replicas.reduce<string | null>((latest, r) => (latest === null || Date.parse(r.updated_at) > Date.parse(latest) ? r.updated_at : latest), null);
  return {
    kind: "primary",
    id: region?.id ?? PRIMARY_NAME,
    name: PRIMARY_NAME,
    label: region?.display_name || "Primary",
    icon: region?.icon_url ?? "",
    place,
    latency: region ? latencies[region.id] : undefined,
    canMeasure: Boolean(region?.path_app_url),
    status: replicaGroupStatus(replicas),
    replicas: counts,
    versions: [...new Set(running.map((r) => r.version).filter(Boolean))].sort(),
    lastSeen,
    region: place || code === undefined ? null : code,
  };
}

/**
 * The worst status of the running replicas: one stale replica makes the group stale. A stopped
 * replica was shut down on purpose and stays listed for a day, so it does not count against the
 * group unless no replica runs at all.
 */
export function replicaGroupStatus(replicas: readonly { status: ReplicaStatus }[]): ReplicaStatus {
  if (replicas.some((r) => r.status === "stale")) return "stale";
  if (replicas.some((r) => r.status === "live")) return "live";
  return "stopped";
}

/** A region code's place: the control plane's region (`--region`) is placed when it is one of LOCATIONS. */
export function codePlace(code: string): Place | null {
  if (!Object.hasOwn(LOCATIONS, code)) return null;
  const { latitude, longitude, label } = LOCATIONS[code as keyof typeof LOCATIONS];
  return { latitude, longitude, label };
}

/** How a place reads: its region's label, or its coordinates; null for no place. */
export function placeLabel(place: Place | null): string | null {
  return place && (place.label ?? `${place.latitude.toFixed(1)}, ${place.longitude.toFixed(1)}`);
}

function codeLabel(code: string | null): string | null {
  return code === null ? null : (codePlace(code)?.label ?? null);
}

function samePlace(a: Place, b: Place): boolean {
  return a.latitude === b.latitude && a.longitude === b.longitude;
}

/** The latency part of a marker's accessible name and of the text alternative. */
export function latencyPhrase(latency: RegionLatency | undefined, canMeasure: boolean): string {
  if (!canMeasure) return "no URL to measure from this browser";
  if (!latency) return "not measured from this browser yet";
  if (latency.status === "unreachable") return "unreachable from this browser";
  return `${latency.accurate ? "" : "about "}${formatLatencyMs(latency.median_ms)} from this browser`;
}

/** A marker's accessible name: "Frankfurt (demo), ok, 23 ms from this browser". */
export function markerName(marker: MapMarker): string {
  const replicas = marker.kind === "primary" ? [`${marker.replicas.total} ${marker.replicas.total === 1 ? "replica" : "replicas"}`] : [];
  return [marker.label, marker.status, ...replicas, latencyPhrase(marker.latency, marker.canMeasure)].join(", ");
}
