// The proxy and replica detail pages against the demo topology (real agents for Frankfurt, São
// Paulo and Sydney): reached from the overview by name, they draw the status timeline and latency
// with recharts, list the status changes, keep the period in the URL, pass axe in both schemes and
// fit a phone; an unknown id is a 404.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInAsOwner, test } from "./fixtures/meridian";

/** Agents register and the checker sweeps (15 s): well within this. */
const SETTLED_MS = 30_000;

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const chart = (page: Page, id: string) => page.locator(`[data-chart="${id}"] .recharts-wrapper > svg.recharts-surface`);

test("a proxy's and a replica's detail pages: charts, status log, period in the URL, accessible, on a phone", async ({ meridian, page }) => {
  test.setTimeout(150_000);
  const server = await meridian();
  await signInAsOwner(page, server);
  await page.goto(server.url);

  // From the overview's proxies table, by name, once the agent has registered and been checked.
  const proxies = page.getByRole("table", { name: "Workspace proxies" });
  await expect(proxies.getByRole("row", { name: "demo-frankfurt" }).getByText("ok", { exact: true })).toBeVisible({ timeout: SETTLED_MS });
  await proxies.getByRole("link", { name: "Frankfurt (demo)" }).click();
  await expect(page).toHaveURL(new RegExp(`^${server.url}/proxies/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Frankfurt (demo)" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Period" }).locator('[aria-current="page"]')).toHaveText("Last 24 h");

  // The checks so far are drawn (the page follows live events, so a sweep may add more meanwhile).
  await expect(chart(page, "status-timeline")).toBeVisible({ timeout: SETTLED_MS });
  await expect(chart(page, "check-latency")).toBeVisible();
  await expect(page.getByRole("figure", { name: "Status" })).toContainText(/\d+ checks?: \d+ ok/);
  // The registration turned it from unregistered to ok: that change is in the log, with its reason column.
  const log = page.getByRole("table", { name: "Status changes" });
  await expect(log.getByRole("row", { name: "unregistered to ok" })).toBeVisible();

  // The text alternative holds the same buckets.
  await page.getByText("Status as a table").click();
  await expect(page.getByRole("region", { name: "Status as a table" }).getByRole("row")).not.toHaveCount(1);

  // Another period: in the URL, marked current, drawn again.
  await page.getByRole("link", { name: "Last 7 d" }).click();
  await expect(page).toHaveURL(/\?period=7d$/);
  await expect(page.getByRole("link", { name: "Last 7 d" })).toHaveAttribute("aria-current", "page");
  await expect(chart(page, "status-timeline")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "Last 7 d" })).toHaveAttribute("aria-current", "page");

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `proxy detail page in ${scheme} mode`).toEqual([]);
  }

  // A phone: nothing to scroll sideways, the chart within the screen.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(chart(page, "status-timeline")).toBeVisible();
  const box = (await chart(page, "status-timeline").boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });

  // A replica, by hostname from the overview's replicas table.
  await page.goto(server.url);
  await page.getByRole("table", { name: "Replicas" }).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`^${server.url}/replicas/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(chart(page, "database-latency")).toBeVisible({ timeout: SETTLED_MS });
  await expect(page.getByRole("figure", { name: "Database latency" })).toContainText(/median [\d.]+ (ms|s)/);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `replica detail page in ${scheme} mode`).toEqual([]);
  }

  // An id that names nothing is the console's not-found page with a real 404, for both kinds.
  for (const path of [`/proxies/${randomUUID()}`, `/replicas/${randomUUID()}`, "/proxies/not-an-id"]) {
    const res = await page.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" }), path).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the console" }), path).toBeVisible();
    await expect(page.locator('meta[name="robots"][content="noindex"]').first(), path).toBeAttached();
  }
});
