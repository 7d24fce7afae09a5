import type { Metadata } from "next";
import { RegionsView } from "@/components/regions/regions-view";
import { requireRole } from "@/server/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Regions · Meridian" };

/** The data (regions, the user's choice) is prefetched by the console layout, which the header picker shares. */
export default async function RegionsPage() {
  await requireRole("member");
  return <RegionsView />;
}
