// The admin's list of live proxies with the actions on each. A plain view of its props, so the
// tests render it to HTML without a server.
import type { WorkspaceProxy } from "@/lib/api/proxies";
import { LastCheck, locationLabel, ProxyName, ProxyStatusBadge, ProxyUrl, sortForReading } from "@/components/overview/proxies-table";
import { Button } from "@/components/ui/button";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Dash } from "@/components/ui/dash";
import { TextWithCode } from "@/components/ui/inline-code";
import { LockIcon, PREMIUM_NOTE_ID } from "./premium";
import { ProxyReport } from "./proxy-report";

const COLUMNS = ["Proxy", "Status", "Reason", "URL", "Version", "Last check", "Actions"];

export interface ProxyActions {
  onEdit: (proxy: WorkspaceProxy) => void;
  onRegenerate: (proxy: WorkspaceProxy) => void;
  onDelete: (proxy: WorkspaceProxy) => void;
}

/** Said when the checker has left no reason, so every status still tells the admin what to do. */
export const STATUS_MEANING: Record<WorkspaceProxy["status"]["status"], string> = {
  ok: "Healthy: the primary reached the proxy and it reported no errors.",
  unhealthy: "The proxy answered with a problem, or its URL is not allowed.",
  unreachable: "The primary could not reach the proxy. Check that the agent is running and reachable from the primary.",
  unregistered: "No agent has registered with this proxy's token yet. Start `meridian proxy` with the token shown when it was created, or regenerate the token.",
};

export function ProxyTable({ proxies, now, labelledBy, locked, actions }: { proxies: WorkspaceProxy[]; now: number; labelledBy: string; locked: boolean; actions: ProxyActions }) {
  return (
    <DataTable labelledBy={labelledBy} columns={COLUMNS}>
      {sortForReading(proxies).map((p) => (
        <Row key={p.id} label={p.name}>
          <Cell label="Proxy" title>
            <ProxyName proxy={p}>
              {locationLabel(p.location) && <div className="text-xs text-zinc-600 dark:text-zinc-400">{locationLabel(p.location)}</div>}
            </ProxyName>
          </Cell>
          <Cell label="Status">
            <ProxyStatusBadge status={p.status.status} />
          </Cell>
          <Cell label="Reason">
            <div className="space-y-1 lg:max-w-sm">
              <p>
                <TextWithCode text={p.status.reason || STATUS_MEANING[p.status.status]} />
              </p>
              <ProxyReport report={p.status.report} />
            </div>
          </Cell>
          <Cell label="URL">
            <ProxyUrl proxy={p} />
          </Cell>
          <Cell label="Version">{p.version ? <span className="font-mono text-xs">{p.version}</span> : <Dash label="not reported" />}</Cell>
          <Cell label="Last check">
            <LastCheck proxy={p} now={now} />
          </Cell>
          <Cell label="Actions">
            <RowActions proxy={p} locked={locked} actions={actions} />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}

function RowActions({ proxy, locked, actions }: { proxy: WorkspaceProxy; locked: boolean; actions: ProxyActions }) {
  // Locked actions stay on screen, disabled, and point at the note that says why.
  const lockedProps = locked ? { disabled: true, "aria-describedby": PREMIUM_NOTE_ID } : {};
  // One line each where the table has room; below xl they may wrap rather than widen the table.
  const fit = "xl:whitespace-nowrap";
  return (
    <div className="flex flex-wrap gap-2 lg:flex-nowrap">
      <Button aria-label={`Edit ${proxy.name}`} onClick={() => actions.onEdit(proxy)} className={fit} {...lockedProps}>
        {locked && <LockIcon />}
        Edit
      </Button>
      <Button aria-label={`Regenerate token for ${proxy.name}`} onClick={() => actions.onRegenerate(proxy)} className={fit} {...lockedProps}>
        {locked && <LockIcon />}
        Regenerate token
      </Button>
      <Button aria-label={`Delete ${proxy.name}`} onClick={() => actions.onDelete(proxy)} className={fit}>
        Delete
      </Button>
    </div>
  );
}
