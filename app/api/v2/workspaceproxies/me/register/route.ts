import { registerProxyRequestSchema, registerProxyResponseSchema } from "@/lib/api/proxies";
import { route } from "@/server/http/route";
import { registerProxy } from "@/server/topology/proxy-admin";

export const POST = route("POST /api/v2/workspaceproxies/me/register", { summary: "A proxy agent announces its URL, version and replica (every 30 s)", body: registerProxyRequestSchema, response: registerProxyResponseSchema }, ({ identity, body, meta }) => registerProxy(identity, body, meta));
