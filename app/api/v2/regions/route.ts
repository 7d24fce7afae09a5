import { regionsResponseSchema } from "@/lib/api/proxies";
import { answerOnce, route } from "@/server/http/route";
import { config } from "@/server/env";
import { listRegions } from "@/server/topology/proxies";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/regions", { summary: "The regions a user can work through: the primary and every proxy", response: regionsResponseSchema }, async () => answerOnce(await listRegions(config().accessUrl), (regions) => ({ regions })));
