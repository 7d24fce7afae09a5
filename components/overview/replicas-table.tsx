import Link from "next/link";
import type { PeerLatency, Replica } from "@/lib/api/replicas";
import { formatDuration, formatLatencyMs, formatLatencyUs, formatTimestamp } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Dash } from "@/components/ui/dash";
import { RelativeTime } from "@/components/ui/relative-time";
import { UrlText } from "@/components/ui/url-text";
import { REPLICA_TONE } from "./status";

const COLUMNS = ["Replica", "Status", "Region", "Version", "Uptime", "DB latency", "Peers", "Error"];

export function ReplicasTable({ replicas, now, labelledBy }: { replicas: Replica[]; now: number; labelledBy: string }) {
  const peerName = peerNamer(replicas);
  return (
    <DataTable labelledBy={labelledBy} columns={COLUMNS}>
      {replicas.map((r) => (
        <Row key={r.id} label={r.hostname}>
          <Cell label="Replica" title>
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Link href={`/replicas/${r.id}`} className="font-medium break-all text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
                {r.hostname}
              </Link>
              {r.is_self && <Badge tone="info">this replica</Badge>}
              {/* As in Coder, `primary` marks control-plane replicas (all of them, normally); say only the exception. */}
              {!r.primary && <Badge tone="neutral">proxy replica</Badge>}
            </div>
            <div className="mt-0.5 font-mono text-xs text-zinc-600 dark:text-zinc-400">
              <UrlText url={r.relay_address} />{" "}
              <span className="whitespace-nowrap" title={`Replica ID ${r.id}`}>
                · {shortId(r.id)}
              </span>
            </div>
          </Cell>
          <Cell label="Status">
            <Badge tone={REPLICA_TONE[r.status]} dot>
              {r.status}
            </Badge>
            {r.status === "stale" && (
              <div className="mt-1 text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                <RelativeTime iso={r.updated_at} now={now} prefix="last seen " />
              </div>
            )}
          </Cell>
          <Cell label="Region">{r.region}</Cell>
          <Cell label="Version">
            <span className="font-mono text-xs">{r.version}</span>
          </Cell>
          <Cell label="Uptime">
            {r.stopped_at ? (
              <span className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                <RelativeTime iso={r.stopped_at} now={now} prefix="stopped " />
              </span>
            ) : (
              <span className="tabular-nums" title={`Started ${formatTimestamp(r.started_at)}`}>
                {formatDuration(now - Date.parse(r.started_at))}
              </span>
            )}
          </Cell>
          <Cell label="DB latency">
            <span className="tabular-nums">{formatLatencyUs(r.database_latency_us)}</span>
          </Cell>
          <Cell label="Peers">
            <Peers peers={r.peers} name={peerName} />
          </Cell>
          <Cell label="Error">{r.error ? <span className="text-red-800 dark:text-red-300">{r.error}</span> : <Dash />}</Cell>
        </Row>
      ))}
    </DataTable>
  );
}

/** The first block of a replica's UUID: enough to tell replicas apart on one screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/**
 * Peers are named by hostname; where several replicas share one (a few on one machine), the
 * short id, also shown under each replica's hostname, tells them apart.
 */
export function peerNamer(replicas: Replica[]): (peer: PeerLatency) => string {
  const seen = new Map<string, number>();
  for (const r of replicas) seen.set(r.hostname, (seen.get(r.hostname) ?? 0) + 1);
  return (peer) => ((seen.get(peer.hostname) ?? 0) < 2 ? peer.hostname : `${peer.hostname} (${shortId(peer.replica_id)})`);
}

function Peers({ peers, name }: { peers: PeerLatency[]; name: (peer: PeerLatency) => string }) {
  if (peers.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">no peers</span>;
  return (
    <ul className="space-y-1">
      {peers.map((p) => (
        <li key={p.replica_id} title={`Measured ${formatTimestamp(p.measured_at)}`}>
          <span className="break-all">{name(p)}</span>{" "}
          {p.error ? (
            <span className="text-red-800 dark:text-red-300">
              <span className="font-medium">failed:</span> {p.error}
            </span>
          ) : (
            <span className="tabular-nums text-zinc-900 dark:text-zinc-100">{p.latency_ms === null ? "—" : formatLatencyMs(p.latency_ms)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
