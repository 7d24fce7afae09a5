import { setUserRegionRequestSchema } from "@/lib/api/regions";
import { config } from "@/server/env";
import { route } from "@/server/http/route";
import { getUserRegion, setUserRegion } from "@/server/topology/user-region";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/users/me/region", {}, async ({ identity }) => getUserRegion(identity.user.id, config().accessUrl));

export const PUT = route("PUT /api/v2/users/me/region", { body: setUserRegionRequestSchema }, async ({ identity, body }) => setUserRegion(identity.user.id, body.region_id, config().accessUrl));
