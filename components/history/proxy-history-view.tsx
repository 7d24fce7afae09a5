// A proxy's detail page as a view of its props (tested by rendering to HTML): who it is and how it
// is now, its status timeline and check latency over the chosen period, and its status changes.
import { PERIODS, type HistoryPeriod, type ProxyHistory } from "@/lib/api/history";
import type { WorkspaceProxy } from "@/lib/api/proxies";
import { formatLatencyMs } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Dash } from "@/components/ui/dash";
import { TextWithCode } from "@/components/ui/inline-code";
import { RelativeTime } from "@/components/ui/relative-time";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { UrlText } from "@/components/ui/url-text";
import { errorText, type QueryView } from "@/components/overview/query-view";
import { PROXY_TONE } from "@/components/overview/status";
import { ChartFigure, ChartsSkeleton } from "./chart-figure";
import { bucketLabel, bucketWidth, checksIn, latencyRange, proxyLatencyRows, statusRows, statusSummary, STATUSES } from "./chart-data";
import { MAX_COLOUR, MEDIAN_COLOUR } from "./chart-colours";
import { LatencyChart, StatusTimeline } from "./charts";
import { DetailHeader, HistoryHeading } from "./detail-header";
import { PeriodSelector } from "./period-selector";
import { StatusLog } from "./status-log";

const HISTORY_ID = "history-heading";
const LOG_ID = "status-log-heading";

interface Props {
  id: string;
  period: HistoryPeriod;
  /** The proxy as the live list has it (status now); undefined until that list loads. */
  proxy: WorkspaceProxy | undefined;
  history: QueryView<ProxyHistory>;
  now: number;
}

export function ProxyHistoryView({ id, period, proxy, history, now }: Props) {
  const { data, error } = history;
  const name = proxy?.display_name || proxy?.name || data?.proxy.display_name || data?.proxy.name || "Workspace proxy";
  return (
    <div className="space-y-8">
      <ProxyHeader name={name} proxy={proxy} now={now} />
      <section aria-labelledby={HISTORY_ID} className="space-y-4">
        <HistoryHeading id={HISTORY_ID}>
          <PeriodSelector path={`/proxies/${id}`} period={period} />
        </HistoryHeading>
        {data ? (
          data.buckets.some((b) => checksIn(b) > 0) ? (
            <ProxyCharts history={data} />
          ) : (
            <EmptyState title="No samples in this period yet">The health checker records every check of this proxy; they appear here after its next sweep.</EmptyState>
          )
        ) : error ? (
          <ErrorState title="Couldn't load the history" {...errorText(error)} onRetry={() => void history.refetch()} retrying={history.isFetching} />
        ) : (
          <ChartsSkeleton label="Loading history" />
        )}
      </section>
      <Section headingId={LOG_ID} title="Status changes" meta={data && `last ${PERIODS[period].label}`}>
        {data ? (
          data.changes.length ? (
            <StatusLog changes={data.changes} now={now} labelledBy={LOG_ID} />
          ) : (
            <EmptyState title="No status changes in this period" />
          )
        ) : error ? null : (
          <ChartsSkeleton label="Loading status changes" />
        )}
      </Section>
    </div>
  );
}

function ProxyHeader({ name, proxy, now }: { name: string; proxy: WorkspaceProxy | undefined; now: number }) {
  const status = proxy?.status;
  return (
    <DetailHeader
      back={{ href: "/proxies", label: "Workspace proxies" }}
      title={name}
      subtitle={proxy && <span className="font-mono text-xs">{proxy.name}</span>}
      badges={
        <>
          {status && (
            <Badge tone={PROXY_TONE[status.status]} dot>
              {status.status}
            </Badge>
          )}
          {proxy?.demo && <Badge tone="demo">demo</Badge>}
        </>
      }
      facts={[
        ["Reason", status?.reason ? <TextWithCode text={status.reason} /> : <Dash />],
        ["Version", proxy?.version ? <span className="font-mono text-xs">{proxy.version}</span> : <Dash label="not reported" />],
        ["Last check", status?.checked_at ? <RelativeTime iso={status.checked_at} now={now} /> : <span className="text-zinc-600 dark:text-zinc-400">never</span>],
        ["URL", proxy?.path_app_url ? <UrlText url={proxy.path_app_url} /> : <Dash label="no URL yet" />],
      ]}
    />
  );
}

function ProxyCharts({ history }: { history: ProxyHistory }) {
  const { period } = history;
  const axis = { period, domain: [Date.parse(history.from), Date.parse(history.to)] as [number, number] };
  const filled = history.buckets.filter((b) => checksIn(b) > 0);
  const bucket = bucketWidth(period);
  const latency = latencyRange(filled);
  const ms = (v: number | null) => (v === null ? "no answer" : formatLatencyMs(v));
  return (
    <div className="grid gap-4">
      <ChartFigure
        id="status-timeline"
        title="Status"
        summary={`${statusSummary(history)} Each bar is one of ${history.buckets.length} ${bucket}, coloured by the share of checks in each status.`}
        columns={["Bucket (UTC)", ...STATUSES]}
        rows={filled.map((b) => [bucketLabel(Date.parse(b.at), period), ...STATUSES.map((s) => String(b[s]))])}
      >
        <StatusTimeline rows={statusRows(history)} {...axis} />
      </ChartFigure>
      <ChartFigure
        id="check-latency"
        title="Check latency"
        summary={latency ? `How long the server's health check took: ${latency} (${bucket}).` : "No check was answered in this period."}
        columns={["Bucket (UTC)", "Median", "Highest"]}
        rows={filled.map((b) => [bucketLabel(Date.parse(b.at), period), ms(b.latency_p50_ms), ms(b.latency_max_ms)])}
      >
        <LatencyChart
          rows={proxyLatencyRows(history)}
          series={[
            { key: "p50", label: "median", colour: MEDIAN_COLOUR },
            { key: "max", label: "highest", colour: MAX_COLOUR, dashed: true },
          ]}
          {...axis}
        />
      </ChartFigure>
    </div>
  );
}
