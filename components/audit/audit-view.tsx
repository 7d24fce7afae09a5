"use client";
// Admin audit log: filters and page live in the URL, so a filtered view can be linked and reloaded.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { AUDIT_ACTIONS } from "@/lib/api/audit";
import { auditQuery } from "@/lib/query/accounts";
import { Button } from "@/components/ui/button";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Field, SelectField } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { Section } from "@/components/ui/section";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";

export function AuditView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = { action: params.get("action") ?? "", actor: params.get("actor") ?? "", page: Math.max(1, Number(params.get("page")) || 1) };
  const [actor, setActor] = useState(filters.actor);
  const log = useQuery({ ...auditQuery(filters), placeholderData: keepPreviousData });
  const go = (next: Partial<typeof filters>) => {
    const merged = { ...filters, page: 1, ...next };
    const query = new URLSearchParams(Object.entries(merged).filter(([k, v]) => v !== "" && !(k === "page" && v === 1)).map(([k, v]) => [k, String(v)]));
    router.replace(`${pathname}${query.size ? `?${query}` : ""}`);
  };
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / log.data.page_size)) : 1;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Sign-ins, account and token changes: who, what, when and from where.</p>
      </div>
      <form
        className="grid max-w-2xl gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          go({ actor });
        }}
      >
        <SelectField label="Action" value={filters.action} onChange={(e) => go({ action: e.target.value })}>
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </SelectField>
        <Field label="User email" type="search" value={actor} onChange={(e) => setActor(e.target.value)} />
        <Button type="submit">Filter</Button>
      </form>
      <Section headingId="audit-heading" title="Audit log" meta={log.data ? `${log.data.total} entries` : undefined}>
        {log.isPending ? (
          <TableSkeleton label="Loading the audit log" />
        ) : log.isError ? (
          <ErrorState title="Could not load the audit log" message={log.error.message} onRetry={() => log.refetch()} retrying={log.isFetching} />
        ) : log.data.entries.length === 0 ? (
          <EmptyState title="No entries match" />
        ) : (
          <DataTable labelledBy="audit-heading" columns={["Time", "User", "Action", "Resource", "From", "Change"]}>
            {log.data.entries.map((e) => (
              <Row key={e.id} label={`${e.action} ${e.resource_name}`}>
                <Cell label="Time" title>
                  <time dateTime={e.time}>{new Date(e.time).toLocaleString()}</time>
                </Cell>
                <Cell label="User">{e.actor?.email ?? "—"}</Cell>
                <Cell label="Action">
                  <code className="text-xs">{e.action}</code>
                  {e.status_code >= 400 && <span className="ml-2 text-xs text-red-700 dark:text-red-400">{e.status_code}</span>}
                </Cell>
                <Cell label="Resource">
                  {e.resource_type}: {e.resource_name || e.resource_id}
                </Cell>
                <Cell label="From">
                  <div>{e.ip ?? "—"}</div>
                  <div className="max-w-48 truncate text-xs text-zinc-600 dark:text-zinc-400" title={e.user_agent ?? ""}>
                    {e.user_agent}
                  </div>
                </Cell>
                <Cell label="Change">{Object.keys(e.diff).length ? <code className="text-xs break-all">{JSON.stringify(e.diff)}</code> : "—"}</Cell>
              </Row>
            ))}
          </DataTable>
        )}
        <nav aria-label="Audit log pages" className="flex items-center justify-between text-sm">
          <Pager page={filters.page} pages={pages} onPage={(page) => go({ page })} />
        </nav>
      </Section>
    </div>
  );
}
