"use client";
// The overview's public part, for members: the regions they can work through.
import { useQuery } from "@tanstack/react-query";
import { regionsQuery } from "@/lib/query/proxies";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { ProxyIcon } from "./proxy-icon";

export function RegionsView() {
  const regions = useQuery(regionsQuery());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">The regions you can work through and whether each is healthy.</p>
      </div>
      <Section headingId="regions-heading" title="Regions" meta={regions.data ? `${regions.data.regions.length} available` : undefined}>
        {regions.isPending ? (
          <TableSkeleton label="Loading regions" />
        ) : regions.isError ? (
          <ErrorState title="Could not load regions" message={regions.error.message} onRetry={() => regions.refetch()} retrying={regions.isFetching} />
        ) : (
          <DataTable labelledBy="regions-heading" columns={["Region", "Status"]}>
            {regions.data.regions.map((r) => (
              <Row key={r.id} label={r.name}>
                <Cell label="Region" title>
                  <div className="flex items-center gap-3">
                    <ProxyIcon icon={r.icon_url} />
                    <span className="font-medium">{r.display_name || r.name}</span>
                  </div>
                </Cell>
                <Cell label="Status">
                  <Badge tone={r.healthy ? "good" : "neutral"} dot>
                    {r.healthy ? "healthy" : "unavailable"}
                  </Badge>
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </Section>
    </div>
  );
}
