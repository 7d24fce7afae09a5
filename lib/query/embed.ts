// Query keys and calls for the embed allow-list (the origins that may frame the region picker).
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { addEmbedOriginResponseSchema, embedOriginsResponseSchema, type AddEmbedOriginRequest } from "@/lib/api/embed";
import { send } from "./accounts";
import { apiFetch } from "./fetch";

export const embedKeys = {
  origins: ["embed", "origins"] as const,
};

export function embedOriginsQuery() {
  return queryOptions({ queryKey: embedKeys.origins, queryFn: ({ signal }) => apiFetch("/api/v2/embed/origins", embedOriginsResponseSchema, { signal }) });
}

export const embedApi = {
  add: (input: AddEmbedOriginRequest) => send("POST", "/api/v2/embed/origins", addEmbedOriginResponseSchema, input),
  remove: (id: string) => send("DELETE", `/api/v2/embed/origins/${encodeURIComponent(id)}`, z.unknown()),
};
