// Live updates across replicas (issue 10): two browsers, each on its own replica of one database,
// watch one proxy. Killing its agent turns it unreachable on both maps without a reload, faster
// than the slow fallback poll could, and the health banner and report say so with its code;
// restarting it brings it back, and its detail page shows the outage. The keyboard reaches every
// marker. A write through one replica is in the other's next reads at once (its cache is dropped
// by the event, not by a timer).
import type { Browser, Page } from "@playwright/test";
import { freePort } from "../server/postgres/embedded";
import { expect, LOOPBACK_PROXIES, ownerToken, signInAsOwner, test, type MeridianProcess } from "./fixtures/meridian";
import { startProxy, uploadLicense } from "./fixtures/topology";

/** The checker's interval in this spec: a killed proxy is seen within one interval. */
const HEALTH_INTERVAL_MS = 2_000;
/**
 * The bound is one interval + 2 s. A busy CI machine gets more, but always well under the
 * 30 s fallback poll (components/layout/live-updates.tsx), so only the event stream can pass.
 */
const SEEN_WITHIN_MS = HEALTH_INTERVAL_MS + 2_000 + 8_000;

async function openOverview(browser: Browser, server: MeridianProcess): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAsOwner(page, server);
  await page.goto(server.url);
  return page;
}

const marker = (page: Page, name: string) => page.getByRole("region", { name: "Health map" }).locator(`[data-proxy="${name}"]`);

test("a proxy killed and restarted shows on both replicas' maps live; writes reach the other replica's reads at once", async ({ meridian, postgres, browser }) => {
  test.setTimeout(180_000);
  const [portA, portB] = [await freePort(), await freePort()];
  const env = { DATABASE_URL: postgres.url, MERIDIAN_LICENSE_DEV_KEY: "true", MERIDIAN_PROXY_HEALTH_INTERVAL_MS: String(HEALTH_INTERVAL_MS), ...LOOPBACK_PROXIES };
  const a = await meridian({ env: { ...env, MERIDIAN_RELAY_URL: `http://127.0.0.1:${portA}` }, port: portA, args: ["--no-demo"] });
  const b = await meridian({ env: { ...env, MERIDIAN_RELAY_URL: `http://127.0.0.1:${portB}` }, port: portB, args: ["--no-demo"] });

  const onA = await openOverview(browser, a);
  await uploadLicense(onA.request, a);
  const agent = await startProxy(onA.request, a, "frankfurt", 20, { location: "eu-central" });
  // A second proxy, never started: two markers for the keyboard to walk.
  const created = await onA.request.post(`${a.url}/api/v2/workspaceproxies`, { data: { name: "tokyo", location: { code: "ap-northeast" } }, headers: { origin: a.url } });
  expect(created.status()).toBe(201);
  const onB = await openOverview(browser, b);
  await onA.reload();

  for (const page of [onA, onB]) await expect(marker(page, "frankfurt")).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
  for (const page of [onA, onB]) await expect(page.getByRole("status").filter({ hasText: "Reconnecting" })).toHaveCount(0);

  // The keyboard reaches every marker, west to east, from the text above the map.
  await onB.getByRole("region", { name: "Health map" }).getByText(/Hover over or focus a marker/).click();
  const walked: (string | null)[] = [];
  for (let i = 0; i < 2; i++) {
    await onB.keyboard.press("Tab");
    walked.push(await onB.locator(":focus").getAttribute("data-proxy"));
  }
  expect(walked).toEqual(["frankfurt", "tokyo"]);

  const killedAt = Date.now();
  agent.kill();
  for (const page of [onA, onB]) await expect(marker(page, "frankfurt")).toHaveAttribute("data-status", "unreachable", { timeout: SEEN_WITHIN_MS });
  // Reported, not asserted beyond the bound above (timing belongs to benchmarks): the goal is interval + 2 s.
  test.info().annotations.push({ type: "kill → unreachable on both maps", description: `${Date.now() - killedAt} ms (health interval ${HEALTH_INTERVAL_MS} ms)` });
  // The table below the map changed with it, in the same browser, without a reload, and so did
  // the health banner every console page shows.
  await expect(onB.getByRole("table", { name: "Workspace proxies" }).getByRole("row", { name: /frankfurt/ })).toContainText("unreachable");
  await expect(onA.getByRole("region", { name: /^Deployment health/ })).toContainText("EWP01", { timeout: SEEN_WITHIN_MS });
  await onB.goto(`${b.url}/health`);
  await expect(onB.getByRole("region", { name: "Workspace proxies", exact: true }).getByRole("listitem").filter({ hasText: "EWP01" })).toBeVisible();
  await onB.goto(b.url);

  agent.restart();
  for (const page of [onA, onB]) await expect(marker(page, "frankfurt")).toHaveAttribute("data-status", "ok", { timeout: SEEN_WITHIN_MS + 10_000 });

  // Its detail page (a click on its marker) shows the outage: in the status log and the timeline.
  await marker(onA, "frankfurt").click();
  await expect(onA).toHaveURL(`${a.url}/proxies/${agent.id}`);
  const log = onA.getByRole("table", { name: "Status changes" });
  await expect(log.getByRole("row", { name: "ok to unreachable" })).toBeVisible();
  await expect(log.getByRole("row", { name: "unreachable to ok" })).toBeVisible();
  await expect(onA.getByRole("figure", { name: "Status" })).toContainText(/\d+ unreachable/);
  await onA.goto(a.url);

  // A rename through A is in B's very next read: B's cached list was dropped by the event.
  const auth = { authorization: `Bearer ${await ownerToken(onA, a)}` };
  const readB = async () => ((await (await fetch(`${b.url}/api/v2/workspaceproxies`, { headers: auth })).json()) as { regions: { name: string; display_name: string }[] }).regions;
  expect((await readB()).find((p) => p.name === "frankfurt")?.display_name).toBe("frankfurt (20 ms)");
  const renamed = await fetch(`${a.url}/api/v2/workspaceproxies/${agent.id}`, { method: "PATCH", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ display_name: "Frankfurt am Main" }) });
  expect(renamed.status).toBe(200);
  await expect.poll(async () => (await readB()).find((p) => p.name === "frankfurt")?.display_name, { timeout: 5_000 }).toBe("Frankfurt am Main");
  // ...and on B's page, live.
  await expect(marker(onB, "frankfurt")).toHaveAccessibleName(/^Frankfurt am Main, ok/);
  agent.kill();
});

test("the page says it is reconnecting while its replica is away, and catches up when it is back", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const server = await meridian({ port });
  await signInAsOwner(page, server);
  await page.goto(`${server.url}/regions`);
  const reconnecting = page.getByRole("status").filter({ hasText: "Reconnecting" });
  await expect(page.locator('[data-live="live"]')).toHaveCount(1);
  await expect(reconnecting).toHaveCount(0);

  await server.stop("SIGTERM");
  await expect(reconnecting).toBeVisible({ timeout: 15_000 });

  const again = await meridian({ port, dataDir: server.dataDir });
  expect(again.url).toBe(server.url);
  await expect(page.locator('[data-live="live"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(reconnecting).toHaveCount(0);
});
