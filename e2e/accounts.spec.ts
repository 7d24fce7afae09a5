// Accounts as a person uses them: first visit → setup (signs the owner in) → sign-in → creates a member →
// the member signs in and is refused the admin pages; sign-out ends the session; a revoked
// token stops working.
import { expect, OWNER, test } from "./fixtures/meridian";

const MEMBER = { name: "Max Member", email: "member@example.com", password: "another long password" };

test("setup, sign-in, roles, sign-out and tokens", async ({ meridian, page, browser }) => {
  test.setTimeout(120_000);
  const server = await meridian();

  // First visit on a fresh deployment goes to setup.
  await page.goto(server.url);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();

  // Setup signs the owner in; signed out, setup is gone for good once the owner exists.
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("button", { name: /^Account/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`${server.url}/setup`);
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password" })).toBeVisible();
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  // The owner creates a member on the users page.
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "Create user" }).click();
  const form = page.getByRole("dialog", { name: "Create user" });
  await form.getByLabel("Name").fill(MEMBER.name);
  await form.getByLabel("Email").fill(MEMBER.email);
  await form.getByLabel("Password").fill(MEMBER.password);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: MEMBER.email })).toContainText("member");

  // The owner's actions are in the audit log.
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("user_created");

  // The member signs in elsewhere and is refused the admin pages.
  const other = await browser.newContext();
  const memberPage = await other.newPage();
  await memberPage.goto(`${server.url}/login`);
  await memberPage.getByLabel("Email").fill(MEMBER.email);
  await memberPage.getByLabel("Password").fill(MEMBER.password);
  await memberPage.getByRole("button", { name: "Sign in" }).click();
  // A member's home is the region picker; the admin overview is not theirs.
  await expect(memberPage.getByRole("heading", { name: "Regions", level: 1 })).toBeVisible();
  await expect(memberPage).toHaveURL(`${server.url}/regions`);
  await expect(memberPage.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(memberPage.getByRole("link", { name: "Overview" })).toHaveCount(0);
  for (const path of ["/users", "/audit"]) {
    const res = await memberPage.goto(`${server.url}${path}`);
    expect(res?.status()).toBe(403);
    await expect(memberPage.getByRole("heading", { name: /don.t have access/i })).toBeVisible();
  }
  expect((await memberPage.request.get(`${server.url}/api/v2/replicas`)).status()).toBe(403);

  // The member makes a token, sees it once, uses it, revokes it: it stops working.
  await memberPage.goto(`${server.url}/settings/tokens`);
  await memberPage.getByLabel("Token name").fill("laptop");
  await memberPage.getByRole("button", { name: "Create token" }).click();
  const key = (await memberPage.getByLabel("New token").inputValue()).trim();
  expect(key).toMatch(/^[A-Za-z0-9]{10}-[A-Za-z0-9]{32}$/);
  await expect(memberPage.getByText(/will not be shown again/i)).toBeVisible();
  const withKey = () => fetch(`${server.url}/api/v2/users/me`, { headers: { authorization: `Bearer ${key}` } });
  expect((await withKey()).status).toBe(200);
  await memberPage.getByRole("button", { name: "Revoke laptop" }).click();
  await memberPage.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(memberPage.getByRole("table", { name: "Your tokens" })).toHaveCount(0);
  expect((await withKey()).status).toBe(401);

  // Sign-out ends the session: the same cookie no longer opens the console.
  await memberPage.getByRole("button", { name: /^Account/ }).click();
  await memberPage.getByRole("button", { name: "Sign out" }).click();
  await expect(memberPage).toHaveURL(/\/login/);
  await memberPage.goto(server.url);
  await expect(memberPage).toHaveURL(/\/login/);
  await other.close();
});

test("security headers on pages and API answers", async ({ meridian, page }) => {
  const server = await meridian();
  const res = await page.goto(`${server.url}/login`);
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  const api = await fetch(`${server.url}/api/v2/regions`);
  expect(api.status).toBe(401);
  expect(api.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
  expect(api.headers.get("x-content-type-options")).toBe("nosniff");
});
