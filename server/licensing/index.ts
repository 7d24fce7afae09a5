// Licensing: verified Ed25519 license JWTs and the entitlements they grant.
import "server-only";

export { ensureDemoLicense } from "./demo-license";
export { entitlements, featureEnabled, requireFeature } from "./entitlements";
export { checkLicenseKeys, keyRing, parsePublicKeys } from "./keys";
export { deleteLicense, invalidateLicenses, listLicenses, uploadLicense } from "./licenses";
