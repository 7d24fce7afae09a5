"use client";
import Link from "next/link";
import { useState } from "react";
import type { ProxyStatus, WorkspaceProxiesResponse, WorkspaceProxy } from "@/lib/api/proxies";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { ProxiesTable } from "./proxies-table";
import { errorText, type QueryView } from "./query-view";

const HEADING_ID = "proxies-heading";

/**
 * Past this many proxies the overview lists the ones that need attention first and stops there
 * until asked for all: thousands of rows would make the page megabytes long and slow to open.
 */
export const OVERVIEW_PROXY_ROWS = 50;
const ATTENTION: Record<ProxyStatus, number> = { unreachable: 0, unhealthy: 1, unregistered: 2, ok: 3 };

/** The first `limit` proxies by how much they need attention (name order within a status). */
export function firstToAttend(proxies: WorkspaceProxy[], limit: number): WorkspaceProxy[] {
  return [...proxies].sort((a, b) => ATTENTION[a.status.status] - ATTENTION[b.status.status] || a.name.localeCompare(b.name)).slice(0, limit);
}

export function ProxiesSection({ query, now }: { query: QueryView<WorkspaceProxiesResponse>; now: number }) {
  const proxies = query.data?.regions;
  const { error } = query;
  const [showAll, setShowAll] = useState(false);
  const cut = proxies && !showAll && proxies.length > OVERVIEW_PROXY_ROWS;
  return (
    <Section headingId={HEADING_ID} title="Workspace proxies" meta={proxies && `${proxies.length} registered`}>
      {proxies ? (
        proxies.length ? (
          <>
            <ProxiesTable proxies={cut ? firstToAttend(proxies, OVERVIEW_PROXY_ROWS) : proxies} now={now} labelledBy={HEADING_ID} />
            {cut && (
              <div className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
                <p>
                  Showing the {OVERVIEW_PROXY_ROWS} that most need attention of {proxies.length.toLocaleString("en-US")} proxies.
                </p>
                <Button onClick={() => setShowAll(true)}>Show all {proxies.length.toLocaleString("en-US")}</Button>
              </div>
            )}
          </>
        ) : (
          <EmptyState title="No workspace proxies yet">
            A proxy relays users&apos; traffic to their workspaces from another region. Create one on the{" "}
            <Link href="/proxies" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              Proxies
            </Link>{" "}
            page, then run the <code className="font-mono text-[0.9em]">meridian proxy --primary-url …</code> command it shows, in the proxy&apos;s region.
          </EmptyState>
        )
      ) : error ? (
        <ErrorState title="Couldn't load workspace proxies" {...errorText(error)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <TableSkeleton label="Loading workspace proxies" />
      )}
    </Section>
  );
}
