import { embedOriginParamsSchema as params } from "@/lib/api/params";
import { removeEmbedOrigin } from "@/server/embed/origins";
import { route } from "@/server/http/route";

export const DELETE = route("DELETE /api/v2/embed/origins/[id]", { summary: "Remove an origin from the embed allow-list", params, status: 204, errors: [404, 409] }, async ({ identity, params, meta }) => {
  await removeEmbedOrigin(identity, params.id, meta);
  return new Response(null, { status: 204 });
});
