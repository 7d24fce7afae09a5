// The health map on the admin overview, against the demo topology (real agents for Frankfurt, São
// Paulo and Sydney 20, 80 and 160 ms away; Tokyo and Oregon without agents): every proxy is a
// marker with its status, this browser's latency labels the lines, the markers work by keyboard
// and by pointer, there are no serious axe violations in either scheme, and it fits a phone.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInAsOwner, test } from "./fixtures/meridian";

/** Agents register, the checker sweeps and the overview polls (5 s): well within this. */
const SETTLED_MS = 30_000;

/** West to east, the order Tab walks the markers in. */
const DEMO_WEST_TO_EAST = ["demo-oregon", "demo-sao-paulo", "demo-frankfurt", "demo-tokyo", "demo-sydney"];

const healthMap = (page: Page) => page.getByRole("region", { name: "Health map" });
const marker = (page: Page, name: string) => healthMap(page).locator(`[data-proxy="${name}"]`);

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the health map shows the demo proxies by status and latency, by keyboard and pointer, accessibly, on a phone", async ({ meridian, page }) => {
  test.setTimeout(150_000);
  const server = await meridian();
  await signInAsOwner(page, server);
  await page.goto(server.url);
  const map = healthMap(page);

  for (const name of ["demo-frankfurt", "demo-sao-paulo", "demo-sydney"]) await expect(marker(page, name)).toHaveAttribute("data-status", "ok", { timeout: SETTLED_MS });
  for (const name of ["demo-tokyo", "demo-oregon"]) await expect(marker(page, name)).toHaveAttribute("data-status", "unregistered");
  // The demo's replicas run in region "primary", which is no place: the legend says so.
  await expect(map.locator('[data-proxy="primary"]')).toHaveCount(0);
  await expect(map.getByText(/region primary is not a region code/)).toBeVisible();

  // This browser measured every agent: it is placed at Frankfurt, the fastest one with a place.
  await expect(map.getByText(/This browser is probably near Frankfurt \(demo\)/)).toBeVisible({ timeout: SETTLED_MS });
  await expect(marker(page, "demo-sydney")).toHaveAccessibleName(/^Sydney \(demo\), ok, (about )?\d+ ms from this browser$/, { timeout: SETTLED_MS });
  await expect(marker(page, "demo-tokyo")).toHaveAccessibleName("Tokyo (demo), unregistered, no URL to measure from this browser");

  // Keyboard: from the text above the map, Tab walks the markers west to east, each showing its card.
  const card = page.getByRole("tooltip");
  await map.getByText(/This browser is probably near/).click();
  const walked: string[] = [];
  for (let i = 0; i < DEMO_WEST_TO_EAST.length; i++) {
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    const name = (await focused.getAttribute("data-proxy")) ?? "(not a marker)";
    walked.push(name);
    await expect(card).toBeVisible();
    await expect(focused).toHaveAccessibleDescription(/.+/);
  }
  expect(walked).toEqual(DEMO_WEST_TO_EAST);
  await expect(card).toContainText("Sydney (demo)");
  await expect(card).toContainText("From this browser");
  await page.keyboard.press("Escape");
  await expect(card).toBeHidden();
  await expect(marker(page, "demo-sydney")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(card).toContainText("Tokyo (demo)");
  await expect(card).toContainText("unregistered");

  // Pointer: hovering shows the card; the card stays while the pointer moves onto it.
  await marker(page, "demo-frankfurt").hover();
  await expect(card).toContainText("Frankfurt (demo)");
  await card.hover();
  await expect(card).toContainText("Frankfurt (demo)");

  // The text alternative holds the same markers.
  await map.getByText("The map as a table").click();
  const table = map.getByRole("table", { name: "The map as a table" });
  for (const name of DEMO_WEST_TO_EAST) await expect(table.getByRole("row", { name })).toBeVisible();

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Focus wins over the pointer resting on another marker's card.
    await marker(page, "demo-sao-paulo").focus();
    await expect(card).toContainText("São Paulo (demo)");
    expect(await seriousViolations(page), `overview with the map in ${scheme} mode`).toEqual([]);
  }

  // A click opens the proxy's detail page.
  await marker(page, "demo-frankfurt").click();
  await expect(page).toHaveURL(new RegExp(`^${server.url}/proxies/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Frankfurt (demo)" })).toBeVisible();

  // A phone: the whole map on screen, every marker inside it, nothing to scroll sideways.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(server.url);
  await expect(marker(page, "demo-frankfurt")).toBeVisible();
  const box = (await healthMap(page).locator("svg").first().boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  for (const name of DEMO_WEST_TO_EAST) {
    const m = (await marker(page, name).boundingBox())!;
    expect(m.x, name).toBeGreaterThanOrEqual(0);
    expect(m.x + m.width, name).toBeLessThanOrEqual(375);
    // A target a finger can hit (WCAG 2.5.8: 24 px).
    expect(m.width, name).toBeGreaterThanOrEqual(24);
  }
  await marker(page, "demo-sydney").focus();
  await expect(card).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("with a region code for the replicas, the primary is on the map with its replicas and is this browser's nearest region", async ({ meridian, page }) => {
  const server = await meridian({ env: { MERIDIAN_REGION: "eu-west" } });
  await signInAsOwner(page, server);
  await page.goto(server.url);
  const primary = marker(page, "primary");
  await expect(primary).toHaveAttribute("data-status", "live");
  // The primary is this machine: the fastest region there is, so the lines start from it.
  await expect(primary).toHaveAccessibleName(/^Primary, live, 1 replica, (about )?[\d.]+ ms from this browser$/, { timeout: SETTLED_MS });
  await expect(healthMap(page).getByText(/This browser is probably near Primary/)).toBeVisible();
  await expect(healthMap(page).getByText("Not on the map")).toHaveCount(0);
  await primary.focus();
  await expect(page.getByRole("tooltip")).toContainText("1 replica: 1 live");
  await expect(page.getByRole("tooltip")).toContainText("Europe West (Dublin)");
});
