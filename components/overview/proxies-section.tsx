import Link from "next/link";
import type { WorkspaceProxiesResponse } from "@/lib/api/proxies";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { ProxiesTable } from "./proxies-table";
import { errorText, type QueryView } from "./query-view";

const HEADING_ID = "proxies-heading";

export function ProxiesSection({ query, now }: { query: QueryView<WorkspaceProxiesResponse>; now: number }) {
  const proxies = query.data?.regions;
  const { error } = query;
  return (
    <Section headingId={HEADING_ID} title="Workspace proxies" meta={proxies && `${proxies.length} registered`}>
      {proxies ? (
        proxies.length ? (
          <ProxiesTable proxies={proxies} now={now} labelledBy={HEADING_ID} />
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
