// Item 6 of the foundation: the overview as a person sees it, on a desktop and a phone, in light
// and dark mode, with no serious accessibility violations; errors are shown, not swallowed.
import AxeBuilder from "@axe-core/playwright";
import { expect, signInAsOwner, test } from "./fixtures/meridian";

async function seriousViolations(page: import("@playwright/test").Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("overview, sign-in and admin pages have no serious axe violations in light and dark mode", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const server = await meridian();
  await page.goto(`${server.url}/setup`);
  expect(await seriousViolations(page)).toEqual([]);
  await signInAsOwner(page, server);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["/", "/users", "/audit", "/licenses", "/features", "/settings/tokens"]) {
      await page.goto(`${server.url}${path}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
      expect(await seriousViolations(page), `${path} in ${scheme} mode`).toEqual([]);
    }
  }
});

test("the overview is readable on a phone: no sideways scrolling, every proxy listed", async ({ meridian, page }) => {
  const server = await meridian();
  await signInAsOwner(page, server);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(server.url);
  const proxies = page.getByRole("table", { name: "Workspace proxies" });
  await expect(proxies.getByText("Sydney (demo)")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("when the database goes away the overview says so and recovers with Refresh", async ({ meridian, postgres, page }) => {
  const server = await meridian({ env: { DATABASE_URL: postgres.url } });
  await signInAsOwner(page, server);
  await page.goto(server.url);
  await expect(page.getByRole("table", { name: "Replicas" })).toBeVisible();
  // Terminate the server's connections and refuse new ones: every API call now fails with a 500.
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: postgres.url.replace(/\/meridian$/, "/postgres") });
  await admin.connect();
  await admin.query("ALTER DATABASE meridian ALLOW_CONNECTIONS false");
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'meridian'");
  // The last good data stays on screen; the failed refresh is announced next to it.
  const warning = page.getByRole("status").filter({ hasText: /Couldn't refresh/ });
  await expect(warning).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Replicas" })).toBeVisible();
  await admin.query("ALTER DATABASE meridian ALLOW_CONNECTIONS true");
  await admin.end();
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(warning).toHaveCount(0, { timeout: 30_000 });
});

test("with more proxies than a page carries, the browser loads them itself: every one on the map, the table's 50 first, Show all", async ({ meridian, postgres, page }) => {
  test.setTimeout(90_000);
  const server = await meridian({ env: { DATABASE_URL: postgres.url } });
  const { seed } = await import("../bench/seed");
  await seed(postgres.url, { proxies: 250, replicas: 2 });
  const { default: pg } = await import("pg");
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  // Written behind the server's back: the event tells its caches, as another replica's write would.
  await db.query(`SELECT pg_notify('meridian_events', json_build_object('seq', nextval('meridian_event_seq'), 'type', t)::text) FROM unnest(ARRAY['proxy', 'replica']) AS t`);
  const { rows } = await db.query<{ placed: number; live: number }>("SELECT count(*) FILTER (WHERE latitude IS NOT NULL)::int AS placed, count(*)::int AS live FROM workspace_proxies WHERE deleted_at IS NULL");
  await db.end();
  await signInAsOwner(page, server);

  // The page itself does not carry the list (it would be sent twice: as markup and as data): no
  // dehydrated proxies query in it, and not one seeded proxy's display name...
  const html = await (await page.request.get(server.url)).text();
  expect(html).not.toMatch(/workspaceproxies\W+list/);
  expect(html).not.toMatch(/Amsterdam \d/);
  // ...the browser fetches it and draws every placed proxy.
  await page.goto(server.url);
  await expect(page.locator('a[data-proxy]:not([data-proxy="primary"])')).toHaveCount(rows[0].placed, { timeout: 30_000 });
  const table = page.getByRole("table", { name: "Workspace proxies" });
  await expect(table.getByRole("row")).toHaveCount(51); // a header and the 50 that most need attention
  await page.getByRole("button", { name: `Show all ${rows[0].live}` }).click();
  await expect(table.getByRole("row")).toHaveCount(rows[0].live + 1);
});
