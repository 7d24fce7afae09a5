// Server-side prefetch for detail pages: fills a query key straight from the service, as the list
// pages do, except that the service's NotFound becomes the page's 404. Any other failure is left
// out of the dehydrated state (and logged); the browser's own fetch then shows it.
import "server-only";
import { notFound } from "next/navigation";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { logger } from "../log";
import { NotFound } from "./errors";

export async function prefetchOrNotFound<T>(client: QueryClient, queryKey: QueryKey, load: () => Promise<T>, what: string): Promise<void> {
  await client.prefetchQuery({ queryKey, queryFn: load, retry: false });
  const error = client.getQueryState(queryKey)?.error;
  if (error instanceof NotFound) notFound();
  if (error) logger().error({ err: error }, `${what}: prefetching failed`);
}
