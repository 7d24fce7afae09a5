"use client";
// The compact picker in the console header: the region in use and its latency; opens a panel
// with the same radio list. Escape or a click outside closes it and focus returns to the button.
import Link from "next/link";
import { useEffect } from "react";
import { RegionIcon } from "@/components/ui/region-icon";
import { useDisclosure } from "@/components/ui/use-disclosure";
import { formatLatencyMs } from "@/lib/format";
import { MeasureAgain } from "./measure-again";
import { label, useRegionChoice } from "./region-choice";
import { RegionList } from "./region-list";

export function RegionPickerMenu() {
  const { effective, latencies, manual } = useRegionChoice();
  const { open, close, rootRef, buttonProps, panelId } = useDisclosure();
  const latency = effective ? latencies[effective.id] : undefined;

  useEffect(() => {
    // Into the group at the current choice, as a radio group expects.
    if (open) document.getElementById(panelId)?.querySelector<HTMLInputElement>("input:checked, input")?.focus();
  }, [open, panelId]);

  return (
    <div ref={rootRef} className="relative">
      <button
        {...buttonProps}
        className="inline-flex max-w-[16rem] items-center gap-2 rounded-md px-2 py-1 text-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800"
      >
        <span className="sr-only">Region: </span>
        {effective && <RegionIcon icon={effective.icon_url} />}
        <span className="truncate font-medium">{effective ? label(effective) : "Choosing region…"}</span>
        {latency?.status === "measured" && <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{formatLatencyMs(latency.median_ms)}</span>}
        {manual?.problem && (
          <span className="text-amber-600 dark:text-amber-400" title="Your region cannot be used right now">
            ⚠<span className="sr-only"> (your region cannot be used right now)</span>
          </span>
        )}
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0 text-zinc-500" fill="currentColor">
          <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.6" fill="none" />
        </svg>
      </button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label="Choose your region"
          className="absolute right-0 z-30 mt-2 w-[min(24rem,calc(100vw-2rem))] space-y-2 rounded-xl bg-white p-2 shadow-xl ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
        >
          <RegionList name="header-region" compact />
          <div className="flex items-center justify-between gap-2 border-t border-zinc-200 px-2 pt-2 dark:border-zinc-800">
            <Link href="/regions" onClick={close} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              All regions
            </Link>
            <MeasureAgain />
          </div>
        </div>
      )}
    </div>
  );
}
