import { route } from "@/server/http/route";
import { entitlements } from "@/server/licensing";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/entitlements", {}, () => entitlements());
