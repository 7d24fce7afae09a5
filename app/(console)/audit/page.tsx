import { Suspense } from "react";
import { AuditView } from "@/components/audit/audit-view";
import { requireRole } from "@/server/auth/page";

export const dynamic = "force-dynamic";

export default async function AuditPage() {
  await requireRole("admin");
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}
