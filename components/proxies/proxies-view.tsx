"use client";
// Admin proxies page: the live list (kept fresh by live events as agents register and the checker
// sweeps), create with the token shown once, edit, regenerate the token, soft delete.
// Premium actions are shown locked, not hidden, when the license does not include them.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { WorkspaceProxy } from "@/lib/api/proxies";
import { accountKeys } from "@/lib/query/accounts";
import { entitlementsQuery, licenseKeys } from "@/lib/query/licenses";
import { proxiesApi, proxyKeys, workspaceProxiesQuery } from "@/lib/query/proxies";
import { regionKeys } from "@/lib/query/regions";
import { formatCount } from "@/lib/format";
import { useFallbackRefetch } from "@/components/layout/live-updates";
import { errorText } from "@/components/overview/query-view";
import { RefreshStatus } from "@/components/overview/refresh-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormError, PrimaryButton } from "@/components/ui/form";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useNow } from "@/components/ui/use-now";
import { CreateProxyDialog } from "./create-proxy-dialog";
import { EditProxyDialog } from "./edit-proxy-dialog";
import { LockIcon, PREMIUM_NOTE_ID, PremiumNote, workspaceProxyLocked } from "./premium";
import { ProxyFilters, ProxyPager } from "./proxy-list-controls";
import { countByStatus, filterFromSearch, pageOfProxies, searchFromFilter, type ProxyListFilter } from "./proxy-list";
import { ProxyTable } from "./proxy-table";
import { TokenDialog, type ShownToken } from "./token-dialog";

const HEADING_ID = "proxies-heading";

type Open = { kind: "none" } | { kind: "create" } | { kind: "edit" | "regenerate" | "delete"; proxy: WorkspaceProxy } | { kind: "token"; shown: ShownToken };
const NONE: Open = { kind: "none" };

/** Everything that shows proxies, plus the audit log and entitlement counts they change. */
function invalidateAfterWrite(client: QueryClient) {
  for (const queryKey of [proxyKeys.all, regionKeys.list, accountKeys.auditAll, licenseKeys.entitlements]) void client.invalidateQueries({ queryKey });
}

/** `accessUrl`: MERIDIAN_ACCESS_URL when set (the agent command names the primary by it). */
export function ProxiesView({ renderedAt, accessUrl }: { renderedAt: number; accessUrl: string | null }) {
  const client = useQueryClient();
  const now = useNow(renderedAt);
  const proxies = useQuery({ ...workspaceProxiesQuery(), refetchInterval: useFallbackRefetch() });
  const entitlements = useQuery({ ...entitlementsQuery(), retry: false });
  // The server renders it unlocked (entitlements load in the browser): so does the hydrating render.
  const locked = workspaceProxyLocked(useHydrated() ? entitlements.data : undefined);
  const [open, setOpen] = useState<Open>(NONE);
  // A native <dialog> reports every close, including the one we cause by opening the next dialog:
  // only clear the state if it still belongs to the dialog that closed.
  const closeIf = (kind: Open["kind"]) => () => setOpen((current) => (current.kind === kind ? NONE : current));

  const regenerate = useMutation({
    mutationFn: (proxy: WorkspaceProxy) => proxiesApi.update(proxy.id, { regenerate_token: true }),
    onSuccess: (res, proxy) => {
      invalidateAfterWrite(client);
      if (res.proxy_token) setOpen({ kind: "token", shown: { proxyName: proxy.name, token: res.proxy_token, reason: "regenerated" } });
    },
  });
  const remove = useMutation({
    mutationFn: (proxy: WorkspaceProxy) => proxiesApi.remove(proxy.id),
    onSuccess: () => {
      invalidateAfterWrite(client);
      setOpen(NONE);
    },
  });
  const target = open.kind === "edit" || open.kind === "regenerate" || open.kind === "delete" ? open.proxy : null;
  const list = proxies.data?.regions;
  const [filter, setFilter, filtered] = useListFilter();
  const shown = list && pageOfProxies(list, filter);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Workspace proxies</h1>
          <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">Proxies relay users&apos; traffic to their workspaces from other regions. Register one here, then run its agent where it lives.</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <RefreshStatus
            updatedAt={proxies.dataUpdatedAt}
            now={now}
            fetching={proxies.isFetching}
            staleError={list && proxies.error ? `Couldn't refresh workspace proxies: ${errorText(proxies.error).message}` : null}
            onRefresh={() => void proxies.refetch()}
          />
          {locked ? (
            // Shown, not hidden: the note below says what it unlocks and where to get it.
            <Button disabled aria-describedby={PREMIUM_NOTE_ID}>
              <LockIcon />
              New proxy
              <Badge tone="warn">Premium</Badge>
            </Button>
          ) : (
            <PrimaryButton type="button" onClick={() => setOpen({ kind: "create" })}>
              New proxy
            </PrimaryButton>
          )}
        </div>
      </div>
      {locked && <PremiumNote />}
      <Section headingId={HEADING_ID} title="Workspace proxies" meta={list && formatCount(list.length, "proxy", "proxies")}>
        {list && shown ? (
          list.length ? (
            <>
              <ProxyFilters filter={filter} total={list.length} counts={countByStatus(list)} onChange={setFilter} />
              {shown.rows.length ? (
                <ProxyTable
                  proxies={shown.rows}
                  now={now}
                  labelledBy={HEADING_ID}
                  locked={locked}
                  actions={{
                    onEdit: (proxy) => setOpen({ kind: "edit", proxy }),
                    onRegenerate: (proxy) => {
                      regenerate.reset();
                      setOpen({ kind: "regenerate", proxy });
                    },
                    onDelete: (proxy) => {
                      remove.reset();
                      setOpen({ kind: "delete", proxy });
                    },
                  }}
                />
              ) : (
                <EmptyState title="No proxy matches these filters">
                  <Button onClick={() => setFilter({ q: "", status: "" })}>Clear filters</Button>
                </EmptyState>
              )}
              <ProxyPager shown={shown} total={list.length} filtered={filtered} onPage={(page) => setFilter({ page })} />
            </>
          ) : (
            <EmptyState title="No workspace proxies yet">
              A proxy relays users&apos; traffic to their workspaces from another region.{" "}
              {locked ? "Once a license includes Workspace Proxy, choose " : "Choose "}
              <strong>New proxy</strong>, then run the command it shows in that region.
            </EmptyState>
          )
        ) : proxies.error ? (
          <ErrorState title="Couldn't load workspace proxies" {...errorText(proxies.error)} onRetry={() => void proxies.refetch()} retrying={proxies.isFetching} />
        ) : (
          <TableSkeleton label="Loading workspace proxies" rows={4} />
        )}
      </Section>

      <CreateProxyDialog
        open={open.kind === "create"}
        onClose={closeIf("create")}
        onCreated={(created) => {
          invalidateAfterWrite(client);
          setOpen({ kind: "token", shown: { proxyName: created.proxy.name, token: created.proxy_token, reason: "created" } });
        }}
      />
      <EditProxyDialog
        proxy={open.kind === "edit" ? open.proxy : null}
        onClose={closeIf("edit")}
        onSaved={() => {
          invalidateAfterWrite(client);
          setOpen(NONE);
        }}
      />
      <ConfirmDialog
        open={open.kind === "regenerate"}
        title={`Regenerate the token for ${target?.name ?? ""}?`}
        body={
          <div className="space-y-2">
            <p>The current token stops working at once: the running agent is refused the next time it registers.</p>
            <p>You will see the new token once. Restart the agent with it.</p>
            <FormError error={regenerate.error} />
          </div>
        }
        action="Regenerate token"
        pending={regenerate.isPending}
        onConfirm={() => target && regenerate.mutate(target)}
        onClose={closeIf("regenerate")}
      />
      <ConfirmDialog
        open={open.kind === "delete"}
        title={`Delete ${target?.display_name || target?.name || ""}?`}
        body={
          <div className="space-y-2">
            <p>
              The proxy <span className="font-mono">{target?.name}</span> leaves the region list for every user, and its token stops working at once. Its history stays in the audit log.
            </p>
            <FormError error={remove.error} />
          </div>
        }
        action="Delete"
        pending={remove.isPending}
        onConfirm={() => target && remove.mutate(target)}
        onClose={closeIf("delete")}
      />
      <TokenDialog shown={open.kind === "token" ? open.shown : null} accessUrl={accessUrl} onClose={closeIf("token")} />
    </div>
  );
}

/**
 * The list's filters and page, kept in the URL without a navigation (Next keeps its router in step
 * with history.replaceState): a filtered view can be linked and survives a reload. Any change
 * other than the page goes back to the first page.
 */
function useListFilter(): [ProxyListFilter, (next: Partial<ProxyListFilter>) => void, boolean] {
  const params = useSearchParams();
  const pathname = usePathname();
  const [filter, setFilter] = useState(() => filterFromSearch(params));
  const change = (next: Partial<ProxyListFilter>) => {
    const merged = { ...filter, page: 1, ...next };
    setFilter(merged);
    window.history.replaceState(null, "", `${pathname}${searchFromFilter(merged)}`);
  };
  return [filter, change, filter.q.trim() !== "" || filter.status !== ""];
}
