import { z } from "zod";
import { removeEmbedOrigin } from "@/server/embed/origins";
import { route } from "@/server/http/route";

// Any string: an unknown id, a non-uuid one included, is a 404 from the service, not a 400.
const params = z.object({ id: z.string() });

export const DELETE = route("DELETE /api/v2/embed/origins/[id]", { params }, async ({ identity, params, meta }) => {
  await removeEmbedOrigin(identity, params.id, meta);
  return new Response(null, { status: 204 });
});
