// Query keys and calls for the health report and its settings (dismissed sections).
import { queryOptions } from "@tanstack/react-query";
import { healthReportSchema, healthSettingsSchema, type UpdateHealthSettingsRequest } from "@/lib/api/health";
import { send } from "./accounts";
import { apiFetch } from "./fetch";

const REPORT_PATH = "/api/v2/debug/health";

/** Live events make the report stale (lib/query/events.ts) and match it by the "health" prefix. */
export const healthKeys = {
  all: ["health"] as const,
  report: ["health", "report"] as const,
};

/**
 * The report. Events refresh it when the topology changes, but some findings come with time alone
 * (a replica that stops beating, a license nearing expiry), so it is also read every 30 s.
 */
export function healthReportQuery() {
  return queryOptions({
    queryKey: healthKeys.report,
    queryFn: ({ signal }) => apiFetch(REPORT_PATH, healthReportSchema, { signal }),
    refetchInterval: 30_000,
  });
}

export const healthApi = {
  /** Computes the report now rather than answering the one the server keeps for a few seconds. */
  checkNow: () => apiFetch(`${REPORT_PATH}?force=true`, healthReportSchema),
  updateSettings: (input: UpdateHealthSettingsRequest) => send("PUT", `${REPORT_PATH}/settings`, healthSettingsSchema, input),
};
