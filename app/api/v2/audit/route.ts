import { auditQuerySchema } from "@/lib/api/audit";
import { listAudit } from "@/server/audit";
import { route } from "@/server/http/route";
import { requireFeature } from "@/server/licensing";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/audit", { query: auditQuerySchema }, async ({ query }) => {
  await requireFeature("audit_log");
  return listAudit(query);
});
