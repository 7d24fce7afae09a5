"use client";
// The two kinds of chart on the detail pages, drawn with recharts over a time axis from the
// period's start to its end: a status timeline (each bucket's checks as shares of a full-height
// bar, by status) and latency lines. Charts are pictures for sighted users: the figure around them
// (ChartFigure) says the same in words and as a table, so they are hidden from assistive tech.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { HistoryPeriod } from "@/lib/api/history";
import { formatLatencyMs } from "@/lib/format";
import { axisTicks, bucketLabel, STATUSES, tickLabel, type ChartRow } from "./chart-data";
import { GRID_COLOUR, statusColour, TOOLTIP_BACKGROUND } from "./chart-colours";

interface Axis {
  period: HistoryPeriod;
  /** The period's ends, ms. */
  domain: [number, number];
}

const TICK = { fill: "currentColor", fontSize: 11 };
const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };

function timeAxis({ period, domain }: Axis) {
  return <XAxis dataKey="t" type="number" domain={domain} ticks={axisTicks(domain, period)} tickFormatter={(t: number) => tickLabel(t, period)} tick={TICK} stroke="currentColor" minTickGap={24} />;
}

function tooltip(period: HistoryPeriod, format: (value: number) => string) {
  return (
    <Tooltip
      labelFormatter={(t) => bucketLabel(Number(t), period)}
      formatter={(value) => (typeof value === "number" ? format(value) : String(value ?? "—"))}
      contentStyle={{ background: TOOLTIP_BACKGROUND, borderColor: GRID_COLOUR, borderRadius: 8, fontSize: 12 }}
      isAnimationActive={false}
    />
  );
}

export function StatusTimeline({ rows, ...axis }: Axis & { rows: ChartRow[] }) {
  return (
    <BarChart responsive data={rows} stackOffset="expand" barCategoryGap={0} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: 96 }}>
      {timeAxis(axis)}
      <YAxis hide domain={[0, 1]} />
      {tooltip(axis.period, (n) => String(n))}
      {STATUSES.map((s) => (
        <Bar key={s} dataKey={s} name={s} stackId="status" fill={statusColour(s)} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

export interface LineSeries {
  key: string;
  label: string;
  colour: string;
  dashed?: boolean;
}

export function LatencyChart({ rows, series, ...axis }: Axis & { rows: ChartRow[]; series: LineSeries[] }) {
  return (
    <LineChart responsive data={rows} margin={MARGIN} accessibilityLayer={false} style={{ width: "100%", height: 220 }}>
      <CartesianGrid stroke={GRID_COLOUR} vertical={false} />
      {timeAxis(axis)}
      <YAxis tickFormatter={(v: number) => formatLatencyMs(v)} tick={TICK} stroke="currentColor" width={56} />
      {tooltip(axis.period, formatLatencyMs)}
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {series.map((s) => (
        <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.colour} strokeWidth={1.75} strokeDasharray={s.dashed ? "4 3" : undefined} dot={false} type="linear" isAnimationActive={false} />
      ))}
    </LineChart>
  );
}
