import { Suspense } from "react";
import { AuditView } from "@/components/audit/audit-view";
import { LockedFeature } from "@/components/features/locked-feature";
import { requireRole } from "@/server/auth/page";
import { featureEnabled } from "@/server/licensing";

export const dynamic = "force-dynamic";

export default async function AuditPage() {
  await requireRole("admin");
  if (!(await featureEnabled("audit_log"))) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <LockedFeature feature="audit_log" />
      </div>
    );
  }
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}
