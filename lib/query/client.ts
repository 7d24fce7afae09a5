// Query defaults shared by the per-request server client and the browser's one client.
import { QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./fetch";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Hydrated server data is fresh: without this the browser refetches it on mount.
        staleTime: 2_000,
        // A 403 or 404 says the same thing the second time; a dropped connection may not.
        retry: (failures, error) => failures < 2 && (!(error instanceof ApiRequestError) || error.retryable),
      },
    },
  });
}
