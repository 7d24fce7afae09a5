import { userParamsSchema } from "@/lib/api/params";
import { updateUserRequestSchema } from "@/lib/api/users";
import { updateUser } from "@/server/auth/users";
import { route } from "@/server/http/route";

export const PATCH = route("PATCH /api/v2/users/[id]", { params: userParamsSchema, body: updateUserRequestSchema }, async ({ identity, params, body, meta }) => ({
  user: await updateUser(identity, params.id, body, meta),
}));
