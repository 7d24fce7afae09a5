import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { ReplicaHistoryPage } from "@/components/history/history-pages";
import { periodFromSearch } from "@/lib/api/history";
import { renderTime } from "@/lib/format";
import { makeQueryClient } from "@/lib/query/client";
import { historyKeys } from "@/lib/query/history";
import { replicaKeys } from "@/lib/query/replicas";
import { requireRole } from "@/server/auth/page";
import { config } from "@/server/env";
import { prefetchOrNotFound } from "@/server/http/page-prefetch";
import { replicaHistory } from "@/server/topology/history";
import { listReplicas } from "@/server/topology/replicas";

export const dynamic = "force-dynamic";

type DetailPageProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReplicaDetailPage({ params, searchParams }: DetailPageProps) {
  await requireRole("admin");
  const { id } = await params;
  const period = periodFromSearch((await searchParams).period);
  const client = makeQueryClient();
  await Promise.all([
    prefetchOrNotFound(client, historyKeys.replica(id, period), () => replicaHistory(id, period), "replica history"),
    prefetchOrNotFound(client, replicaKeys.list(), () => listReplicas(config().MERIDIAN_REPLICA_ID), "replicas"),
  ]);
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <ReplicaHistoryPage id={id} period={period} renderedAt={renderTime()} />
    </HydrationBoundary>
  );
}
