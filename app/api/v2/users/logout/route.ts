import { logout } from "@/server/auth/session";
import { route } from "@/server/http/route";

export const POST = route("POST /api/v2/users/logout", { summary: "Sign out: ends the session, or revokes the API token that called", status: 204 }, ({ identity, req, meta }) => logout(identity, req.headers, meta));
