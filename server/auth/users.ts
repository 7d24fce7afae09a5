// Accounts: first-run owner, admin-created users, role changes and suspension. Users are written
// here (one transaction with their password account) rather than through better-auth's sign-up,
// which is off; better-auth's scrypt hasher makes the password hash.
import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { CreateUserRequest, FirstUserRequest, Role, UpdateUserRequest, User } from "@/lib/api/users";
import { createUserRequestSchema } from "@/lib/api/users";
import { audit, type RequestMeta } from "../audit";
import { prisma } from "../db";
import { publishAfterWrite } from "../events/publish";
import type { Prisma } from "../generated/prisma/client";
import { Conflict, Forbidden, Invalid, NotFound } from "../http/errors";
import { roleAtLeast } from "./access";
import { revokeUserSessions, type UserIdentity } from "./identity";

const SETUP_LOCK = 72707371;

type Row = { id: string; email: string; name: string; role: Role; suspendedAt: Date | null; createdAt: Date };

export function toUser(row: Row): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, status: row.suspendedAt ? "suspended" : "active", created_at: row.createdAt.toISOString() };
}

async function insertUser(tx: Prisma.TransactionClient, input: { email: string; name: string; password: string; role: Role }): Promise<Row> {
  if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new Conflict("A user with this email already exists.", [{ field: "email", detail: "is already in use" }]);
  }
  const id = randomUUID();
  const user = await tx.user.create({ data: { id, email: input.email, name: input.name, role: input.role, emailVerified: true } });
  await tx.account.create({ data: { id: randomUUID(), userId: id, accountId: id, providerId: "credential", password: await hashPassword(input.password) } });
  return user;
}

export async function needsSetup(): Promise<boolean> {
  return (await prisma().user.count()) === 0;
}

/** Creates the owner on a fresh deployment; refused once any user exists, even in a race. */
export async function createFirstOwner(input: FirstUserRequest, meta: RequestMeta): Promise<User> {
  const row = await prisma().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) throw new Conflict("Meridian is already set up: sign in instead.");
    const user = await insertUser(tx, { ...input, role: "owner" });
    await audit({ actorId: user.id, action: "user_created", resourceType: "user", resourceId: user.id, resourceName: user.email, diff: { role: "owner", first_user: true } }, meta, tx);
    return user;
  });
  await publishAfterWrite({ type: "user", id: row.id });
  return toUser(row);
}

/** Admins create members; only the owner creates admins. `actor` is null from the command line. */
export async function createUser(actor: UserIdentity | null, input: CreateUserRequest, meta: RequestMeta): Promise<User> {
  const data = createUserRequestSchema.parse(input);
  if (actor && data.role !== "member" && actor.user.role !== "owner") throw new Forbidden("Only the owner can create admins.");
  const row = await prisma().$transaction(async (tx) => {
    const user = await insertUser(tx, data);
    await audit({ actorId: actor?.user.id ?? null, action: "user_created", resourceType: "user", resourceId: user.id, resourceName: user.email, diff: { role: data.role } }, meta, tx);
    return user;
  });
  return toUser(row);
}

export async function listUsers(): Promise<User[]> {
  return (await prisma().user.findMany({ orderBy: { createdAt: "asc" } })).map(toUser);
}

export async function getUser(id: string): Promise<User> {
  const row = await prisma().user.findUnique({ where: { id } });
  if (!row) throw new NotFound("User");
  return toUser(row);
}

/** Role changes and suspension. Anything that touches an admin is the owner's call. */
export async function updateUser(actor: UserIdentity, id: string, change: UpdateUserRequest, meta: RequestMeta): Promise<User> {
  const target = await prisma().user.findUnique({ where: { id } });
  if (!target) throw new NotFound("User");
  if (target.id === actor.user.id) throw new Forbidden("You cannot change your own role or status.");
  if (target.role === "owner") throw new Forbidden("The owner's role and status cannot be changed.");
  const touchesAdmin = target.role === "admin" || change.role === "admin";
  if (touchesAdmin && actor.user.role !== "owner") throw new Forbidden("Only the owner can change admins.");
  if (!roleAtLeast(actor.user.role, "admin")) throw new Forbidden();

  const suspend = change.status === "suspended" && !target.suspendedAt;
  const reactivate = change.status === "active" && target.suspendedAt !== null;
  const roleChanged = change.role !== undefined && change.role !== target.role;
  if (!suspend && !reactivate && !roleChanged) throw new Invalid("Nothing to change: the user already has this role and status.");

  const row = await prisma().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id },
      data: { role: roleChanged ? change.role : undefined, suspendedAt: suspend ? new Date() : reactivate ? null : undefined },
    });
    const base = { actorId: actor.user.id, resourceType: "user", resourceId: id, resourceName: target.email };
    if (roleChanged) await audit({ ...base, action: "user_role_changed", diff: { role: { old: target.role, new: change.role } } }, meta, tx);
    if (suspend) await audit({ ...base, action: "user_suspended", diff: { status: { old: "active", new: "suspended" } } }, meta, tx);
    if (reactivate) await audit({ ...base, action: "user_reactivated", diff: { status: { old: "suspended", new: "active" } } }, meta, tx);
    return updated;
  });
  // A suspended user's sessions end at once; their tokens are refused by verifyToken.
  if (suspend) await revokeUserSessions(id);
  // Open event streams of that user re-check who they are (a demoted admin stops receiving admin events).
  await publishAfterWrite({ type: "user", id });
  return toUser(row);
}
