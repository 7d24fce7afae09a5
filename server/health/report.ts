// The health report: measures and reads what each section needs (in parallel), works the sections
// out (sections.ts), marks the dismissed ones and takes the overall severity from the rest. The
// banner on every admin page reads it, so it is computed once per few seconds per process, and
// again at once after a change that moves it (a dismissal, a proxy's status, a license).
import "server-only";
import { HEALTH_SECTIONS, worstSeverity, type HealthReport, type HealthSectionName } from "@/lib/api/health";
import { config } from "../env";
import { entitlementReport } from "../licensing/entitlements";
import { processCache } from "../process-cache";
import { listWorkspaceProxies } from "../topology/proxies";
import { describeFetchError, listReplicas, measureDatabaseLatency } from "../topology/replicas";
import { VERSION } from "../version";
import { accessUrlSection, databaseSection, failedSection, healthzUrl, licenseSection, proxiesSection, replicasSection, type AccessUrlProbe } from "./sections";
import { readHealthSettings } from "./settings";

const CACHE_MS = 5_000;
const ACCESS_URL_TIMEOUT_MS = 3_000;

const cache = processCache("health-report", CACHE_MS, () => computeHealthReport(), ["settings", "proxy", "proxy_status", "license"]);

/** The report, as computed at most CACHE_MS ago unless `force`. */
export function healthReport(options: { force?: boolean } = {}): Promise<HealthReport> {
  if (options.force) cache.invalidate();
  return cache.get();
}

export async function computeHealthReport(now = new Date()): Promise<HealthReport> {
  const [database, replicas, workspace_proxies, license, access_url, settings] = await Promise.all([
    // Bounded by the pool's connection timeout when the database is down.
    measureDatabaseLatency().then(
      (us) => databaseSection({ us }),
      (error) => databaseSection({ error }),
    ),
    guarded("replicas", async () => replicasSection(await listReplicas(config().MERIDIAN_REPLICA_ID), now.getTime())),
    guarded("workspace_proxies", async () => proxiesSection(await listWorkspaceProxies(), VERSION), { server_version: VERSION }),
    guarded("license", async () => {
      const { entitlements, warnings, licenses } = await entitlementReport({ now });
      return licenseSection({ warnings, licenses, hasLicense: entitlements.has_license, trial: entitlements.trial }, now);
    }),
    probeAccessUrl(config().MERIDIAN_ACCESS_URL ?? null).then(accessUrlSection),
    // Without the settings (the database is down) nothing counts as dismissed: better a banner too many.
    readHealthSettings().catch(() => ({ dismissed_sections: [] as HealthSectionName[] })),
  ]);
  const sections: HealthReport["sections"] = { database, replicas, workspace_proxies, license, access_url };
  for (const name of settings.dismissed_sections) sections[name].dismissed = true;
  const counted = HEALTH_SECTIONS.filter((name) => !sections[name].dismissed).map((name) => sections[name].severity);
  return { time: now.toISOString(), severity: worstSeverity(counted), sections };
}

/** A section whose inputs could not be read says so instead of failing the whole report. */
async function guarded<N extends HealthSectionName>(name: N, work: () => Promise<HealthReport["sections"][N]>, data?: Parameters<typeof failedSection<N>>[2]) {
  try {
    return await work();
  } catch (err) {
    return failedSection(name, err, data);
  }
}

/**
 * GET {access URL}/healthz from this server, as a user's browser or a proxy would. `configured`:
 * the MERIDIAN_ACCESS_URL value; without one the default URL is a guess and is not probed.
 */
export async function probeAccessUrl(configured: string | null, timeoutMs = ACCESS_URL_TIMEOUT_MS): Promise<AccessUrlProbe> {
  if (!configured) return { url: config().accessUrl, configured: false };
  const start = performance.now();
  try {
    const res = await fetch(healthzUrl(configured), { signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    await res.body?.cancel();
    return { url: configured, configured: true, statusCode: res.status, latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (err) {
    const error = (err as Error).name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : describeFetchError(err);
    return { url: configured, configured: true, error };
  }
}

