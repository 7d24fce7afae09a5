// Licenses and the entitlements computed from them. The feature table is shared by the server
// (which gates routes) and the console (which shows locked features with what they unlock).
import { z } from "zod";
import { text } from "./strings";

const timestamp = z.iso.datetime({ offset: true });

/** `counts`: what the limit counts (proxies, replicas), in words; `null`: the feature is on/off. */
export const FEATURES = {
  workspace_proxy: {
    name: "Workspace Proxy",
    counts: "live proxies; demo proxies are not counted",
    unlocks: "Register workspace proxies in other regions so users are routed through the one fastest for them.",
  },
  high_availability: {
    name: "High Availability",
    counts: "live replicas",
    unlocks: "Run more than one control-plane replica behind a load balancer, so one failure does not take the console down.",
  },
  audit_log: {
    name: "Audit Log",
    counts: null,
    unlocks: "See who changed what, when and from where: sign-ins, users, tokens, proxies and licenses.",
  },
} as const satisfies Record<string, { name: string; unlocks: string; counts: string | null }>;

export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];
export const featureNameSchema = z.enum(FEATURE_NAMES as [FeatureName, ...FeatureName[]]);

/** The 403 message a premium route answers with when the license does not entitle it. */
export function premiumMessage(feature: FeatureName): string {
  return `${FEATURES[feature].name} is a Premium feature. Contact sales!`;
}

export const entitlementSchema = z.enum(["entitled", "grace_period", "not_entitled"]);
export type Entitlement = z.infer<typeof entitlementSchema>;

export const featureStateSchema = z.object({
  entitlement: entitlementSchema,
  /** Entitled or in grace: the gated routes and pages work. */
  enabled: z.boolean(),
  /** How many the license allows (`null`: no limit or not a counted feature). */
  limit: z.number().int().nullable(),
  /** How many are in use now (`null`: not a counted feature). */
  actual: z.number().int().nullable(),
});
export type FeatureState = z.infer<typeof featureStateSchema>;

export const entitlementsSchema = z.object({
  features: z.record(featureNameSchema, featureStateSchema),
  /** Shown to admins as a banner: expiring soon, more replicas or proxies than licensed, … */
  warnings: z.array(z.string()),
  has_license: z.boolean(),
  trial: z.boolean(),
  refreshed_at: timestamp,
});
export type Entitlements = z.infer<typeof entitlementsSchema>;

export const licenseSchema = z.object({
  id: z.number().int(),
  uuid: z.uuid(),
  uploaded_at: timestamp,
  account_id: z.string(),
  trial: z.boolean(),
  features: z.record(z.string(), z.number().int()),
  /** `license_expires`: the grace period starts here. */
  grace_at: timestamp,
  /** `exp`: the license stops working here. */
  expires_at: timestamp,
  /** `invalid`: stored, but it no longer verifies (say, its key is no longer trusted); it unlocks nothing. */
  state: z.enum(["active", "grace_period", "expired", "invalid"]),
  /** Why an invalid license does not count; `null` otherwise. */
  problem: z.string().nullable(),
});
export type License = z.infer<typeof licenseSchema>;

export const licensesResponseSchema = z.object({ licenses: z.array(licenseSchema) });
export const uploadLicenseResponseSchema = z.object({ license: licenseSchema });
export const uploadLicenseRequestSchema = z.strictObject({ license: text().trim().min(1, "must not be empty").max(16 * 1024, "is too long to be a license") });
export type UploadLicenseRequest = z.infer<typeof uploadLicenseRequestSchema>;
