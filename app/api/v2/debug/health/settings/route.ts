import { healthSettingsSchema, updateHealthSettingsRequestSchema } from "@/lib/api/health";
import { readHealthSettings, updateHealthSettings } from "@/server/health/settings";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/debug/health/settings", { summary: "Which health sections are dismissed", response: healthSettingsSchema }, () => readHealthSettings());

export const PUT = route("PUT /api/v2/debug/health/settings", { summary: "Dismiss health sections (or bring them back)", body: updateHealthSettingsRequestSchema, response: healthSettingsSchema }, ({ identity, body, meta }) => updateHealthSettings(identity, body, meta));
