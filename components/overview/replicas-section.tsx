import type { Replica } from "@/lib/api/replicas";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { errorText, type QueryView } from "./query-view";
import { ReplicasTable } from "./replicas-table";

const HEADING_ID = "replicas-heading";

export function ReplicasSection({ query, now }: { query: QueryView<Replica[]>; now: number }) {
  const { data, error } = query;
  return (
    <Section headingId={HEADING_ID} title="Replicas" meta={data && `${data.length} seen in the last 24 h`}>
      {data ? (
        data.length ? (
          <ReplicasTable replicas={data} now={now} labelledBy={HEADING_ID} />
        ) : (
          <EmptyState title="No replicas reported">Each running Meridian server records itself here within one heartbeat (5 s) of starting.</EmptyState>
        )
      ) : error ? (
        <ErrorState title="Couldn't load replicas" {...errorText(error)} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <TableSkeleton label="Loading replicas" />
      )}
    </Section>
  );
}
