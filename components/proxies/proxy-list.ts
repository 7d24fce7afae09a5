// Which proxies the admin's list shows: a text filter, a status filter and a page, all kept in the
// URL (`?q=…&status=…&page=…`) so a filtered view can be linked and survives a reload. The whole
// list is in the browser already (it is what the live events keep fresh), so filtering and paging
// cost no request; thousands of rows rendered at once would not.
import type { ProxyStatus, WorkspaceProxy } from "@/lib/api/proxies";
import { locationLabel, sortForReading } from "@/components/overview/proxies-table";

export const PROXY_PAGE_SIZE = 50;
export const PROXY_STATUSES: readonly ProxyStatus[] = ["unreachable", "unhealthy", "unregistered", "ok"];

export interface ProxyListFilter {
  /** Every word must appear, ignoring case, in the name, display name, URL or location. */
  q: string;
  status: ProxyStatus | "";
  page: number;
}

export function filterFromSearch(params: { get(name: string): string | null }): ProxyListFilter {
  const status = params.get("status") ?? "";
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    status: (PROXY_STATUSES as readonly string[]).includes(status) ? (status as ProxyStatus) : "",
    page: Math.max(1, Math.floor(Number(params.get("page"))) || 1),
  };
}

/** The query string for `filter`, leaving out what is the default ("" when everything is). */
export function searchFromFilter(filter: ProxyListFilter): string {
  const query = new URLSearchParams();
  if (filter.q) query.set("q", filter.q);
  if (filter.status) query.set("status", filter.status);
  if (filter.page > 1) query.set("page", String(filter.page));
  return query.size ? `?${query}` : "";
}

export interface ProxyPage {
  rows: WorkspaceProxy[];
  /** How many proxies the filters match. */
  matched: number;
  /** The page shown: the one asked for, or the last one when fewer pages remain. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown among the matches (0 and 0 when none). */
  from: number;
  to: number;
}

export function pageOfProxies(proxies: WorkspaceProxy[], filter: ProxyListFilter, pageSize = PROXY_PAGE_SIZE): ProxyPage {
  const words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = sortForReading(proxies).filter((p) => {
    if (filter.status && p.status.status !== filter.status) return false;
    const text = `${p.name} ${p.display_name} ${p.path_app_url} ${locationLabel(p.location) ?? ""}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const pages = Math.max(1, Math.ceil(matches.length / pageSize));
  const page = Math.min(filter.page, pages);
  const rows = matches.slice((page - 1) * pageSize, page * pageSize);
  const from = rows.length ? (page - 1) * pageSize + 1 : 0;
  return { rows, matched: matches.length, page, pages, from, to: from ? from + rows.length - 1 : 0 };
}

/** How many proxies have each status, for the status filter's options. */
export function countByStatus(proxies: WorkspaceProxy[]): Record<ProxyStatus, number> {
  const counts: Record<ProxyStatus, number> = { unreachable: 0, unhealthy: 0, unregistered: 0, ok: 0 };
  for (const p of proxies) counts[p.status.status]++;
  return counts;
}
