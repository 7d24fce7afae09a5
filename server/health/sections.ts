// The health report's sections, each worked out from what was measured or read: pure functions,
// so what makes a finding (and what does not) is plain to read and to test. report.ts gathers the
// inputs and assembles the report.
import "server-only";
import {
  DATABASE_SLOW_MS,
  HEALTH_CODES,
  healthDocsHref,
  PEER_SLOW_MS,
  worstSeverity,
  type Finding,
  type HealthCode,
  type HealthReport,
  type HealthSectionName,
} from "@/lib/api/health";
import type { WorkspaceProxy } from "@/lib/api/proxies";
import { REPLICA_STALE_AFTER_MS, type Replica } from "@/lib/api/replicas";
import { formatDuration, formatLatencyMs } from "@/lib/format";
import type { LicenseWarning } from "../licensing/entitlements";
import type { VerifiedLicense } from "../licensing/verify";

type Sections = HealthReport["sections"];
/** A section's own data, without the parts every section has. */
type Data<N extends HealthSectionName> = Omit<Sections[N], "severity" | "dismissed" | "findings">;

/** Lists at most this many items in a finding's message. */
const LISTED = 5;

export function finding(code: HealthCode, message: string): Finding {
  return { code, severity: HEALTH_CODES[code].severity, message, docs: healthDocsHref(code) };
}

export function section<N extends HealthSectionName>(findings: Finding[], data: Data<N>): Sections[N] {
  return { severity: worstSeverity(findings.map((f) => f.severity)), dismissed: false, findings, ...data } as Sections[N];
}

/** "a, b, c and 2 more". */
function listed(items: string[]): string {
  const shown = items.slice(0, LISTED).join("; ");
  return items.length > LISTED ? `${shown}; and ${items.length - LISTED} more` : shown;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What each section shows when it could not be worked out at all (its data is then empty). */
export const EMPTY_DATA: { [N in HealthSectionName]: Data<N> } = {
  database: { reachable: false, latency_ms: null, threshold_ms: DATABASE_SLOW_MS },
  replicas: { live: 0, stale: 0, stopped: 0, peer_errors: 0, slow_peers: 0, max_peer_latency_ms: null, threshold_ms: PEER_SLOW_MS },
  workspace_proxies: { total: 0, healthy: 0, unhealthy: 0, server_version: "", mismatched: [] },
  license: { has_license: false, trial: false, grace_at: null, expires_at: null },
  access_url: { url: "", configured: false, reachable: null, status_code: null, latency_ms: null, error: null },
};

/** The section of a check that failed: it says so (ECHK01) rather than claiming all is well. */
export function failedSection<N extends HealthSectionName>(name: N, err: unknown, data: Partial<Data<N>> = {}): Sections[N] {
  const reason = err instanceof Error ? err.message.trim().split("\n").at(-1) : String(err);
  return section<N>([finding("ECHK01", `This section could not be checked: ${reason}`)], { ...EMPTY_DATA[name], ...data });
}

export function databaseSection(latency: { us: number } | { error: unknown }): Sections["database"] {
  if ("error" in latency) {
    const reason = latency.error instanceof Error ? latency.error.message : String(latency.error);
    return section<"database">([finding("EDB01", `This replica cannot reach the database: ${reason}`)], EMPTY_DATA.database);
  }
  const ms = latency.us / 1_000;
  const findings = ms > DATABASE_SLOW_MS ? [finding("EDB02", `The median of 5 database round trips is ${formatLatencyMs(ms)}, above ${DATABASE_SLOW_MS} ms.`)] : [];
  return section<"database">(findings, { reachable: true, latency_ms: ms, threshold_ms: DATABASE_SLOW_MS });
}

export function replicasSection(replicas: Replica[], now: number): Sections["replicas"] {
  const live = replicas.filter((r) => r.status === "live");
  const stale = replicas.filter((r) => r.status === "stale");
  // Only what live replicas measured lately: a row left by a replica that has gone since, or a pair
  // that is no longer measured, says nothing about the mesh now.
  const peers = live.flatMap((r) => r.peers.filter((p) => now - Date.parse(p.measured_at) <= REPLICA_STALE_AFTER_MS).map((p) => ({ from: r.hostname, ...p })));
  const failing = peers.filter((p) => p.error !== null);
  const slow = peers.filter((p) => p.error === null && p.latency_ms !== null && p.latency_ms > PEER_SLOW_MS);
  const latencies = peers.map((p) => p.latency_ms).filter((ms): ms is number => ms !== null);

  const findings: Finding[] = [];
  if (stale.length) {
    const items = stale.map((r) => `${r.hostname} (${r.region}, last seen ${formatDuration(now - Date.parse(r.updated_at))} ago)`);
    findings.push(finding("EREP01", `${plural(stale.length, "replica has", "replicas have")} stopped sending heartbeats without shutting down: ${listed(items)}.`));
  }
  if (failing.length) {
    findings.push(finding("EREP02", `${plural(failing.length, "link", "links")} between replicas of one region ${failing.length === 1 ? "fails" : "fail"}: ${listed(failing.map((p) => `${p.from} → ${p.hostname}: ${p.error}`))}.`));
  }
  if (slow.length) {
    const items = slow.map((p) => `${p.from} → ${p.hostname}: ${formatLatencyMs(p.latency_ms!)}`);
    findings.push(finding("EREP03", `${plural(slow.length, "link", "links")} between replicas of one region ${slow.length === 1 ? "is" : "are"} slower than ${PEER_SLOW_MS} ms: ${listed(items)}.`));
  }
  return section<"replicas">(findings, {
    live: live.length,
    stale: stale.length,
    stopped: replicas.filter((r) => r.status === "stopped").length,
    peer_errors: failing.length,
    slow_peers: slow.length,
    max_peer_latency_ms: latencies.length ? Math.max(...latencies) : null,
    threshold_ms: PEER_SLOW_MS,
  });
}

export function proxiesSection(proxies: WorkspaceProxy[], serverVersion: string): Sections["workspace_proxies"] {
  const unhealthy = proxies.filter((p) => p.status.status !== "ok");
  // A proxy that never registered has no version yet: nothing to compare.
  const mismatched = proxies.filter((p) => p.version !== "" && p.version !== serverVersion).map((p) => ({ name: p.name, version: p.version }));
  const describe = (p: WorkspaceProxy) => `${p.name} (${p.status.status}${p.status.reason ? `: ${p.status.reason}` : ""})`;

  const findings: Finding[] = [];
  if (proxies.length > 0 && unhealthy.length === proxies.length) {
    findings.push(finding("EWP01", `None of the ${plural(proxies.length, "workspace proxy", "workspace proxies")} is healthy: ${listed(unhealthy.map(describe))}.`));
  } else if (unhealthy.length) {
    findings.push(finding("EWP02", `${unhealthy.length} of ${plural(proxies.length, "workspace proxy is", "workspace proxies are")} unhealthy: ${listed(unhealthy.map(describe))}.`));
  }
  if (mismatched.length) {
    findings.push(finding("EWP03", `${plural(mismatched.length, "proxy runs", "proxies run")} another version than this server (${serverVersion}): ${listed(mismatched.map((m) => `${m.name} ${m.version}`))}.`));
  }
  return section<"workspace_proxies">(findings, { total: proxies.length, healthy: proxies.length - unhealthy.length, unhealthy: unhealthy.length, server_version: serverVersion, mismatched });
}

const LICENSE_CODES: Record<LicenseWarning["kind"], HealthCode> = { expiring: "ELIC01", grace_period: "ELIC02", over_limit: "ELIC04" };

/**
 * From the entitlements' own warnings (so the banner on the Licenses page and this report never
 * disagree), plus one the entitlements cannot give: every stored license has expired.
 */
export function licenseSection(input: { warnings: LicenseWarning[]; licenses: VerifiedLicense[]; hasLicense: boolean; trial: boolean }, now: Date): Sections["license"] {
  const live = input.licenses.filter((l) => l.expiresAt > now);
  const longest = live.reduce<VerifiedLicense | null>((best, l) => (!best || l.expiresAt > best.expiresAt ? l : best), null);
  const findings = input.warnings.map((w) => finding(LICENSE_CODES[w.kind], w.message));
  if (input.licenses.length > 0 && !input.hasLicense) {
    const last = input.licenses.reduce((a, b) => (b.expiresAt > a.expiresAt ? b : a));
    findings.unshift(finding("ELIC03", `Every license has expired (the last on ${last.expiresAt.toISOString().slice(0, 10)}): premium features are off. Upload a renewed license.`));
  }
  return section<"license">(findings, {
    has_license: input.hasLicense,
    trial: input.trial,
    grace_at: longest?.graceAt.toISOString() ?? null,
    expires_at: longest?.expiresAt.toISOString() ?? null,
  });
}

export interface AccessUrlProbe {
  url: string;
  /** False when MERIDIAN_ACCESS_URL is unset: the URL is the default guess and was not probed. */
  configured: boolean;
  statusCode?: number;
  latencyMs?: number;
  error?: string;
}

/** The liveness URL under an access URL (which may have a path of its own). */
export function healthzUrl(accessUrl: string): string {
  return `${accessUrl.replace(/\/+$/, "")}/healthz`;
}

export function accessUrlSection(probe: AccessUrlProbe): Sections["access_url"] {
  const data = { url: probe.url, configured: probe.configured, reachable: null, status_code: probe.statusCode ?? null, latency_ms: probe.latencyMs ?? null, error: probe.error ?? null };
  if (!probe.configured) {
    return section<"access_url">([finding("EACS01", `MERIDIAN_ACCESS_URL is not set: users and proxies are told to reach the console at ${probe.url}, a default that only works on this machine.`)], data);
  }
  const target = healthzUrl(probe.url);
  if (probe.error !== undefined) {
    return section<"access_url">([finding("EACS02", `This server cannot reach its own access URL: GET ${target} failed (${probe.error}).`)], { ...data, reachable: false });
  }
  const ok = probe.statusCode !== undefined && probe.statusCode >= 200 && probe.statusCode < 300;
  const findings = ok ? [] : [finding("EACS03", `GET ${target} answered HTTP ${probe.statusCode}, not 200: the access URL does not lead to this Meridian.`)];
  return section<"access_url">(findings, { ...data, reachable: true });
}
