import { z } from "zod";
import { text } from "./strings";

const timestamp = z.iso.datetime({ offset: true });

export const MAX_TOKEN_LIFETIME_DAYS = 365;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  created_at: timestamp,
  expires_at: timestamp,
  last_used_at: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokensResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const createTokenRequestSchema = z.strictObject({
  name: text().trim().regex(/^[a-zA-Z0-9][a-zA-Z0-9 _.-]{0,63}$/, "must be 1-64 letters, digits, spaces, dots, dashes or underscores"),
  lifetime_days: z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_TOKEN_LIFETIME_DAYS, `must be at most ${MAX_TOKEN_LIFETIME_DAYS}`).default(30),
});
export type CreateTokenRequest = z.input<typeof createTokenRequestSchema>;

/** The secret is in this response only: it is stored hashed and never shown again. */
export const createTokenResponseSchema = z.object({ token: apiTokenSchema, key: z.string() });
