// The region picker as users meet it: three real agents at different simulated distances are
// ranked by the latency this browser measures, the fastest healthy one is chosen automatically,
// a manual choice survives a reload and shows in a second browser, and when a proxy dies an
// automatic choice moves (and says so) while a manual one stays and warns. The primary's access
// URL points at a closed port, so it is "unreachable from this browser" and the proxies compete.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { freePort } from "../server/postgres/embedded";
import { expect, LOOPBACK_PROXIES, signInAsOwner, test, type MeridianProcess } from "./fixtures/meridian";
import { startProxy, uploadLicense, type Agent } from "./fixtures/topology";

const HEALTH_INTERVAL_MS = 1_000;
/** One health interval, the regions poll (5 s) and the measurement, with room to spare. */
const NOTICE_WITHIN_MS = 30_000;

async function startTopology(meridian: (o?: object) => Promise<MeridianProcess>, page: Page, latencies: Record<string, number>) {
  const closed = await freePort();
  const server = await meridian({
    args: ["--no-demo"],
    env: { MERIDIAN_LICENSE_DEV_KEY: "true", MERIDIAN_PROXY_HEALTH_INTERVAL_MS: String(HEALTH_INTERVAL_MS), MERIDIAN_ACCESS_URL: `http://127.0.0.1:${closed}`, ...LOOPBACK_PROXIES },
  });
  await signInAsOwner(page, server);
  await uploadLicense(page.request, server);
  const agents: Agent[] = [];
  for (const [name, ms] of Object.entries(latencies)) agents.push(await startProxy(page.request, server, name, ms));
  return { server, agents };
}

/** Region rows on the page itself (the header picker's panel has its own). */
const rows = (page: Page) => page.locator("main [data-region]");
const row = (scope: Page | Locator, name: string) => ("goto" in scope ? scope.locator("main") : scope).locator(`[data-region="${name}"]`);

/** The rows as the user sees them, once every proxy has a number. */
async function measuredRows(page: Page, proxies: string[]) {
  await expect
    .poll(async () => {
      const all = await rows(page).evaluateAll((els) => els.map((e) => ({ name: e.getAttribute("data-region")!, ms: e.getAttribute("data-latency-ms")! })));
      return proxies.every((p) => all.some((r) => r.name === p && r.ms !== "")) ? all : null;
    }, { timeout: 30_000 })
    .not.toBeNull();
  return rows(page).evaluateAll((els) => els.map((e) => ({ name: e.getAttribute("data-region")!, ms: e.getAttribute("data-latency-ms")!, selected: e.getAttribute("data-selected") })));
}

test.afterEach(async () => {
  for (const agent of running.splice(0)) agent.kill();
});
const running: Agent[] = [];

test("ranks the regions by this browser's latency, picks the fastest, and keeps a manual choice across reloads and browsers", async ({ meridian, page, browser }) => {
  test.setTimeout(150_000);
  const { server, agents } = await startTopology(meridian, page, { near: 10, middle: 60, far: 150 });
  running.push(...agents);
  await page.goto(`${server.url}/regions`);
  // Exactly "healthy": "unhealthy" (not checked yet) must not pass.
  for (const name of ["near", "middle", "far"]) await expect(row(page, name).getByText("healthy", { exact: true })).toBeVisible({ timeout: 30_000 });
  // Measure again, and wait until it has finished (the far region alone takes about a second).
  const again = page.getByRole("button", { name: "Measure again" });
  await again.click();
  await expect(again).toHaveAttribute("aria-busy", "true");
  await expect(again).toHaveAttribute("aria-busy", "false", { timeout: 30_000 });

  const seen = await measuredRows(page, ["near", "middle", "far"]);
  const proxies = seen.filter((r) => r.name !== "primary");
  expect(proxies.map((r) => r.name)).toEqual(["near", "middle", "far"]);
  // Lower bounds only: a busy machine may add, never subtract.
  expect(Number(proxies[0].ms)).toBeGreaterThanOrEqual(10);
  expect(Number(proxies[1].ms)).toBeGreaterThanOrEqual(60);
  expect(Number(proxies[2].ms)).toBeGreaterThanOrEqual(150);
  await expect(row(page, "primary")).toContainText("Unreachable from this browser");
  await expect(row(page, "primary")).toHaveAttribute("data-latency-ms", "");
  // Automatic: the fastest healthy region is the one in use.
  await expect(page.getByRole("radio", { name: /^Automatic/ })).toBeChecked();
  await expect(row(page, "near")).toHaveAttribute("data-selected", "true");
  await expect(page.locator('main [data-selected="true"]')).toHaveCount(1);

  // Manual: the user chooses "far".
  await page.getByRole("radio", { name: /far \(150 ms\)/ }).check();
  await expect(row(page, "far")).toHaveAttribute("data-selected", "true");
  await expect(row(page, "near")).toHaveAttribute("data-selected", "false");
  await expect(page.getByText(/^You are working through far \(150 ms\).*, your choice\.$/)).toBeVisible();
  await page.reload();
  await expect(row(page, "far")).toHaveAttribute("data-selected", "true");
  await expect(page.getByRole("radio", { name: /far \(150 ms\)/ })).toBeChecked();

  // Another browser of the same user (its own storage, its own sign-in) sees the same choice.
  const other = await browser.newContext();
  const second = await other.newPage();
  await signInAsOwner(second, server);
  await second.goto(`${server.url}/regions`);
  await expect(row(second, "far")).toHaveAttribute("data-selected", "true");
  await expect(second.getByRole("radio", { name: /far \(150 ms\)/ })).toBeChecked();
  await other.close();

  // The chosen proxy dies: the choice stays, the user is warned and offered the fastest other region.
  agents[2].kill();
  const warning = page.getByRole("alert").filter({ hasText: /far \(150 ms\) is unhealthy/ });
  await expect(warning).toBeVisible({ timeout: NOTICE_WITHIN_MS });
  await expect(warning).toContainText("The fastest healthy region now is near (10 ms)");
  await expect(row(page, "far")).toHaveAttribute("data-selected", "true");
  await warning.getByRole("button", { name: "Switch to near (10 ms)" }).click();
  await expect(row(page, "near")).toHaveAttribute("data-selected", "true");
  await expect(warning).toHaveCount(0);
});

test("an automatic choice moves off a proxy that dies, and tells the user", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const { server, agents } = await startTopology(meridian, page, { quick: 5, steady: 70 });
  running.push(...agents);
  await page.goto(`${server.url}/regions`);
  await measuredRows(page, ["quick", "steady"]);
  await expect(row(page, "quick")).toHaveAttribute("data-selected", "true");
  // The header picker says the same.
  await expect(page.getByRole("button", { name: /^Region: quick/ })).toBeVisible();

  agents[0].kill();
  await expect(page.getByRole("status").filter({ hasText: /quick \(5 ms\) is unhealthy: you now work through steady \(70 ms\)/ })).toBeVisible({ timeout: NOTICE_WITHIN_MS });
  await expect(row(page, "steady")).toHaveAttribute("data-selected", "true");
  await expect(page.getByRole("button", { name: /^Region: steady/ })).toBeVisible();
});

test("the header picker chooses by keyboard, and the Regions page is accessible in light and dark and fits a phone", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const { server, agents } = await startTopology(meridian, page, { alpha: 0, beta: 40 });
  running.push(...agents);
  // Hydration mismatches, CSP refusals (the early warm-up script carries the nonce) and failed loads all surface here.
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${server.url}/users`);
  const picker = page.getByRole("button", { name: /^Region:/ });
  await picker.click();
  const panel = page.getByRole("group", { name: "Choose your region" });
  await expect(panel.getByRole("radio", { name: /^Automatic/ })).toBeFocused();
  await expect(row(panel, "beta")).not.toHaveAttribute("data-latency-ms", "", { timeout: 30_000 });
  // Arrow keys move through a radio group and choose as they go.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const chosen = await panel.locator("[data-region]:has(input:checked)").getAttribute("data-region");
  expect(chosen).not.toBeNull();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(picker).toBeFocused();
  // Both choices were saved in order: the account holds the last one.
  await expect
    .poll(async () => ((await (await page.request.get(`${server.url}/api/v2/users/me/region`)).json()) as { region: { name: string } | null }).region?.name)
    .toBe(chosen);
  await page.goto(`${server.url}/regions`);
  await expect(row(page, chosen!)).toHaveAttribute("data-selected", "true");

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}/regions`);
    await expect(row(page, "beta")).not.toHaveAttribute("data-latency-ms", "");
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), scheme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/regions`);
  await expect(row(page, "alpha")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  // The primary's access URL is a closed port on purpose: only its failed latency checks may complain.
  expect(problems.filter((p) => !/Failed to load resource: net::ERR_CONNECTION_REFUSED/.test(p))).toEqual([]);
});
