// Stored licenses: upload (verified first; the JWT itself is never logged or audited), list,
// delete. `validLicenses()` is what entitlements are computed from: every stored license that
// still verifies with the keys trusted now, cached briefly and dropped at once on any change
// (made here, or on another replica: the change is published as a `license` event).
import "server-only";
import { decodeJwt } from "jose";
import type { License } from "@/lib/api/licenses";
import { audit, type RequestMeta } from "../audit";
import { prisma } from "../db";
import type { Config } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { Conflict, NotFound } from "../http/errors";
import { keyRing } from "./keys";
import { publishAfterWrite } from "../events/publish";
import { processCache } from "../process-cache";
import { licenseClaimsSchema, LicenseError, licenseState, verifyLicense, type VerifiedLicense } from "./verify";

// Process-wide (the launcher and each Next bundle load their own copy of this module, and an
// upload through one must be seen by all of them at once); other replicas drop it on the event.
const cache = processCache("licenses", 5_000, () => loadValid(), ["license"]);

/** Forget the cached licenses (after a change, or in tests that write rows directly). */
export function invalidateLicenses(): void {
  cache.invalidate();
}

async function loadValid(cfg?: Config): Promise<VerifiedLicense[]> {
  const ring = await keyRing(cfg);
  const rows = await prisma().license.findMany({ orderBy: { id: "asc" } });
  const verified = await Promise.all(rows.map((r) => verifyLicense(r.jwt, ring).catch(() => null)));
  return verified.filter((l): l is VerifiedLicense => l !== null);
}

/** Every stored license that verifies with the trusted keys (including expired ones). */
export function validLicenses(cfg?: Config): Promise<VerifiedLicense[]> {
  return cfg ? loadValid(cfg) : cache.get();
}

/** Verifies and stores a license. Refuses one past its grace period, and a duplicate uuid (409). */
export async function storeLicense(jwt: string, tx: Prisma.TransactionClient = prisma(), now = new Date()): Promise<{ id: number; uploadedAt: Date; license: VerifiedLicense }> {
  const token = jwt.trim();
  const license = await verifyLicense(token, await keyRing());
  if (licenseState(license, now) === "expired") {
    throw new LicenseError(`The license expired on ${day(license.expiresAt)}: its grace period has ended. Ask for a renewed license.`);
  }
  if (await tx.license.findUnique({ where: { uuid: license.uuid }, select: { id: true } })) throw duplicate(license.uuid);
  try {
    const row = await tx.license.create({ data: { uuid: license.uuid, jwt: token, expiresAt: license.expiresAt } });
    return { id: row.id, uploadedAt: row.uploadedAt, license };
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw duplicate(license.uuid); // a concurrent upload won
    throw err;
  } finally {
    invalidateLicenses();
  }
}

export async function uploadLicense(actorId: string | null, jwt: string, meta: RequestMeta): Promise<License> {
  const stored = await prisma().$transaction(async (tx) => {
    const result = await storeLicense(jwt, tx);
    const l = result.license;
    await audit(
      {
        actorId,
        action: "license_uploaded",
        resourceType: "license",
        resourceId: String(result.id),
        resourceName: l.uuid,
        diff: { uuid: l.uuid, account_id: l.accountId, trial: l.trial, features: l.features, grace_at: l.graceAt.toISOString(), expires_at: l.expiresAt.toISOString() },
        statusCode: 201,
      },
      meta,
      tx,
    );
    return result;
  });
  invalidateLicenses();
  await publishAfterWrite({ type: "license", id: String(stored.id) });
  return present(stored.id, stored.uploadedAt, stored.license, null);
}

export async function deleteLicense(actorId: string | null, id: number, meta: RequestMeta): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const row = await tx.license.findUnique({ where: { id }, select: { id: true, uuid: true } });
    if (!row) throw new NotFound("License");
    await tx.license.delete({ where: { id } });
    await audit({ actorId, action: "license_deleted", resourceType: "license", resourceId: String(id), resourceName: row.uuid }, meta, tx);
  });
  invalidateLicenses();
  await publishAfterWrite({ type: "license", id: String(id) });
}

/** Every stored license, newest first; one that no longer verifies says why instead of counting. */
export async function listLicenses(): Promise<License[]> {
  const ring = await keyRing();
  const rows = await prisma().license.findMany({ orderBy: { uploadedAt: "desc" } });
  return Promise.all(
    rows.map(async (row) => {
      try {
        return present(row.id, row.uploadedAt, await verifyLicense(row.jwt, ring), null);
      } catch (err) {
        const problem = err instanceof LicenseError ? err.message : "The license could not be verified.";
        return present(row.id, row.uploadedAt, unverified(row), problem);
      }
    }),
  );
}

/** What a license says about itself, read without trusting it (only to show it as invalid). */
function unverified(row: { uuid: string; jwt: string; expiresAt: Date }): VerifiedLicense {
  let claims: ReturnType<typeof licenseClaimsSchema.safeParse> | undefined;
  try {
    claims = licenseClaimsSchema.safeParse(decodeJwt(row.jwt));
  } catch {
    claims = undefined;
  }
  const c = claims?.success ? claims.data : undefined;
  return {
    uuid: row.uuid,
    accountId: c?.account_id ?? "",
    trial: c?.trial ?? false,
    features: c?.features ?? {},
    graceAt: c ? new Date(c.license_expires * 1000) : row.expiresAt,
    expiresAt: row.expiresAt,
    keyId: "",
  };
}

function present(id: number, uploadedAt: Date, l: VerifiedLicense, problem: string | null): License {
  return {
    id,
    uuid: l.uuid,
    uploaded_at: uploadedAt.toISOString(),
    account_id: l.accountId,
    trial: l.trial,
    features: l.features,
    grace_at: l.graceAt.toISOString(),
    expires_at: l.expiresAt.toISOString(),
    state: problem ? "invalid" : licenseState(l),
    problem,
  };
}

function duplicate(uuid: string) {
  return new Conflict(`This license (${uuid}) is already uploaded.`);
}

export function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}
