// Licenses for tests, signed with the development key (tests run with it trusted: MERIDIAN_DEMO
// is unset, so config().trustDevLicenseKey is true) and stored through the real service.
import { prisma } from "@/server/db";
import { invalidateLicenses } from "@/server/licensing";
import { storeLicense } from "@/server/licensing/licenses";
import { signLicense, type LicenseInput } from "@/server/licensing/sign";

const DAY_MS = 86_400_000;

export const ALL_FEATURES = { workspace_proxy: 10, high_availability: 3, audit_log: 1 };

export interface TestLicenseOptions {
  features?: Record<string, number>;
  /** Days from now until the grace period starts (`license_expires`); negative = in the past. */
  expiresInDays?: number;
  /** Length of the grace period in days (`exp` = license_expires + graceDays). */
  graceDays?: number;
  trial?: boolean;
  accountId?: string;
  uuid?: string;
}

/** A signed license JWT with dates relative to now. */
export function makeLicense(options: TestLicenseOptions = {}, now = Date.now()): Promise<string> {
  const graceAt = new Date(now + (options.expiresInDays ?? 365) * DAY_MS);
  const input: LicenseInput = {
    features: options.features ?? ALL_FEATURES,
    graceAt,
    expiresAt: new Date(graceAt.getTime() + (options.graceDays ?? 30) * DAY_MS),
    trial: options.trial,
    accountId: options.accountId ?? "test-account",
    uuid: options.uuid,
  };
  return signLicense(input);
}

/** Signs and stores a license; returns its row id and JWT. */
export async function installLicense(options: TestLicenseOptions = {}): Promise<{ id: number; jwt: string }> {
  const jwt = await makeLicense(options);
  const { id } = await storeLicense(jwt);
  return { id, jwt };
}

/** Deletes every stored license (a test that needs "no license" starts with this). */
export async function removeLicenses(): Promise<void> {
  await prisma().license.deleteMany();
  invalidateLicenses();
}
