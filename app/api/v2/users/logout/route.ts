import { logout } from "@/server/auth/session";
import { route } from "@/server/http/route";

export const POST = route("POST /api/v2/users/logout", {}, ({ identity, req, meta }) => logout(identity, req.headers, meta));
