import { historyQuerySchema as query } from "@/lib/api/history";
import { proxyParamsSchema as params } from "@/lib/api/params";
import { route } from "@/server/http/route";
import { proxyHistory } from "@/server/topology/history";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/workspaceproxies/[id]/history", { params, query }, ({ params, query }) => proxyHistory(params.id, query.period));
