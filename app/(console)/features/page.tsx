import { FeaturesView } from "@/components/features/features-view";
import { requireRole } from "@/server/auth/page";

export const dynamic = "force-dynamic";

export default async function FeaturesPage() {
  await requireRole("admin");
  return <FeaturesView />;
}
