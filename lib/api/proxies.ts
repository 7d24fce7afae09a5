import { z } from "zod";
import { LOCATIONS, type LocationCode } from "@/lib/locations";
import { storable, text } from "./strings";

const timestamp = z.iso.datetime({ offset: true });

export const proxyStatusSchema = z.enum(["ok", "unhealthy", "unreachable", "unregistered"]);
export type ProxyStatus = z.infer<typeof proxyStatusSchema>;

/** What every signed-in user may see of a region: enough to measure latency and route through it. */
export const regionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  display_name: z.string(),
  icon_url: z.string(),
  healthy: z.boolean(),
  path_app_url: z.string(),
  wildcard_hostname: z.string(),
});
export type Region = z.infer<typeof regionSchema>;

export const regionsResponseSchema = z.object({ regions: z.array(regionSchema) });
export type RegionsResponse = z.infer<typeof regionsResponseSchema>;

export const proxyReportSchema = z.object({
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const proxyLocationSchema = z.object({
  code: z.string().nullable(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

export const workspaceProxySchema = regionSchema.extend({
  derp_enabled: z.boolean(),
  derp_only: z.boolean(),
  status: z.object({
    status: proxyStatusSchema,
    reason: z.string(),
    report: proxyReportSchema,
    checked_at: timestamp.nullable(),
  }),
  version: z.string(),
  location: proxyLocationSchema.nullable(),
  /** Seeded by the demo topology, not registered by an admin. */
  demo: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
  deleted: z.boolean(),
});
export type WorkspaceProxy = z.infer<typeof workspaceProxySchema>;

export const workspaceProxiesResponseSchema = z.object({ regions: z.array(workspaceProxySchema) });
export type WorkspaceProxiesResponse = z.infer<typeof workspaceProxiesResponseSchema>;

// --- Admin writes -----------------------------------------------------------------------------

/** A DNS label, compared case-insensitively (stored lower-case). `primary` names the control plane. */
export const proxyNameSchema = text()
  .trim()
  .toLowerCase()
  .min(1, { error: "must not be empty", abort: true })
  .max(63, { error: "must be at most 63 characters", abort: true })
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "must be a DNS label: letters, digits and inner hyphens, like eu-west-1")
  .refine((name) => name !== "primary", "\"primary\" is reserved for the control plane");

const displayName = text().trim().min(1, "must not be empty").max(64, "must be at most 64 characters");

/** An emoji (a few code points) or an http(s) / site-relative image URL. */
export const proxyIconSchema = text()
  .trim()
  .max(2048, "must be at most 2048 characters")
  .refine((icon) => icon === "" || /^(https?:\/\/|\/)\S+$/.test(icon) || (!/[\s<>"']/.test(icon) && [...icon].length <= 12), "must be an emoji or an http(s) image URL");

/** Where the proxy is, for the map: a known region code, or explicit coordinates. `null` clears it. */
export const proxyLocationInputSchema = z.union([
  z.strictObject({ code: z.enum(Object.keys(LOCATIONS) as [LocationCode, ...LocationCode[]], { error: `must be one of ${Object.keys(LOCATIONS).join(", ")}` }) }),
  z.strictObject({ latitude: z.number().min(-90, "must be -90 to 90").max(90, "must be -90 to 90"), longitude: z.number().min(-180, "must be -180 to 180").max(180, "must be -180 to 180") }),
]);
export type ProxyLocationInput = z.infer<typeof proxyLocationInputSchema>;

export const createProxyRequestSchema = z.strictObject({
  name: proxyNameSchema,
  display_name: displayName.optional(),
  icon: proxyIconSchema.default(""),
  location: proxyLocationInputSchema.nullable().default(null),
});
export type CreateProxyRequest = z.input<typeof createProxyRequestSchema>;

/** The token is `<proxy id>:<secret>` and appears in this response only. */
export const createProxyResponseSchema = z.object({ proxy: workspaceProxySchema, proxy_token: z.string() });
export type CreateProxyResponse = z.infer<typeof createProxyResponseSchema>;

export const updateProxyRequestSchema = z
  .strictObject({
    name: proxyNameSchema.optional(),
    display_name: displayName.optional(),
    icon: proxyIconSchema.optional(),
    location: proxyLocationInputSchema.nullable().optional(),
    regenerate_token: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined && x !== false), { message: "give a field to change or regenerate_token: true" });
export type UpdateProxyRequest = z.input<typeof updateProxyRequestSchema>;

/** `proxy_token` is present only when the request regenerated it. */
export const updateProxyResponseSchema = z.object({ proxy: workspaceProxySchema, proxy_token: z.string().optional() });
export type UpdateProxyResponse = z.infer<typeof updateProxyResponseSchema>;

export const deleteProxyResponseSchema = z.object({ deleted: z.literal(true) });

// --- The proxy agent's protocol ---------------------------------------------------------------

/** The header a proxy agent sends its token in (`Authorization: Bearer <id>:<secret>` also works). */
export const PROXY_TOKEN_HEADER = "meridian-proxy-token";

/** How often an agent re-registers. */
export const PROXY_REGISTER_INTERVAL_MS = 30_000;

/** A user name or password in the access URL would reach every member with the region list. */
const withoutCredentials = (url: string) => {
  try {
    const { username, password } = new URL(url);
    return !username && !password;
  } catch {
    return true; // not a URL: the url check says so
  }
};

export const registerProxyRequestSchema = z.strictObject({
  access_url: storable(z.url({ protocol: /^https?$/, error: "must be the http(s) URL users reach the proxy at" }))
    .max(2048)
    .refine(withoutCredentials, "must not contain a user name or password"),
  wildcard_hostname: text()
    .max(253)
    .regex(/^(\*\.[a-z0-9.-]+(:\d+)?)?$/i, "must look like *.apps.example.com (or be empty)")
    .default(""),
  version: text().trim().min(1, "must not be empty").max(64),
  replica_id: storable(z.uuid("must be a UUID")),
  hostname: text().trim().min(1, "must not be empty").max(253),
  derp_enabled: z.boolean().default(true),
  derp_only: z.boolean().default(false),
});
export type RegisterProxyRequest = z.input<typeof registerProxyRequestSchema>;

export const registerProxyResponseSchema = z.object({
  proxy_id: z.uuid(),
  proxy_name: z.string(),
  /** The primary's version, so the agent can warn on a mismatch. */
  primary_version: z.string(),
  /** When to register again. */
  register_interval_ms: z.number().int(),
});
export type RegisterProxyResponse = z.infer<typeof registerProxyResponseSchema>;

export const deregisterProxyRequestSchema = z.strictObject({ replica_id: storable(z.uuid("must be a UUID")) });
export type DeregisterProxyRequest = z.infer<typeof deregisterProxyRequestSchema>;

/** False when the caller was not the agent that registered last (nothing was cleared). */
export const deregisterProxyResponseSchema = z.object({ deregistered: z.boolean() });
