import { historyQuerySchema as query } from "@/lib/api/history";
import { replicaParamsSchema as params } from "@/lib/api/params";
import { route } from "@/server/http/route";
import { replicaHistory } from "@/server/topology/history";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/replicas/[id]/history", { params, query }, ({ params, query }) => replicaHistory(params.id, query.period));
