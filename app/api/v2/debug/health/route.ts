import { healthQuerySchema, healthReportSchema } from "@/lib/api/health";
import { healthReport } from "@/server/health/report";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/debug/health", { summary: "The health report: one section per subsystem, with coded findings", query: healthQuerySchema, response: healthReportSchema }, ({ query }) => healthReport({ force: query.force === "true" }));
