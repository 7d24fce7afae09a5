// The embed allow-list: the origins that may frame /embed/region-picker. Two sources: the
// MERIDIAN_EMBED_ALLOWED_ORIGINS variable (read-only here: change it and restart) and rows admins
// add in the console (`embed_origins`). proxy.ts puts their union in the embed page's
// `frame-ancestors`, through a short in-process cache that every change made here drops at once.
import "server-only";
import { addEmbedOriginRequestSchema, EMBED_ORIGINS_VARIABLE, type AddEmbedOriginRequest, type EmbedOrigin } from "@/lib/api/embed";
import { audit, type RequestMeta } from "../audit";
import type { UserIdentity } from "../auth/identity";
import { prisma } from "../db";
import { config } from "../env";
import { Prisma } from "../generated/prisma/client";
import { Conflict, fromZod, NotFound } from "../http/errors";
import { logger } from "../log";
import { publishAfterWrite } from "../events/publish";
import { processCache } from "../process-cache";

const RESOURCE = "embed_origin";
const ENV_ID_PREFIX = "env:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A change made on any replica is published as a `settings` event and drops this cache at once;
// while this replica's event connection is down, a change elsewhere is seen within CACHE_MS.
const CACHE_MS = 5_000;
/** How long the embed page's proxy waits for the database before it falls back to the variable's origins. */
const FRAME_ANCESTORS_TIMEOUT_MS = 2_000;
// On globalThis, like the database pool: the launcher, the Next server bundle and the proxy.ts
// bundle are separate module graphs in one process, and an add through one must reach them all.
const holder = globalThis as typeof globalThis & { __meridianFrameAncestorsWarnedAt?: number };

function environmentOrigins(): string[] {
  return [...new Set(config().MERIDIAN_EMBED_ALLOWED_ORIGINS)];
}

/** Forget the cached allow-list (after a change, or in tests that write rows directly). */
export function invalidateFrameAncestors(): void {
  cache.invalidate();
}

const cache = processCache(
  "frame-ancestors",
  CACHE_MS,
  async () => {
    const rows = await prisma().embedOrigin.findMany({ select: { origin: true }, orderBy: { origin: "asc" } });
    return [...new Set([...environmentOrigins(), ...rows.map((r) => r.origin)])];
  },
  ["settings"],
);

/** Tells every replica (and this process's other module graphs) that the allow-list changed. */
const ORIGINS_CHANGED = { type: "settings", id: "embed_origins" } as const;

/** Every origin allowed to frame the embed pages: the variable's, then the console's. Rejects when the database does. */
export function allowedFrameAncestors(): Promise<string[]> {
  return cache.get();
}

/**
 * The allow-list for the embed page's header, failing closed: when the database errs or does not
 * answer within the timeout, only the variable's origins (configured by the operator, not read
 * from the database) may frame the page, never more. Logged at most once per cache period.
 */
export async function embedFrameAncestors(timeoutMs = FRAME_ANCESTORS_TIMEOUT_MS): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([allowedFrameAncestors(), timeout]);
  } catch (err) {
    const warnedAt = holder.__meridianFrameAncestorsWarnedAt ?? 0;
    if (Date.now() - warnedAt > CACHE_MS) {
      holder.__meridianFrameAncestorsWarnedAt = Date.now();
      const reason = (err as Error).message.trim().split("\n").at(-1);
      logger().warn(`reading the embed allow-list failed (${reason}); only ${EMBED_ORIGINS_VARIABLE} may frame /embed/ pages until it answers`);
    }
    return environmentOrigins();
  } finally {
    clearTimeout(timer);
  }
}

/** The variable's entries first (in its order), then the console's by origin. */
export async function listEmbedOrigins(): Promise<EmbedOrigin[]> {
  const rows = await prisma().embedOrigin.findMany({ orderBy: { origin: "asc" } });
  return [
    ...environmentOrigins().map((origin): EmbedOrigin => ({ id: `${ENV_ID_PREFIX}${origin}`, origin, source: "environment", created_at: null })),
    ...rows.map(present),
  ];
}

export async function addEmbedOrigin(actor: UserIdentity, input: AddEmbedOriginRequest, meta: RequestMeta): Promise<EmbedOrigin> {
  const parsed = addEmbedOriginRequestSchema.safeParse(input);
  if (!parsed.success) throw fromZod("body", parsed.error);
  const { origin } = parsed.data;
  if (environmentOrigins().includes(origin)) {
    throw new Conflict(`${origin} is already allowed by ${EMBED_ORIGINS_VARIABLE}.`, [{ field: "origin", detail: `is already allowed by ${EMBED_ORIGINS_VARIABLE}` }]);
  }
  try {
    const row = await prisma().$transaction(async (tx) => {
      const created = await tx.embedOrigin.create({ data: { origin, createdBy: actor.user.id } });
      await audit({ actorId: actor.user.id, action: "embed_origin_created", resourceType: RESOURCE, resourceId: created.id, resourceName: origin, diff: { origin }, statusCode: 201 }, meta, tx);
      return created;
    });
    await publishAfterWrite(ORIGINS_CHANGED);
    return present(row);
  } catch (err) {
    // The unique index decides between concurrent adds of one origin: the losers get this 409.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new Conflict(`${origin} is already on the allow-list.`, [{ field: "origin", detail: "is already on the allow-list" }]);
    }
    throw err;
  } finally {
    invalidateFrameAncestors();
  }
}

export async function removeEmbedOrigin(actor: UserIdentity, id: string, meta: RequestMeta): Promise<void> {
  if (id.startsWith(ENV_ID_PREFIX)) {
    const origin = id.slice(ENV_ID_PREFIX.length);
    if (!environmentOrigins().includes(origin)) throw new NotFound("Embed origin");
    throw new Conflict(`${origin} comes from ${EMBED_ORIGINS_VARIABLE} and cannot be removed here: remove it from that variable and restart Meridian (on every replica).`);
  }
  if (!UUID.test(id)) throw new NotFound("Embed origin");
  try {
    await prisma().$transaction(async (tx) => {
      const row = await tx.embedOrigin.findUnique({ where: { id }, select: { origin: true } });
      if (!row) throw new NotFound("Embed origin");
      // deleteMany: a concurrent remove of the same row finds nothing to delete and answers 404.
      const { count } = await tx.embedOrigin.deleteMany({ where: { id } });
      if (count === 0) throw new NotFound("Embed origin");
      await audit({ actorId: actor.user.id, action: "embed_origin_deleted", resourceType: RESOURCE, resourceId: id, resourceName: row.origin, diff: { origin: row.origin } }, meta, tx);
    });
    await publishAfterWrite(ORIGINS_CHANGED);
  } finally {
    invalidateFrameAncestors();
  }
}

function present(row: { id: string; origin: string; createdAt: Date }): EmbedOrigin {
  return { id: row.id, origin: row.origin, source: "console", created_at: row.createdAt.toISOString() };
}
