// `meridian license keygen | create`: mints signing keys and licenses for development, demos and
// tests. `create` signs with the development key unless --key names another private key; a
// server trusts the development key only when MERIDIAN_LICENSE_DEV_KEY (or demo mode) says so.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { FEATURE_NAMES } from "../lib/api/licenses";
import { printHelp, wantsHelp } from "./help";

const USAGE = `usage:
  meridian license keygen [--out DIR] [--kid NAME]
      writes an Ed25519 private key (JWK, mode 0600) to DIR and prints the public JWKS to put in
      MERIDIAN_LICENSE_PUBLIC_KEYS (as JSON text, or @/path/to/jwks.json)
  meridian license create --features workspace_proxy=10,high_availability=3,audit_log=1 --expires 2027-01-01
                          [--grace-days 30] [--trial] [--account-id ID] [--key PRIVATE_JWK_FILE]
      prints a license JWT signed with --key (default: the development key)
`;

class UsageError extends Error {}

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(USAGE);
  const [sub, ...rest] = argv;
  try {
    if (sub === "keygen") return await keygen(rest);
    if (sub === "create") return await create(rest);
    throw new UsageError(sub ? `unknown subcommand "${sub}"` : "a subcommand is required");
  } catch (err) {
    process.stderr.write(`meridian license: ${(err as Error).message}\n`);
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(USAGE);
      return 2;
    }
    return 1;
  }
}

async function keygen(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { out: { type: "string", default: "." }, kid: { type: "string" } } });
  const kid = values.kid ?? `meridian-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(3).toString("hex")}`;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(kid)) throw new UsageError("--kid: letters, digits, dot, dash and underscore only (at most 64)");
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const file = path.resolve(values.out, `${kid}.private.jwk.json`);
  await mkdir(values.out, { recursive: true });
  // "wx": never overwrite a key that may already have signed licenses.
  const text = `${JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: "EdDSA", use: "sig" }, null, 2)}\n`;
  await writeFile(file, text, { mode: 0o600, flag: "wx" }).catch((err: NodeJS.ErrnoException) => {
    throw err.code === "EEXIST" ? new Error(`${file} already exists: refusing to overwrite a signing key (choose another --kid or --out)`) : err;
  });
  await chmod(file, 0o600);
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" }] };
  process.stdout.write(`${JSON.stringify(jwks)}\n`);
  process.stderr.write(
    `Wrote the private key to ${file} (mode 0600): keep it secret; it signs licenses.\n` +
      `Servers trust licenses signed with it when MERIDIAN_LICENSE_PUBLIC_KEYS holds the public key set printed above\n` +
      `(as JSON text, or @/path/to/a/file holding it). Sign one with: meridian license create --key ${file} --features … --expires …\n`,
  );
  return 0;
}

async function create(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      features: { type: "string" },
      expires: { type: "string" },
      "grace-days": { type: "string", default: "30" },
      trial: { type: "boolean", default: false },
      "account-id": { type: "string", default: "development" },
      key: { type: "string" },
      uuid: { type: "string" },
    },
  });
  if (!values.features) throw new UsageError("--features is required, like workspace_proxy=10,audit_log=1");
  if (!values.expires) throw new UsageError("--expires is required: the date the grace period starts, like 2027-01-01");
  const features = parseFeatures(values.features);
  const graceAt = parseDate(values.expires);
  const graceDays = Number(values["grace-days"]);
  if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 3650) throw new UsageError(`--grace-days: must be a whole number of days from 0 to 3650 (got "${values["grace-days"]}")`);
  const key = values.key ? await readPrivateKey(values.key) : undefined;
  const { signLicense } = await import("../server/licensing/sign");
  const jwt = await signLicense(
    { features, graceAt, expiresAt: new Date(graceAt.getTime() + graceDays * 86_400_000), trial: values.trial, accountId: values["account-id"], uuid: values.uuid },
    key,
  );
  process.stdout.write(`${jwt}\n`);
  if (!key) process.stderr.write("Signed with the development key: only servers with MERIDIAN_LICENSE_DEV_KEY=true (or in demo mode) accept it.\n");
  return 0;
}

function parseFeatures(text: string): Record<string, number> {
  const features: Record<string, number> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, value, extra] = part.split("=");
    if (!(FEATURE_NAMES as string[]).includes(name)) throw new UsageError(`--features: unknown feature "${name}" (known: ${FEATURE_NAMES.join(", ")})`);
    const limit = Number(value);
    if (extra !== undefined || value === undefined || value === "" || !Number.isInteger(limit) || limit < 0) throw new UsageError(`--features: "${part}" must be name=limit with a whole number limit, like ${name}=1`);
    features[name] = limit;
  }
  if (Object.keys(features).length === 0) throw new UsageError("--features: name at least one feature, like audit_log=1");
  return features;
}

function parseDate(text: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) throw new UsageError(`--expires: must be a date like 2027-01-01 or an ISO time (got "${text}")`);
  return date;
}

async function readPrivateKey(file: string): Promise<JWK> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(file, "utf8")) as JWK;
  } catch (err) {
    throw new Error(`--key: cannot read a JSON private key from ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.d || !jwk.kid) throw new Error(`--key: ${file} is not an Ed25519 private JWK with a kid (make one with meridian license keygen)`);
  return jwk;
}
