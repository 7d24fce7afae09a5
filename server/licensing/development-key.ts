// THE DEVELOPMENT LICENSE KEY. Its private half is published in this repository on purpose, so
// anyone can mint licenses with it: the demo and the tests do. A server trusts it only when
// told to (MERIDIAN_LICENSE_DEV_KEY=true, on by default in demo mode only); a production
// deployment configures the vendor's public keys in MERIDIAN_LICENSE_PUBLIC_KEYS instead.
import type { JWK } from "jose";

export const DEVELOPMENT_KEY_ID = "meridian-development";

/** Ed25519 private key (JWK). Never trust licenses signed with it outside development. */
export const DEVELOPMENT_PRIVATE_JWK: JWK = {
  kty: "OKP",
  crv: "Ed25519",
  kid: DEVELOPMENT_KEY_ID,
  x: "Nox7WuDbMshzwUJ-cEf4tDimd0x1OfoLbFsr3pxkpy0",
  d: "e5ep-V6J422CmVuzfJ1Ukc0Vc9Flh4qRLDcT64qOGvs",
};

export const DEVELOPMENT_PUBLIC_JWK: JWK = {
  kty: "OKP",
  crv: "Ed25519",
  kid: DEVELOPMENT_KEY_ID,
  x: DEVELOPMENT_PRIVATE_JWK.x,
  alg: "EdDSA",
  use: "sig",
};
