// The API reference as a signed-in user reads it: drawn from the OpenAPI document the server
// builds, with every operation's fields; the filter narrows the list; keyboard, axe in both colour
// schemes and a phone's width; and not one request leaves the console's origin (no CDN, no viewer
// downloaded). The document itself is served, public and cacheable, at /api/v2/openapi.json.
import type { Page } from "@playwright/test";
import { freePort } from "../server/postgres/embedded";
import { seriousViolations } from "./fixtures/axe";
import { expect, signInAsOwner, test } from "./fixtures/meridian";

const operation = (page: Page, name: RegExp) => page.getByRole("article", { name });

test("lists every operation with its fields, filters them, and loads nothing from elsewhere", async ({ meridian, page }) => {
  const port = await freePort();
  const server = await meridian({ port, args: ["--no-demo"], env: { MERIDIAN_ACCESS_URL: `http://127.0.0.1:${port}` } });
  const foreign: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).origin !== server.url && !req.url().startsWith("data:")) foreign.push(req.url());
  });
  await signInAsOwner(page, server);
  await page.goto(`${server.url}/api-reference`);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  // GET /api/v2/regions with who may call it and the fields of its answer.
  const regions = operation(page, /GET \/api\/v2\/regions$/);
  await expect(regions).toBeVisible();
  await expect(regions).toContainText("Any signed-in user; an embed token too");
  for (const field of ["regions", "display_name", "icon_url", "healthy", "path_app_url", "wildcard_hostname"]) await expect(regions.getByText(field, { exact: true })).toBeVisible();
  // A body's constraints, from the same zod schema the route parses with.
  const createProxy = operation(page, /POST \/api\/v2\/workspaceproxies$/);
  await expect(createProxy).toContainText("1–63 characters");
  await expect(createProxy).toContainText("409");

  // The filter: words match method, path and summary; the count is announced.
  const filter = page.getByRole("searchbox", { name: "Filter operations" });
  await filter.fill("delete licenses");
  await expect(page.getByRole("status").filter({ hasText: /^1 of \d+ operations$/ })).toBeVisible();
  await expect(operation(page, /DELETE \/api\/v2\/licenses\/\{id\}$/)).toBeVisible();
  await expect(regions).toHaveCount(0);
  await filter.fill("no such operation");
  await expect(page.getByText("No operation matches")).toBeVisible();
  await filter.fill("");
  await expect(regions).toBeVisible();

  // Keyboard: the anchor link of an operation is reachable and lands on it.
  await regions.getByRole("link", { name: "Link to GET /api/v2/regions" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#getRegions$/);

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), scheme).toEqual([]);
  }

  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(regions).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  expect(foreign).toEqual([]);

  // The document the page shows is public and cacheable.
  const res = await fetch(`${server.url}/api/v2/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("public");
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.paths).toHaveProperty("/api/v2/regions");
  const again = await fetch(`${server.url}/api/v2/openapi.json`, { headers: { "if-none-match": res.headers.get("etag")! } });
  expect(again.status).toBe(304);
});
