// What the shapes, rings and lines mean, and what is not on the map and why.
import type { MapMarker } from "@/lib/geo/map-model";
import { LOCATIONS } from "@/lib/locations";
import type { Tone } from "@/components/ui/badge";
import { TextWithCode } from "@/components/ui/inline-code";
import { PROXY_TONE, REPLICA_TONE } from "@/components/overview/status";

/** Unplaced markers named in the legend; the table lists the rest. */
const NAMED_UNPLACED = 5;

const STATUS_ROWS = (["good", "warn", "bad", "neutral"] as const satisfies Tone[])
  .map((tone) => [tone, [...Object.entries(PROXY_TONE), ...Object.entries(REPLICA_TONE)].filter(([, t]) => t === tone).map(([status]) => status)] as const)
  .filter(([, statuses]) => statuses.length > 0);

export function MapLegend({ unplaced }: { unplaced: MapMarker[] }) {
  return (
    <div className="space-y-4 text-sm text-zinc-700 dark:text-zinc-300">
      <ul aria-label="Map legend" className="grid grid-cols-1 gap-x-4 gap-y-1.5 min-[420px]:grid-cols-2 lg:grid-cols-1">
        {STATUS_ROWS.map(([tone, statuses]) => (
          <li key={tone} className="flex items-center gap-2">
            <span aria-hidden="true" className="map-glyph" data-tone={tone} />
            {statuses.join(" · ")}
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="relative flex size-4 shrink-0 items-center justify-center rounded-[3px] border-2 border-zinc-800 dark:border-zinc-100" />
          the primary; the number counts its replicas
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="size-4 shrink-0 rounded-full border-2 border-dashed border-indigo-600 dark:border-indigo-400" />
          this browser, near its fastest region
        </li>
        <li className="flex items-center gap-2">
          <LineSample />
          latency from this browser: green under 150 ms, amber under 300 ms, red slower; dashed: no answer; dotted: not measured
        </li>
      </ul>
      {unplaced.length > 0 && (
        <div>
          <p className="font-medium text-zinc-900 dark:text-zinc-50">Not on the map</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {unplaced.slice(0, NAMED_UNPLACED).map((m) => (
              <li key={m.id}>
                <span className="font-medium">{m.label}</span>: {m.kind === "primary" ? <PrimaryPlaceHint region={m.region} /> : "no location; set one on the Proxies page."}
              </li>
            ))}
            {unplaced.length > NAMED_UNPLACED && <li>and {unplaced.length - NAMED_UNPLACED} more, in the table below the map.</li>}
          </ul>
        </div>
      )}
    </div>
  );
}

function PrimaryPlaceHint({ region }: { region: string | null }) {
  const [first, ...others] = Object.keys(LOCATIONS);
  const why = region === null ? "no replica has reported its region yet." : `its replicas' region \`${region}\` is not a region code.`;
  return <TextWithCode text={`${why} Start Meridian with \`--region ${first}\` (or ${others.slice(0, 2).join(", ")}, …) to place it.`} />;
}

function LineSample() {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" className="size-4 shrink-0 self-start mt-0.5">
      <path d="M1 12C5 3 11 3 15 12" fill="none" strokeWidth="1.5" className="stroke-emerald-600 dark:stroke-emerald-400" />
    </svg>
  );
}
