"use client";
// The Health page: the overall status, one card per section, "Check again", and dismissing or
// restoring a section (dismissing asks first; both are audited by the server).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { HEALTH_DOCS_PATH, HEALTH_SECTIONS, SECTION_TITLES, type HealthReport, type HealthSectionName } from "@/lib/api/health";
import { accountKeys } from "@/lib/query/accounts";
import { ApiRequestError } from "@/lib/query/fetch";
import { healthApi, healthKeys, healthReportQuery } from "@/lib/query/health";
import { ConfirmDialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/states";
import { useNow } from "@/components/ui/use-now";
import { HealthSkeleton } from "./health-skeleton";
import { OverallStatus } from "./overall-status";
import { SectionCard } from "./section-card";

export function HealthView({ renderedAt }: { renderedAt: number }) {
  const client = useQueryClient();
  const now = useNow(renderedAt);
  const report = useQuery(healthReportQuery());
  const [confirming, setConfirming] = useState<HealthSectionName | null>(null);

  const check = useMutation({
    mutationFn: healthApi.checkNow,
    onSuccess: (fresh) => client.setQueryData(healthKeys.report, fresh),
  });
  const change = useMutation({
    mutationFn: (dismissed: HealthSectionName[]) => healthApi.updateSettings({ dismissed_sections: dismissed }),
    onSuccess: () => {
      setConfirming(null);
      void client.invalidateQueries({ queryKey: healthKeys.all });
      void client.invalidateQueries({ queryKey: accountKeys.auditAll });
    },
  });
  const setDismissed = (data: HealthReport, name: HealthSectionName, dismissed: boolean) => {
    const others = HEALTH_SECTIONS.filter((s) => s !== name && data.sections[s].dismissed);
    change.mutate(dismissed ? [...others, name] : others);
  };
  const closeDialog = () => {
    setConfirming(null);
    change.reset();
  };

  const data = report.data;
  const failure = report.error ?? check.error;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Health</h1>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          What Meridian found wrong with this deployment, and how to fix it. Each finding has a code explained in the{" "}
          <Link href={HEALTH_DOCS_PATH} prefetch={false} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            health check reference
          </Link>
          .
        </p>
      </div>

      {!data && report.isPending && <HealthSkeleton />}
      {!data && report.error && (
        <ErrorState title="Couldn't load the health report" message={report.error.message} detail={detailOf(report.error)} onRetry={() => void report.refetch()} retrying={report.isFetching} />
      )}
      {data && (
        <>
          <OverallStatus report={data} now={now} checking={check.isPending || report.isFetching} onCheck={() => check.mutate()} problem={failure ? `Couldn't check again: ${failure.message}` : null} />
          {change.error && !confirming && (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
              Couldn&apos;t save: {change.error.message}
            </p>
          )}
          <div className="grid gap-4 lg:grid-cols-2">
            {HEALTH_SECTIONS.map((name) => (
              <SectionCard
                key={name}
                name={name}
                section={data.sections[name]}
                busy={change.isPending}
                onDismiss={() => setConfirming(name)}
                onRestore={() => setDismissed(data, name, false)}
              />
            ))}
          </div>
        </>
      )}

      <ConfirmDialog
        open={confirming !== null}
        title={`Dismiss the ${confirming ? SECTION_TITLES[confirming] : ""} section?`}
        action="Dismiss"
        pending={change.isPending}
        onClose={closeDialog}
        onConfirm={() => data && confirming && setDismissed(data, confirming, true)}
        body={
          <>
            <p>Its findings stay listed here, marked as dismissed, but no longer count toward the overall status or show the banner on every page. Restore it at any time.</p>
            <p className="mt-2">Every admin sees the change, and it is recorded in the audit log.</p>
            {change.error && (
              <p role="alert" className="mt-2 font-medium text-red-700 dark:text-red-300">
                {change.error.message}
              </p>
            )}
          </>
        }
      />
    </div>
  );
}

function detailOf(error: Error): string | undefined {
  return error instanceof ApiRequestError ? error.detail : undefined;
}
