import { LicensesView } from "@/components/licenses/licenses-view";
import { requireRole } from "@/server/auth/page";

export const dynamic = "force-dynamic";

export default async function LicensesPage() {
  await requireRole("admin");
  return <LicensesView />;
}
