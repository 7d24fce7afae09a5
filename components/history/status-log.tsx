// A proxy's status changes in the period, newest first, each with the reason the checker gave.
import { MAX_STATUS_CHANGES, type StatusChange } from "@/lib/api/history";
import { formatTimestamp } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Dash } from "@/components/ui/dash";
import { TextWithCode } from "@/components/ui/inline-code";
import { RelativeTime } from "@/components/ui/relative-time";
import { PROXY_TONE } from "@/components/overview/status";

const COLUMNS = ["When", "Change", "Reason"];

export function StatusLog({ changes, now, labelledBy }: { changes: StatusChange[]; now: number; labelledBy: string }) {
  return (
    <>
      <DataTable labelledBy={labelledBy} columns={COLUMNS}>
        {changes.map((c, i) => (
          <Row key={`${c.at}-${i}`} label={`${c.from ?? "new"} to ${c.to}`}>
            <Cell label="When" title>
              <div className="font-medium text-zinc-900 dark:text-zinc-50">
                <RelativeTime iso={c.at} now={now} />
              </div>
              <div className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">{formatTimestamp(c.at)}</div>
            </Cell>
            <Cell label="Change">
              <span className="inline-flex flex-wrap items-center gap-1.5">
                {c.from ? (
                  <Badge tone={PROXY_TONE[c.from]} dot>
                    {c.from}
                  </Badge>
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">new</span>
                )}
                <span aria-hidden="true">→</span>
                <span className="sr-only">to</span>
                <Badge tone={PROXY_TONE[c.to]} dot>
                  {c.to}
                </Badge>
              </span>
            </Cell>
            <Cell label="Reason">{c.reason ? <TextWithCode text={c.reason} /> : <Dash />}</Cell>
          </Row>
        ))}
      </DataTable>
      {changes.length >= MAX_STATUS_CHANGES && <p className="text-xs text-zinc-600 dark:text-zinc-400">Only the newest {MAX_STATUS_CHANGES} changes in this period are listed.</p>}
    </>
  );
}
