// Workspace proxy writes: what admins do (create, edit, regenerate the token, delete) and what a
// proxy's agent does with its own token (register, deregister). Every change is audited, and the
// health checker is asked to look at the proxy at once, wherever its leader runs.
import "server-only";
import {
  createProxyRequestSchema,
  PROXY_REGISTER_INTERVAL_MS,
  registerProxyRequestSchema,
  updateProxyRequestSchema,
  type CreateProxyRequest,
  type CreateProxyResponse,
  type DeregisterProxyRequest,
  type ProxyLocationInput,
  type RegisterProxyResponse,
  type UpdateProxyRequest,
  type UpdateProxyResponse,
} from "@/lib/api/proxies";
import type { z } from "zod";
import { LOCATIONS } from "@/lib/locations";
import { audit, type RequestMeta } from "../audit";
import type { ProxyIdentity, UserIdentity } from "../auth/identity";
import { prisma } from "../db";
import { config } from "../env";
import { Prisma } from "../generated/prisma/client";
import { requestProxyCheck } from "../health/proxy-checker";
import { Conflict, Invalid, NotFound } from "../http/errors";
import { logger } from "../log";
import { describeRefusal, destinationAllowed, literalAddress, policyFromConfig } from "../net/destination-policy";
import { VERSION } from "../version";
import { publishAfterWrite } from "../events/publish";
import { toWorkspaceProxy } from "./proxies";
import { newProxySecret } from "./proxy-tokens";

const RESOURCE = "workspace_proxy";
const PUBLIC_COLUMNS = { omit: { tokenHashedSecret: true } } as const;

function locationColumns(location: ProxyLocationInput | null) {
  if (location === null) return { locationCode: null, latitude: null, longitude: null };
  if ("code" in location) return { locationCode: location.code, latitude: LOCATIONS[location.code].latitude, longitude: LOCATIONS[location.code].longitude };
  return { locationCode: null, latitude: location.latitude, longitude: location.longitude };
}

/**
 * Runs a write that may give a proxy `name`. The partial unique index on live names decides, so two
 * concurrent creates or renames to one name cannot both win: the loser gets a 409 on the field.
 */
async function withUniqueName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const duplicate = err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
    if (duplicate && name !== undefined) throw new Conflict(`A workspace proxy named "${name}" already exists.`, [{ field: "name", detail: "is already used by another proxy" }]);
    throw err;
  }
}

/** After a write: every replica (this one first) drops its cached lists, and the checker looks at once. */
async function afterWrite(proxyId: string) {
  await publishAfterWrite({ type: "proxy", id: proxyId });
  await requestProxyCheck(proxyId).catch((err) => logger().error(`asking for a health check of ${proxyId} failed: ${(err as Error).message}`));
}

export async function createProxy(actor: UserIdentity | null, input: CreateProxyRequest, meta: RequestMeta): Promise<CreateProxyResponse> {
  const { name, display_name, icon, location } = createProxyRequestSchema.parse(input);
  const secret = newProxySecret();
  const row = await withUniqueName(name, () => prisma().$transaction(async (tx) => {
    const created = await tx.workspaceProxy.create({
      data: { name, displayName: display_name ?? name, icon, tokenHashedSecret: secret.hashed, statusReason: "", ...locationColumns(location) },
      ...PUBLIC_COLUMNS,
    });
    await audit(
      { actorId: actor?.user.id ?? null, action: "proxy_created", resourceType: RESOURCE, resourceId: created.id, resourceName: name, diff: { display_name: created.displayName, icon, location }, statusCode: 201 },
      meta,
      tx,
    );
    return created;
  }));
  await afterWrite(row.id);
  return { proxy: toWorkspaceProxy(row), proxy_token: secret.token(row.id) };
}

/** The plain columns an edit may change, by their API field names (location is diffed on its own). */
const EDITABLE = [
  ["name", "name"],
  ["display_name", "displayName"],
  ["icon", "icon"],
] as const;

export async function updateProxy(actor: UserIdentity, id: string, input: UpdateProxyRequest, meta: RequestMeta): Promise<UpdateProxyResponse> {
  const change = updateProxyRequestSchema.parse(input);
  const secret = change.regenerate_token ? newProxySecret() : null;
  const row = await withUniqueName(change.name, () => prisma().$transaction(async (tx) => {
    const before = await tx.workspaceProxy.findFirst({ where: { id, deletedAt: null }, ...PUBLIC_COLUMNS });
    if (!before) throw new NotFound("Workspace proxy");
    const after = await tx.workspaceProxy.update({
      where: { id },
      data: {
        name: change.name,
        displayName: change.display_name,
        icon: change.icon,
        ...(change.location === undefined ? {} : locationColumns(change.location)),
        ...(secret ? { tokenHashedSecret: secret.hashed } : {}),
      },
      ...PUBLIC_COLUMNS,
    });
    const diff: Record<string, unknown> = {};
    for (const [field, column] of EDITABLE) if (before[column] !== after[column]) diff[field] = { from: before[column], to: after[column] };
    if (change.location !== undefined) diff.location = { from: locationOf(before), to: locationOf(after) };
    if (Object.keys(diff).length > 0) await audit({ actorId: actor.user.id, action: "proxy_updated", resourceType: RESOURCE, resourceId: id, resourceName: after.name, diff }, meta, tx);
    if (secret) await audit({ actorId: actor.user.id, action: "proxy_token_regenerated", resourceType: RESOURCE, resourceId: id, resourceName: after.name }, meta, tx);
    return after;
  }));
  await afterWrite(id);
  return { proxy: toWorkspaceProxy(row), ...(secret ? { proxy_token: secret.token(id) } : {}) };
}

function locationOf(row: { locationCode: string | null; latitude: number | null; longitude: number | null }) {
  return row.latitude === null ? null : { code: row.locationCode, latitude: row.latitude, longitude: row.longitude };
}

/** Soft delete: the row stays for history, the name is free again and the token stops working. */
export async function deleteProxy(actor: UserIdentity, id: string, meta: RequestMeta): Promise<void> {
  await prisma().$transaction(async (tx) => {
    const { count } = await tx.workspaceProxy.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date() } });
    if (count === 0) throw new NotFound("Workspace proxy");
    const row = await tx.workspaceProxy.findUniqueOrThrow({ where: { id }, select: { name: true } });
    await audit({ actorId: actor.user.id, action: "proxy_deleted", resourceType: RESOURCE, resourceId: id, resourceName: row.name }, meta, tx);
  });
  await afterWrite(id);
}

/**
 * An access URL written as an IP address the health checker may not call is refused at once. A host
 * name is not resolved here: the checker resolves it, and checks every address, before each call.
 */
function checkAccessUrlAddress(accessUrl: string) {
  const address = literalAddress(new URL(accessUrl));
  const refusal = address && destinationAllowed(address, policyFromConfig(config()));
  if (refusal) {
    const detail = `points to ${describeRefusal(refusal)}, which this deployment does not allow (MERIDIAN_PROXY_ALLOWED_NETWORKS)`;
    throw new Invalid("Invalid body.", [{ field: "access_url", detail }]);
  }
}

/**
 * The agent announces where users reach it. Re-registering every 30 s with nothing new is only a
 * keep-alive: it is audited, and triggers a check, only when the address or agent changed.
 */
export async function registerProxy(caller: ProxyIdentity, input: z.output<typeof registerProxyRequestSchema>, meta: RequestMeta): Promise<RegisterProxyResponse> {
  const { id } = caller.proxy;
  checkAccessUrlAddress(input.access_url);
  const changed = await prisma().$transaction(async (tx) => {
    // Row lock: a deregistration or delete racing this registration is applied in order.
    const [before] = await tx.$queryRaw<{ url: string; replica_id: string | null; version: string; wildcard_hostname: string; deleted_at: Date | null }[]>`
      SELECT url, replica_id, version, wildcard_hostname, deleted_at FROM workspace_proxies WHERE id = ${id}::uuid FOR UPDATE`;
    if (!before || before.deleted_at) throw new NotFound("Workspace proxy");
    const fresh = { url: input.access_url, replicaId: input.replica_id, version: input.version, wildcardHostname: input.wildcard_hostname };
    const moved = before.url !== fresh.url || before.replica_id !== fresh.replicaId || before.version !== fresh.version || before.wildcard_hostname !== fresh.wildcardHostname;
    await tx.workspaceProxy.update({ where: { id }, data: { ...fresh, derpEnabled: input.derp_enabled, derpOnly: input.derp_only } });
    if (moved) {
      await audit(
        { actorId: null, action: "proxy_registered", resourceType: RESOURCE, resourceId: id, resourceName: caller.proxy.name, diff: { url: fresh.url, version: fresh.version, replica_id: fresh.replicaId, hostname: input.hostname } },
        meta,
        tx,
      );
    }
    return moved;
  });
  if (changed) await afterWrite(id);
  return { proxy_id: id, proxy_name: caller.proxy.name, primary_version: VERSION, register_interval_ms: PROXY_REGISTER_INTERVAL_MS };
}

/** An agent shutting down. Only the agent that registered last may clear the address. */
export async function deregisterProxy(caller: ProxyIdentity, input: DeregisterProxyRequest, meta: RequestMeta): Promise<{ deregistered: boolean }> {
  const { id } = caller.proxy;
  const deregistered = await prisma().$transaction(async (tx) => {
    const { count } = await tx.workspaceProxy.updateMany({ where: { id, deletedAt: null, replicaId: input.replica_id }, data: { url: "", replicaId: null } });
    if (count > 0) await audit({ actorId: null, action: "proxy_deregistered", resourceType: RESOURCE, resourceId: id, resourceName: caller.proxy.name, diff: { replica_id: input.replica_id } }, meta, tx);
    return count > 0;
  });
  if (deregistered) await afterWrite(id);
  return { deregistered };
}
