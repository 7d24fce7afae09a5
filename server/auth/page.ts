// Authorization for pages (server components): anonymous visitors are sent to sign-in (or to
// setup on a fresh deployment), the wrong role gets the 403 page. Same table of roles as the API.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/lib/api/users";
import { roleAtLeast } from "./access";
import { identify, type Identity } from "./identity";
import { needsSetup } from "./users";

export async function currentIdentity(): Promise<Identity | null> {
  return identify(await headers());
}

export async function requireRole(role: Role = "member"): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) redirect((await needsSetup()) ? "/setup" : "/login");
  if (!roleAtLeast(identity.user.role, role)) forbidden();
  return identity;
}
