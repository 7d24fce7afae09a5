// What each live event (lib/api/events.ts) makes stale in the browser. The stream names what
// changed; these are the query keys whose answers depend on it (matched by prefix).
import type { QueryKey } from "@tanstack/react-query";
import type { MeridianEvent } from "@/lib/api/events";
import { accountKeys } from "./accounts";
import { embedKeys } from "./embed";
import { licenseKeys } from "./licenses";
import { proxyKeys } from "./proxies";
import { regionKeys } from "./regions";
import { replicaKeys } from "./replicas";

/** The health report (server/health/report.ts) reads every part of the topology. */
const HEALTH: QueryKey = ["health"];

/** The query keys an event makes stale; `"all"` after a gap in the stream. */
export function staleKeys(event: MeridianEvent): QueryKey[] | "all" {
  switch (event.type) {
    case "proxy":
      // Entitlements count proxies against the license's limit.
      return [proxyKeys.all, regionKeys.list, regionKeys.mine, licenseKeys.entitlements, HEALTH, accountKeys.auditAll];
    case "proxy_status":
      return [proxyKeys.all, regionKeys.list, regionKeys.mine, HEALTH];
    case "proxy_checks":
      return [proxyKeys.all];
    case "replica":
      // Entitlements count replicas against the high-availability limit. (Not the health report:
      // every heartbeat is an event, and the report refreshes on its own timer for staleness.)
      return [replicaKeys.all, licenseKeys.entitlements];
    case "license":
      return [licenseKeys.entitlements, licenseKeys.licenses, HEALTH, accountKeys.auditAll];
    case "settings":
      return [event.id === "embed_origins" ? embedKeys.origins : HEALTH, accountKeys.auditAll];
    case "user":
      return [accountKeys.users, accountKeys.auditAll];
    case "user_region":
      return [regionKeys.mine];
    case "session_revoked":
      return [accountKeys.tokens];
    case "resync":
      return "all";
  }
}
