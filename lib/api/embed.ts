// The embed allow-list: origins that may frame /embed/region-picker. Each becomes a source in the
// page's `Content-Security-Policy: frame-ancestors`, so an entry must be exactly one origin that
// CSP can express — nothing that could end the source list or start another directive.
import { z } from "zod";
import { canonicalOrigin } from "@/lib/origin";
import { text } from "./strings";

const timestamp = z.iso.datetime({ offset: true });

export const MAX_ORIGIN_LENGTH = 2048;

/** The variable whose origins are listed as `environment` entries (changed there, not in the console). */
export const EMBED_ORIGINS_VARIABLE = "MERIDIAN_EMBED_ALLOWED_ORIGINS";

export const embedOriginSchema = z.object({
  /** A uuid for console entries; `env:<origin>` for entries from the environment. */
  id: z.string(),
  origin: z.string(),
  source: z.enum(["console", "environment"]),
  /** When it was added in the console; `null` for environment entries. */
  created_at: timestamp.nullable(),
});
export type EmbedOrigin = z.infer<typeof embedOriginSchema>;

export const embedOriginsResponseSchema = z.object({ origins: z.array(embedOriginSchema) });
export type EmbedOriginsResponse = z.infer<typeof embedOriginsResponseSchema>;

// CSP's host-source: letters, digits and hyphens in dot-separated labels (IDNs arrive as punycode).
const CSP_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/;

/** What is wrong with `value` as an allow-list entry (phrased to follow the word "Origin"), or null. */
export function originProblem(value: string): string | null {
  if (/[\s;,'"]/.test(value)) return "must be a single origin, without spaces, commas, semicolons or quotes";
  if (value.includes("*")) return "must be one exact origin: wildcards (*) are not allowed";
  if (value.toLowerCase() === "null") return "cannot be null: sandboxed frames and file:// pages have no origin to allow";
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return "must start with https:// or http://, like https://portal.example.com";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a valid URL: give scheme://host[:port], like https://portal.example.com";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `must use https:// or http:// (not ${url.protocol}//)`;
  if (url.username || url.password || /^[^/]*:\/\/[^/]*@/.test(value)) return "must not contain a user name or password";
  if (/[?#]/.test(value)) return "must not contain a query string or fragment";
  if (url.pathname !== "/" && url.pathname !== "") return `must be just scheme://host[:port], without a path (try ${url.origin})`;
  if (url.hostname.startsWith("[")) return "cannot be an IPv6 address: frame-ancestors only matches host names and IPv4 addresses";
  if (!CSP_HOST.test(url.hostname)) return "must have a host name of letters, digits, hyphens and dots only";
  if (canonicalOrigin(value) === null) return "must be scheme://host[:port], like https://portal.example.com";
  return null;
}

/** True when `value` is already an allow-list entry in canonical form (what the CSP builder accepts). */
export function isCanonicalEmbedOrigin(value: string): boolean {
  return originProblem(value) === null && canonicalOrigin(value) === value;
}

export const addEmbedOriginRequestSchema = z.strictObject({
  origin: text({ error: "must be an origin like https://portal.example.com" })
    .max(MAX_ORIGIN_LENGTH, `must be at most ${MAX_ORIGIN_LENGTH} characters`)
    .trim()
    .min(1, "must not be empty")
    .transform((value, ctx) => {
      const problem = originProblem(value);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      // Stored as browsers report it in `Origin`: lower-case, default port dropped, no trailing slash.
      return canonicalOrigin(value)!;
    }),
});
export type AddEmbedOriginRequest = z.input<typeof addEmbedOriginRequestSchema>;

export const addEmbedOriginResponseSchema = z.object({ origin: embedOriginSchema });
