import { auditQuerySchema, auditResponseSchema } from "@/lib/api/audit";
import { listAudit } from "@/server/audit";
import { route } from "@/server/http/route";
import { requireFeature } from "@/server/licensing";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/audit", { summary: "Read the audit log, newest first, a page at a time", query: auditQuerySchema, response: auditResponseSchema }, async ({ query }) => {
  await requireFeature("audit_log");
  return listAudit(query);
});
