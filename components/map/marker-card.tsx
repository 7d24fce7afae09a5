// What a marker says, in the card shown on hover or focus and in the map's table: name, status
// and why, location, version, last check and the latency from this browser. Plain data in, so the
// view tests render it without a browser.
import type { ReactNode } from "react";
import { placeLabel, type MapMarker, type PrimaryMarker } from "@/lib/geo/map-model";
import { Badge } from "@/components/ui/badge";
import { TextWithCode } from "@/components/ui/inline-code";
import { RegionIcon } from "@/components/ui/region-icon";
import { RelativeTime } from "@/components/ui/relative-time";
import { statusTone } from "@/components/overview/status";
import { LatencyValue } from "@/components/regions/latency-value";

/** The facts after name and status, in the order the card and the table show them. */
export const FACTS = ["Location", "From this browser", "Version", "Last check"] as const;

export function MarkerCard({ marker, now }: { marker: MapMarker; now: number }) {
  const facts = markerFacts(marker, now);
  return (
    <div className="space-y-2 text-sm">
      <MarkerTitle marker={marker} />
      <MarkerStatus marker={marker} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-zinc-700 dark:text-zinc-300">
        {FACTS.map((fact, i) => (
          <div key={fact} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{marker.kind === "primary" && fact === "Last check" ? "Last heartbeat" : fact}</dt>
            <dd className="min-w-0 break-words">{facts[i]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function MarkerTitle({ marker }: { marker: MapMarker }) {
  return (
    <div className="flex items-center gap-2">
      <RegionIcon icon={marker.icon} />
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="font-semibold break-words text-zinc-900 dark:text-zinc-50">{marker.label}</span>
          {marker.kind === "proxy" && marker.demo && <Badge tone="demo">demo</Badge>}
        </div>
        <div className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{marker.name}</div>
      </div>
    </div>
  );
}

/** The status in words, with the replicas it stands for (the primary) or the checker's reason (a proxy). */
export function MarkerStatus({ marker }: { marker: MapMarker }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge tone={statusTone(marker.status)} dot>
          {marker.status}
        </Badge>
        {marker.kind === "primary" && <span className="text-zinc-700 dark:text-zinc-300">{replicaCounts(marker)}</span>}
      </div>
      {marker.kind === "proxy" && marker.reason && (
        <p className="text-zinc-700 dark:text-zinc-300">
          <TextWithCode text={marker.reason} />
        </p>
      )}
    </div>
  );
}

/** The values for FACTS, in the same order. */
export function markerFacts(marker: MapMarker, now: number): ReactNode[] {
  const checked = marker.kind === "primary" ? marker.lastSeen : marker.checkedAt;
  const version = marker.kind === "primary" ? marker.versions.join(", ") : marker.version;
  return [
    placeLabel(marker.place) ?? "no location",
    <LatencyValue key="latency" latency={marker.latency} canMeasure={marker.canMeasure} />,
    version ? <span className="font-mono text-xs">{version}</span> : "not reported",
    checked ? <RelativeTime iso={checked} now={now} /> : "never",
  ];
}

export function replicaCounts({ replicas }: PrimaryMarker): string {
  const parts = (["live", "stale", "stopped"] as const).filter((s) => replicas[s]).map((s) => `${replicas[s]} ${s}`);
  return `${replicas.total} ${replicas.total === 1 ? "replica" : "replicas"}${parts.length ? `: ${parts.join(" · ")}` : ""}`;
}
