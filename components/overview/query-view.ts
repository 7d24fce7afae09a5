import { ApiRequestError } from "@/lib/query/fetch";

/** The part of a query result a section renders from; a UseQueryResult fits, and so does a test's literal. */
export interface QueryView<T> {
  data: T | undefined;
  error: Error | null;
  isFetching: boolean;
  refetch: () => unknown;
}

export function errorText(error: Error): { message: string; detail?: string } {
  if (error instanceof ApiRequestError) return { message: error.message, detail: error.detail };
  return { message: error.message || "Something went wrong." };
}
