"use client";
// What the user must know about their region: the automatic choice moved (and why), their own
// choice cannot be used right now (with the best alternative one click away), or a save failed.
import { Button } from "@/components/ui/button";
import { formatLatencyMs } from "@/lib/format";
import type { Problem } from "@/lib/regions/choice";
import { label, useRegionChoice } from "./region-choice";

const WHY: Record<Problem, string> = {
  unhealthy: "is unhealthy",
  unreachable: "is unreachable from this browser",
  gone: "no longer exists",
};

export function RegionNotices() {
  const { manual, notice, dismissNotice, choose, latencies, choosing } = useRegionChoice();
  const alternative = manual?.alternative;
  const altLatency = alternative && latencies[alternative.id];
  return (
    <div className="mb-6 space-y-2 empty:hidden">
      {manual?.problem && (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-200">
          <p>
            <span className="font-medium">{manual.region ? label(manual.region) : "The region you chose"}</span> {WHY[manual.problem]}. Your choice is kept until you change it.
            {alternative ? ` The fastest healthy region now is ${label(alternative)}${altLatency?.status === "measured" ? ` (${formatLatencyMs(altLatency.median_ms)})` : ""}.` : " No other region is usable right now."}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {alternative && (
              <Button onClick={() => choose(alternative.id)} disabled={choosing}>
                Switch to {label(alternative)}
              </Button>
            )}
            <Button onClick={() => choose(null)} disabled={choosing}>
              Use automatic
            </Button>
          </div>
        </div>
      )}
      {notice && (
        <div
          role={notice.kind === "error" ? "alert" : "status"}
          className={`flex items-start justify-between gap-3 rounded-lg border p-3 text-sm ${notice.kind === "error" ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800/60 dark:bg-red-950/40 dark:text-red-200" : "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800/60 dark:bg-sky-950/40 dark:text-sky-200"}`}
        >
          <p>{notice.kind === "error" ? notice.message : `${notice.from} ${WHY[notice.problem]}: you now work through ${notice.to}, the fastest healthy region.`}</p>
          <button type="button" onClick={dismissNotice} className="shrink-0 rounded px-1 text-xs font-medium underline-offset-2 hover:underline">
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
