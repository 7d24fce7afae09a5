"use client";
// Admin page for the embed allow-list: what it does, add an origin, the list (the variable's
// entries marked and not removable), remove with confirmation, and the iframe code to paste.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { EmbedOrigin } from "@/lib/api/embed";
import { accountKeys } from "@/lib/query/accounts";
import { embedApi, embedKeys, embedOriginsQuery } from "@/lib/query/embed";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form";
import { AddOriginForm } from "./add-origin-form";
import { IframeSnippet } from "./iframe-snippet";
import { OriginsSection } from "./origins-section";

const code = "font-mono text-[0.9em]";

export function EmbedOriginsView({ accessUrl }: { accessUrl: string }) {
  const client = useQueryClient();
  const origins = useQuery(embedOriginsQuery());
  const [added, setAdded] = useState<EmbedOrigin | null>(null);
  const [removing, setRemoving] = useState<EmbedOrigin | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: embedKeys.origins });
    void client.invalidateQueries({ queryKey: accountKeys.auditAll });
  };
  const remove = useMutation({
    mutationFn: (id: string) => embedApi.remove(id),
    onSuccess: () => {
      setRemoving(null);
      setAdded(null);
      refresh();
    },
  });
  const closeDialog = () => {
    setRemoving(null);
    remove.reset();
  };

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Embedding</h1>
        <div className="mt-1 max-w-prose space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
          <p>
            A company portal can show the region picker inside its own pages, in an iframe of <code className={code}>/embed/region-picker</code>. Browsers render it there only for
            the origins listed here: Meridian names them in that page&apos;s <code className={code}>Content-Security-Policy: frame-ancestors</code>. Every other Meridian page can
            be framed by Meridian alone.
          </p>
          <p>
            An origin is the scheme, host and port of the portal&apos;s page, such as <code className={code}>https://portal.example.com</code>. A change applies on this replica at
            once and on the others within a few seconds.
          </p>
        </div>
      </div>

      <AddOriginForm
        onAdded={(origin) => {
          setAdded(origin);
          refresh();
        }}
      />
      {added && (
        <p role="status" className="max-w-2xl rounded-md bg-emerald-50 px-3 py-2 text-sm break-words text-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
          <code className={code}>{added.origin}</code> may now embed the region picker.
        </p>
      )}

      <OriginsSection query={origins} onRemove={setRemoving} />

      <IframeSnippet accessUrl={accessUrl} />

      <ConfirmDialog
        open={removing !== null}
        title="Remove this origin?"
        body={
          <>
            <p>
              Pages on <code className="break-all">{removing?.origin}</code> can no longer show the region picker: browsers refuse to render it there from the next page load.
            </p>
            {remove.error ? (
              <div className="mt-3">
                <FormError error={remove.error} />
              </div>
            ) : null}
          </>
        }
        action="Remove"
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={closeDialog}
      />
    </div>
  );
}
