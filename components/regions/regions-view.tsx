"use client";
// The Regions page: every region with its health and the latency from this browser, the
// automatic or manual choice, and what to do when the chosen region cannot be used.
import { Section } from "@/components/ui/section";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { RegionIcon } from "@/components/ui/region-icon";
import { formatLatencyMs } from "@/lib/format";
import { LATENCY_BANDS } from "@/lib/latency/bands";
import { MeasureAgain } from "./measure-again";
import { label, useRegionChoice } from "./region-choice";
import { RegionList } from "./region-list";

export function RegionsView() {
  const { regions } = useRegionChoice();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Regions</h1>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          Meridian measures the latency from this browser to every region and sends you through the fastest healthy one, unless you choose a region yourself. Your choice is kept for your account, in every browser.
        </p>
      </div>
      <CurrentRegion />
      <Section headingId="regions-heading" title="Regions" meta={regions.data ? `${regions.data.regions.length} available` : undefined} actions={<MeasureAgain />}>
        {regions.isPending ? (
          <TableSkeleton label="Loading regions" />
        ) : regions.isError && !regions.data ? (
          <ErrorState title="Could not load regions" message={regions.error.message} onRetry={() => regions.refetch()} retrying={regions.isFetching} />
        ) : (
          <div className="rounded-xl border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-900">
            <RegionList name="region" />
          </div>
        )}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Latency is the median of several requests from this browser after a warm-up, less the time the region says it spent. Under {LATENCY_BANDS.good} ms is fast, {LATENCY_BANDS.good}–{LATENCY_BANDS.fair - 1} ms fair, {LATENCY_BANDS.fair} ms or more slow. ≈ marks a wall-clock value from a region that does not expose
          timing. Results are kept for two minutes.
        </p>
      </Section>
    </div>
  );
}

function CurrentRegion() {
  const { effective, automatic, latencies } = useRegionChoice();
  const latency = effective ? latencies[effective.id] : undefined;
  return (
    <div className="flex items-center gap-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      {effective ? <RegionIcon icon={effective.icon_url} /> : null}
      <p className="text-sm">
        {effective ? (
          <>
            You are working through <span className="font-semibold">{label(effective)}</span>
            {latency?.status === "measured" ? ` (${formatLatencyMs(latency.median_ms)} from here)` : ""}, {automatic ? "chosen automatically" : "your choice"}.
          </>
        ) : automatic ? (
          "Measuring the regions to choose the fastest…"
        ) : (
          "The region you chose cannot be used."
        )}
      </p>
    </div>
  );
}
