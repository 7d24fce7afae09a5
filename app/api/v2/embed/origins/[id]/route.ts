import { embedOriginParamsSchema as params } from "@/lib/api/params";
import { removeEmbedOrigin } from "@/server/embed/origins";
import { route } from "@/server/http/route";

export const DELETE = route("DELETE /api/v2/embed/origins/[id]", { params }, async ({ identity, params, meta }) => {
  await removeEmbedOrigin(identity, params.id, meta);
  return new Response(null, { status: 204 });
});
