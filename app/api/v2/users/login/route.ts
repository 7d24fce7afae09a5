import { loginRequestSchema, userResponseSchema } from "@/lib/api/users";
import { login } from "@/server/auth/session";
import { route } from "@/server/http/route";

export const POST = route("POST /api/v2/users/login", { summary: "Sign in with email and password: sets the session cookie", body: loginRequestSchema, response: userResponseSchema, errors: [401, 429] }, ({ body, req, meta }) => login(body, req.headers, meta));
