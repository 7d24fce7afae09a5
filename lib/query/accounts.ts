// Query keys and calls for users, the signed-in user's API tokens and the audit log.
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { auditResponseSchema, type AuditQuery } from "@/lib/api/audit";
import { apiTokensResponseSchema, createTokenResponseSchema, type CreateTokenRequest } from "@/lib/api/tokens";
import { usersResponseSchema, userResponseSchema, type CreateUserRequest, type FirstUserRequest, type LoginRequest, type UpdateUserRequest } from "@/lib/api/users";
import { apiFetch } from "./fetch";

export const accountKeys = {
  users: ["users"] as const,
  tokens: ["users", "me", "tokens"] as const,
  audit: (query: AuditQuery) => ["audit", query] as const,
  auditAll: ["audit"] as const,
};

/** A JSON write from the console's own pages (the browser adds Origin, which the CSRF check wants). */
export function send<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown) {
  return apiFetch(path, schema, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

const userEnvelope = userResponseSchema;
const empty = z.unknown();

export const accountsApi = {
  setup: (input: FirstUserRequest) => send("POST", "/api/v2/users/first", userEnvelope, input),
  login: (input: LoginRequest) => send("POST", "/api/v2/users/login", userEnvelope, input),
  logout: () => send("POST", "/api/v2/users/logout", empty),
  createUser: (input: CreateUserRequest) => send("POST", "/api/v2/users", userEnvelope, input),
  updateUser: (id: string, change: UpdateUserRequest) => send("PATCH", `/api/v2/users/${encodeURIComponent(id)}`, userEnvelope, change),
  createToken: (input: CreateTokenRequest) => send("POST", "/api/v2/users/me/tokens", createTokenResponseSchema, input),
  revokeToken: (id: string) => send("DELETE", `/api/v2/users/me/tokens/${encodeURIComponent(id)}`, empty),
};

export function usersQuery() {
  return queryOptions({ queryKey: accountKeys.users, queryFn: ({ signal }) => apiFetch("/api/v2/users", usersResponseSchema, { signal }) });
}

export function tokensQuery() {
  return queryOptions({ queryKey: accountKeys.tokens, queryFn: ({ signal }) => apiFetch("/api/v2/users/me/tokens", apiTokensResponseSchema, { signal }) });
}

export function auditQuery(query: AuditQuery) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
  return queryOptions({ queryKey: accountKeys.audit(query), queryFn: ({ signal }) => apiFetch(`/api/v2/audit?${params}`, auditResponseSchema, { signal }) });
}
