import type { Metadata } from "next";
import { EmbeddedPicker } from "@/components/regions/embedded-picker";
import { themeFromQuery } from "@/lib/embed/protocol";
import { embedFrameAncestors } from "@/server/embed/origins";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Choose your region · Meridian", robots: { index: false } };

// Framed by allow-listed portals only: proxy.ts puts them in this page's frame-ancestors. It
// renders no data on the server: the browser signs in with an embed token (or the session cookie).
export default async function EmbeddedRegionPickerPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  return <EmbeddedPicker allowedOrigins={await embedFrameAncestors()} initialTheme={themeFromQuery(query)} />;
}
