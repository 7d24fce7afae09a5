"use client";
// The health map on the overview: the replicas and proxies the overview already polls, plus the
// latency this browser measured to every region (the same measurements the header's region picker
// reads, so nothing is measured twice), turned into a model and laid out once per change.
import { useMemo } from "react";
import type { WorkspaceProxy } from "@/lib/api/proxies";
import type { Replica } from "@/lib/api/replicas";
import { formatLatencyMs } from "@/lib/format";
import { layoutMap } from "@/lib/geo/layout";
import { buildMapModel, type BrowserEstimate } from "@/lib/geo/map-model";
import { Section } from "@/components/ui/section";
import { useRegionChoice } from "@/components/regions/region-choice";
import { HealthMap } from "./health-map";
import { MapLegend } from "./map-legend";
import { MapSkeleton } from "./map-skeleton";
import { MapTable } from "./map-table";

const HEADING_ID = "health-map-heading";

/** `failed`: the proxies could not be loaded (the proxies section shows why, with Retry). */
export function HealthMapSection({ proxies, replicas, failed, now }: { proxies: WorkspaceProxy[] | undefined; replicas: Replica[] | undefined; failed: boolean; now: number }) {
  const { list, latencies } = useRegionChoice();
  // The region context changes when a query does, not every second as `now` does.
  const drawn = useMemo(() => {
    if (!proxies) return null;
    const model = buildMapModel({ proxies, replicas, regions: list, latencies });
    return { model, layout: layoutMap(model) };
  }, [proxies, replicas, list, latencies]);

  return (
    <Section headingId={HEADING_ID} title="Health map" meta={drawn && `${drawn.layout.markers.length} of ${drawn.model.markers.length} on the map`}>
      {drawn ? (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <WhereThisBrowserIs origin={drawn.model.origin} /> Hover over or focus a marker for its details; the table below the map has the same data.
          </p>
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_15rem]">
            <HealthMap layout={drawn.layout} now={now} />
            <MapLegend unplaced={drawn.layout.unplaced} />
          </div>
          <MapTable markers={drawn.model.markers} now={now} />
        </>
      ) : failed ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          The map shows the workspace proxies, which could not be loaded: see Workspace proxies below.
        </p>
      ) : (
        <MapSkeleton />
      )}
    </Section>
  );
}

function WhereThisBrowserIs({ origin }: { origin: BrowserEstimate | null }) {
  if (!origin) return <>Lines from this browser appear once it has measured a region on the map.</>;
  return (
    <>
      This browser is probably near <span className="font-medium text-zinc-900 dark:text-zinc-50">{origin.label}</span>, its fastest region on the map ({formatLatencyMs(origin.latencyMs)}); the lines show how far every other region is from here.
    </>
  );
}
