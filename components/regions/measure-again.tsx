"use client";
import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/refresh-icon";
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
        <RefreshIcon busy={busy} />
        Measure again
      </Button>
    </div>
  );
}
