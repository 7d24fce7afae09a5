import type { Metadata } from "next";
import { apiDocument } from "@/app/api/v2/documented-routes";
import { ApiReference } from "@/components/api-reference/api-reference";
import { requireRole } from "@/server/auth/page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API reference · Meridian" };

/** Drawn from the same document /api/v2/openapi.json serves, built in this process: no fetch. */
export default async function ApiReferencePage() {
  await requireRole("member");
  return <ApiReference document={apiDocument()} />;
}
