"use client";
// Every gated feature, whether the license unlocks it, its limit against what is in use, and what
// it unlocks. Locked features stay listed, marked Premium, so admins know what they are missing.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FEATURE_NAMES, FEATURES, type FeatureState } from "@/lib/api/licenses";
import { entitlementsQuery } from "@/lib/query/licenses";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { EntitlementBadge } from "./entitlement-badge";

export function FeaturesView() {
  const query = useQuery(entitlementsQuery());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Features</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          What the uploaded licenses unlock. Manage them on the{" "}
          <Link href="/licenses" prefetch={false} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            Licenses
          </Link>{" "}
          page.
        </p>
      </div>
      <Section headingId="features-heading" title="Premium features" meta={query.data?.trial ? "Trial license" : undefined}>
        {query.isPending ? (
          <TableSkeleton label="Loading features" />
        ) : query.isError ? (
          <ErrorState title="Could not load the entitlements" message={query.error.message} onRetry={() => query.refetch()} retrying={query.isFetching} />
        ) : (
          <DataTable labelledBy="features-heading" columns={["Feature", "State", "Limit", "In use", "Unlocks"]}>
            {FEATURE_NAMES.map((f) => {
              const state = query.data.features[f];
              return (
                <Row key={f} label={FEATURES[f].name}>
                  <Cell label="Feature" title>
                    <div className="font-medium">{FEATURES[f].name}</div>
                    <code className="text-xs text-zinc-600 dark:text-zinc-400">{f}</code>
                  </Cell>
                  <Cell label="State">{state ? <EntitlementBadge entitlement={state.entitlement} /> : "—"}</Cell>
                  <Cell label="Limit">{limitText(state)}</Cell>
                  <Cell label="In use">
                    {state?.actual ?? "—"}
                    {FEATURES[f].counts && <div className="text-xs text-zinc-600 dark:text-zinc-400">{FEATURES[f].counts}</div>}
                  </Cell>
                  <Cell label="Unlocks">
                    <p className="max-w-md text-zinc-700 dark:text-zinc-300">{FEATURES[f].unlocks}</p>
                  </Cell>
                </Row>
              );
            })}
          </DataTable>
        )}
      </Section>
    </div>
  );
}

function limitText(state: FeatureState | undefined): string {
  if (!state?.enabled) return "—";
  return state.limit === null ? "Included" : String(state.limit);
}
