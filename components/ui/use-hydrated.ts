"use client";
import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False on the server and in the browser's hydrating render, true from the next render on (and
 * at once after a client-side navigation). For what the server could not know: a query the
 * server did not prefetch may already be in the browser's cache when a streamed part of the page
 * (under a loading.tsx) hydrates, and drawing it then would not match the server's HTML.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
