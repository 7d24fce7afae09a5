import { z } from "zod";
import { text } from "./strings";

export const AUDIT_ACTIONS = [
  "login",
  "login_failed",
  "logout",
  "user_created",
  "user_role_changed",
  "user_suspended",
  "user_reactivated",
  "token_created",
  "token_revoked",
  "proxy_created",
  "proxy_updated",
  "proxy_token_regenerated",
  "proxy_deleted",
  "proxy_registered",
  "proxy_deregistered",
  "license_uploaded",
  "license_deleted",
  "embed_origin_created",
  "embed_origin_deleted",
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);

export const auditEntrySchema = z.object({
  id: z.string(),
  time: z.iso.datetime({ offset: true }),
  actor: z.object({ id: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string().nullable(),
  resource_name: z.string(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  diff: z.record(z.string(), z.unknown()),
  status_code: z.number().int(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_SIZE = 50;

export const auditQuerySchema = z.strictObject({
  action: text().max(64).optional(),
  resource_type: text().max(64).optional(),
  actor: text().max(254).optional(),
  page: z.coerce.number().int().min(1, "must be 1 or more").default(1),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema), total: z.number().int(), page: z.number().int(), page_size: z.number().int() });
