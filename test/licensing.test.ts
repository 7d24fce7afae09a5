// Licensing as a client sees it: every way an upload is refused, the entitlement states across
// the grace period, usage warnings, the premium 403, the development key's trust, and the CLI
// that mints keys and licenses. Dates are chosen when signing (and `now` passed), never slept.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { config, ConfigError, parseConfig } from "@/server/env";
import { ensureDemoLicense, entitlements, keyRing, parsePublicKeys, requireFeature } from "@/server/licensing";
import { DEVELOPMENT_PRIVATE_JWK } from "@/server/licensing/development-key";
import { signLicense } from "@/server/licensing/sign";
import { verifyLicense } from "@/server/licensing/verify";
import { browser, call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { installLicense, makeLicense, removeLicenses } from "./support/licenses";
import { makeUser } from "./support/users";

withTestDatabase();

const DAY = 86_400_000;
const ROOT = path.resolve(import.meta.dirname, "..");
const json = async (res: Response) => res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
let admin: Record<string, string>;

beforeAll(async () => {
  admin = { authorization: `Bearer ${await (await makeUser("admin")).token()}` };
});
beforeEach(async () => {
  await removeLicenses();
  await prisma().replica.deleteMany();
  await prisma().workspaceProxy.deleteMany();
});

const upload = (license: string) => call("POST /api/v2/licenses", { headers: admin, body: { license } });
const inDays = (days: number) => new Date(Date.now() + days * DAY);
async function devKey() {
  const { d, x } = DEVELOPMENT_PRIVATE_JWK;
  return { kty: "OKP", crv: "Ed25519", d, x, kid: DEVELOPMENT_PRIVATE_JWK.kid };
}

describe("uploading a license", () => {
  it("stores a valid license, lists it, audits it without the JWT, and deletes it", async () => {
    const jwt = await makeLicense({ features: { workspace_proxy: 5, audit_log: 1 }, expiresInDays: 90, graceDays: 15, trial: true, accountId: "acme" });
    const res = await upload(jwt);
    expect(res.status).toBe(201);
    const { license } = await json(res);
    expect(license).toMatchObject({ account_id: "acme", trial: true, features: { workspace_proxy: 5, audit_log: 1 }, state: "active", problem: null });
    expect(new Date(license.expires_at).getTime() - new Date(license.grace_at).getTime()).toBe(15 * DAY);

    const list = await json(await call("GET /api/v2/licenses", { headers: admin }));
    expect(list.licenses.map((l: { uuid: string }) => l.uuid)).toEqual([license.uuid]);
    const row = await prisma().auditLog.findFirstOrThrow({ where: { action: "license_uploaded", resourceName: license.uuid } });
    expect(row).toMatchObject({ resourceType: "license", resourceName: license.uuid, statusCode: 201 });
    expect(JSON.stringify(row)).not.toContain(jwt.split(".")[2]);

    expect((await call("DELETE /api/v2/licenses/[id]", { headers: admin, params: { id: String(license.id) } })).status).toBe(204);
    expect((await json(await call("GET /api/v2/licenses", { headers: admin }))).licenses).toEqual([]);
    expect(await prisma().auditLog.count({ where: { action: "license_deleted", resourceName: license.uuid } })).toBe(1);
    expect((await call("DELETE /api/v2/licenses/[id]", { headers: admin, params: { id: String(license.id) } })).status).toBe(404);
  });

  it("works from the console with the session cookie", async () => {
    const someone = await makeUser("admin");
    const res = await call("POST /api/v2/licenses", { headers: browser(await someone.signIn()), body: { license: await makeLicense() } });
    expect(res.status).toBe(201);
  });

  it.each([
    ["not a JWT", async () => "definitely not a license", /malformed: it is not a JWT/],
    ["a header that is not JSON", async () => "bm90LWpzb24.e30.c2ln", /malformed: its header/],
    ["another algorithm", async () => new SignJWT({ uuid: randomUUID() }).setProtectedHeader({ alg: "HS256", kid: "meridian-development" }).sign(new Uint8Array(32)), /signed with alg HS256; Meridian accepts only EdDSA/],
    ["no kid", async () => new SignJWT({}).setProtectedHeader({ alg: "EdDSA" }).sign(await importDev()), /no kid header/],
    ["an unknown key", async () => signLicense({ features: { audit_log: 1 }, graceAt: inDays(30), expiresAt: inDays(60) }, await freshKey("vendor-2031")), /unknown key \(kid "vendor-2031"\)/],
    ["a tampered payload", async () => tamper(await makeLicense({ features: { workspace_proxy: 1 } })), /signature is invalid: the license was altered/],
    ["a signature from another key under the dev kid", async () => signLicense({ features: { audit_log: 1 }, graceAt: inDays(30), expiresAt: inDays(60) }, await freshKey("meridian-development")), /signature is invalid/],
    ["an expiry past its grace period", async () => makeLicense({ expiresInDays: -40, graceDays: 30 }), /expired on \d{4}-\d\d-\d\d: its grace period has ended/],
    ["missing claims", async () => new SignJWT({ uuid: randomUUID(), account_id: "x" }).setProtectedHeader({ alg: "EdDSA", kid: "meridian-development" }).sign(await importDev()), /claims are invalid: features is missing; license_expires is missing; exp is missing/],
    ["a negative limit", async () => makeLicense({ features: { workspace_proxy: -1 } }), /claims are invalid: features\.workspace_proxy must not be negative/],
    ["a uuid that is not one", async () => makeLicense({ uuid: "1234" }), /claims are invalid: uuid must be a UUID/],
    ["grace starting after the end", async () => makeLicense({ graceDays: -5 }), /license_expires must not be later than exp/],
  ])("refuses %s with a 400 that names the problem", async (_, make, reason) => {
    const res = await upload(await make());
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(reason);
    expect(await prisma().license.count()).toBe(0);
  });

  it("refuses the same license twice with 409, even when both uploads race", async () => {
    const jwt = await makeLicense();
    const statuses = (await Promise.all([upload(jwt), upload(jwt), upload(jwt)])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const again = await upload(jwt);
    expect(again.status).toBe(409);
    expect((await json(again)).message).toMatch(/already uploaded/);
  });
});

describe("entitlements", () => {
  it("without a license: every feature locked, and premium routes answer 403 with the feature's name", async () => {
    const res = await json(await call("GET /api/v2/entitlements", { headers: admin }));
    expect(res).toMatchObject({ has_license: false, trial: false, warnings: [] });
    for (const f of ["workspace_proxy", "high_availability", "audit_log"]) expect(res.features[f]).toMatchObject({ entitlement: "not_entitled", enabled: false, limit: null });
    await expect(requireFeature("workspace_proxy")).rejects.toMatchObject({ status: 403, message: "Workspace Proxy is a Premium feature. Contact sales!" });
    const audit = await call("GET /api/v2/audit", { headers: admin });
    expect(audit.status).toBe(403);
    expect(await json(audit)).toEqual({ message: "Audit Log is a Premium feature. Contact sales!" });
  });

  it("an upload unlocks at once in the same process, a delete locks again", async () => {
    expect((await call("GET /api/v2/audit", { headers: admin })).status).toBe(403);
    const { license } = await json(await upload(await makeLicense({ features: { audit_log: 1 } })));
    expect((await call("GET /api/v2/audit", { headers: admin })).status).toBe(200);
    await expect(requireFeature("workspace_proxy")).rejects.toMatchObject({ status: 403 });
    await call("DELETE /api/v2/licenses/[id]", { headers: admin, params: { id: String(license.id) } });
    expect((await call("GET /api/v2/audit", { headers: admin })).status).toBe(403);
  });

  it("is entitled before license_expires, in grace (with a warning) until exp, and locked after", async () => {
    await installLicense({ features: { workspace_proxy: 4, audit_log: 1 }, expiresInDays: 10, graceDays: 20 });
    const graceAt = inDays(10).toISOString().slice(0, 10);

    const before = await entitlements();
    expect(before.features.workspace_proxy).toMatchObject({ entitlement: "entitled", enabled: true, limit: 4, actual: 0 });
    expect(before.features.audit_log).toMatchObject({ entitlement: "entitled", enabled: true, limit: null, actual: null });
    expect(before.features.high_availability.entitlement).toBe("not_entitled");
    expect(before.warnings).toEqual([expect.stringMatching(new RegExp(`expires on ${graceAt} \\(in 10 days\\); Workspace Proxy and Audit Log then enter a grace period`))]);

    const during = await entitlements({ now: inDays(15) });
    expect(during.features.workspace_proxy).toMatchObject({ entitlement: "grace_period", enabled: true, limit: 4 });
    expect(during.warnings).toEqual([expect.stringMatching(/expired on .* and is in its grace period: Workspace Proxy and Audit Log stop working on/)]);

    const after = await entitlements({ now: inDays(31) });
    expect(after.features.workspace_proxy).toMatchObject({ entitlement: "not_entitled", enabled: false, limit: null });
    expect(after).toMatchObject({ has_license: false, warnings: [] });
  });

  it("merges licenses: the best state wins, and a later license silences the expiry warning", async () => {
    await installLicense({ features: { workspace_proxy: 2 }, expiresInDays: -5, graceDays: 30 }); // in grace
    await installLicense({ features: { workspace_proxy: 7, audit_log: 1 }, expiresInDays: 200, trial: true });
    const e = await entitlements();
    expect(e.features.workspace_proxy).toMatchObject({ entitlement: "entitled", limit: 7 });
    expect(e).toMatchObject({ has_license: true, trial: true, warnings: [] });
  });

  it("counts live proxies and replicas and warns when they exceed the license", async () => {
    const hash = Buffer.alloc(32);
    await prisma().workspaceProxy.createMany({
      data: [
        { name: "a", displayName: "A", tokenHashedSecret: hash },
        { name: "b", displayName: "B", tokenHashedSecret: hash },
        { name: "c", displayName: "C", tokenHashedSecret: hash },
        { name: "gone", displayName: "Gone", tokenHashedSecret: hash, deletedAt: new Date() },
        { name: "demo", displayName: "Demo", tokenHashedSecret: hash, demo: true },
      ],
    });
    const replica = (updatedAt: Date, stoppedAt: Date | null = null) => ({ id: randomUUID(), hostname: "h", region: "primary", relayAddress: "http://127.0.0.1:1", version: "t", startedAt: updatedAt, updatedAt, stoppedAt });
    await prisma().replica.createMany({ data: [replica(new Date()), replica(new Date()), replica(new Date(Date.now() - 60_000)), replica(new Date(), new Date())] });

    const unlicensed = await entitlements();
    expect(unlicensed.features.workspace_proxy.actual).toBe(3);
    expect(unlicensed.features.high_availability.actual).toBe(2);
    expect(unlicensed.warnings).toEqual([
      "2 control-plane replicas are running, but the license does not include High Availability, which allows more than one.",
      "3 workspace proxies are registered, but the license does not include Workspace Proxy.",
    ]);

    await installLicense({ features: { workspace_proxy: 2, high_availability: 1 } });
    expect((await entitlements()).warnings).toEqual(["2 control-plane replicas are running, but the license allows 1.", "3 workspace proxies are registered, but the license allows 2."]);
    await installLicense({ features: { workspace_proxy: 3, high_availability: 2 } });
    expect((await entitlements()).warnings).toEqual([]);
  });

  it("is readable by members", async () => {
    const member = { authorization: `Bearer ${await (await makeUser("member")).token()}` };
    expect((await call("GET /api/v2/entitlements", { headers: member })).status).toBe(200);
  });
});

describe("trusted keys", () => {
  it("tests trust the development key (MERIDIAN_DEMO unset means demo mode); production does not", async () => {
    expect(config().trustDevLicenseKey).toBe(true);
    const jwt = await makeLicense();
    const production = parseConfig({ MERIDIAN_DEMO: "false" });
    expect(production.trustDevLicenseKey).toBe(false);
    await expect(verifyLicense(jwt, await keyRing(production))).rejects.toThrow(/development key, which this server does not trust/);
    expect((await keyRing(parseConfig({ MERIDIAN_DEMO: "false", MERIDIAN_LICENSE_DEV_KEY: "true" }))).devKeyTrusted).toBe(true);
  });

  it("ignores stored licenses that no longer verify, and lists them as invalid with the reason", async () => {
    await installLicense({ features: { audit_log: 1 } });
    expect((await entitlements()).features.audit_log.enabled).toBe(true);
    expect((await entitlements({ config: parseConfig({ MERIDIAN_DEMO: "false" }) })).features.audit_log).toMatchObject({ entitlement: "not_entitled", enabled: false });

    // A license signed by a key this server never trusted (as if its key had been removed).
    const foreign = await signLicense({ features: { workspace_proxy: 3 }, graceAt: inDays(30), expiresAt: inDays(60), uuid: randomUUID() }, await freshKey("retired-key"));
    await prisma().license.create({ data: { uuid: randomUUID(), jwt: foreign, expiresAt: inDays(60) } });
    const { licenses } = await json(await call("GET /api/v2/licenses", { headers: admin }));
    const invalid = licenses.find((l: { state: string }) => l.state === "invalid");
    expect(invalid).toMatchObject({ features: { workspace_proxy: 3 }, problem: expect.stringMatching(/unknown key \(kid "retired-key"\)/) });
  });

  it("reads MERIDIAN_LICENSE_PUBLIC_KEYS inline or from @file, and names the variable when it is wrong", async () => {
    const key = await freshKey("vendor-1");
    const jwks = JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: key.x, kid: "vendor-1" }] });
    const jwt = await signLicense({ features: { audit_log: 1 }, graceAt: inDays(30), expiresAt: inDays(60) }, key);
    expect((await verifyLicense(jwt, await keyRing(parseConfig({ MERIDIAN_DEMO: "false", MERIDIAN_LICENSE_PUBLIC_KEYS: jwks })))).keyId).toBe("vendor-1");
    const dir = await mkdtemp(path.join(os.tmpdir(), "meridian-jwks-"));
    await writeFile(path.join(dir, "jwks.json"), jwks);
    const fromFile = await keyRing(parseConfig({ MERIDIAN_DEMO: "false", MERIDIAN_LICENSE_PUBLIC_KEYS: `@${dir}/jwks.json` }));
    expect([...fromFile.keys.keys()]).toEqual(["vendor-1"]);
    await rm(dir, { recursive: true });

    const bad: [string, RegExp][] = [
      ["not json", /^MERIDIAN_LICENSE_PUBLIC_KEYS: not valid JSON/],
      ["@/nonexistent/jwks.json", /^MERIDIAN_LICENSE_PUBLIC_KEYS: cannot read \/nonexistent\/jwks.json \(ENOENT\)/],
      ['{"kty":"OKP"}', /^MERIDIAN_LICENSE_PUBLIC_KEYS: keys must be a JSON Web Key Set/],
      ['{"keys":[{"kty":"RSA","n":"x","e":"AQAB","kid":"r"}]}', /^MERIDIAN_LICENSE_PUBLIC_KEYS: keys\.0\.kty must be "OKP"/],
      [JSON.stringify({ keys: [{ ...key }] }), /^MERIDIAN_LICENSE_PUBLIC_KEYS: keys\.0\.d is a private key/],
      [JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: key.x }] }), /keys\.0\.kid is required/],
    ];
    for (const [value, message] of bad) {
      expect(() => parsePublicKeys(value), value).toThrow(ConfigError);
      expect(() => parsePublicKeys(value), value).toThrow(message);
    }
  });
});

describe("demo license", () => {
  it("is stored once in demo mode, with every feature, and not again while one is valid", async () => {
    await ensureDemoLicense();
    await ensureDemoLicense();
    expect(await prisma().license.count()).toBe(1);
    const e = await entitlements();
    expect(Object.values(e.features).every((f) => f.entitlement === "entitled")).toBe(true);
  });
});

describe("meridian license", () => {
  it("keygen writes a 0600 private key and prints the JWKS that verifies what create signs with it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "meridian-keygen-"));
    const run = (...args: string[]) => promisify(execFile)(process.execPath, [path.join(ROOT, "cli/index.mjs"), "license", ...args], { cwd: dir });
    const keygen = await run("keygen", "--out", dir, "--kid", "acme-2027");
    const file = path.join(dir, "acme-2027.private.jwk.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ kty: "OKP", crv: "Ed25519", kid: "acme-2027", d: expect.any(String) });
    expect(keygen.stdout).not.toContain('"d"');

    const created = await run("create", "--features", "workspace_proxy=10,high_availability=3,audit_log=1", "--expires", "2030-01-01", "--grace-days", "10", "--trial", "--account-id", "acme", "--key", file);
    const ring = await keyRing(parseConfig({ MERIDIAN_DEMO: "false", MERIDIAN_LICENSE_PUBLIC_KEYS: keygen.stdout.trim() }));
    const license = await verifyLicense(created.stdout.trim(), ring);
    expect(license).toMatchObject({ keyId: "acme-2027", accountId: "acme", trial: true, features: { workspace_proxy: 10, high_availability: 3, audit_log: 1 } });
    expect(license.graceAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(license.expiresAt.toISOString()).toBe("2030-01-11T00:00:00.000Z");

    await expect(run("create", "--features", "teleport=1", "--expires", "2030-01-01")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown feature "teleport"') });
    await expect(run("keygen", "--out", dir, "--kid", "acme-2027")).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("refusing to overwrite") });
    await rm(dir, { recursive: true });
  });
});

async function importDev() {
  const { importJWK } = await import("jose");
  return importJWK(await devKey(), "EdDSA");
}

async function freshKey(kid: string) {
  const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

/** Raises a limit in the payload and keeps the original signature. */
function tamper(jwt: string): string {
  const [header, payload, signature] = jwt.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
  claims.features.workspace_proxy = 1000;
  return [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
}
