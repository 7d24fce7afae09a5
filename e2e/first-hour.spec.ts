// The first hour of a new operator, from the walkthrough that found its rough edges: setup signs
// the owner in; no page logs an error, a hydration mismatch or a CSP violation; the favicon
// exists; an unknown address gets a 404 inside the console with a way back; members get 403 on
// every admin page; the header stays one row on a desktop and small on a phone; the token dialog
// shows the whole agent command; URLs wrap only between their parts.
import type { Page } from "@playwright/test";
import { expect, OWNER, signInAsOwner, test } from "./fixtures/meridian";

const MEMBER = { name: "Mia Member", email: "mia@example.com", password: "a member's long password", role: "member" };
const ADMIN_PAGES = ["/proxies", "/proxies/00000000-0000-4000-8000-000000000000", "/users", "/audit", "/licenses", "/features", "/settings/embed", "/health", "/health/docs"];
const PHONE = { width: 390, height: 844 };

/** Console errors, uncaught errors (React reports hydration mismatches as these) and CSP violations, as they happen. */
async function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    // The browser logs a page's own 403/404 status as a failed load: that status is the point.
    if (msg.type() === "error" && !/^Failed to load resource: the server responded with a status of 40[34]/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  await page.exposeFunction("reportCspViolation", (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => void (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
  });
  return problems;
}

/** Where the text of `el` starts a new line, as indexes into its textContent. */
function lineBreaks(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((el) => {
    const breaks: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let offset = 0;
    let lastTop: number | null = null;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = range.getBoundingClientRect().top;
        if (lastTop !== null && top > lastTop + 2) breaks.push(offset + i);
        lastTop = top;
      }
      offset += node.length;
    }
    return { text: el.textContent ?? "", breaks };
  });
}

test("setup signs the owner in", async ({ meridian, page }) => {
  const server = await meridian({ args: ["--no-demo"] });
  await page.goto(`${server.url}/setup`);
  await page.getByLabel("Name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(`${server.url}/`);
  await expect(page.getByLabel("Password")).toHaveCount(0);
});

test("without a license, no console page logs an error, a hydration mismatch or a CSP violation; the favicon exists", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const server = await meridian({ args: ["--no-demo"] });
  await signInAsOwner(page, server);
  const problems = await watchProblems(page);

  // The walkthrough's #418: /proxies with Workspace Proxy locked. Loaded a few times, as timing varies.
  for (let i = 0; i < 3; i++) {
    await page.goto(`${server.url}/proxies`);
    await expect(page.getByRole("button", { name: /New proxy/ })).toContainText("Premium");
    await expect(page.getByRole("note").filter({ hasText: "Workspace Proxy is locked" })).toBeVisible();
  }
  for (const path of ["/", "/regions", "/health", "/health/docs", "/users", "/audit", "/licenses", "/features", "/settings/embed", "/settings/tokens", "/no-such-page"]) {
    await page.goto(`${server.url}${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("status", { name: /^Loading/ })).toHaveCount(0);
  }
  expect(problems).toEqual([]);

  const favicon = await page.request.get(`${server.url}/favicon.ico`);
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect((await page.request.get(new URL(icon!, server.url).href)).status()).toBe(200);
});

test("an unknown address is a 404 inside the console, with a way back", async ({ meridian, page }) => {
  const server = await meridian({ args: ["--no-demo"] });
  await signInAsOwner(page, server);
  const res = await page.goto(`${server.url}/proxys/eu-west`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  // The console's own header, not Next's bare page.
  await expect(page.getByRole("banner").getByRole("link", { name: "Meridian" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the console" }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
});

test("a member gets 403 on every admin page", async ({ meridian, page, browser }) => {
  test.setTimeout(120_000);
  const server = await meridian({ args: ["--no-demo"] });
  await signInAsOwner(page, server);
  const created = await page.request.post(`${server.url}/api/v2/users`, { data: MEMBER, headers: { origin: server.url } });
  expect(created.status()).toBe(201);
  const [replica] = await (await page.request.get(`${server.url}/api/v2/replicas`)).json();

  const context = await browser.newContext();
  const member = await context.newPage();
  const login = await member.request.post(`${server.url}/api/v2/users/login`, { data: { email: MEMBER.email, password: MEMBER.password }, headers: { origin: server.url } });
  expect(login.ok()).toBe(true);
  for (const path of [...ADMIN_PAGES, `/replicas/${replica.id}`]) {
    const res = await member.goto(`${server.url}${path}`);
    expect(res?.status(), path).toBe(403);
    await expect(member.getByRole("heading", { name: /don.t have access/i }), path).toBeVisible();
  }
  // The overview is the admin's home; a member's is the region picker.
  await member.goto(server.url);
  await expect(member).toHaveURL(`${server.url}/regions`);
  await context.close();
});

test("the header is one row on a desktop and opens from a menu button on a phone, by keyboard too", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const server = await meridian();
  await signInAsOwner(page, server);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/proxies`);
  const header = page.getByRole("banner");
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Overview", "Regions", "Proxies", "Health", "Users", "Audit log"]) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();

  // Settings by keyboard: Enter opens, Tab walks its links, Escape closes and returns focus.
  const settings = nav.getByRole("button", { name: "Settings" });
  await settings.focus();
  await page.keyboard.press("Enter");
  await expect(settings).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Licenses" })).toBeFocused();
  for (const name of ["Features", "Embedding"]) await expect(nav.getByRole("link", { name })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(settings).toHaveAttribute("aria-expanded", "false");
  await expect(settings).toBeFocused();

  const account = header.getByRole("button", { name: /^Account/ });
  await account.click();
  await expect(header.getByText(OWNER.email).last()).toBeVisible();
  await header.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(`${server.url}/settings/tokens`);
  await expect(account).toHaveAttribute("aria-expanded", "false");

  // A phone: a small header; the page's heading is below it, not under it.
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/proxies`);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toBeVisible();
  const bar = (await header.boundingBox())!;
  expect(bar.height).toBeLessThanOrEqual(64);
  expect((await heading.boundingBox())!.y).toBeGreaterThanOrEqual(bar.y + bar.height);
  const covered = await heading.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return !el.contains(document.elementFromPoint(r.left + 4, r.top + r.height / 2));
  });
  expect(covered).toBe(false);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  const menu = header.getByRole("button", { name: "Menu" });
  await menu.focus();
  await page.keyboard.press("Enter");
  const phoneNav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Overview", "Users", "Licenses", "Embedding", "API tokens"]) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(phoneNav).toHaveCount(0);
  await expect(menu).toBeFocused();
  await menu.click();
  await phoneNav.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(phoneNav).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("on a phone the token dialog shows the whole agent command, and URLs wrap only between their parts", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const server = await meridian();
  await signInAsOwner(page, server);
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/proxies`);

  // A proxy URL squeezed into a narrow box breaks after a "/", never inside host:port.
  const link = page.getByRole("table", { name: "Workspace proxies" }).getByRole("link", { name: /^http:\/\/127\.0\.0\.1:\d+/ }).first();
  await expect(link).toBeVisible();
  // Just narrower than the whole URL: it must wrap once, and the only good place is after "//".
  await link.evaluate((el) => {
    const style = (el as HTMLElement).style;
    style.display = "inline-block";
    style.width = `${el.getBoundingClientRect().width - 2}px`;
    el.setAttribute("data-squeezed", "");
  });
  const { text, breaks } = await lineBreaks(page, "[data-squeezed]");
  expect(breaks.length).toBeGreaterThan(0);
  for (const at of breaks) expect(text[at - 1], `${text} broken at ${at}`).toBe("/");

  await page.getByRole("button", { name: "New proxy" }).click();
  const form = page.getByRole("dialog", { name: "New workspace proxy" });
  await form.getByLabel("Name", { exact: true }).fill("ap-phone");
  await form.getByRole("button", { name: "Create proxy" }).click();
  const shown = page.getByRole("dialog", { name: "Proxy ap-phone created" });
  const command = shown.getByLabel("Command to start the proxy", { exact: true });
  await expect(command).toBeVisible();
  expect(await command.inputValue()).toContain("--access-url");
  // All of it on screen: no scrolling inside the box, and the box inside the viewport.
  const fits = await command.evaluate((el) => ({ rows: el.scrollHeight - el.clientHeight, cols: el.scrollWidth - el.clientWidth }));
  expect(fits.rows).toBeLessThanOrEqual(1);
  expect(fits.cols).toBeLessThanOrEqual(1);
  const box = (await command.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await shown.getByRole("button", { name: "Done" }).click();
  await expect(shown).toBeHidden();
});
