// The report's headline: the overall severity in words, how many findings of each kind, when it
// was computed, and "Check again" (which spins while the server computes a fresh report).
import { HEALTH_SECTIONS, type HealthReport, type Severity } from "@/lib/api/health";
import { formatRelative, formatTimestamp } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/refresh-icon";
import { SeverityIcon } from "./severity";

const HEADLINE: Record<Severity, string> = {
  ok: "Everything checked is healthy",
  warning: "Healthy, with warnings",
  error: "Problems need attention",
};

const PANEL: Record<Severity, string> = {
  ok: "border-emerald-200 bg-emerald-50 dark:border-emerald-900/60 dark:bg-emerald-950/30",
  warning: "border-amber-300 bg-amber-50 dark:border-amber-800/70 dark:bg-amber-950/30",
  error: "border-red-300 bg-red-50 dark:border-red-900/70 dark:bg-red-950/30",
};

interface Props {
  report: HealthReport;
  now: number;
  checking: boolean;
  onCheck: () => void;
  /** A failed re-check while the previous report stays on screen. */
  problem: string | null;
}

export function OverallStatus({ report, now, checking, onCheck, problem }: Props) {
  const counted = HEALTH_SECTIONS.filter((s) => !report.sections[s].dismissed).flatMap((s) => report.sections[s].findings);
  const errors = counted.filter((f) => f.severity === "error").length;
  const warnings = counted.length - errors;
  const dismissed = HEALTH_SECTIONS.filter((s) => report.sections[s].dismissed).length;
  const summary = [`${errors} ${errors === 1 ? "error" : "errors"}`, `${warnings} ${warnings === 1 ? "warning" : "warnings"}`, ...(dismissed ? [`${dismissed} dismissed ${dismissed === 1 ? "section" : "sections"}`] : [])];
  return (
    <section aria-labelledby="health-overall" data-severity={report.severity} className={`flex flex-wrap items-center justify-between gap-4 rounded-xl border p-4 sm:p-5 ${PANEL[report.severity]}`}>
      <div className="flex items-start gap-3">
        <SeverityIcon severity={report.severity} className="mt-0.5 size-7" />
        <div>
          <h2 id="health-overall" className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
            {HEADLINE[report.severity]}
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {summary.join(" · ")} · checked{" "}
            <time dateTime={report.time} title={formatTimestamp(report.time)}>
              {formatRelative(report.time, now)}
            </time>
          </p>
          <p role="status" className={problem ? "mt-1 text-sm font-medium text-red-800 dark:text-red-300" : "sr-only"}>
            {problem ?? ""}
          </p>
        </div>
      </div>
      <Button onClick={onCheck} disabled={checking} aria-busy={checking}>
        <RefreshIcon busy={checking} />
        {checking ? "Checking…" : "Check again"}
      </Button>
    </section>
  );
}
