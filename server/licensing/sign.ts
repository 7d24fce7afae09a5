// Mints a license: the `meridian license create` command, the demo and the tests use it. With no
// key given it signs with the development key, which only development servers trust.
import "server-only";
import { randomUUID } from "node:crypto";
import { importJWK, SignJWT, type JWK } from "jose";
import { DEVELOPMENT_PRIVATE_JWK } from "./development-key";

export interface LicenseInput {
  features: Record<string, number>;
  /** `license_expires`: the grace period starts here. */
  graceAt: Date;
  /** `exp`: the license stops working here. */
  expiresAt: Date;
  trial?: boolean;
  accountId?: string;
  uuid?: string;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export async function signLicense(input: LicenseInput, privateJwk: JWK = DEVELOPMENT_PRIVATE_JWK): Promise<string> {
  if (!privateJwk.kid) throw new Error("the signing key has no kid: licenses name their key by kid");
  if (privateJwk.kty !== "OKP" || privateJwk.crv !== "Ed25519" || !privateJwk.d) throw new Error("the signing key must be an Ed25519 private key (JWK with kty OKP, crv Ed25519 and d)");
  const key = await importJWK(privateJwk, "EdDSA");
  return new SignJWT({
    uuid: input.uuid ?? randomUUID(),
    account_id: input.accountId ?? "development",
    trial: input.trial ?? false,
    features: input.features,
    license_expires: seconds(input.graceAt),
  })
    .setProtectedHeader({ alg: "EdDSA", kid: privateJwk.kid, typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime(seconds(input.expiresAt))
    .sign(key);
}
