import { queryOptions } from "@tanstack/react-query";
import { replicasResponseSchema } from "@/lib/api/replicas";
import { apiFetch } from "./fetch";

export const replicaKeys = {
  all: ["replicas"] as const,
  list: () => [...replicaKeys.all, "list"] as const,
};

export function replicasQuery() {
  return queryOptions({
    queryKey: replicaKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/v2/replicas", replicasResponseSchema, { signal }),
  });
}
