"use client";
// The world with the primary and every proxy on it. Countries and latency lines are SVG scaled by
// the viewBox; markers, names and latency labels are HTML placed over it in percent, so they keep
// a readable size and a finger-sized target on a phone. Markers are links (Tab walks them west to
// east); hovering or focusing one shows its card, Escape hides it. Their glyphs are CSS (.map-marker
// in app/globals.css), keyed by `data-tone`.
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import type { DrawnLine, MapLayout, PlacedMarker, Point } from "@/lib/geo/layout";
import { markerName, type MapMarker } from "@/lib/geo/map-model";
import { worldShapes } from "@/lib/geo/world";
import { formatLatencyMs } from "@/lib/format";
import { latencyBand, type LatencyBand } from "@/lib/latency/bands";
import type { RegionLatency } from "@/lib/latency/measure";
import { statusTone } from "@/components/overview/status";
import { MarkerCard } from "./marker-card";

const CARD_ID = "health-map-card";
/** With more markers than this, names beside them would pile up; the card and the table say them. */
const MAX_NAMED_MARKERS = 12;
/** Past this many lines their labels would cover each other; the cards and the table still say every latency. */
const MAX_LABELLED_LINES = 24;
/** Long enough to move the pointer from a marker onto its card. */
const HIDE_DELAY_MS = 200;

/** Where a marker leads: a proxy to its detail page; the primary to the replicas table below. */
export function markerHref(marker: MapMarker): string {
  return marker.kind === "primary" ? "#replicas-heading" : `/proxies/${encodeURIComponent(marker.id)}`;
}

interface Pointer {
  enter(id: string): void;
  leave(): void;
  focus(id: string): void;
  blur(id: string): void;
}

export function HealthMap({ layout, now }: { layout: MapLayout; now: number }) {
  const [hovered, setHovered] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  // The latest of pointer and keyboard wins: tabbing while the mouse rests on another marker
  // shows the focused one's card.
  const [latest, setLatest] = useState<"hover" | "focus">("hover");
  const [dismissed, setDismissed] = useState(false);
  const hideTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const activeId = dismissed ? null : latest === "focus" ? (focused ?? hovered) : (hovered ?? focused);
  const active = layout.markers.find((m) => m.marker.id === activeId) ?? null;

  const pointer = useMemo<Pointer>(() => {
    const keep = () => clearTimeout(hideTimer.current);
    return {
      enter(id) {
        keep();
        setHovered(id);
        setLatest("hover");
        setDismissed(false);
      },
      leave() {
        keep();
        hideTimer.current = setTimeout(() => setHovered(null), HIDE_DELAY_MS);
      },
      focus(id) {
        setFocused(id);
        setLatest("focus");
        setDismissed(false);
      },
      blur(id) {
        setFocused((current) => (current === id ? null : current));
      },
    };
  }, []);
  useEffect(() => () => clearTimeout(hideTimer.current), []);

  // Escape hides the card wherever focus is, without moving the pointer or the focus (WCAG 1.4.13).
  const open = active !== null;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setDismissed(true);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const keepCard = useCallback(() => clearTimeout(hideTimer.current), []);

  return (
    <div className="relative">
      <MapCanvas layout={layout} activeId={active?.marker.id ?? null} pointer={pointer} />
      {active && (
        <div
          id={CARD_ID}
          role="tooltip"
          className="absolute z-20 w-72 max-w-[calc(100%-0.5rem)] rounded-xl border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          style={cardPlace(active.at)}
          onMouseEnter={keepCard}
          onMouseLeave={pointer.leave}
        >
          <MarkerCard marker={active.marker} now={now} />
        </div>
      )}
    </div>
  );
}

/** Beside the marker, sliding along so it never leaves the map sideways; below it in the north, above it in the south. */
function cardPlace(at: Point): CSSProperties {
  const vertical = at.top < 50 ? { top: `calc(${at.top}% + 18px)` } : { bottom: `calc(${100 - at.top}% + 18px)` };
  return { left: `${at.left}%`, transform: `translateX(-${at.left}%)`, ...vertical };
}

const MapCanvas = memo(function MapCanvas({ layout, activeId, pointer }: { layout: MapLayout; activeId: string | null; pointer: Pointer }) {
  const world = worldShapes();
  const named = layout.markers.length <= MAX_NAMED_MARKERS;
  const labelled = layout.lines.length <= MAX_LABELLED_LINES;
  return (
    <div className="relative overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      <svg aria-hidden="true" focusable="false" viewBox={`0 0 ${layout.width} ${layout.height}`} className="block h-auto w-full">
        <path d={world.sphere} className="fill-sky-50 dark:fill-slate-900" />
        <path d={world.countries} className="fill-zinc-200 dark:fill-zinc-700" />
        <path d={world.borders} fill="none" strokeWidth="0.5" vectorEffect="non-scaling-stroke" className="stroke-white dark:stroke-slate-900" />
        {layout.lines.map((line) => (
          <LatencyLine key={line.to} line={line} />
        ))}
      </svg>
      {layout.origin && (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute size-10 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-dashed border-indigo-600 dark:border-indigo-400"
          style={at(layout.origin)}
        />
      )}
      {labelled && layout.lines.map((line) => <LatencyLabel key={line.to} line={line} besideNames={named} />)}
      {layout.markers.map((placed) => (
        <Marker key={placed.marker.id} placed={placed} named={named} described={placed.marker.id === activeId} pointer={pointer} />
      ))}
    </div>
  );
});

/** Clear of the primary's replica count on the right. */
function labelPlace(side: PlacedMarker["label"], primary: boolean): string {
  if (side === "left") return "right-full mr-1.5";
  return primary ? "left-full ml-3" : "left-full ml-1.5";
}

const latencyText = (latency: Extract<RegionLatency, { status: "measured" }>) => `${latency.accurate ? "" : "≈ "}${formatLatencyMs(latency.median_ms)}`;

const at = (p: Point): CSSProperties => ({ left: `${p.left}%`, top: `${p.top}%` });

const BAND_STROKE: Record<LatencyBand, string> = {
  good: "stroke-emerald-600 dark:stroke-emerald-400",
  fair: "stroke-amber-500 dark:stroke-amber-400",
  poor: "stroke-red-600 dark:stroke-red-400",
};

/** Solid in the latency's band colour when measured; dashed red when the region did not answer; dotted grey when unknown. */
function LatencyLine({ line }: { line: DrawnLine }) {
  return <path d={line.d} fill="none" strokeWidth="1.5" strokeLinecap="round" vectorEffect="non-scaling-stroke" opacity="0.85" {...lineLook(line.latency)} />;
}

function lineLook(latency: RegionLatency | undefined): { className: string; strokeDasharray?: string } {
  if (latency?.status === "measured") return { className: BAND_STROKE[latencyBand(latency.median_ms)] };
  if (latency?.status === "unreachable") return { className: "stroke-red-600 dark:stroke-red-400", strokeDasharray: "6 4" };
  return { className: "stroke-zinc-500 dark:stroke-zinc-400", strokeDasharray: "1 4" };
}

/**
 * The measured latency at the middle of its line; decorative, since each marker's accessible name
 * says it. Where the names show beside the markers (from `sm` up, on an uncrowded map) they carry
 * the latency at the line's end instead, which nothing covers.
 */
function LatencyLabel({ line, besideNames }: { line: DrawnLine; besideNames: boolean }) {
  const { latency, label } = line;
  if (!label || latency?.status !== "measured") return null;
  return (
    <span
      aria-hidden="true"
      className={`pointer-events-none absolute -translate-x-1/2 -translate-y-1/2 rounded-full bg-white px-1.5 text-[11px] leading-4 font-medium whitespace-nowrap text-zinc-800 tabular-nums shadow-sm ring-1 ring-zinc-300 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-600 ${besideNames ? "sm:hidden" : ""}`}
      style={at(label)}
    >
      {latencyText(latency)}
    </span>
  );
}

/** A plain link, not next/link: thousands of <Link>s take seconds to hydrate; a click loads the detail page. */
function Marker({ placed, named, described, pointer }: { placed: PlacedMarker; named: boolean; described: boolean; pointer: Pointer }) {
  const { marker } = placed;
  const primary = marker.kind === "primary";
  const shape = primary ? " rounded-md border-2 border-zinc-800 bg-white dark:border-zinc-100 dark:bg-zinc-900" : "";
  return (
    <a
      href={markerHref(marker)}
      data-proxy={marker.name}
      data-status={marker.status}
      aria-label={markerName(marker)}
      aria-describedby={described ? CARD_ID : undefined}
      data-tone={statusTone(marker.status)}
      className={`map-marker${shape}`}
      style={at(placed.at)}
      onMouseEnter={() => pointer.enter(marker.id)}
      onMouseLeave={pointer.leave}
      onFocus={() => pointer.focus(marker.id)}
      onBlur={() => pointer.blur(marker.id)}
    >
      {primary && (
        <span aria-hidden="true" className="absolute -top-2 -right-2 min-w-4 rounded-full bg-zinc-900 px-1 text-center text-[10px] leading-4 font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900">
          {marker.replicas.total}
        </span>
      )}
      {named && (
        <span
          aria-hidden="true"
          className={`pointer-events-none absolute top-1/2 hidden -translate-y-1/2 rounded bg-white px-1 text-xs font-medium whitespace-nowrap text-zinc-800 shadow-sm sm:block dark:bg-zinc-900 dark:text-zinc-100 ${labelPlace(placed.label, primary)}`}
        >
          {marker.label}
          {marker.latency?.status === "measured" && <span className="font-normal text-zinc-600 tabular-nums dark:text-zinc-300"> · {latencyText(marker.latency)}</span>}
        </span>
      )}
    </a>
  );
}
