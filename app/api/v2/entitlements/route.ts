import { entitlementsSchema } from "@/lib/api/licenses";
import { route } from "@/server/http/route";
import { entitlements } from "@/server/licensing";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/entitlements", { summary: "What the licenses entitle: each feature's state, limit and use", response: entitlementsSchema }, () => entitlements());
