import { z } from "zod";
import { storable, text } from "./strings";

const timestamp = z.iso.datetime({ offset: true });

export const ROLES = ["owner", "admin", "member"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  status: z.enum(["active", "suspended"]),
  created_at: timestamp,
});
export type User = z.infer<typeof userSchema>;

export const usersResponseSchema = z.object({ users: z.array(userSchema) });
export const userResponseSchema = z.object({ user: userSchema });

const email = storable(z.email("must be an email address")).max(254).transform((e) => e.toLowerCase());
const password = text().min(10, "must be at least 10 characters").max(256, "must be at most 256 characters");
const name = text().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const loginRequestSchema = z.strictObject({ email, password: text().min(1, "must not be empty").max(256) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** First-run setup: creates the owner. */
export const firstUserRequestSchema = z.strictObject({ email, name, password });
export type FirstUserRequest = z.infer<typeof firstUserRequestSchema>;

export const createUserRequestSchema = z.strictObject({ email, name, password, role: roleSchema.exclude(["owner"]).default("member") });
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .strictObject({ role: roleSchema.exclude(["owner"]).optional(), status: z.enum(["active", "suspended"]).optional() })
  .refine((v) => v.role !== undefined || v.status !== undefined, { message: "give a role or a status to change" });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const setupStateSchema = z.object({ needs_setup: z.boolean() });
