import Link from "next/link";
import { HealthDocs } from "@/components/health/health-docs";
import { requireRole } from "@/server/auth/page";
import { healthDocs } from "@/server/health/docs";

export const dynamic = "force-dynamic";

export default async function HealthDocsPage() {
  await requireRole("admin");
  return (
    <div className="space-y-4">
      <Link href="/health" prefetch={false} className="text-sm font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
        ← Back to the health report
      </Link>
      <HealthDocs blocks={await healthDocs()} />
    </div>
  );
}
