// The public keys licenses are verified with: the vendor's keys from MERIDIAN_LICENSE_PUBLIC_KEYS
// (a JSON Web Key Set, inline or `@/path/to/jwks.json`), plus the development key only when the
// configuration trusts it. Parsed once per configuration; a bad value is a ConfigError that
// names the variable, so start-up (or the first license check) says exactly what to fix.
import "server-only";
import { readFileSync } from "node:fs";
import { importJWK } from "jose";
import { z } from "zod";
import { config, ConfigError, type Config } from "../env";
import { DEVELOPMENT_KEY_ID, DEVELOPMENT_PUBLIC_JWK } from "./development-key";

const VARIABLE = "MERIDIAN_LICENSE_PUBLIC_KEYS";

type PublicKey = Awaited<ReturnType<typeof importJWK>>;

export interface KeyRing {
  /** kid → key. */
  keys: Map<string, PublicKey>;
  devKeyTrusted: boolean;
}

const publicJwkSchema = z
  .object({
    kty: z.literal("OKP", { error: 'must be "OKP"' }),
    crv: z.literal("Ed25519", { error: 'must be "Ed25519"' }),
    x: z.string({ error: "is required" }).regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url Ed25519 public key"),
    kid: z.string({ error: "is required (licenses name their key by kid)" }).min(1, "must not be empty"),
    alg: z.literal("EdDSA", { error: 'must be "EdDSA" when given' }).optional(),
    d: z.undefined({ error: "is a private key: configure only public keys here" }).optional(),
  })
  .loose();

const jwksSchema = z.object({ keys: z.array(publicJwkSchema, { error: 'must be a JSON Web Key Set: {"keys": [...]}' }).min(1, "must hold at least one key") }, { error: 'must be a JSON Web Key Set: {"keys": [...]}' });

function readSetting(value: string): string {
  if (!value.startsWith("@")) return value;
  const file = value.slice(1);
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`${VARIABLE}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** The configured public keys, validated: throws a ConfigError naming the variable. */
export function parsePublicKeys(value: string | undefined): z.infer<typeof publicJwkSchema>[] {
  if (value === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(readSetting(value));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`${VARIABLE}: not valid JSON (${(err as Error).message}); give a JSON Web Key Set or @/path/to/jwks.json`);
  }
  const result = jwksSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${VARIABLE}: ${issue.path.length ? `${issue.path.join(".")} ` : ""}${issue.message}`);
  }
  const seen = new Set<string>();
  for (const key of result.data.keys) {
    if (seen.has(key.kid)) throw new ConfigError(`${VARIABLE}: kid "${key.kid}" appears twice`);
    seen.add(key.kid);
  }
  return result.data.keys;
}

async function buildKeyRing(cfg: Config): Promise<KeyRing> {
  const keys = new Map<string, PublicKey>();
  for (const jwk of parsePublicKeys(cfg.MERIDIAN_LICENSE_PUBLIC_KEYS)) {
    try {
      keys.set(jwk.kid, await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, "EdDSA"));
    } catch (err) {
      throw new ConfigError(`${VARIABLE}: key "${jwk.kid}" is not a usable Ed25519 public key (${(err as Error).message})`);
    }
  }
  if (cfg.trustDevLicenseKey && !keys.has(DEVELOPMENT_KEY_ID)) keys.set(DEVELOPMENT_KEY_ID, await importJWK(DEVELOPMENT_PUBLIC_JWK, "EdDSA"));
  return { keys, devKeyTrusted: keys.has(DEVELOPMENT_KEY_ID) };
}

const rings = new WeakMap<Config, Promise<KeyRing>>();

/** The keys this configuration trusts (the running process's by default). */
export function keyRing(cfg: Config = config()): Promise<KeyRing> {
  let ring = rings.get(cfg);
  if (!ring) {
    ring = buildKeyRing(cfg);
    rings.set(cfg, ring);
  }
  return ring;
}

/** For start-up: throws the ConfigError naming MERIDIAN_LICENSE_PUBLIC_KEYS when it is bad. */
export async function checkLicenseKeys(cfg: Config = config()): Promise<void> {
  await keyRing(cfg);
}
