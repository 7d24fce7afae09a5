import { route } from "@/server/http/route";
import { listWorkspaceProxies } from "@/server/topology/proxies";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/workspaceproxies", {}, async () => ({ regions: await listWorkspaceProxies() }));
