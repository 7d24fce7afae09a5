import { z } from "zod";
import { route } from "@/server/http/route";
import { deleteLicense } from "@/server/licensing";

const params = z.object({ id: z.coerce.number({ error: "must be a license id" }).int("must be a license id").positive("must be a license id").max(2 ** 31 - 1, "must be a license id") });

export const DELETE = route("DELETE /api/v2/licenses/[id]", { params }, async ({ identity, params, meta }) => {
  await deleteLicense(identity.user.id, params.id, meta);
  return new Response(null, { status: 204 });
});
