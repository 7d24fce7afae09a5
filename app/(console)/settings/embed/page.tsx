import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { EmbedOriginsView } from "@/components/embed/embed-origins-view";
import { makeQueryClient } from "@/lib/query/client";
import { embedOriginsQuery } from "@/lib/query/embed";
import { requireRole } from "@/server/auth/page";
import { listEmbedOrigins } from "@/server/embed/origins";
import { config } from "@/server/env";

export const dynamic = "force-dynamic";

export default async function EmbedSettingsPage() {
  await requireRole("admin");
  const queryClient = makeQueryClient();
  // A failed read is left out of the dehydrated state; the browser's own fetch then shows it.
  const origins = embedOriginsQuery();
  await queryClient.prefetchQuery({ ...origins, retry: false, queryFn: async () => ({ origins: await listEmbedOrigins() }) });
  const error = queryClient.getQueryState(origins.queryKey)?.error;
  if (error) console.error("embed: prefetching the allowed origins failed:", error);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <EmbedOriginsView accessUrl={config().accessUrl} />
    </HydrationBoundary>
  );
}
