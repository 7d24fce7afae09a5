import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { headers } from "next/headers";
import { EntitlementWarnings } from "@/components/features/entitlement-warnings";
import { HealthBanner } from "@/components/health/health-banner";
import { LiveUpdates } from "@/components/layout/live-updates";
import { TopBar } from "@/components/layout/top-bar";
import { RegionChoiceProvider } from "@/components/regions/region-choice";
import { RegionNotices } from "@/components/regions/region-notices";
import { makeQueryClient } from "@/lib/query/client";
import { earlyWarmupRegions, earlyWarmupScript } from "@/lib/latency/early-warmup";
import { regionsQuery, userRegionQuery } from "@/lib/query/regions";
import { roleAtLeast } from "@/server/auth/access";
import { requireRole } from "@/server/auth/page";
import { config } from "@/server/env";
import { prefetchShortList } from "@/server/http/page-prefetch";
import { listRegions } from "@/server/topology/proxies";
import { getUserRegion } from "@/server/topology/user-region";

// Every console page needs a signed-in user; admin pages check their role again themselves.
// Admins also see the license warnings (expiring, in grace, more replicas/proxies than licensed).
// The header's region picker is on every page, so the user's choice and (unless there are very many)
// the regions are read here (straight from the services) and the browser starts measuring as soon as it hydrates. Every
// page keeps its data fresh through the one event stream (LiveUpdates).
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireRole("member");
  const queryClient = makeQueryClient();
  const regions = () => listRegions(config().accessUrl); // kept in memory until a region changes
  // No retry: the page would wait. A failed prefetch is fetched again by the browser, which shows its error.
  const [warmed] = await Promise.all([
    regions().then(earlyWarmupRegions, () => []),
    prefetchShortList(queryClient, regionsQuery().queryKey, async () => ({ regions: await regions() }), (r) => r.regions.length, "regions"),
    queryClient.prefetchQuery({ ...userRegionQuery(), retry: false, queryFn: () => getUserRegion(user.id, config().accessUrl) }),
  ]);
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      {/* Runs while the page parses: the region picker's warm-up requests need not wait for hydration. */}
      {warmed.length > 0 && <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: earlyWarmupScript(warmed) }} />}
      <LiveUpdates since={requestHeaders.get("x-meridian-events-since") ?? undefined}>
        <RegionChoiceProvider>
          <TopBar user={user} />
          <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
            {roleAtLeast(user.role, "admin") && <EntitlementWarnings />}
            {roleAtLeast(user.role, "admin") && <HealthBanner />}
            <RegionNotices />
            {children}
          </main>
        </RegionChoiceProvider>
      </LiveUpdates>
    </HydrationBoundary>
  );
}
