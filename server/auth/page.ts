// Authorization for pages (server components): anonymous visitors are sent to sign-in (or to
// setup on a fresh deployment), the wrong role gets the 403 page. Same table of roles as the API.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/lib/api/users";
import { roleAtLeast } from "./access";
import { identify, type Identity } from "./identity";
import { needsSetup } from "./users";
import { Unauthorized } from "../http/errors";

/** Pages are for browsers signed in with the session cookie (or an API token); an embed token is not a sign-in. */
export async function currentIdentity(): Promise<Identity | null> {
  const identity = await identify(await headers()).catch((err) => {
    if (err instanceof Unauthorized) return null; // a refused embed token: not signed in
    throw err;
  });
  return identity?.via === "embed" ? null : identity;
}

export async function requireRole(role: Role = "member"): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) redirect((await needsSetup()) ? "/setup" : "/login");
  if (!roleAtLeast(identity.user.role, role)) forbidden();
  return identity;
}

/**
 * The layout of every admin-only segment. A layout renders outside its segment's loading.tsx, so
 * the role is checked before the page starts streaming: a member gets the 403 page with a 403
 * status, never a 200 shell whose content turns into "forbidden" later.
 */
export async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireRole("admin");
  return children;
}
