// Series colours as CSS variables set on a chart's wrapper (CHART_COLOURS), so the dark scheme
// swaps them with the rest of the page; recharts takes `var(--…)` as a fill or stroke.
import type { ProxyStatus } from "@/lib/api/proxies";
import type { Tone } from "@/components/ui/badge";
import { PROXY_TONE } from "@/components/overview/status";

export const CHART_COLOURS = [
  "[--chart-good:#059669] [--chart-warn:#d97706] [--chart-bad:#dc2626] [--chart-neutral:#a1a1aa] [--chart-median:#4f46e5] [--chart-max:#71717a]",
  "[--chart-grid:#e4e4e7] [--chart-tooltip:#ffffff] [--chart-peer-0:#0284c7] [--chart-peer-1:#7c3aed] [--chart-peer-2:#0d9488] [--chart-peer-3:#ea580c] [--chart-peer-4:#db2777] [--chart-peer-5:#4d7c0f]",
  "dark:[--chart-good:#34d399] dark:[--chart-warn:#fbbf24] dark:[--chart-bad:#f87171] dark:[--chart-neutral:#71717a] dark:[--chart-median:#818cf8] dark:[--chart-max:#a1a1aa]",
  "dark:[--chart-grid:#3f3f46] dark:[--chart-tooltip:#18181b] dark:[--chart-peer-0:#38bdf8] dark:[--chart-peer-1:#a78bfa] dark:[--chart-peer-2:#2dd4bf] dark:[--chart-peer-3:#fb923c] dark:[--chart-peer-4:#f472b6] dark:[--chart-peer-5:#a3e635]",
].join(" ");

const TONE_COLOUR: Record<Tone, string> = {
  good: "var(--chart-good)",
  warn: "var(--chart-warn)",
  bad: "var(--chart-bad)",
  neutral: "var(--chart-neutral)",
  info: "var(--chart-peer-0)",
  demo: "var(--chart-peer-1)",
};

/** A status in the colour its badge has everywhere else. */
export const statusColour = (status: ProxyStatus) => TONE_COLOUR[PROXY_TONE[status]];

export const MEDIAN_COLOUR = "var(--chart-median)";
export const MAX_COLOUR = "var(--chart-max)";
export const GRID_COLOUR = "var(--chart-grid)";
export const TOOLTIP_BACKGROUND = "var(--chart-tooltip)";

const PEER_COLOURS = 6;
export const peerColour = (index: number) => `var(--chart-peer-${index % PEER_COLOURS})`;
