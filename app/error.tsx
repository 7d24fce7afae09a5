"use client";
// Catches what the page itself failed to render; data failures are handled inside each section.
import { Button } from "@/components/ui/button";

export default function OverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-red-200 bg-red-50 p-6 dark:border-red-900/60 dark:bg-red-950/40">
      <h1 className="text-lg font-semibold text-red-900 dark:text-red-200">This page failed to load</h1>
      <p className="mt-2 text-sm text-red-800 dark:text-red-300">
        {/* In production, server errors reach the browser without their message; the digest matches the server log. */}
        {digest ? `The server logged the cause (reference ${digest}).` : error instanceof Error ? error.message : "Something went wrong."}
      </p>
      <Button className="mt-4" onClick={() => retry()}>
        Retry
      </Button>
    </div>
  );
}
