import { formatRelative } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/refresh-icon";

interface Props {
  /** When the older of the page's lists was last fetched (0: never). */
  updatedAt: number;
  now: number;
  fetching: boolean;
  /** What a failed background refresh said, while older data stays on screen. */
  staleError: string | null;
  onRefresh: () => void;
}

export function RefreshStatus({ updatedAt, now, fetching, staleError, onRefresh }: Props) {
  return (
    <div className="flex items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
      {/* Only the failure is announced; the ticking "updated" text would be noise every second. */}
      <p role="status" className={staleError ? "font-medium text-amber-800 dark:text-amber-300" : "sr-only"}>
        {staleError ?? ""}
      </p>
      {updatedAt > 0 && (
        <p className="flex items-center gap-1.5 whitespace-nowrap">
          <span aria-hidden="true" className={`size-2 rounded-full ${fetching ? "animate-pulse bg-indigo-500" : staleError ? "bg-amber-500" : "bg-emerald-500"}`} />
          Updated {formatRelative(updatedAt, now)}
        </p>
      )}
      <Button onClick={onRefresh} aria-busy={fetching}>
        <RefreshIcon busy={fetching} />
        <span className="max-sm:sr-only">Refresh</span>
      </Button>
    </div>
  );
}
