import { registerProxyRequestSchema } from "@/lib/api/proxies";
import { route } from "@/server/http/route";
import { registerProxy } from "@/server/topology/proxy-admin";

export const POST = route("POST /api/v2/workspaceproxies/me/register", { body: registerProxyRequestSchema }, ({ identity, body, meta }) => registerProxy(identity, body, meta));
