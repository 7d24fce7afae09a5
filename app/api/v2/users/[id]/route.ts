import { userParamsSchema } from "@/lib/api/params";
import { updateUserRequestSchema, userResponseSchema } from "@/lib/api/users";
import { updateUser } from "@/server/auth/users";
import { route } from "@/server/http/route";

export const PATCH = route("PATCH /api/v2/users/[id]", { summary: "Change a user's role or suspend or reactivate them", params: userParamsSchema, body: updateUserRequestSchema, response: userResponseSchema }, async ({ identity, params, body, meta }) => ({
  user: await updateUser(identity, params.id, body, meta),
}));
