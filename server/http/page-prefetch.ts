// Server-side prefetch: fills a page's query keys straight from the services (no HTTP hop). For a
// detail page the service's NotFound becomes the page's 404; for a list, only a short one is put in
// the page. Any other failure is left out of the dehydrated state (and logged); the browser's own
// fetch then shows it.
import "server-only";
import { notFound } from "next/navigation";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { logger } from "../log";
import { NotFound } from "./errors";

/**
 * Waits for `lookup` and turns its NotFound into the page's 404. Called from a detail segment's
 * layout, which runs before any loading skeleton streams, so the answer's status is a real 404.
 */
export async function existsOrNotFound(lookup: Promise<unknown>): Promise<void> {
  try {
    await lookup;
  } catch (err) {
    if (err instanceof NotFound) notFound();
    throw err;
  }
}

export async function prefetchOrNotFound<T>(client: QueryClient, queryKey: QueryKey, load: () => Promise<T>, what: string): Promise<void> {
  await client.prefetchQuery({ queryKey, queryFn: load, retry: false });
  const error = client.getQueryState(queryKey)?.error;
  if (error instanceof NotFound) notFound();
  if (error) logger().error({ err: error }, `${what}: prefetching failed`);
}

/**
 * Lists longer than this are not put in the page. A list in the page is sent twice (as the markup
 * and as the data that hydrates it) and walked again by hydration: at 2,000 proxies that was 2 MB
 * of a 3 MB page. Past it the page renders its loading state and the browser fetches the list,
 * one JSON answer rendered once.
 */
export const INLINE_LIST_LIMIT = 200;

/** Puts `load()`'s answer under `queryKey` when `length(answer)` is at most INLINE_LIST_LIMIT; a long list is left to the browser. */
export async function prefetchShortList<T>(client: QueryClient, queryKey: QueryKey, load: () => Promise<T>, length: (answer: T) => number, what: string): Promise<void> {
  try {
    const answer = await load();
    if (length(answer) <= INLINE_LIST_LIMIT) client.setQueryData(queryKey, answer);
  } catch (err) {
    logger().error({ err }, `${what}: prefetching failed`);
  }
}
