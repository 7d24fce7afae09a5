// Every /api/v2 route needs a signed-in caller. The bench makes one through the running server's
// public routes, exactly as a person would: set up the first owner, sign in for a session
// cookie, create an API token with that cookie. Nothing is written to the database behind the
// server's back.
import { randomBytes } from "node:crypto";

export interface Credentials {
  email: string;
  /** `meridian.session_token=…`, to send as the Cookie header. */
  cookie: string;
  /** `<id>-<secret>`, to send as `Authorization: Bearer …`. */
  token: string;
}

export type Auth = "token" | "cookie" | "none";

export function authHeaders(auth: Auth, c: Credentials): Record<string, string> {
  if (auth === "token") return { authorization: `Bearer ${c.token}` };
  if (auth === "cookie") return { cookie: c.cookie };
  return {};
}

async function post(base: string, origin: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  const res = await fetch(base + path, {
    method: "POST",
    // Cookie-authenticated writes must name the console's own origin (the CSRF check).
    headers: { "content-type": "application/json", origin, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

/** `base` is where to connect (127.0.0.1:P); `accessUrl` is the server's own URL (localhost:P). */
export async function signUp(base: string, accessUrl: string): Promise<Credentials> {
  const origin = new URL(accessUrl).origin;
  const email = "bench-owner@example.com";
  const password = randomBytes(18).toString("base64url");
  await post(base, origin, "/api/v2/users/first", { email, name: "Bench owner", password });
  const login = await post(base, origin, "/api/v2/users/login", { email, password });
  const session = login.headers.getSetCookie().find((c) => c.startsWith("meridian.session_token="));
  if (!session) throw new Error("POST /api/v2/users/login: no meridian.session_token cookie in the answer");
  const cookie = session.split(";")[0];
  const created = await post(base, origin, "/api/v2/users/me/tokens", { name: "bench" }, cookie);
  const { key } = (await created.json()) as { key: string };
  const credentials = { email, cookie, token: key };
  // Both credentials must identify the owner before any load, or every row would be a 401.
  for (const auth of ["token", "cookie"] as const) {
    const res = await fetch(`${base}/api/v2/users/me`, { headers: authHeaders(auth, credentials) });
    const me = res.ok ? ((await res.json()) as { user?: { role?: string } }) : undefined;
    if (me?.user?.role !== "owner") throw new Error(`GET /api/v2/users/me with the ${auth}: ${res.status}, not the owner`);
  }
  return credentials;
}
