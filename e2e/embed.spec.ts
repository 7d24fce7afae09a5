// The embedded picker as a portal uses it: a page on another origin frames it with an embed token
// minted by its backend, hears `meridian:ready` and `meridian:region-selected`, and the user's
// choice inside the frame is their account's. A frame on an origin that is not allowed is
// refused by the browser; messages from any origin but the parent's are ignored.
import { freePort } from "../server/postgres/embedded";
import { expect, OWNER, ownerToken, signInAsOwner, test } from "./fixtures/meridian";
import { mintEmbedToken, startSite, type Site } from "./fixtures/portal";

const SECRET = "portal-and-meridian-share-this-secret-0123456789";
const sites: Site[] = [];
test.afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

type Message = { type: string; version: number; region?: string; latency_ms?: number | null; automatic?: boolean };

async function setup(meridian: Parameters<Parameters<typeof test>[2]>[0]["meridian"], page: import("@playwright/test").Page) {
  // The primary's access URL is a closed port, so the demo proxies (20/80/160 ms) are the regions in play.
  const server = await meridian({ env: { MERIDIAN_EMBED_SECRET: SECRET, MERIDIAN_ACCESS_URL: `http://127.0.0.1:${await freePort()}` } });
  await signInAsOwner(page, server);
  // Each site frames the other as its "meddler": the portal names the evil origin, and the other way round.
  const origins: { evil?: string } = {};
  const portal = await startSite(server.url, () => mintEmbedToken(OWNER.email, SECRET), () => origins.evil!);
  const evil = await startSite(server.url, () => "no-token", () => portal.origin);
  origins.evil = evil.origin;
  sites.push(portal, evil);
  const token = await ownerToken(page, server);
  const added = await page.request.post(`${server.url}/api/v2/embed/origins`, { data: { origin: portal.origin }, headers: { authorization: `Bearer ${token}` } });
  expect(added.status(), await added.text()).toBe(201);
  return { server, portal, evil, token };
}

test("a portal on another origin embeds the picker with an embed token and hears the user's region", async ({ meridian, page, browser }) => {
  test.setTimeout(120_000);
  const { server, portal, token } = await setup(meridian, page);
  // The portal's visitor has no Meridian cookie: the embed token is the only credential.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`${portal.origin}/portal?token=1`);
  const frame = visitor.frameLocator("#picker");
  await expect(frame.getByRole("heading", { name: "Choose your region" })).toBeVisible();
  const received = () => visitor.evaluate(() => (window as unknown as { received: Message[] }).received);

  await expect.poll(async () => (await received()).find((m) => m.type === "meridian:ready")).toEqual({ type: "meridian:ready", version: 1 });
  // Automatic: the fastest demo proxy, with the latency this browser measured.
  await expect
    .poll(async () => (await received()).filter((m) => m.type === "meridian:region-selected" && m.latency_ms !== null).at(-1), { timeout: 30_000 })
    .toMatchObject({ type: "meridian:region-selected", version: 1, region: "demo-frankfurt", automatic: true });
  const selected = (await received()).filter((m) => m.type === "meridian:region-selected" && m.latency_ms !== null).at(-1)!;
  expect(selected.latency_ms).toBeGreaterThanOrEqual(20);
  await expect(frame.locator('[data-region="demo-frankfurt"]')).toHaveAttribute("data-selected", "true");
  // The token left the address bar at once.
  expect(visitor.frames().find((f) => f.url().includes("/embed/"))!.url()).not.toContain("token=");

  // The user picks Sydney inside the frame: the portal hears it and the account keeps it.
  await frame.getByRole("radio", { name: /Sydney/ }).check();
  await expect.poll(async () => (await received()).at(-1)).toMatchObject({ type: "meridian:region-selected", region: "demo-sydney", automatic: false });
  // The picker tells the portal in the frame of the click; the save reaches the server just after.
  const mine = async () => (await page.request.get(`${server.url}/api/v2/users/me/region`, { headers: { authorization: `Bearer ${token}` } })).json();
  await expect.poll(mine).toMatchObject({ automatic: false, region: { name: "demo-sydney" } });
  await context.close();
});

test("messages from an origin other than the parent's are ignored; the parent's are applied", async ({ meridian, page, browser }) => {
  test.setTimeout(120_000);
  const { portal } = await setup(meridian, page);
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`${portal.origin}/portal?token=1&meddler=1`);
  const frame = visitor.frameLocator("#picker");
  await expect(frame.locator("[data-region]").first()).toBeVisible();
  const root = frame.locator("main").locator("..");
  const background = () => root.evaluate((el) => getComputedStyle(el).backgroundColor);
  // The accent as the user sees it: the colour of the chosen option's radio mark.
  const accent = () => frame.locator("label:has(input:checked) > span[aria-hidden='true']").last().evaluate((mark) => getComputedStyle(mark).boxShadow);
  const light = await background();
  // The meddler (another origin, a sibling frame) has posted a dark theme and a forged token.
  await expect(visitor.frameLocator('iframe[title="Meddler"]').getByText("sent")).toBeVisible();
  // The parent's message, posted after the meddler's, is applied; by then the meddler's were handled, and ignored.
  const setTheme = (change: object) => visitor.evaluate((c) => (window as unknown as { setTheme(c: object): void }).setTheme(c), change);
  await setTheme({ accent: "#ff0000" });
  await expect.poll(accent).toContain("rgb(255, 0, 0)");
  expect(await background()).toBe(light);
  await expect(frame.locator("[data-region]").first()).toBeVisible();
  await setTheme({ theme: "dark" });
  await expect.poll(background).not.toBe(light);
  await context.close();
});

test("only allow-listed origins may frame the picker; other pages keep frame-ancestors 'self'", async ({ meridian, page, browser }) => {
  test.setTimeout(120_000);
  const { server, portal, evil } = await setup(meridian, page);
  const csp = async (path: string) => (await page.request.get(`${server.url}${path}`)).headers()["content-security-policy"];
  expect(await csp("/embed/region-picker")).toContain(`frame-ancestors 'self' ${portal.origin}`);
  expect(await csp("/embed/region-picker")).not.toContain(evil.origin);
  for (const path of ["/regions", "/login", "/api/v2/regions"]) expect(await csp(path)).toMatch(/frame-ancestors 'self'(;|$)/);

  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`${evil.origin}/portal?token=1`);
  // The frame has loaded (the browser's refusal page): a rendered picker would be there now.
  await expect.poll(() => visitor.evaluate(() => (window as unknown as { pickerLoaded?: boolean }).pickerLoaded === true)).toBe(true);
  await expect(visitor.frameLocator("#picker").getByRole("heading", { name: "Choose your region" })).toHaveCount(0);
  expect(await visitor.evaluate(() => (window as unknown as { received: unknown[] }).received)).toEqual([]);

  // An allowed portal without a token: the picker says what is missing instead of half-working.
  await visitor.goto(`${portal.origin}/portal`);
  await expect(visitor.frameLocator("#picker").getByText("Not signed in")).toBeVisible({ timeout: 20_000 });
  await context.close();
});
