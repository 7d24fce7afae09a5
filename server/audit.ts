// The audit log: who did what to which resource, when, from where, with a diff. Callers pass
// only non-secret fields; nothing here ever sees a password, token or hash.
import "server-only";
import { AUDIT_PAGE_SIZE, auditQuerySchema, type AuditEntry, type AuditQuery } from "@/lib/api/audit";
import { prisma } from "./db";
import type { Prisma } from "./generated/prisma/client";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditRecord {
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  resourceName?: string;
  diff?: Record<string, unknown>;
  statusCode?: number;
}

export async function audit(record: AuditRecord, meta: RequestMeta, tx: Prisma.TransactionClient = prisma()): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: record.actorId,
      action: record.action,
      resourceType: record.resourceType,
      resourceId: record.resourceId ?? null,
      resourceName: record.resourceName ?? "",
      diff: (record.diff ?? {}) as Prisma.InputJsonValue,
      statusCode: record.statusCode ?? 200,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  });
}

export async function listAudit(input: AuditQuery): Promise<{ entries: AuditEntry[]; total: number; page: number; page_size: number }> {
  const query = auditQuerySchema.parse(input);
  const actors = query.actor ? await prisma().user.findMany({ where: { email: { contains: query.actor, mode: "insensitive" } }, select: { id: true } }) : undefined;
  const where: Prisma.AuditLogWhereInput = {
    action: query.action || undefined,
    resourceType: query.resource_type || undefined,
    userId: actors ? { in: actors.map((a) => a.id) } : undefined,
  };
  const [rows, total] = await Promise.all([
    prisma().auditLog.findMany({ where, orderBy: { time: "desc" }, skip: (query.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    prisma().auditLog.count({ where }),
  ]);
  const ids = [...new Set(rows.map((r) => r.userId).filter((id): id is string => id !== null))];
  const emails = new Map((await prisma().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  return {
    entries: rows.map((r) => ({
      id: r.id,
      time: r.time.toISOString(),
      actor: r.userId ? { id: r.userId, email: emails.get(r.userId) ?? "(deleted user)" } : null,
      action: r.action,
      resource_type: r.resourceType,
      resource_id: r.resourceId,
      resource_name: r.resourceName,
      ip: r.ip,
      user_agent: r.userAgent,
      diff: r.diff as Record<string, unknown>,
      status_code: r.statusCode,
    })),
    total,
    page: query.page,
    page_size: AUDIT_PAGE_SIZE,
  };
}
