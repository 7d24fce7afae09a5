import { deregisterProxyRequestSchema } from "@/lib/api/proxies";
import { route } from "@/server/http/route";
import { deregisterProxy } from "@/server/topology/proxy-admin";

export const POST = route("POST /api/v2/workspaceproxies/me/deregister", { body: deregisterProxyRequestSchema }, ({ identity, body, meta }) => deregisterProxy(identity, body, meta));
