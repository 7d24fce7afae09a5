import { deregisterProxyRequestSchema, deregisterProxyResponseSchema } from "@/lib/api/proxies";
import { route } from "@/server/http/route";
import { deregisterProxy } from "@/server/topology/proxy-admin";

export const POST = route("POST /api/v2/workspaceproxies/me/deregister", { summary: "A proxy agent shutting down clears its address", body: deregisterProxyRequestSchema, response: deregisterProxyResponseSchema }, ({ identity, body, meta }) => deregisterProxy(identity, body, meta));
