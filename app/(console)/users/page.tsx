import { UsersView } from "@/components/users/users-view";
import { requireRole } from "@/server/auth/page";

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const { user } = await requireRole("admin");
  return <UsersView me={{ id: user.id, role: user.role }} />;
}
