// What the stored licenses entitle, per feature, merged over every license that still verifies
// (the best state wins; equal states take the larger limit), with the usage the limits are
// measured against and the warnings admins see. `requireFeature` gates premium routes.
import "server-only";
import { FEATURE_NAMES, FEATURES, premiumMessage, type Entitlement, type Entitlements, type FeatureName, type FeatureState } from "@/lib/api/licenses";
import { REPLICA_STALE_AFTER_MS } from "@/lib/api/replicas";
import { prisma } from "../db";
import type { Config } from "../env";
import { ApiError } from "../http/errors";
import { day, validLicenses } from "./licenses";
import { licenseState, type VerifiedLicense } from "./verify";

const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const RANK: Record<Entitlement, number> = { not_entitled: 0, grace_period: 1, entitled: 2 };

type Grant = Omit<FeatureState, "actual"> & { from: VerifiedLicense[] };

/** Per feature: the best state any license gives it right now, and the licenses that give it. */
function merge(licenses: VerifiedLicense[], now: Date): Record<FeatureName, Grant> {
  const out = Object.fromEntries(FEATURE_NAMES.map((f) => [f, { entitlement: "not_entitled", enabled: false, limit: null, from: [] } as Grant])) as Record<FeatureName, Grant>;
  for (const license of licenses) {
    const state = licenseState(license, now);
    if (state === "expired") continue;
    const entitlement: Entitlement = state === "active" ? "entitled" : "grace_period";
    for (const f of FEATURE_NAMES) {
      const limit = license.features[f];
      if (!limit) continue; // absent or 0: this license does not grant it
      const grant = out[f];
      grant.from.push(license);
      if (RANK[entitlement] > RANK[grant.entitlement]) Object.assign(grant, { entitlement, enabled: true, limit: FEATURES[f].counts !== null ? limit : null });
      else if (entitlement === grant.entitlement && FEATURES[f].counts !== null) grant.limit = Math.max(grant.limit ?? 0, limit);
    }
  }
  return out;
}

/** Whether the license enables a feature now (cheap: cached licenses, no counting). */
export async function featureEnabled(feature: FeatureName): Promise<boolean> {
  return merge(await validLicenses(), new Date())[feature].enabled;
}

/** Each feature's entitlement now, from the cached licenses alone (no usage counts): for the metrics. */
export async function featureEntitlements(now = new Date()): Promise<Record<FeatureName, Entitlement>> {
  const grants = merge(await validLicenses(), now);
  return Object.fromEntries(FEATURE_NAMES.map((f) => [f, grants[f].entitlement])) as Record<FeatureName, Entitlement>;
}

/** Throws 403 "<Feature> is a Premium feature. Contact sales!" unless the license enables it. */
export async function requireFeature(feature: FeatureName): Promise<void> {
  if (!(await featureEnabled(feature))) throw new ApiError(403, premiumMessage(feature));
}

async function usage(now: Date): Promise<Record<FeatureName, number | null>> {
  const [proxies, replicas] = await Promise.all([
    prisma().workspaceProxy.count({ where: { deletedAt: null, demo: false } }),
    prisma().replica.count({ where: { stoppedAt: null, updatedAt: { gt: new Date(now.getTime() - REPLICA_STALE_AFTER_MS) } } }),
  ]);
  return { workspace_proxy: proxies, high_availability: replicas, audit_log: null };
}

/** A warning with what it is about, for the health report's codes. */
export interface LicenseWarning {
  kind: "expiring" | "grace_period" | "over_limit";
  message: string;
}

export async function entitlements(options: { now?: Date; config?: Config } = {}): Promise<Entitlements> {
  return (await entitlementReport(options)).entitlements;
}

/** The entitlements, each warning with its kind, and every license that verifies (expired ones too). */
export async function entitlementReport(options: { now?: Date; config?: Config } = {}): Promise<{ entitlements: Entitlements; warnings: LicenseWarning[]; licenses: VerifiedLicense[] }> {
  const now = options.now ?? new Date();
  const [licenses, actual] = await Promise.all([validLicenses(options.config), usage(now)]);
  const grants = merge(licenses, now);
  const features = Object.fromEntries(
    FEATURE_NAMES.map((f) => [f, { entitlement: grants[f].entitlement, enabled: grants[f].enabled, limit: grants[f].limit, actual: actual[f] }]),
  ) as Record<FeatureName, FeatureState>;
  const live = licenses.filter((l) => licenseState(l, now) !== "expired");
  const warnings = [...expiryWarnings(live, grants, now), ...usageWarnings(features)];
  return {
    entitlements: {
      features,
      warnings: warnings.map((w) => w.message),
      has_license: live.length > 0,
      trial: live.some((l) => l.trial),
      refreshed_at: now.toISOString(),
    },
    warnings,
    licenses,
  };
}

/** One warning per license whose features are about to lapse (not when another license covers them for longer). */
function expiryWarnings(licenses: VerifiedLicense[], grants: Record<FeatureName, Grant>, now: Date): LicenseWarning[] {
  const warnings: LicenseWarning[] = [];
  for (const l of licenses) {
    const lapsing = FEATURE_NAMES.filter((f) => l.features[f] && !grants[f].from.some((other) => other !== l && other.graceAt > l.graceAt));
    if (lapsing.length === 0) continue;
    const names = list(lapsing.map((f) => FEATURES[f].name));
    if (licenseState(l, now) === "grace_period") {
      warnings.push({ kind: "grace_period", message: `Your license expired on ${day(l.graceAt)} and is in its grace period: ${names} stop${lapsing.length === 1 ? "s" : ""} working on ${day(l.expiresAt)}. Upload a renewed license.` });
    } else if (l.graceAt.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS) {
      const days = Math.max(1, Math.ceil((l.graceAt.getTime() - now.getTime()) / DAY_MS));
      warnings.push({ kind: "expiring", message: `Your license expires on ${day(l.graceAt)} (in ${days} day${days === 1 ? "" : "s"}); ${names} then enter${lapsing.length === 1 ? "s" : ""} a grace period. Upload a renewed license.` });
    }
  }
  return warnings;
}

function usageWarnings(features: Record<FeatureName, FeatureState>): LicenseWarning[] {
  const messages: string[] = [];
  const ha = features.high_availability;
  const replicas = ha.actual ?? 0;
  if (!ha.enabled && replicas > 1) {
    messages.push(`${replicas} control-plane replicas are running, but the license does not include High Availability, which allows more than one.`);
  } else if (ha.enabled && ha.limit !== null && replicas > ha.limit) {
    messages.push(`${replicas} control-plane replicas are running, but the license allows ${ha.limit}.`);
  }
  const wp = features.workspace_proxy;
  const proxies = wp.actual ?? 0;
  if (!wp.enabled && proxies > 0) {
    messages.push(`${proxies} workspace ${proxies === 1 ? "proxy is" : "proxies are"} registered, but the license does not include Workspace Proxy.`);
  } else if (wp.enabled && wp.limit !== null && proxies > wp.limit) {
    messages.push(`${proxies} workspace proxies are registered, but the license allows ${wp.limit}.`);
  }
  return messages.map((message) => ({ kind: "over_limit", message }));
}

function list(names: string[]): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
