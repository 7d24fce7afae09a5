"use client";
// The overview page's client side: the same query options the server prefetched with, kept fresh
// by live events (components/layout/live-updates.tsx), rendered by small views that take plain data.
import { useQuery } from "@tanstack/react-query";
import { replicasQuery } from "@/lib/query/replicas";
import { workspaceProxiesQuery } from "@/lib/query/proxies";
import { useFallbackRefetch } from "@/components/layout/live-updates";
import { useNow } from "@/components/ui/use-now";
import { HealthMapSection } from "@/components/map/health-map-section";
import { DemoBanner } from "./demo-banner";
import { ProxiesSection } from "./proxies-section";
import { errorText } from "./query-view";
import { RefreshStatus } from "./refresh-status";
import { ReplicasSection } from "./replicas-section";
import { summarize } from "./summary";
import { SummaryCards } from "./summary-cards";

export function OverviewView({ renderedAt }: { renderedAt: number }) {
  const now = useNow(renderedAt);
  // Live events refresh both lists (every heartbeat and health check publishes one); a slow poll only while the stream is down.
  const refetchInterval = useFallbackRefetch();
  const replicas = useQuery({ ...replicasQuery(), refetchInterval });
  const proxies = useQuery({ ...workspaceProxiesQuery(), refetchInterval });

  const summary = summarize(replicas.data, proxies.data?.regions);
  const loaded = [replicas, proxies].filter((q) => q.data !== undefined);
  // A refresh that failed while older data stays on screen; a first load's failure shows in its section.
  const failed = ([["replicas", replicas], ["workspace proxies", proxies]] as const).find(([, q]) => q.data !== undefined && q.error);

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Overview</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Control-plane replicas and workspace proxies across regions.</p>
        </div>
        <RefreshStatus
          updatedAt={loaded.length ? Math.min(...loaded.map((q) => q.dataUpdatedAt)) : 0}
          now={now}
          fetching={replicas.isFetching || proxies.isFetching}
          staleError={failed?.[1].error ? `Couldn't refresh ${failed[0]}: ${errorText(failed[1].error).message}` : null}
          onRefresh={() => {
            void replicas.refetch();
            void proxies.refetch();
          }}
        />
      </div>
      {summary.proxies.demo > 0 && <DemoBanner count={summary.proxies.demo} />}
      <SummaryCards summary={summary} loaded={{ replicas: replicas.data !== undefined, proxies: proxies.data !== undefined }} />
      <HealthMapSection proxies={proxies.data?.regions} replicas={replicas.data} failed={proxies.error !== null} now={now} />
      <ReplicasSection query={replicas} now={now} />
      <ProxiesSection query={proxies} now={now} />
    </div>
  );
}
