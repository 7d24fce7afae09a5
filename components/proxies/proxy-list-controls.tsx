// The proxy list's filters (above the table) and its pages (below it). Plain views of their
// props; ProxiesView keeps the state in the URL (./proxy-list.ts).
import type { ProxyStatus } from "@/lib/api/proxies";
import { Field, SelectField } from "@/components/ui/form";
import { Pager } from "@/components/ui/pager";
import { PROXY_STATUSES, type ProxyListFilter, type ProxyPage } from "./proxy-list";

export function ProxyFilters({ filter, total, counts, onChange }: { filter: ProxyListFilter; total: number; counts: Record<ProxyStatus, number>; onChange: (next: Partial<ProxyListFilter>) => void }) {
  return (
    <div role="search" aria-label="Filter proxies" className="mb-4 grid gap-3 sm:grid-cols-[minmax(0,20rem)_14rem]">
      <Field label="Filter proxies" type="search" value={filter.q} onChange={(e) => onChange({ q: e.target.value })} placeholder="Name, URL or location" autoComplete="off" maxLength={200} />
      <SelectField label="Status" value={filter.status} onChange={(e) => onChange({ status: e.target.value as ProxyStatus | "" })}>
        <option value="">All statuses ({total.toLocaleString("en-US")})</option>
        {PROXY_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status} ({counts[status].toLocaleString("en-US")})
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** Where the rows shown sit among the matches, and the way to the other pages (when there are any). */
export function ProxyPager({ shown, total, filtered, onPage }: { shown: ProxyPage; total: number; filtered: boolean; onPage: (page: number) => void }) {
  const of = `${shown.matched.toLocaleString("en-US")}${filtered ? ` matching (of ${total.toLocaleString("en-US")})` : ""}`;
  return (
    <nav aria-label="Proxy pages" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
      <p role="status">{shown.matched ? `Showing ${shown.from.toLocaleString("en-US")}–${shown.to.toLocaleString("en-US")} of ${of}` : `No proxy of ${total.toLocaleString("en-US")} matches`}</p>
      {shown.pages > 1 && <Pager page={shown.page} pages={shown.pages} onPage={onPage} />}
    </nav>
  );
}
