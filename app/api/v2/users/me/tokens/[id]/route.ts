import { tokenParamsSchema } from "@/lib/api/params";
import { audit } from "@/server/audit";
import { revokeToken } from "@/server/auth/tokens";
import { route } from "@/server/http/route";

export const DELETE = route("DELETE /api/v2/users/me/tokens/[id]", { summary: "Revoke one of the caller's API tokens", params: tokenParamsSchema, status: 204 }, async ({ identity, params, meta }) => {
  const token = await revokeToken(identity.user.id, params.id);
  await audit({ actorId: identity.user.id, action: "token_revoked", resourceType: "api_token", resourceId: token.id, resourceName: token.name }, meta);
  return new Response(null, { status: 204 });
});
