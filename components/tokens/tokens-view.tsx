"use client";
// The signed-in user's API tokens: create (the key is shown once), list, revoke with confirmation.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiToken } from "@/lib/api/tokens";
import { accountKeys, accountsApi, tokensQuery } from "@/lib/query/accounts";
import { Button } from "@/components/ui/button";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, fieldError, FormError, PrimaryButton } from "@/components/ui/form";
import { RelativeTime } from "@/components/ui/relative-time";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { useNow } from "@/components/ui/use-now";

export function TokensView({ renderedAt }: { renderedAt: number }) {
  const client = useQueryClient();
  const tokens = useQuery(tokensQuery());
  const [name, setName] = useState("");
  const [days, setDays] = useState("30");
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const create = useMutation({
    mutationFn: accountsApi.createToken,
    onSuccess: () => {
      setName("");
      void client.invalidateQueries({ queryKey: accountKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => accountsApi.revokeToken(id),
    onSuccess: () => {
      setRevoking(null);
      void client.invalidateQueries({ queryKey: accountKeys.tokens });
    },
  });
  const now = useNow(renderedAt);

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Tokens act as you from scripts and the CLI: send one as <code>Authorization: Bearer …</code> or <code>Meridian-Session-Token</code>.
        </p>
      </div>

      <form
        className="grid max-w-2xl gap-4 rounded-xl border border-zinc-200 bg-white p-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end dark:border-zinc-800 dark:bg-zinc-900"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, lifetime_days: Number(days) });
        }}
      >
        <Field label="Token name" required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, "name")} />
        <Field label="Expires in (days)" type="number" min={1} max={365} required value={days} onChange={(e) => setDays(e.target.value)} error={fieldError(create.error, "lifetime_days")} />
        <PrimaryButton type="submit" pending={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </PrimaryButton>
        <div className="sm:col-span-3">
          <FormError error={create.error && !fieldError(create.error, "name") && !fieldError(create.error, "lifetime_days") ? create.error : null} />
        </div>
      </form>

      {create.data && <NewKey name={create.data.token.name} value={create.data.key} />}

      <Section headingId="tokens-heading" title="Your tokens">
        {tokens.isPending ? (
          <TableSkeleton label="Loading tokens" />
        ) : tokens.isError ? (
          <ErrorState title="Could not load your tokens" message={tokens.error.message} onRetry={() => tokens.refetch()} retrying={tokens.isFetching} />
        ) : tokens.data.tokens.length === 0 ? (
          <EmptyState title="No tokens yet">Create one above for a script or the CLI.</EmptyState>
        ) : null}
        {tokens.data && tokens.data.tokens.length > 0 && (
            <DataTable labelledBy="tokens-heading" columns={["Name", "Created", "Expires", "Last used", ""]}>
              {tokens.data.tokens.map((t) => (
                <Row key={t.id} label={t.name}>
                  <Cell label="Name" title>
                    <span className="font-medium">{t.name}</span>
                  </Cell>
                  <Cell label="Created">
                    <RelativeTime iso={t.created_at} now={now} />
                  </Cell>
                  <Cell label="Expires">{new Date(t.expires_at).toLocaleDateString()}</Cell>
                  <Cell label="Last used">{t.last_used_at ? <RelativeTime iso={t.last_used_at} now={now} /> : "never"}</Cell>
                  <Cell label="Actions">
                    <Button aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
                      Revoke
                    </Button>
                  </Cell>
                </Row>
              ))}
            </DataTable>
        )}
      </Section>

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        body={<p>Anything using this token stops working at once. This cannot be undone.</p>}
        action="Revoke"
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </div>
  );
}

function NewKey({ name, value }: { name: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="max-w-2xl rounded-xl border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40">
      <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">Token “{name}” created. Copy it now: it will not be shown again.</p>
      <div className="mt-2 flex gap-2">
        <label htmlFor="new-token" className="sr-only">
          New token
        </label>
        <input id="new-token" readOnly value={value} onFocus={(e) => e.target.select()} className="min-w-0 flex-1 rounded-md bg-white px-3 py-2 font-mono text-sm ring-1 ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-700" />
        <Button
          onClick={async () => {
            await navigator.clipboard.writeText(value).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
