// A replica's detail page as a view of its props: who it is and how it is now, then its database
// latency and its latency to each same-region peer over the chosen period.
import type { HistoryPeriod, ReplicaHistory } from "@/lib/api/history";
import type { Replica } from "@/lib/api/replicas";
import { formatLatencyMs, formatLatencyUs } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Dash } from "@/components/ui/dash";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { errorText, type QueryView } from "@/components/overview/query-view";
import { REPLICA_TONE } from "@/components/overview/status";
import { ChartFigure, ChartsSkeleton } from "./chart-figure";
import { bucketLabel, bucketWidth, latencyRange, plural, replicaRows, sampleCount } from "./chart-data";
import { MAX_COLOUR, MEDIAN_COLOUR, peerColour } from "./chart-colours";
import { LatencyChart } from "./charts";
import { DetailHeader, HistoryHeading } from "./detail-header";
import { PeriodSelector } from "./period-selector";

const HISTORY_ID = "history-heading";

interface Props {
  id: string;
  period: HistoryPeriod;
  /** The replica as the live list has it; undefined until it loads, or when it was last seen over a day ago. */
  replica: Replica | undefined;
  history: QueryView<ReplicaHistory>;
  now: number;
}

export function ReplicaHistoryView({ id, period, replica, history, now }: Props) {
  const { data, error } = history;
  return (
    <div className="space-y-8">
      <DetailHeader
        back={{ href: "/#replicas-heading", label: "Overview" }}
        title={replica?.hostname ?? data?.replica.hostname ?? "Replica"}
        subtitle={<span className="font-mono text-xs">{id}</span>}
        badges={
          replica && (
            <Badge tone={REPLICA_TONE[replica.status]} dot>
              {replica.status}
            </Badge>
          )
        }
        facts={[
          ["Region", replica?.region ?? data?.replica.region ?? <Dash />],
          ["Version", replica ? <span className="font-mono text-xs">{replica.version}</span> : <Dash />],
          ["Database latency", replica ? <span className="tabular-nums">{formatLatencyUs(replica.database_latency_us)}</span> : <Dash />],
          ["Last heartbeat", replica ? <RelativeTime iso={replica.updated_at} now={now} /> : <Dash label="not in the last day" />],
        ]}
      />
      {replica?.error && (
        <p role="note" className="text-sm text-red-800 dark:text-red-300">
          {replica.error}
        </p>
      )}
      <section aria-labelledby={HISTORY_ID} className="space-y-4">
        <HistoryHeading id={HISTORY_ID}>
          <PeriodSelector path={`/replicas/${id}`} period={period} />
        </HistoryHeading>
        {data ? (
          sampleCount(data) > 0 ? (
            <ReplicaCharts history={data} />
          ) : (
            <EmptyState title="No samples in this period yet">A running replica records its database and peer latencies every heartbeat (5 s).</EmptyState>
          )
        ) : error ? (
          <ErrorState title="Couldn't load the history" {...errorText(error)} onRetry={() => void history.refetch()} retrying={history.isFetching} />
        ) : (
          <ChartsSkeleton label="Loading history" />
        )}
      </section>
    </div>
  );
}

function ReplicaCharts({ history }: { history: ReplicaHistory }) {
  const { period, peers } = history;
  const axis = { period, domain: [Date.parse(history.from), Date.parse(history.to)] as [number, number] };
  const rows = replicaRows(history);
  const bucket = bucketWidth(period);
  const ms = (v: number | null) => (v === null ? "—" : formatLatencyMs(v));
  const sampled = history.database.flatMap((b, i) => (b.samples > 0 || peers.some((p) => p.buckets[i].samples > 0) ? [i] : []));
  const label = (i: number) => bucketLabel(Date.parse(history.database[i].at), period);
  const database = latencyRange(history.database);
  return (
    <div className="grid gap-4">
      <ChartFigure
        id="database-latency"
        title="Database latency"
        summary={database ? `Round trip of SELECT 1 from this replica: ${database} (${bucket}).` : "No database sample in this period."}
        columns={["Bucket (UTC)", "Median", "Highest"]}
        rows={sampled.map((i) => [label(i), ms(history.database[i].latency_p50_ms), ms(history.database[i].latency_max_ms)])}
      >
        <LatencyChart
          rows={rows}
          series={[
            { key: "p50", label: "median", colour: MEDIAN_COLOUR },
            { key: "max", label: "highest", colour: MAX_COLOUR, dashed: true },
          ]}
          {...axis}
        />
      </ChartFigure>
      {peers.length ? (
        <ChartFigure
          id="peer-latency"
          title="Peer latency"
          summary={
            <>
              Median round trip to each peer&apos;s relay address ({bucket}):{" "}
              {peers
                .map((p) => {
                  const errors = p.buckets.reduce((n, b) => n + b.errors, 0);
                  return `${p.hostname}: ${latencyRange(p.buckets) ?? "never answered"}${errors ? `, ${plural(errors, "failed dial")}` : ""}`;
                })
                .join("; ")}
              .
            </>
          }
          columns={["Bucket (UTC)", ...peers.map((p) => p.hostname)]}
          rows={sampled.map((i) => [label(i), ...peers.map((p) => `${ms(p.buckets[i].latency_p50_ms)}${p.buckets[i].errors ? ` (${plural(p.buckets[i].errors, "error")})` : ""}`)])}
        >
          <LatencyChart rows={rows} series={peers.map((p, i) => ({ key: p.replica_id, label: p.hostname, colour: peerColour(i) }))} {...axis} />
        </ChartFigure>
      ) : (
        <EmptyState title="No peers measured in this period">A replica pings the other live replicas of its region every heartbeat.</EmptyState>
      )}
    </div>
  );
}
