// Reads workspace proxies and the regions users can route through.
import "server-only";
import type { Region, WorkspaceProxy } from "@/lib/api/proxies";
import { prisma } from "../db";
import { cachedUntilEvent } from "../events/live-cache";
import type { WorkspaceProxy as ProxyRow } from "../generated/prisma/client";

/** The control plane itself is always a region, as in Coder. */
export const PRIMARY_REGION_ID = "00000000-0000-4000-8000-000000000000";

export function primaryRegion(accessUrl: string): Region {
  return {
    id: PRIMARY_REGION_ID,
    name: "primary",
    display_name: "Primary",
    icon_url: "/icons/primary.svg", // public/icons/primary.svg
    healthy: true,
    path_app_url: accessUrl,
    wildcard_hostname: "",
  };
}

/** The columns a region is made of: `/regions` is hot and open to every user, so it reads no more. */
const REGION_COLUMNS = { id: true, name: true, displayName: true, icon: true, url: true, wildcardHostname: true, status: true } as const;
type RegionRow = Pick<ProxyRow, keyof typeof REGION_COLUMNS>;

function toRegion(row: RegionRow): Region {
  return {
    id: row.id,
    name: row.name,
    display_name: row.displayName,
    icon_url: row.icon,
    healthy: row.status === "ok",
    path_app_url: withoutCredentials(row.url),
    wildcard_hostname: row.wildcardHostname,
  };
}

/** Credentials in a proxy's URL are refused at registration; a row registered before that still never shows them. */
function withoutCredentials(url: string): string {
  if (!url.includes("@")) return url;
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return "";
  }
}

export function toWorkspaceProxy(row: Omit<ProxyRow, "tokenHashedSecret">): WorkspaceProxy {
  const report = (row.statusReport ?? { errors: [], warnings: [] }) as WorkspaceProxy["status"]["report"];
  return {
    ...toRegion(row),
    derp_enabled: row.derpEnabled,
    derp_only: row.derpOnly,
    status: { status: row.status, reason: row.statusReason, report, checked_at: row.statusCheckedAt?.toISOString() ?? null },
    version: row.version,
    location: row.latitude === null || row.longitude === null ? null : { code: row.locationCode, latitude: row.latitude, longitude: row.longitude },
    demo: row.demo,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    deleted: row.deletedAt !== null,
  };
}

const LIVE = { where: { deletedAt: null }, orderBy: { name: "asc" } } as const;

/** Events after which the admin list must be read again (last-check times move with every sweep). */
const PROXY_LIST_EVENTS = ["proxy", "proxy_status", "proxy_checks"] as const;
/** Events after which the regions must be read again (what a region shows moves only with these). */
const REGION_EVENTS = ["proxy", "proxy_status"] as const;

export function listWorkspaceProxies(): Promise<WorkspaceProxy[]> {
  return cachedUntilEvent("workspace-proxies", PROXY_LIST_EVENTS, async () => {
    const rows = await prisma().workspaceProxy.findMany({ ...LIVE, omit: { tokenHashedSecret: true } });
    return rows.map(toWorkspaceProxy);
  });
}

export function listRegions(accessUrl: string): Promise<Region[]> {
  return cachedUntilEvent(`regions:${accessUrl}`, REGION_EVENTS, async () => {
    const rows = await prisma().workspaceProxy.findMany({ ...LIVE, select: REGION_COLUMNS });
    return [primaryRegion(accessUrl), ...rows.map(toRegion)];
  });
}
