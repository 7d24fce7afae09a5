// Verifies a license JWT: its shape, `alg: EdDSA`, a trusted `kid`, the Ed25519 signature, then
// the claims. Each failure is a 400 whose message names the problem in words an admin can act
// on. Expiry is not checked here: a stored license past `exp` is still listed (as expired).
import "server-only";
import { compactVerify, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { storable, text } from "@/lib/api/strings";
import { Invalid } from "../http/errors";
import { DEVELOPMENT_KEY_ID } from "./development-key";
import type { KeyRing } from "./keys";

export class LicenseError extends Invalid {}

const unixSeconds = z.number({ error: "must be a Unix time in seconds" }).int("must be a whole number of seconds").positive("must be a Unix time in seconds");

export const licenseClaimsSchema = z
  .object({
    // Signed is not the same as storable: a claim with a NUL would fail in the database (audit diff), not here.
    uuid: storable(z.uuid({ error: "must be a UUID" })),
    account_id: text({ error: "must be a string" }).min(1, "must not be empty").max(256, "is too long"),
    trial: z.boolean({ error: "must be true or false" }).default(false),
    features: z.record(text().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be a feature name like audit_log"), z.number({ error: "must be a number" }).int("must be a whole number").min(0, "must not be negative"), {
      error: "must map feature names to limits",
    }),
    /** Start of the grace period. */
    license_expires: unixSeconds,
    /** End of the grace period: the license stops working. */
    exp: unixSeconds,
  })
  .refine((c) => c.license_expires <= c.exp, { path: ["license_expires"], message: "must not be later than exp" });
export type LicenseClaims = z.infer<typeof licenseClaimsSchema>;

export interface VerifiedLicense {
  uuid: string;
  accountId: string;
  trial: boolean;
  features: Record<string, number>;
  graceAt: Date;
  expiresAt: Date;
  keyId: string;
}

export type LicenseState = "active" | "grace_period" | "expired";

export function licenseState(license: { graceAt: Date; expiresAt: Date }, now: Date = new Date()): LicenseState {
  if (now < license.graceAt) return "active";
  return now < license.expiresAt ? "grace_period" : "expired";
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export async function verifyLicense(jwt: string, ring: KeyRing): Promise<VerifiedLicense> {
  const token = jwt.trim();
  if (!JWT_SHAPE.test(token)) throw new LicenseError("The license is malformed: it is not a JWT (three base64url parts separated by dots).");
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new LicenseError("The license is malformed: its header is not valid base64url JSON.");
  }
  if (header.alg !== "EdDSA") throw new LicenseError(`The license is signed with ${header.alg ? `alg ${header.alg}` : "no alg"}; Meridian accepts only EdDSA (Ed25519) licenses.`);
  if (typeof header.kid !== "string" || header.kid === "") throw new LicenseError("The license does not name its signing key (no kid header).");
  const key = ring.keys.get(header.kid);
  if (!key) {
    if (header.kid === DEVELOPMENT_KEY_ID) {
      throw new LicenseError("The license is signed with the development key, which this server does not trust. Only development servers set MERIDIAN_LICENSE_DEV_KEY=true.");
    }
    throw new LicenseError(`The license is signed with an unknown key (kid "${header.kid}"). Add the vendor's public key to MERIDIAN_LICENSE_PUBLIC_KEYS.`);
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key, { algorithms: ["EdDSA"] }));
  } catch {
    throw new LicenseError("The license signature is invalid: the license was altered after it was signed, or signed with a different key.");
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new LicenseError("The license is malformed: its claims are not JSON.");
  }
  const claims = licenseClaimsSchema.safeParse(json);
  if (!claims.success) {
    const problems = claims.error.issues.map((i) => `${i.path.join(".") || "claims"} ${i.path.length && i.code === "invalid_type" && i.input === undefined ? "is missing" : i.message}`);
    // Each problem names its claim; the request field they all belong to is the license.
    throw new LicenseError(
      `The license claims are invalid: ${problems.join("; ")}.`,
      problems.map((problem) => ({ field: "license", detail: `claim ${problem}` })),
    );
  }
  const c = claims.data;
  return {
    uuid: c.uuid,
    accountId: c.account_id,
    trial: c.trial,
    features: c.features,
    graceAt: new Date(c.license_expires * 1000),
    expiresAt: new Date(c.exp * 1000),
    keyId: header.kid,
  };
}
