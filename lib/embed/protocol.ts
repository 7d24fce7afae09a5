// The embedded picker's postMessage protocol, version 1. The iframe posts to its parent only at
// the parent's allow-listed origin (never "*"), and accepts messages only from that origin and
// that window. Anything else is ignored, as is any message it does not recognise.
import { z } from "zod";
import { canonicalOrigin } from "@/lib/origin";

export const EMBED_PROTOCOL_VERSION = 1;

export type EmbedOutbound =
  | { type: "meridian:ready"; version: 1 }
  | { type: "meridian:region-selected"; version: 1; region: string; latency_ms: number | null; automatic: boolean };

const accent = z.string().regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, "must be a hex colour like #0ea5e9");
export const embedThemeSchema = z.enum(["light", "dark", "auto"]);
export type EmbedTheme = z.infer<typeof embedThemeSchema>;

const inbound = z.discriminatedUnion("type", [
  z.object({ type: z.literal("meridian:set-theme"), version: z.literal(1), theme: embedThemeSchema.optional(), accent: accent.optional() }),
  z.object({ type: z.literal("meridian:set-token"), version: z.literal(1), token: z.string().min(1).max(8192) }),
]);
export type EmbedInbound = z.infer<typeof inbound>;

/** A message from the parent, or null when it is not one of ours (other scripts post messages too). */
export function parseInbound(data: unknown): EmbedInbound | null {
  const parsed = inbound.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Theme from the iframe's query string (`?theme=dark&accent=%230ea5e9`); invalid values are dropped. */
export function themeFromQuery(params: URLSearchParams): { theme: EmbedTheme; accent: string | null } {
  const theme = embedThemeSchema.safeParse(params.get("theme"));
  const colour = accent.safeParse(params.get("accent"));
  return { theme: theme.success ? theme.data : "auto", accent: colour.success ? colour.data : null };
}

/**
 * The origin of the page that frames us, if it is allowed: Chromium and Safari report it in
 * `location.ancestorOrigins`; elsewhere the referrer's origin is the best evidence. The
 * Content-Security-Policy has already refused to render in a frame on any other origin; this
 * decides where our messages may go.
 */
export function allowedParentOrigin(ancestorOrigin: string | undefined, referrer: string, allowed: readonly string[], self: string): string | null {
  const candidate = ancestorOrigin ?? originOf(referrer);
  if (!candidate) return null;
  return candidate === self || allowed.includes(candidate) ? candidate : null;
}

function originOf(url: string): string | null {
  try {
    return canonicalOrigin(new URL(url).origin);
  } catch {
    return null;
  }
}

/** Reads `#token=…` from a URL fragment (the portal's way to hand over an embed token without sending it to any server). */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token && token.length <= 8192 ? token : null;
}
