// One section of the report: its severity, its findings (each with its code and a link to what to
// do), what it measured, and Dismiss or Restore.
import Link from "next/link";
import { HEALTH_CODES, SECTION_TITLES, type Finding, type HealthReport, type HealthSectionName } from "@/lib/api/health";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SectionData } from "./section-data";
import { SeverityBadge, SeverityIcon } from "./severity";

const CARD = "rounded-xl border bg-white p-4 sm:p-5 dark:bg-zinc-900";
const BORDER = { ok: "border-zinc-200 dark:border-zinc-800", warning: "border-amber-300 dark:border-amber-800/70", error: "border-red-300 dark:border-red-900/70" };

export interface SectionCardProps<N extends HealthSectionName> {
  name: N;
  section: HealthReport["sections"][N];
  /** Dismiss (after confirmation) or restore; absent while a change is being saved. */
  onDismiss?: () => void;
  onRestore?: () => void;
  busy?: boolean;
}

export function SectionCard<N extends HealthSectionName>({ name, section, onDismiss, onRestore, busy = false }: SectionCardProps<N>) {
  const headingId = `health-${name}`;
  const title = SECTION_TITLES[name];
  return (
    <section aria-labelledby={headingId} data-section={name} data-severity={section.severity} className={`${CARD} ${section.dismissed ? "border-dashed border-zinc-300 dark:border-zinc-700" : BORDER[section.severity]}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityIcon severity={section.severity} />
          <h2 id={headingId} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
            {title}
          </h2>
          <SeverityBadge severity={section.severity} />
          {section.dismissed && <Badge tone="neutral">Dismissed</Badge>}
        </div>
        {section.dismissed ? (
          <Button onClick={onRestore} disabled={busy} aria-label={`Restore the ${title} section`}>
            Restore
          </Button>
        ) : (
          <Button onClick={onDismiss} disabled={busy} aria-label={`Dismiss the ${title} section`}>
            Dismiss
          </Button>
        )}
      </div>
      {section.dismissed && (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Dismissed: its findings do not count toward the overall status or raise the banner.</p>
      )}
      {section.findings.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">No problems found.</p>
      ) : (
        <ul aria-label={`${title} findings`} className="mt-3 space-y-3">
          {section.findings.map((f, i) => (
            <FindingItem key={`${f.code}-${i}`} finding={f} />
          ))}
        </ul>
      )}
      <div className="mt-4 border-t border-zinc-100 pt-3 dark:border-zinc-800">
        <SectionData name={name} section={section} />
      </div>
    </section>
  );
}

function FindingItem({ finding }: { finding: Finding }) {
  return (
    <li className="flex gap-2.5" data-code={finding.code}>
      <SeverityIcon severity={finding.severity} className="mt-0.5 size-4" />
      <div className="min-w-0 space-y-1 text-sm">
        <p className="flex flex-wrap items-baseline gap-x-2">
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">{finding.code}</code>
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{HEALTH_CODES[finding.code].title}</span>
          <span className="sr-only">({finding.severity})</span>
        </p>
        <p className="break-words text-zinc-700 dark:text-zinc-300">{finding.message}</p>
        <Link href={finding.docs} prefetch={false} className="inline-block font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600 dark:text-indigo-300" aria-label={`What to do about ${finding.code}`}>
          What to do
        </Link>
      </div>
    </li>
  );
}
