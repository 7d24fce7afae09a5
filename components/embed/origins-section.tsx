// The allow-list as a table: each origin, where it comes from, when it was added, and Remove for
// the console's entries. The variable's entries are marked and say how to change them instead.
import { EMBED_ORIGINS_VARIABLE, type EmbedOrigin, type EmbedOriginsResponse } from "@/lib/api/embed";
import { formatTimestamp } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Dash } from "@/components/ui/dash";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";

const HEADING_ID = "embed-origins-heading";

/** The part of a query result this section draws from; a UseQueryResult fits, and so does a test's literal. */
export interface OriginsQuery {
  data: EmbedOriginsResponse | undefined;
  error: Error | null;
  isFetching: boolean;
  refetch: () => unknown;
}

export function OriginsSection({ query, onRemove }: { query: OriginsQuery; onRemove: (origin: EmbedOrigin) => void }) {
  const origins = query.data?.origins;
  return (
    <Section headingId={HEADING_ID} title="Allowed origins" meta={origins?.length ? `${origins.length}` : undefined}>
      {origins ? (
        origins.length ? (
          <OriginsTable origins={origins} onRemove={onRemove} />
        ) : (
          <EmptyState title="No origin may embed the picker yet">
            Only Meridian itself can frame its pages now. Add the origin of the portal that should show the region picker above, or list it in{" "}
            <code className="font-mono text-[0.9em]">{EMBED_ORIGINS_VARIABLE}</code>.
          </EmptyState>
        )
      ) : query.error ? (
        <ErrorState title="Could not load the allowed origins" message={query.error.message} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <TableSkeleton label="Loading allowed origins" />
      )}
    </Section>
  );
}

function OriginsTable({ origins, onRemove }: { origins: EmbedOrigin[]; onRemove: (origin: EmbedOrigin) => void }) {
  return (
    <DataTable labelledBy={HEADING_ID} columns={["Origin", "Source", "Added", ""]}>
      {origins.map((o) => (
        <Row key={o.id} label={o.origin}>
          <Cell label="Origin" title>
            <code className="font-mono text-sm font-medium break-all text-zinc-900 dark:text-zinc-100">{o.origin}</code>
          </Cell>
          <Cell label="Source">
            {o.source === "environment" ? (
              <>
                <Badge tone="neutral">Environment</Badge>
                <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                  from <code className="font-mono break-all">{EMBED_ORIGINS_VARIABLE}</code>
                </p>
              </>
            ) : (
              <Badge tone="info">Console</Badge>
            )}
          </Cell>
          <Cell label="Added">
            {o.created_at ? (
              <time dateTime={o.created_at} title={formatTimestamp(o.created_at)}>
                {o.created_at.slice(0, 10)}
              </time>
            ) : (
              <Dash label="set at start-up" />
            )}
          </Cell>
          <Cell label="Actions">
            {o.source === "console" ? (
              <Button aria-label={`Remove ${o.origin}`} onClick={() => onRemove(o)}>
                Remove
              </Button>
            ) : (
              <span className="text-xs text-zinc-600 dark:text-zinc-400">Change the variable and restart to remove it.</span>
            )}
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
