import { z } from "zod";
import { updateUserRequestSchema } from "@/lib/api/users";
import { updateUser } from "@/server/auth/users";
import { route } from "@/server/http/route";

export const PATCH = route("PATCH /api/v2/users/[id]", { params: z.object({ id: z.string().min(1).max(64) }), body: updateUserRequestSchema }, async ({ identity, params, body, meta }) => ({
  user: await updateUser(identity, params.id, body, meta),
}));
