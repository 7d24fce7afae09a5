// The health report (`GET /api/v2/debug/health`): one section per subsystem, each with coded
// findings that link to the section of docs/health.md explaining them. Codes are stable: a code
// once published keeps its meaning, so runbooks and alerts can match on it.
import { z } from "zod";

const timestamp = z.iso.datetime({ offset: true });

export const HEALTH_SECTIONS = ["database", "replicas", "workspace_proxies", "license", "access_url"] as const;
export const healthSectionNameSchema = z.enum(HEALTH_SECTIONS);
export type HealthSectionName = z.infer<typeof healthSectionNameSchema>;

export const SECTION_TITLES: Record<HealthSectionName, string> = {
  database: "Database",
  replicas: "Replicas",
  workspace_proxies: "Workspace proxies",
  license: "License",
  access_url: "Access URL",
};

export const severitySchema = z.enum(["ok", "warning", "error"]);
export type Severity = z.infer<typeof severitySchema>;

/** Database latency (median of 5 `SELECT 1`) above this is a warning. */
export const DATABASE_SLOW_MS = 15;
/** Latency between replicas of one region above this is a warning. */
export const PEER_SLOW_MS = 10;

/** Every code, the section it belongs to, its severity and a title; docs/health.md has one heading per code. */
export const HEALTH_CODES = {
  EDB01: { section: "database", severity: "error", title: "Database unreachable" },
  EDB02: { section: "database", severity: "warning", title: "Database slow" },
  EREP01: { section: "replicas", severity: "warning", title: "Stale replica" },
  EREP02: { section: "replicas", severity: "error", title: "Replicas cannot reach each other" },
  EREP03: { section: "replicas", severity: "warning", title: "Slow link between replicas" },
  EWP01: { section: "workspace_proxies", severity: "error", title: "No workspace proxy is healthy" },
  EWP02: { section: "workspace_proxies", severity: "warning", title: "Some workspace proxies are unhealthy" },
  EWP03: { section: "workspace_proxies", severity: "warning", title: "Workspace proxy version mismatch" },
  ELIC01: { section: "license", severity: "warning", title: "License expiring soon" },
  ELIC02: { section: "license", severity: "error", title: "License in its grace period" },
  ELIC03: { section: "license", severity: "error", title: "License expired" },
  ELIC04: { section: "license", severity: "warning", title: "Usage over the license's limits" },
  EACS01: { section: "access_url", severity: "warning", title: "Access URL not configured" },
  EACS02: { section: "access_url", severity: "error", title: "Access URL unreachable" },
  EACS03: { section: "access_url", severity: "error", title: "Access URL answers with an error" },
  ECHK01: { section: null, severity: "error", title: "Check failed" },
} as const satisfies Record<string, { section: HealthSectionName | null; severity: "warning" | "error"; title: string }>;

export type HealthCode = keyof typeof HEALTH_CODES;
export const HEALTH_CODE_LIST = Object.keys(HEALTH_CODES) as HealthCode[];
export const healthCodeSchema = z.enum(HEALTH_CODE_LIST as [HealthCode, ...HealthCode[]]);

/** Where the console serves docs/health.md. */
export const HEALTH_DOCS_PATH = "/health/docs";

/** The anchor of a code's heading in the docs: the code in lower case. */
export function healthDocsAnchor(code: string): string {
  return code.toLowerCase();
}

export function healthDocsHref(code: HealthCode): string {
  return `${HEALTH_DOCS_PATH}#${healthDocsAnchor(code)}`;
}

export const findingSchema = z.object({
  code: healthCodeSchema,
  severity: z.enum(["warning", "error"]),
  message: z.string(),
  /** The docs section that explains the code and what to do. */
  docs: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

const sectionBase = z.object({
  /** The worst of its findings; `ok` without any. Dismissal does not change it. */
  severity: severitySchema,
  /** An admin dismissed the section: it is listed but raises neither the overall severity nor the banner. */
  dismissed: z.boolean(),
  findings: z.array(findingSchema),
});

export const databaseSectionSchema = sectionBase.extend({
  reachable: z.boolean(),
  /** Median of 5 `SELECT 1` round trips from this replica; null when unreachable. */
  latency_ms: z.number().nullable(),
  threshold_ms: z.number(),
});

export const replicasSectionSchema = sectionBase.extend({
  /** Replicas seen in the last day, by status. */
  live: z.number().int(),
  stale: z.number().int(),
  stopped: z.number().int(),
  /** Recent peer measurements between live replicas that failed / were slower than the threshold. */
  peer_errors: z.number().int(),
  slow_peers: z.number().int(),
  max_peer_latency_ms: z.number().nullable(),
  threshold_ms: z.number(),
});

export const proxiesSectionSchema = sectionBase.extend({
  total: z.number().int(),
  healthy: z.number().int(),
  unhealthy: z.number().int(),
  /** This server's version, which every registered proxy should run. */
  server_version: z.string(),
  /** Proxies that registered with a different version. */
  mismatched: z.array(z.object({ name: z.string(), version: z.string() })),
});

export const licenseSectionSchema = sectionBase.extend({
  has_license: z.boolean(),
  trial: z.boolean(),
  /** When the longest-running license enters its grace period, and when it stops; null without a license. */
  grace_at: timestamp.nullable(),
  expires_at: timestamp.nullable(),
});

export const accessUrlSectionSchema = sectionBase.extend({
  url: z.string(),
  /** False: MERIDIAN_ACCESS_URL is unset and the URL above is the default guess, not probed. */
  configured: z.boolean(),
  /** Null when not probed. */
  reachable: z.boolean().nullable(),
  status_code: z.number().int().nullable(),
  latency_ms: z.number().nullable(),
  error: z.string().nullable(),
});

export const healthReportSchema = z.object({
  time: timestamp,
  /** The worst severity among sections that are not dismissed. */
  severity: severitySchema,
  sections: z.object({
    database: databaseSectionSchema,
    replicas: replicasSectionSchema,
    workspace_proxies: proxiesSectionSchema,
    license: licenseSectionSchema,
    access_url: accessUrlSectionSchema,
  }),
});
export type HealthReport = z.infer<typeof healthReportSchema>;
export type HealthSection = HealthReport["sections"][HealthSectionName];

export const healthSettingsSchema = z.object({ dismissed_sections: z.array(healthSectionNameSchema) });
export type HealthSettings = z.infer<typeof healthSettingsSchema>;

export const updateHealthSettingsRequestSchema = z.strictObject({
  dismissed_sections: z.array(healthSectionNameSchema).max(HEALTH_SECTIONS.length * 2, "lists too many sections"),
});
export type UpdateHealthSettingsRequest = z.infer<typeof updateHealthSettingsRequestSchema>;

export const healthQuerySchema = z.strictObject({
  /** `true`: compute the report now instead of answering the one cached for a few seconds. */
  force: z.enum(["true", "false"]).optional(),
});

const RANK: Record<Severity, number> = { ok: 0, warning: 1, error: 2 };

/** The worst of several severities; `ok` for none. */
export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = "ok";
  for (const s of severities) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
}

/** The codes of the error findings that raise the banner: in sections that are not dismissed. */
export function bannerCodes(report: HealthReport): HealthCode[] {
  const codes = HEALTH_SECTIONS.flatMap((name) => {
    const section = report.sections[name];
    return section.dismissed ? [] : section.findings.filter((f) => f.severity === "error").map((f) => f.code);
  });
  return [...new Set(codes)];
}
