import { formatLatencyUs } from "@/lib/format";
import type { OverviewSummary } from "./summary";

interface Card {
  label: string;
  value: string;
  note: string;
  /** Draws the eye when something needs attention; the note says what. */
  attention?: boolean;
}

function cards(s: OverviewSummary, loaded: { replicas: boolean; proxies: boolean }): Card[] {
  const waiting = { value: "—", note: "Loading…" };
  const proxyIssues = (["unhealthy", "unreachable", "unregistered"] as const).filter((k) => s.proxies.byStatus[k]).map((k) => `${s.proxies.byStatus[k]} ${k}`);
  return [
    loaded.replicas
      ? {
          label: "Replicas live",
          value: `${s.replicas.live} / ${s.replicas.total}`,
          note: `${s.replicas.stale} stale · ${s.replicas.stopped} stopped`,
          attention: s.replicas.stale > 0,
        }
      : { label: "Replicas live", ...waiting },
    loaded.proxies
      ? {
          label: "Proxies healthy",
          value: `${s.proxies.healthy} / ${s.proxies.total}`,
          note: s.proxies.total === 0 ? "none registered" : [proxyIssues.join(" · ") || "all healthy", s.proxies.demo ? `${s.proxies.demo} demo` : ""].filter(Boolean).join(" · "),
          attention: s.proxies.byStatus.unhealthy + s.proxies.byStatus.unreachable > 0,
        }
      : { label: "Proxies healthy", ...waiting },
    loaded.replicas
      ? {
          label: "Worst DB latency",
          value: s.worstDatabase ? formatLatencyUs(s.worstDatabase.latencyUs) : "—",
          note: s.worstDatabase?.hostname ?? "no live replica",
        }
      : { label: "Worst DB latency", ...waiting },
    loaded.replicas
      ? {
          label: "Peer links ok",
          value: s.peers.ok + s.peers.failing ? `${s.peers.ok} / ${s.peers.ok + s.peers.failing}` : "—",
          note: s.peers.failing ? `${s.peers.failing} failing` : s.peers.ok ? "all reachable" : "no live same-region peers",
          attention: s.peers.failing > 0,
        }
      : { label: "Peer links ok", ...waiting },
  ];
}

export function SummaryCards({ summary, loaded }: { summary: OverviewSummary; loaded: { replicas: boolean; proxies: boolean } }) {
  return (
    <section aria-label="Summary">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {cards(summary, loaded).map((c) => (
          <div key={c.label} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
            <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums dark:text-zinc-50">{c.value}</dd>
            <dd className={`mt-0.5 text-xs ${c.attention ? "font-medium text-amber-800 dark:text-amber-300" : "text-zinc-600 dark:text-zinc-400"}`}>
              {c.note}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
