// The proxy's own health report (what its /healthz-report said), folded away unless it has
// something to say; <details> makes it keyboard-operable without script.
import type { WorkspaceProxy } from "@/lib/api/proxies";
import { formatCount } from "@/lib/format";

export function ProxyReport({ report }: { report: WorkspaceProxy["status"]["report"] }) {
  const { errors, warnings } = report;
  if (errors.length === 0 && warnings.length === 0) return null;
  const summary = [errors.length && formatCount(errors.length, "error"), warnings.length && formatCount(warnings.length, "warning")].filter(Boolean).join(", ");
  return (
    <details open={errors.length > 0}>
      <summary className="cursor-pointer text-xs font-medium text-zinc-700 underline-offset-2 hover:underline dark:text-zinc-300">Proxy report: {summary}</summary>
      {errors.length > 0 && (
        <ul aria-label="Errors" className="mt-1 list-disc space-y-0.5 pl-4 text-red-800 dark:text-red-300">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul aria-label="Warnings" className="mt-1 list-disc space-y-0.5 pl-4 text-amber-800 dark:text-amber-300">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
