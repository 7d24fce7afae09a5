// The demo runs under a license, so a newcomer sees every feature unlocked: in demo mode, when no
// stored license is valid, store one signed by the development key (which demo mode trusts).
import "server-only";
import { prisma } from "../db";
import { config } from "../env";
import { publishAfterWrite } from "../events/publish";
import { keyRing } from "./keys";
import { invalidateLicenses, storeLicense } from "./licenses";
import { licenseState, verifyLicense } from "./verify";
import { signLicense } from "./sign";

const DEMO_LICENSE_LOCK = 72707371;
const YEAR_MS = 365 * 86_400_000;
const GRACE_MS = 30 * 86_400_000;

export const DEMO_FEATURES = { workspace_proxy: 10, high_availability: 3, audit_log: 1 };

export async function ensureDemoLicense(): Promise<void> {
  const cfg = config();
  if (!cfg.MERIDIAN_DEMO || !cfg.trustDevLicenseKey) return;
  const ring = await keyRing();
  await prisma().$transaction(async (tx) => {
    // Replicas starting together must not both store one.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_LICENSE_LOCK})`;
    const now = new Date();
    for (const row of await tx.license.findMany({ where: { expiresAt: { gt: now } } })) {
      const valid = await verifyLicense(row.jwt, ring).then((l) => licenseState(l, now) !== "expired", () => false);
      if (valid) return;
    }
    const jwt = await signLicense({ features: DEMO_FEATURES, graceAt: new Date(now.getTime() + YEAR_MS), expiresAt: new Date(now.getTime() + YEAR_MS + GRACE_MS), accountId: "meridian-demo" });
    await storeLicense(jwt, tx, now);
  });
  invalidateLicenses();
  await publishAfterWrite({ type: "license" });
}
