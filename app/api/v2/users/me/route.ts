import { userResponseSchema } from "@/lib/api/users";
import { getUser } from "@/server/auth/users";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/users/me", { summary: "The signed-in user", response: userResponseSchema }, async ({ identity }) => ({ user: await getUser(identity.user.id) }));
