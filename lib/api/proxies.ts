import { z } from "zod";

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
