import { loginRequestSchema } from "@/lib/api/users";
import { login } from "@/server/auth/session";
import { route } from "@/server/http/route";

export const POST = route("POST /api/v2/users/login", { body: loginRequestSchema }, ({ body, req, meta }) => login(body, req.headers, meta));
