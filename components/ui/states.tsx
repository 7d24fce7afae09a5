// The three states every data view has besides "here is the data".
import type { ReactNode } from "react";
import { Button } from "./button";

export function ErrorState({ title, message, detail, onRetry, retrying = false }: { title: string; message: string; detail?: string; onRetry: () => void; retrying?: boolean }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 dark:border-red-900/60 dark:bg-red-950/40">
      <p className="font-medium text-red-900 dark:text-red-200">{title}</p>
      <p className="mt-1 text-sm text-red-800 dark:text-red-300">{message}</p>
      {detail && <p className="mt-1 font-mono text-xs break-words text-red-800/90 dark:text-red-300/90">{detail}</p>}
      <Button className="mt-3" onClick={onRetry} disabled={retrying}>
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      {children && <div className="mx-auto mt-2 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{children}</div>}
    </div>
  );
}

/** Grey bars in the shape of rows; announced once as loading, not as content. */
export function TableSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="space-y-2 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden="true" className="flex animate-pulse gap-4 py-2">
          <div className="h-4 w-1/4 rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 w-16 rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="h-4 flex-1 rounded bg-zinc-100 dark:bg-zinc-800/60" />
        </div>
      ))}
    </div>
  );
}
