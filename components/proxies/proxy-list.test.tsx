// The admin's proxy list with thousands of proxies: which rows a filter and a page show, how the
// URL keeps them, and what the pager says.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProxyStatus } from "@/lib/api/proxies";
import { proxy } from "@/components/overview/test-fixtures";
import { ProxyPager } from "./proxy-list-controls";
import { countByStatus, filterFromSearch, pageOfProxies, searchFromFilter } from "./proxy-list";

const STATUSES: ProxyStatus[] = ["ok", "unreachable", "unhealthy", "unregistered"];
const many = Array.from({ length: 120 }, (_, i) =>
  proxy({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    name: `p-${String(i).padStart(3, "0")}`,
    display_name: i % 10 === 0 ? `Frankfurt ${i}` : `Dublin ${i}`,
    path_app_url: `http://127.0.0.1:${5000 + i}`,
    location: i === 7 ? { code: "ap-south", latitude: 19.1, longitude: 72.9 } : null,
    demo: i >= 115,
    status: { status: STATUSES[i % 4], reason: "", report: { errors: [], warnings: [] }, checked_at: null },
  }),
);
const all = { q: "", status: "", page: 1 } as const;
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("pageOfProxies", () => {
  it("shows 50 rows a page, demo proxies last, and clamps a page past the end to the last one", () => {
    const first = pageOfProxies(many, all);
    expect(first).toMatchObject({ matched: 120, page: 1, pages: 3, from: 1, to: 50 });
    expect(names(first.rows).slice(0, 2)).toEqual(["p-000", "p-001"]);
    const last = pageOfProxies(many, { ...all, page: 99 });
    expect(last).toMatchObject({ page: 3, from: 101, to: 120 });
    expect(names(last.rows).slice(-5)).toEqual(["p-115", "p-116", "p-117", "p-118", "p-119"]);
  });

  it("matches every word typed, ignoring case, in the name, display name, URL or location; and the status", () => {
    expect(names(pageOfProxies(many, { ...all, q: "FRANKFURT 11" }).rows)).toEqual(["p-110"]);
    expect(names(pageOfProxies(many, { ...all, q: "127.0.0.1:5042" }).rows)).toEqual(["p-042"]);
    expect(names(pageOfProxies(many, { ...all, q: "mumbai" }).rows)).toEqual(["p-007"]);
    expect(names(pageOfProxies(many, { ...all, q: "  p-01  " }).rows)).toHaveLength(10);
    const unreachable = pageOfProxies(many, { ...all, status: "unreachable" });
    expect(unreachable.matched).toBe(30);
    expect(unreachable.rows.every((p) => p.status.status === "unreachable")).toBe(true);
    expect(pageOfProxies(many, { ...all, q: "frankfurt", status: "unhealthy" }).matched).toBe(6); // 10, 30 … 110
    expect(pageOfProxies(many, { ...all, q: "nowhere" })).toMatchObject({ rows: [], matched: 0, page: 1, pages: 1, from: 0, to: 0 });
  });

  it("counts each status for the filter's options", () => {
    expect(countByStatus(many)).toEqual({ ok: 30, unreachable: 30, unhealthy: 30, unregistered: 30 });
  });
});

describe("the URL", () => {
  it("round-trips a filter and leaves out the defaults", () => {
    const filter = { q: "eu west", status: "unhealthy", page: 3 } as const;
    const search = searchFromFilter(filter);
    expect(search).toBe("?q=eu+west&status=unhealthy&page=3");
    expect(filterFromSearch(new URLSearchParams(search))).toEqual(filter);
    expect(searchFromFilter(all)).toBe("");
  });

  it("ignores what it cannot use: an unknown status, a page that is not a positive number, an endless query", () => {
    expect(filterFromSearch(new URLSearchParams("status=bogus&page=-2"))).toEqual(all);
    expect(filterFromSearch(new URLSearchParams("page=abc")).page).toBe(1);
    expect(filterFromSearch(new URLSearchParams("page=2.7")).page).toBe(2);
    expect(filterFromSearch(new URLSearchParams(`q=${"x".repeat(5000)}`)).q).toHaveLength(200);
  });
});

describe("ProxyPager", () => {
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  it("says which rows are shown of how many, and offers the other pages only when there are some", () => {
    const paged = text(renderToStaticMarkup(<ProxyPager shown={pageOfProxies(many, { ...all, page: 2 })} total={120} filtered={false} onPage={() => {}} />));
    expect(paged).toContain("Showing 51–100 of 120");
    expect(paged).toContain("Page 2 of 3");
    expect(paged).toContain("Previous page");
    const filtered = text(renderToStaticMarkup(<ProxyPager shown={pageOfProxies(many, { ...all, q: "frankfurt" })} total={120} filtered onPage={() => {}} />));
    expect(filtered).toContain("Showing 1–12 of 12 matching (of 120)");
    expect(filtered).not.toContain("Next page");
    const none = text(renderToStaticMarkup(<ProxyPager shown={pageOfProxies(many, { ...all, q: "nowhere" })} total={120} filtered onPage={() => {}} />));
    expect(none).toContain("No proxy of 120 matches");
  });
});
