import { EntitlementWarnings } from "@/components/features/entitlement-warnings";
import { TopBar } from "@/components/layout/top-bar";
import { roleAtLeast } from "@/server/auth/access";
import { requireRole } from "@/server/auth/page";

// Every console page needs a signed-in user; admin pages check their role again themselves.
// Admins also see the license warnings (expiring, in grace, more replicas/proxies than licensed).
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireRole("member");
  return (
    <>
      <TopBar user={user} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        {roleAtLeast(user.role, "admin") && <EntitlementWarnings />}
        {children}
      </main>
    </>
  );
}
