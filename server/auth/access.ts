// The one authorization table: who may call each route. The route wrapper enforces it, and a
// test walks every route file under app/api/v2 against it, so a route without an entry fails.
import type { Role } from "@/lib/api/users";

/** `public`: anyone; a role: that role or a higher one; `proxy`: a workspace proxy's own token. */
export type Access = "public" | Role | "proxy";

export const ACCESS = {
  "GET /api/v2/regions": "member",
  "GET /api/v2/events": "member",
  "GET /api/v2/replicas": "admin",
  "GET /api/v2/workspaceproxies": "admin",
  "GET /api/v2/workspaceproxies/[id]/history": "admin",
  "GET /api/v2/replicas/[id]/history": "admin",
  "GET /api/v2/users/first": "public",
  "POST /api/v2/users/first": "public",
  "POST /api/v2/users/login": "public",
  "POST /api/v2/users/logout": "member",
  "GET /api/v2/users/me": "member",
  "GET /api/v2/users": "admin",
  "POST /api/v2/users": "admin",
  "PATCH /api/v2/users/[id]": "admin",
  "GET /api/v2/users/me/tokens": "member",
  "POST /api/v2/users/me/tokens": "member",
  "DELETE /api/v2/users/me/tokens/[id]": "member",
  "GET /api/v2/audit": "admin",
  "POST /api/v2/workspaceproxies": "admin",
  "PATCH /api/v2/workspaceproxies/[id]": "admin",
  "DELETE /api/v2/workspaceproxies/[id]": "admin",
  "POST /api/v2/workspaceproxies/me/register": "proxy",
  "POST /api/v2/workspaceproxies/me/deregister": "proxy",
  "GET /api/v2/entitlements": "member",
  "GET /api/v2/licenses": "admin",
  "POST /api/v2/licenses": "admin",
  "DELETE /api/v2/licenses/[id]": "admin",
  "GET /api/v2/users/me/region": "member",
  "PUT /api/v2/users/me/region": "member",
  "GET /api/v2/embed/origins": "admin",
  "POST /api/v2/embed/origins": "admin",
  "DELETE /api/v2/embed/origins/[id]": "admin",
  "GET /api/v2/debug/health": "admin",
  "GET /api/v2/debug/health/settings": "admin",
  "PUT /api/v2/debug/health/settings": "admin",
  "GET /api/v2/openapi.json": "public",
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ACCESS;

/**
 * What an embed token (minted by a portal for the iframe picker) may call: read the regions, and
 * read or set its own user's region, and hear when either changes (the event stream). Every other route refuses it, whatever the user's role.
 */
export const EMBED_SCOPE: ReadonlySet<RouteKey> = new Set<RouteKey>(["GET /api/v2/regions", "GET /api/v2/users/me/region", "PUT /api/v2/users/me/region", "GET /api/v2/events"]);

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
