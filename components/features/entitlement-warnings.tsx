"use client";
// The admin banner: license warnings (expiring soon, in grace, more replicas or proxies than
// licensed). Refreshed with the entitlements query, so an upload clears it at once.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { entitlementsQuery } from "@/lib/query/licenses";

export function EntitlementWarnings() {
  const { data } = useQuery(entitlementsQuery());
  if (!data || data.warnings.length === 0) return null;
  return (
    <div role="note" aria-labelledby="license-warnings-title" className="mb-6 flex gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800/70 dark:bg-amber-950/40">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-5 shrink-0 text-amber-600 dark:text-amber-300" fill="currentColor">
        <path fillRule="evenodd" d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" clipRule="evenodd" />
      </svg>
      <div className="space-y-1 text-amber-950 dark:text-amber-100">
        <p id="license-warnings-title" className="font-semibold">
          License {data.warnings.length === 1 ? "warning" : "warnings"}
        </p>
        <ul className="list-disc space-y-0.5 pl-4">
          {data.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
        <p>
          <Link href="/licenses" prefetch={false} className="font-medium underline underline-offset-2">
            Manage licenses
          </Link>
        </p>
      </div>
    </div>
  );
}
