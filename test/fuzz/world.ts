// What the fuzzer calls with and aims at: a signed-in member, admin and owner (cookie and API
// token each), a workspace proxy's token, an embed token, and pools of real ids and strings for
// path parameters and body fields. A fuzzed request may log a caller out, revoke its token,
// suspend or demote it, delete the proxy or the license: `ensure()` puts all of that back, so
// every route's property starts from the same state whatever ran before it.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { signEmbedToken } from "@/server/auth/embed-token";
import { createToken, verifyToken } from "@/server/auth/tokens";
import { prisma } from "@/server/db";
import { verifyProxyToken } from "@/server/topology/proxy-tokens";
import { call } from "../support/api";
import { installLicense, makeLicense } from "../support/licenses";
import { makeUser, PASSWORD, type TestUser } from "../support/users";
import type { Known } from "./schema";
import { mintSessionCookie, sessionOf } from "./sessions";

export const USER_CALLERS = ["member", "admin", "owner"] as const;
type Role = (typeof USER_CALLERS)[number];

/** How a request authenticates; cookie callers also choose their CSRF headers (see request.ts). */
export type Caller = "anonymous" | `${Role}-cookie` | `${Role}-token` | "member-session-header" | "proxy-bearer" | "proxy-header" | "embed";

interface Person {
  user: TestUser;
  cookie: string;
  sessionId: string;
  token: string;
}

/** The address test/support's sign-in uses (the fuzzer's own requests come from other ones). */
const SUPPORT_ADDRESS = "203.0.113.7";
const EMBED_REFRESH_MS = 5 * 60_000;

export class World {
  private people = {} as Record<Role, Person>;
  private proxy = { id: "", secret: "" };
  private embed = { token: "", mintedAt: 0 };
  /** Real values from the database, refreshed by ensure(): any string field may get one. */
  known: Known = { strings: [], byHint: {} };
  /** Real ids of every kind (a user id where a proxy id belongs is worth trying too). */
  ids: string[] = [];

  private constructor(readonly embedSecret: string) {}

  static async create(embedSecret: string): Promise<World> {
    const world = new World(embedSecret);
    await installLicense(); // premium routes must reach their schemas, not a 403
    for (const role of ["owner", "admin", "member"] as const) {
      const user = await makeUser(role);
      world.people[role] = { user, ...(await freshSession(user)), token: await freshToken(user.id) };
    }
    await makeUser("member"); // someone to suspend or promote who is not a caller
    world.proxy = await newProxy();
    await newProxy(); // one to rename, regenerate or delete
    const admin = { authorization: `Bearer ${world.people.admin.token}` };
    await call("POST /api/v2/embed/origins", { headers: admin, body: { origin: "https://portal.example.com" } });
    await world.ensure();
    return world;
  }

  headers(caller: Caller): Record<string, string> {
    const proxyToken = `${this.proxy.id}:${this.proxy.secret}`;
    if (caller === "anonymous") return {};
    if (caller === "proxy-bearer") return { authorization: `Bearer ${proxyToken}` };
    if (caller === "proxy-header") return { "meridian-proxy-token": proxyToken };
    if (caller === "embed") return { authorization: `Bearer ${this.embed.token}` };
    if (caller === "member-session-header") return { "meridian-session-token": this.people.member.token };
    const [role, via] = caller.split("-") as [Role, "cookie" | "token"];
    return via === "cookie" ? { cookie: this.people[role].cookie } : { authorization: `Bearer ${this.people[role].token}` };
  }

  /** Puts back whatever fuzzed requests changed about the callers, and refreshes the pools. */
  async ensure(): Promise<void> {
    await this.repair();
    await this.refreshPools();
  }

  /** Puts back the callers: one query when nothing changed (it runs after every write sent). */
  async repair(): Promise<void> {
    await this.refreshEmbedToken();
    if (await this.intact()) return;
    const db = prisma();
    if ((await db.license.count()) === 0) await installLicense();
    for (const role of USER_CALLERS) {
      const person = this.people[role];
      await db.user.updateMany({ where: { id: person.user.id, OR: [{ role: { not: role } }, { suspendedAt: { not: null } }] }, data: { role, suspendedAt: null } });
      if (!(await verifyToken(person.token))) person.token = await freshToken(person.user.id);
      if (!(await sessionOf(person.cookie))) Object.assign(person, await freshSession(person.user));
    }
    if (!(await verifyProxyToken(`${this.proxy.id}:${this.proxy.secret}`))) this.proxy = await restoreProxy(this.proxy);
  }

  /** Whether every caller still works as itself: roles, suspensions, tokens, sessions, proxy, license. */
  private async intact(): Promise<boolean> {
    const people = USER_CALLERS.map((role) => this.people[role]);
    const [row] = await prisma().$queryRaw<{ ok: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM licenses)
        AND (SELECT count(*) FROM users u JOIN unnest(${people.map((p) => p.user.id)}::text[], ${people.map((p) => p.user.role)}::text[]) AS c(id, role)
               ON u.id = c.id AND u.role::text = c.role WHERE u.suspended_at IS NULL) = ${people.length}::int
        AND (SELECT count(*) FROM api_tokens WHERE id = ANY(${people.map((p) => p.token.split("-")[0])}::text[]) AND revoked_at IS NULL AND expires_at > now()) = ${people.length}::int
        AND (SELECT count(*) FROM sessions WHERE id = ANY(${people.map((p) => p.sessionId)}::text[]) AND expires_at > now()) = ${people.length}::int
        AND EXISTS (SELECT 1 FROM workspace_proxies WHERE id = ${this.proxy.id}::uuid AND deleted_at IS NULL AND token_hashed_secret = ${hashSecret(this.proxy.secret)})
        AS ok`;
    return row?.ok === true;
  }

  /** Embed tokens live minutes; a long campaign needs new ones. */
  async refreshEmbedToken(): Promise<void> {
    if (Date.now() - this.embed.mintedAt < EMBED_REFRESH_MS) return;
    this.embed = { token: await signEmbedToken(this.people.member.user.email, this.embedSecret), mintedAt: Date.now() };
  }

  private async refreshPools(): Promise<void> {
    const db = prisma();
    const recent = { orderBy: { createdAt: "desc" as const }, take: 20 };
    const [users, tokens, proxies, licenses, origins, ...fresh] = await Promise.all([
      db.user.findMany({ ...recent, select: { id: true, email: true, name: true } }),
      db.apiToken.findMany({ ...recent, select: { id: true, name: true } }),
      db.workspaceProxy.findMany({ ...recent, select: { id: true, name: true, displayName: true, replicaId: true } }),
      db.license.findMany({ orderBy: { id: "desc" }, take: 5, select: { id: true, uuid: true, jwt: true } }),
      db.embedOrigin.findMany({ ...recent, select: { id: true, origin: true } }),
      // Licenses never uploaded yet, so an upload can succeed (a stored one is a 409).
      ...[1, 2, 3].map(() => makeLicense({ uuid: randomUUID() })),
    ]);
    this.ids = [
      ...users.map((u) => u.id),
      ...tokens.map((t) => t.id),
      ...proxies.flatMap((p) => [p.id, ...(p.replicaId ? [p.replicaId] : [])]),
      ...licenses.flatMap((l) => [String(l.id), l.uuid]),
      ...origins.flatMap((o) => [o.id, `env:${o.origin}`]),
    ];
    const strings = [
      ...this.ids,
      ...users.flatMap((u) => [u.email, u.name]),
      ...tokens.map((t) => t.name),
      ...proxies.flatMap((p) => [p.name, p.displayName]),
      ...licenses.map((l) => l.jwt),
      ...origins.map((o) => o.origin),
      ...fresh,
      PASSWORD,
    ];
    this.known = {
      strings: [...new Set(strings)],
      byHint: {
        id: this.ids,
        email: users.map((u) => u.email),
        name: [...users.map((u) => u.name), ...tokens.map((t) => t.name), ...proxies.flatMap((p) => [p.name, p.displayName])],
        origin: origins.map((o) => o.origin),
        license: [...fresh, ...licenses.map((l) => l.jwt)],
        password: [PASSWORD], // every test user's: sign-ins can succeed
      },
    };
  }
}

async function freshToken(userId: string): Promise<string> {
  return (await createToken(userId, { name: `fuzz-${randomBytes(4).toString("hex")}` })).key;
}

/** A session without scrypt when possible; else a real sign-in (after lifting a lockout the fuzzer caused). */
async function freshSession(user: TestUser): Promise<{ cookie: string; sessionId: string }> {
  const minted = await mintSessionCookie(user.id);
  if (minted) return minted;
  await prisma().rateLimit.deleteMany({ where: { key: { in: [`signin:account:${user.email}`, `signin:address:${SUPPORT_ADDRESS}`] } } });
  const cookie = await user.signIn();
  const sessionId = await sessionOf(cookie);
  if (!sessionId) throw new Error(`fuzz: signing ${user.email} in gave no working session`);
  return { cookie, sessionId };
}

async function newProxy(): Promise<{ id: string; secret: string }> {
  const secret = randomBytes(24).toString("hex");
  const name = `fuzz-${randomBytes(4).toString("hex")}`;
  const row = await prisma().workspaceProxy.create({ data: { name, displayName: name, tokenHashedSecret: hashSecret(secret) } });
  return { id: row.id, secret };
}

/** Undeletes the caller proxy and resets its token; a new one if its name was taken meanwhile. */
async function restoreProxy(proxy: { id: string; secret: string }): Promise<{ id: string; secret: string }> {
  try {
    await prisma().workspaceProxy.update({ where: { id: proxy.id }, data: { deletedAt: null, tokenHashedSecret: hashSecret(proxy.secret) } });
    return proxy;
  } catch {
    return newProxy();
  }
}

function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(secret).digest());
}
