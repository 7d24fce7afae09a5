// How a premium action looks when the license does not entitle it: shown, disabled, and saying
// what it would unlock and where to get it. Never hidden.
import Link from "next/link";
import { FEATURES } from "@/lib/api/licenses";
import type { Entitlements } from "@/lib/api/licenses";
import { Badge } from "@/components/ui/badge";

/**
 * Locked only when the entitlements say so. While they load, or if they cannot be read, the
 * actions stay open and the API's own 403 answers (it is the authority either way).
 */
export function workspaceProxyLocked(entitlements: Entitlements | undefined): boolean {
  return entitlements?.features.workspace_proxy?.enabled === false;
}

export const PREMIUM_NOTE_ID = "workspace-proxy-premium-note";

export function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0" fill="currentColor">
      <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
    </svg>
  );
}

/** The explanation every locked control points at (`aria-describedby`). */
export function PremiumNote() {
  const feature = FEATURES.workspace_proxy;
  return (
    <div id={PREMIUM_NOTE_ID} role="note" className="flex gap-3 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm dark:border-amber-900/60 dark:bg-amber-950/30">
      <span className="mt-0.5 text-amber-700 dark:text-amber-300">
        <LockIcon />
      </span>
      <div className="space-y-1 text-amber-950 dark:text-amber-100">
        <p className="flex flex-wrap items-center gap-2 font-semibold">
          {feature.name} is locked <Badge tone="warn">Premium</Badge>
        </p>
        <p>
          {feature.unlocks} Creating, editing and re-keying proxies needs a license that includes it; existing proxies keep working and can still be deleted.
        </p>
        <p>
          <Link href="/licenses" prefetch={false} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            Upload a license
          </Link>
        </p>
      </div>
    </div>
  );
}
