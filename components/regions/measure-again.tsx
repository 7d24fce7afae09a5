"use client";
import { Button } from "@/components/ui/button";
import { useRegionChoice } from "./region-choice";

/** Re-measures every region now; says how far it has got while it runs. */
export function MeasureAgain() {
  const { measuring, remeasure } = useRegionChoice();
  const busy = measuring.active > 0;
  return (
    <div className="flex items-center gap-3">
      <p role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {busy ? `Measuring… ${measuring.total - measuring.active} of ${measuring.total} regions done` : ""}
      </p>
      <Button onClick={remeasure} disabled={busy} aria-busy={busy}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 ${busy ? "motion-safe:animate-spin" : ""}`} fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M16.5 10a6.5 6.5 0 1 1-1.9-4.6M16.5 3.5v3.5H13" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        Measure again
      </Button>
    </div>
  );
}
