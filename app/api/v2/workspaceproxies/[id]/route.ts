import { z } from "zod";
import { updateProxyRequestSchema } from "@/lib/api/proxies";
import { route } from "@/server/http/route";
import { requireFeature } from "@/server/licensing/entitlements";
import { deleteProxy, updateProxy } from "@/server/topology/proxy-admin";

const params = z.object({ id: z.uuid("must be a proxy id (UUID)") });

export const PATCH = route("PATCH /api/v2/workspaceproxies/[id]", { params, body: updateProxyRequestSchema }, async ({ identity, params, body, meta }) => {
  await requireFeature("workspace_proxy");
  return updateProxy(identity, params.id, body, meta);
});

// Deleting stays possible without a license: an admin can always reduce what is deployed.
export const DELETE = route("DELETE /api/v2/workspaceproxies/[id]", { params }, async ({ identity, params, meta }) => {
  await deleteProxy(identity, params.id, meta);
  return { deleted: true };
});
