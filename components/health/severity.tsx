// A severity is shown as a shape and a word, with colour on top: ok is a check, a warning a
// triangle, an error a cross. Nothing depends on telling the colours apart.
import type { Severity } from "@/lib/api/health";
import { Badge, type Tone } from "@/components/ui/badge";

export const SEVERITY_TONE: Record<Severity, Tone> = { ok: "good", warning: "warn", error: "bad" };
export const SEVERITY_LABEL: Record<Severity, string> = { ok: "OK", warning: "Warning", error: "Error" };

const ICON_COLOUR: Record<Severity, string> = {
  ok: "text-emerald-600 dark:text-emerald-400",
  warning: "text-amber-600 dark:text-amber-400",
  error: "text-red-600 dark:text-red-400",
};

const PATHS: Record<Severity, string> = {
  ok: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z",
  warning:
    "M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
  error: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.28 7.22a.75.75 0 0 0-1.06 1.06L8.94 10l-1.72 1.72a.75.75 0 1 0 1.06 1.06L10 11.06l1.72 1.72a.75.75 0 1 0 1.06-1.06L11.06 10l1.72-1.72a.75.75 0 0 0-1.06-1.06L10 8.94 8.28 7.22Z",
};

/** Decorative: always next to a word that says the same. */
export function SeverityIcon({ severity, className = "size-5" }: { severity: Severity; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={`shrink-0 ${className} ${ICON_COLOUR[severity]}`}>
      <path fillRule="evenodd" clipRule="evenodd" d={PATHS[severity]} />
    </svg>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]}>
      <SeverityIcon severity={severity} className="size-3.5" />
      {SEVERITY_LABEL[severity]}
    </Badge>
  );
}
