// What a section measured, as a short list of terms and values under its findings.
import type { ReactNode } from "react";
import type { HealthReport, HealthSectionName } from "@/lib/api/health";
import { formatLatencyMs, formatTimestamp } from "@/lib/format";

type Sections = HealthReport["sections"];
type Row = [term: string, value: ReactNode];

const latency = (ms: number | null) => (ms === null ? "—" : formatLatencyMs(ms));
const day = (iso: string | null) => (iso === null ? "—" : <time dateTime={iso} title={formatTimestamp(iso)}>{iso.slice(0, 10)}</time>);
const code = (text: string) => <code className="font-mono text-[0.9em] break-all">{text}</code>;

const ROWS: { [N in HealthSectionName]: (s: Sections[N]) => Row[] } = {
  database: (s) => [
    ["Connection", s.reachable ? "Reachable" : "Unreachable"],
    ["Round trip (median of 5)", `${latency(s.latency_ms)} · warning above ${s.threshold_ms} ms`],
  ],
  replicas: (s) => [
    ["Replicas", `${s.live} live · ${s.stale} stale · ${s.stopped} stopped`],
    ["Peer links", `${s.peer_errors} failing · ${s.slow_peers} slower than ${s.threshold_ms} ms`],
    ["Slowest peer link", latency(s.max_peer_latency_ms)],
  ],
  workspace_proxies: (s) => [
    ["Healthy", s.total === 0 ? "No proxies registered" : `${s.healthy} of ${s.total}`],
    ["Server version", s.server_version ? code(s.server_version) : "—"],
    ["Other versions", s.mismatched.length === 0 ? "None" : s.mismatched.map((m) => `${m.name} ${m.version}`).join(", ")],
  ],
  license: (s) => [
    ["License", s.has_license ? (s.trial ? "Trial" : "Active") : "None in effect"],
    ["Grace period starts", day(s.grace_at)],
    ["Stops working", day(s.expires_at)],
  ],
  access_url: (s) => [
    ["URL", s.url ? code(s.url) : "—"],
    ["Configured", s.configured ? "Yes (MERIDIAN_ACCESS_URL)" : "No: the default, not checked"],
    ["Reachable from the server", s.reachable === null ? "Not checked" : s.reachable ? `Yes, HTTP ${s.status_code} in ${latency(s.latency_ms)}` : `No: ${s.error}`],
  ],
};

export function SectionData<N extends HealthSectionName>({ name, section }: { name: N; section: Sections[N] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      {ROWS[name](section).map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
          <dd className="mb-1 break-words text-zinc-900 sm:mb-0 dark:text-zinc-100">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
