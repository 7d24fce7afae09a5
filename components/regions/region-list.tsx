"use client";
// The regions as a radio group: "Automatic" first, then every region ranked by latency from this
// browser. Native radios give the keyboard (arrows, Tab) and screen-reader semantics for free.
// Each row carries data-region / data-latency-ms / data-selected so tests read what users see.
import { Badge } from "@/components/ui/badge";
import { RegionIcon } from "@/components/ui/region-icon";
import type { Region } from "@/lib/api/proxies";
import { formatLatencyMs } from "@/lib/format";
import type { RegionLatency } from "@/lib/latency/measure";
import { rankRegions } from "@/lib/regions/choice";
import { LatencyDetails, LatencyValue } from "./latency-value";
import { label, useRegionChoice } from "./region-choice";

const ROW =
  "group relative flex items-center gap-3 rounded-lg px-3 py-2.5 ring-1 ring-inset ring-transparent hover:bg-zinc-50 has-[:checked]:bg-accent/5 has-[:checked]:ring-accent/40 dark:hover:bg-zinc-800/60 dark:has-[:checked]:bg-accent/10 dark:has-[:checked]:ring-accent/50";

/** The real radio lies over the whole row, invisible: a click anywhere chooses, and its focus ring outlines the row. */
const RADIO = "absolute inset-0 z-10 cursor-pointer appearance-none rounded-lg";

export function RegionList({ name, compact = false }: { name: string; compact?: boolean }) {
  const { list, latencies, automatic, manual, effective, choose } = useRegionChoice();
  const chosenId = manual?.region?.id ?? null;
  return (
    <fieldset className="min-w-0">
      <legend className="sr-only">Region to work through</legend>
      <ul className="space-y-1">
        <li>
          <label className={ROW}>
            <input type="radio" name={name} className={RADIO} aria-label={automatic && effective ? `Automatic, using ${label(effective)}` : "Automatic"} checked={automatic} onChange={() => choose(null)} />
            <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-indigo-100 text-indigo-700 dark:bg-indigo-400/15 dark:text-indigo-300">
              <AutoGlyph />
            </span>
            <span className="min-w-0 flex-1">
              <span className="block font-medium">Automatic</span>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">{automatic && effective ? `Fastest healthy region: ${label(effective)}` : "The fastest healthy region, measured from this browser"}</span>
            </span>
            <RadioMark />
          </label>
        </li>
        {rankRegions(list, latencies).map((region) => {
          const latency = latencies[region.id];
          const inUse = effective?.id === region.id;
          return (
            <li key={region.id}>
              <label className={ROW} data-region={region.name} data-latency-ms={latency?.status === "measured" ? String(latency.median_ms) : ""} data-selected={inUse ? "true" : "false"}>
                <input type="radio" name={name} className={RADIO} aria-label={spokenName(region, latency, inUse)} checked={!automatic && chosenId === region.id} onChange={() => choose(region.id)} />
                <RegionIcon icon={region.icon_url} />
                <span className="min-w-0 flex-1">
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                    <span className="truncate font-medium">{label(region)}</span>
                    {inUse && <Badge tone="info">in use</Badge>}
                  </span>
                  <span className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-600 dark:text-zinc-400">
                    <span className="inline-flex items-center gap-1">
                      <span aria-hidden="true" className={`size-1.5 rounded-full ${region.healthy ? "bg-emerald-500" : "bg-red-500"}`} />
                      {region.healthy ? "healthy" : "unhealthy"}
                    </span>
                    {!compact && <LatencyDetails latency={latency} />}
                  </span>
                </span>
                <LatencyValue latency={latency} canMeasure={region.path_app_url !== ""} />
                <RadioMark />
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** What a screen reader says for a row: the visible pieces, in order, with pauses between them. */
function spokenName(region: Region, latency: RegionLatency | undefined, inUse: boolean): string {
  const measured =
    region.path_app_url === "" ? "no URL yet" : !latency ? "measuring" : latency.status === "unreachable" ? "unreachable from this browser" : `${latency.accurate ? "" : "about "}${formatLatencyMs(latency.median_ms)}`;
  return [label(region), region.healthy ? "healthy" : "unhealthy", measured, ...(inUse ? ["in use"] : [])].join(", ");
}

/** The radio's visible state (the real input is transparent, over the row). */
function RadioMark() {
  return (
    <span
      aria-hidden="true"
      className="size-4 shrink-0 rounded-full ring-1 ring-zinc-400 ring-inset group-has-[:checked]:ring-[5px] group-has-[:checked]:ring-accent dark:ring-zinc-500"
    />
  );
}

function AutoGlyph() {
  return (
    <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M11 2.5 4.5 11h5l-1 6.5L15.5 9h-5l.5-6.5Z" strokeLinejoin="round" />
    </svg>
  );
}
