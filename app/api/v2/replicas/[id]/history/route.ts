import { historyQuerySchema as query, replicaHistoryResponseSchema } from "@/lib/api/history";
import { replicaParamsSchema as params } from "@/lib/api/params";
import { route } from "@/server/http/route";
import { replicaHistory } from "@/server/topology/history";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/replicas/[id]/history", { summary: "A replica's database and peer latency over a period, bucketed", params, query, response: replicaHistoryResponseSchema }, ({ params, query }) => replicaHistory(params.id, query.period));
