// The health report as an admin uses it, against a real server and a real proxy agent: every
// section is shown; the proxy killed, the workspace proxies section reports EWP01 and a banner
// appears on every console page; "What to do" opens the code's section of the docs; dismissing the
// section (after confirming) removes the banner, restoring brings it back. Axe in both schemes, and
// it fits a phone.
import type { Page } from "@playwright/test";
import { freePort } from "../server/postgres/embedded";
import { seriousViolations } from "./fixtures/axe";
import { expect, LOOPBACK_PROXIES, signInAsOwner, test } from "./fixtures/meridian";
import { startProxy, uploadLicense } from "./fixtures/topology";

/** The agent registers and the checker sweeps every second: well within this. */
const SETTLED_MS = 30_000;
const SECTIONS = ["Database", "Replicas", "Workspace proxies", "License", "Access URL"];

const section = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });
const banner = (page: Page) => page.getByRole("region", { name: /^Deployment health/ });

test("the owner reads the health report, sees a killed proxy reported with its code and a banner, and dismisses it", async ({ meridian, page }) => {
  test.setTimeout(180_000);
  const port = await freePort();
  const server = await meridian({
    port,
    args: ["--no-demo"],
    env: { MERIDIAN_LICENSE_DEV_KEY: "true", MERIDIAN_PROXY_HEALTH_INTERVAL_MS: "1000", MERIDIAN_ACCESS_URL: `http://127.0.0.1:${port}`, ...LOOPBACK_PROXIES },
  });
  await signInAsOwner(page, server);
  await uploadLicense(page.request, server);
  const agent = await startProxy(page.request, server, "fra", 5);
  try {
    await page.goto(server.url);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Health" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Health" })).toBeVisible();
    for (const title of SECTIONS) await expect(section(page, title)).toBeVisible();

    // Healthy: the agent registered and answers its checks; the server reaches its own access URL.
    const proxies = section(page, "Workspace proxies");
    await expect(async () => {
      await page.getByRole("button", { name: "Check again" }).click();
      await expect(proxies).toContainText("1 of 1", { timeout: 2_000 });
    }).toPass({ timeout: SETTLED_MS });
    await expect(proxies).toHaveAttribute("data-severity", "ok");
    await expect(section(page, "Access URL")).toContainText("Yes, HTTP 200");
    await expect(section(page, "Access URL")).toContainText("No problems found");
    await expect(banner(page)).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /Everything checked is healthy|Healthy, with warnings/ })).toBeVisible();

    // The proxy dies: the live stream refreshes the report, which names the code; the banner follows.
    agent.kill();
    const finding = proxies.getByRole("listitem").filter({ hasText: "EWP01" });
    await expect(finding).toContainText("No workspace proxy is healthy", { timeout: SETTLED_MS });
    await expect(finding).toContainText("fra (unreachable");
    await expect(proxies).toHaveAttribute("data-severity", "error");
    await expect(page.getByRole("heading", { name: "Problems need attention" })).toBeVisible();
    await expect(banner(page)).toContainText("EWP01");

    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(page), `/health in ${scheme} mode`).toEqual([]);
    }

    // The banner is on every console page, and leads back here.
    await page.goto(`${server.url}/regions`);
    await expect(banner(page)).toContainText("EWP01");
    await banner(page).getByRole("link", { name: "See the health report" }).click();
    await expect(page).toHaveURL(`${server.url}/health`);

    // "What to do" opens the code's own section of the docs, served by the console.
    await finding.getByRole("link", { name: "What to do about EWP01" }).click();
    await expect(page).toHaveURL(`${server.url}/health/docs#ewp01`);
    await expect(page.getByRole("heading", { name: "EWP01: No workspace proxy is healthy" })).toBeInViewport();
    expect(await seriousViolations(page), "/health/docs").toEqual([]);
    await page.goBack();

    // Dismissing asks first; by keyboard, then the banner goes and the section stays, marked.
    await section(page, "Workspace proxies").getByRole("button", { name: "Dismiss the Workspace proxies section" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("alertdialog", { name: "Dismiss the Workspace proxies section?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Dismiss" }).click();
    await expect(dialog).toBeHidden();
    await expect(banner(page)).toHaveCount(0);
    await expect(section(page, "Workspace proxies")).toContainText("Dismissed");
    await expect(section(page, "Workspace proxies").getByRole("listitem").filter({ hasText: "EWP01" })).toBeVisible();
    await page.reload();
    await expect(section(page, "Workspace proxies").getByRole("button", { name: "Restore the Workspace proxies section" })).toBeVisible();
    await expect(banner(page)).toHaveCount(0);

    // A phone: nothing to scroll sideways.
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(section(page, "Access URL")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // Restoring needs no confirmation, and brings the banner back.
    await section(page, "Workspace proxies").getByRole("button", { name: "Restore the Workspace proxies section" }).click();
    await expect(banner(page)).toContainText("EWP01");
  } finally {
    agent.kill();
  }
});
