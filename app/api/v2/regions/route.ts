import { route } from "@/server/http/route";
import { config } from "@/server/env";
import { listRegions } from "@/server/topology/proxies";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/regions", {}, async () => ({ regions: await listRegions(config().accessUrl) }));
