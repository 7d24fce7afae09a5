import { auditQuerySchema } from "@/lib/api/audit";
import { listAudit } from "@/server/audit";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/audit", { query: auditQuerySchema }, ({ query }) => listAudit(query));
