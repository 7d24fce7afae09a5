// The region each user works through, kept on the server so every browser and API client of
// theirs agrees. null is "automatic": the client measures and picks. A chosen region that is
// later deleted reads as chosen-but-gone, so the user is told rather than silently moved.
import "server-only";
import type { Region } from "@/lib/api/proxies";
import type { UserRegion } from "@/lib/api/regions";
import { prisma } from "../db";
import { publishAfterWrite } from "../events/publish";
import { Invalid, NotFound } from "../http/errors";
import { listRegions } from "./proxies";

function answer(regionId: string | null, regions: Region[]): UserRegion {
  if (regionId === null) return { region_id: null, automatic: true, region: null };
  return { region_id: regionId, automatic: false, region: regions.find((r) => r.id === regionId) ?? null };
}

export async function getUserRegion(userId: string, accessUrl: string): Promise<UserRegion> {
  const [user, regions] = await Promise.all([prisma().user.findUnique({ where: { id: userId }, select: { preferredRegionId: true } }), listRegions(accessUrl)]);
  if (!user) throw new NotFound("User");
  return answer(user.preferredRegionId, regions);
}

/** Any existing region may be chosen, healthy or not: the user is warned, not overruled. */
export async function setUserRegion(userId: string, regionId: string | null, accessUrl: string): Promise<UserRegion> {
  const regions = await listRegions(accessUrl);
  if (regionId !== null && !regions.some((r) => r.id === regionId)) {
    throw new Invalid("No such region.", [{ field: "region_id", detail: "is not the id of the primary or of a workspace proxy that exists" }]);
  }
  await prisma().user.update({ where: { id: userId }, data: { preferredRegionId: regionId } });
  // The user's other browsers and tabs follow the choice.
  await publishAfterWrite({ type: "user_region", id: userId });
  return answer(regionId, regions);
}
