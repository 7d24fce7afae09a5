import { proxyParamsSchema as params } from "@/lib/api/params";
import { updateProxyRequestSchema } from "@/lib/api/proxies";
import { route } from "@/server/http/route";
import { requireFeature } from "@/server/licensing/entitlements";
import { deleteProxy, updateProxy } from "@/server/topology/proxy-admin";

export const PATCH = route("PATCH /api/v2/workspaceproxies/[id]", { params, body: updateProxyRequestSchema }, async ({ identity, params, body, meta }) => {
  await requireFeature("workspace_proxy");
  return updateProxy(identity, params.id, body, meta);
});

// Deleting stays possible without a license: an admin can always reduce what is deployed.
export const DELETE = route("DELETE /api/v2/workspaceproxies/[id]", { params }, async ({ identity, params, meta }) => {
  await deleteProxy(identity, params.id, meta);
  return { deleted: true };
});
