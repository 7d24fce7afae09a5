import { healthQuerySchema } from "@/lib/api/health";
import { healthReport } from "@/server/health/report";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/debug/health", { query: healthQuerySchema }, ({ query }) => healthReport({ force: query.force === "true" }));
