import { setUserRegionRequestSchema, userRegionSchema } from "@/lib/api/regions";
import { config } from "@/server/env";
import { route } from "@/server/http/route";
import { getUserRegion, setUserRegion } from "@/server/topology/user-region";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/users/me/region", { summary: "The caller's preferred region (null: automatic)", response: userRegionSchema }, async ({ identity }) => getUserRegion(identity.user.id, config().accessUrl));

export const PUT = route("PUT /api/v2/users/me/region", { summary: "Choose the caller's region, or null for automatic", body: setUserRegionRequestSchema, response: userRegionSchema }, async ({ identity, body }) => setUserRegion(identity.user.id, body.region_id, config().accessUrl));
