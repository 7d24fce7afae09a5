// A page whose client view reads query keys the server filled: `prefetch` fills them straight from
// the services (no HTTP hop; a failure is left out of the dehydrated state and the browser's own
// fetch then shows it), and the view renders with the moment the data was read, which its
// relative times count from so that hydration prints the same text.
import "server-only";
import { dehydrate, HydrationBoundary, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderTime } from "@/lib/format";
import { makeQueryClient } from "@/lib/query/client";

export async function Hydrated({ prefetch, view }: { prefetch: (client: QueryClient) => Promise<unknown>; view: (renderedAt: number) => ReactNode }) {
  const client = makeQueryClient();
  await prefetch(client);
  return <HydrationBoundary state={dehydrate(client)}>{view(renderTime())}</HydrationBoundary>;
}
