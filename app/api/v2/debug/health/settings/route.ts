import { updateHealthSettingsRequestSchema } from "@/lib/api/health";
import { readHealthSettings, updateHealthSettings } from "@/server/health/settings";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/debug/health/settings", {}, () => readHealthSettings());

export const PUT = route("PUT /api/v2/debug/health/settings", { body: updateHealthSettingsRequestSchema }, ({ identity, body, meta }) => updateHealthSettings(identity, body, meta));
