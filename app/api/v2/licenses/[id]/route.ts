import { licenseParamsSchema as params } from "@/lib/api/params";
import { route } from "@/server/http/route";
import { deleteLicense } from "@/server/licensing";

export const DELETE = route("DELETE /api/v2/licenses/[id]", { summary: "Delete a license", params, status: 204 }, async ({ identity, params, meta }) => {
  await deleteLicense(identity.user.id, params.id, meta);
  return new Response(null, { status: 204 });
});
