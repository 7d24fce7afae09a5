import { proxyParamsSchema as params } from "@/lib/api/params";
import { deleteProxyResponseSchema, updateProxyRequestSchema, updateProxyResponseSchema } from "@/lib/api/proxies";
import { route } from "@/server/http/route";
import { requireFeature } from "@/server/licensing/entitlements";
import { deleteProxy, updateProxy } from "@/server/topology/proxy-admin";

export const PATCH = route("PATCH /api/v2/workspaceproxies/[id]", { summary: "Rename a proxy, change its icon or location, or regenerate its token (premium)", params, body: updateProxyRequestSchema, response: updateProxyResponseSchema, errors: [409] }, async ({ identity, params, body, meta }) => {
  await requireFeature("workspace_proxy");
  return updateProxy(identity, params.id, body, meta);
});

// Deleting stays possible without a license: an admin can always reduce what is deployed.
export const DELETE = route("DELETE /api/v2/workspaceproxies/[id]", { summary: "Delete a proxy (soft: its history stays)", params, response: deleteProxyResponseSchema }, async ({ identity, params, meta }) => {
  await deleteProxy(identity, params.id, meta);
  return { deleted: true as const };
});
