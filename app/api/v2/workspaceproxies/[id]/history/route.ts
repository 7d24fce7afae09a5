import { historyQuerySchema as query, proxyHistoryResponseSchema } from "@/lib/api/history";
import { proxyParamsSchema as params } from "@/lib/api/params";
import { route } from "@/server/http/route";
import { proxyHistory } from "@/server/topology/history";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/workspaceproxies/[id]/history", { summary: "A proxy's health checks and status changes over a period, bucketed", params, query, response: proxyHistoryResponseSchema }, ({ params, query }) => proxyHistory(params.id, query.period));
