"use client";
// Admin licenses page: upload (paste or file), the stored licenses with their state, delete with
// confirmation. Every change refreshes the entitlements, so locked features and the banner follow.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FEATURES, type FeatureName, type License } from "@/lib/api/licenses";
import { accountKeys } from "@/lib/query/accounts";
import { licenseKeys, licensesApi, licensesQuery } from "@/lib/query/licenses";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { UploadLicenseForm } from "./upload-license-form";

const STATES: Record<License["state"], { label: string; tone: Tone }> = {
  active: { label: "Active", tone: "good" },
  grace_period: { label: "Grace period", tone: "warn" },
  expired: { label: "Expired", tone: "bad" },
  invalid: { label: "Invalid", tone: "bad" },
};

const known = (f: string): f is FeatureName => f in FEATURES;
const date = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

export function LicensesView() {
  const client = useQueryClient();
  const licenses = useQuery(licensesQuery());
  const [uploaded, setUploaded] = useState<License | null>(null);
  const [deleting, setDeleting] = useState<License | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: licenseKeys.licenses });
    void client.invalidateQueries({ queryKey: licenseKeys.entitlements });
    void client.invalidateQueries({ queryKey: accountKeys.auditAll });
  };
  const remove = useMutation({
    mutationFn: (id: number) => licensesApi.remove(id),
    onSuccess: () => {
      setDeleting(null);
      setUploaded(null);
      refresh();
    },
  });

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Licenses</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Licenses unlock premium features; see what is unlocked on the{" "}
          <Link href="/features" className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            Features
          </Link>{" "}
          page.
        </p>
      </div>

      <UploadLicenseForm
        onUploaded={(license) => {
          setUploaded(license);
          refresh();
        }}
      />
      {uploaded && (
        <p role="status" className="max-w-2xl rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
          License uploaded: {featureList(uploaded)} unlocked until {date(uploaded.grace_at)}.
        </p>
      )}

      <Section headingId="licenses-heading" title="Uploaded licenses" meta={licenses.data?.licenses.length ? `${licenses.data.licenses.length}` : undefined}>
        <FormError error={remove.error} />
        {licenses.isPending ? (
          <TableSkeleton label="Loading licenses" />
        ) : licenses.isError ? (
          <ErrorState title="Could not load the licenses" message={licenses.error.message} onRetry={() => licenses.refetch()} retrying={licenses.isFetching} />
        ) : licenses.data.licenses.length === 0 ? (
          <EmptyState title="No license uploaded">
            A license is a signed file from your Meridian vendor. It unlocks premium features ({Object.values(FEATURES).map((f) => f.name).join(", ")}) until its expiry date, then for a grace
            period. Without one, those features stay locked. Paste or choose a license above.
          </EmptyState>
        ) : (
          <DataTable labelledBy="licenses-heading" columns={["License", "Features", "Grace period starts", "Expires", "State", ""]}>
            {licenses.data.licenses.map((l) => (
              <Row key={l.id} label={`License ${l.uuid}`}>
                <Cell label="License" title>
                  <div className="font-medium">{l.account_id || "Unknown account"}</div>
                  <code className="text-xs break-all text-zinc-600 dark:text-zinc-400">{l.uuid}</code>
                  {l.trial && (
                    <div className="mt-1">
                      <Badge tone="info">Trial</Badge>
                    </div>
                  )}
                </Cell>
                <Cell label="Features">{featureList(l) || "—"}</Cell>
                <Cell label="Grace period starts">
                  <time dateTime={l.grace_at}>{date(l.grace_at)}</time>
                </Cell>
                <Cell label="Expires">
                  <time dateTime={l.expires_at}>{date(l.expires_at)}</time>
                </Cell>
                <Cell label="State">
                  <Badge tone={STATES[l.state].tone} dot>
                    {STATES[l.state].label}
                  </Badge>
                  {l.problem && <p className="mt-1 max-w-xs text-xs text-red-800 dark:text-red-300">{l.problem}</p>}
                </Cell>
                <Cell label="Actions">
                  <Button aria-label={`Delete license ${l.uuid}`} onClick={() => setDeleting(l)}>
                    Delete
                  </Button>
                </Cell>
              </Row>
            ))}
          </DataTable>
        )}
      </Section>

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this license?"
        body={
          <p>
            License <code className="break-all">{deleting?.uuid}</code> ({deleting ? featureList(deleting) || "no features" : ""}) is removed. The features it unlocks lock at once unless another
            license covers them.
          </p>
        }
        action="Delete"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => setDeleting(null)}
      />
    </div>
  );
}

function featureList(l: License): string {
  return Object.entries(l.features)
    .filter(([, limit]) => limit > 0)
    .map(([f, limit]) => (!known(f) ? `${f} (${limit})` : FEATURES[f].counts !== null ? `${FEATURES[f].name} (${limit})` : FEATURES[f].name))
    .join(", ");
}
