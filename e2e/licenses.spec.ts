// Licensing as an admin sees it: without a license the audit log is locked (and its API answers
// 403); a license pasted on /licenses unlocks it at once, the features page says Entitled, a
// license close to expiry raises the admin banner; a broken license is refused with a reason;
// deleting the license locks the audit log again.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, signInAsOwner, test } from "./fixtures/meridian";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A license from the real `meridian license create`, signed with the development key. */
async function mintLicense(expiresInDays: number): Promise<string> {
  const expires = new Date(Date.now() + expiresInDays * 86_400_000).toISOString().slice(0, 10);
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, "cli/index.mjs"), "license", "create", "--features", "workspace_proxy=5,high_availability=2,audit_log=1", "--expires", expires, "--account-id", "e2e"], { cwd: ROOT });
  return stdout.trim();
}

test("upload a license, see features unlock and the warning banner, delete it and see them lock", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  // No demo (so no demo license); the development key trusted, as on a development server.
  const server = await meridian({ args: ["--no-demo"], env: { MERIDIAN_LICENSE_DEV_KEY: "true" } });
  await signInAsOwner(page, server);

  // Without a license the audit log is locked, with what it unlocks and where to get it.
  await page.goto(`${server.url}/audit`);
  await expect(page.getByRole("heading", { name: "Audit Log is a Premium feature" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit log" })).toHaveCount(0);
  const api = await page.request.get(`${server.url}/api/v2/audit`);
  expect(api.status()).toBe(403);
  expect(await api.json()).toEqual({ message: "Audit Log is a Premium feature. Contact sales!" });
  await page.goto(`${server.url}/features`);
  await expect(page.getByRole("row", { name: "Audit Log" })).toContainText("Locked · Premium");

  // A malformed license is refused with the reason.
  await page.getByRole("link", { name: "Licenses" }).first().click();
  await expect(page.getByText("No license uploaded")).toBeVisible();
  await page.getByLabel("License", { exact: true }).fill("this is not a license");
  await page.getByRole("button", { name: "Upload license" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The license is malformed" })).toBeVisible();

  // A real one, expiring in 10 days: accepted, listed, and the admin banner warns.
  await page.getByLabel("License", { exact: true }).fill(await mintLicense(10));
  await page.getByRole("button", { name: "Upload license" }).click();
  await expect(page.getByRole("status").filter({ hasText: "License uploaded" })).toBeVisible();
  const row = page.getByRole("table", { name: "Uploaded licenses" }).getByRole("row").filter({ hasText: "e2e" });
  await expect(row).toContainText("Active");
  await expect(page.getByRole("note", { name: "License warning" })).toContainText("expires on");

  await page.goto(`${server.url}/features`);
  for (const name of ["Workspace Proxy", "High Availability", "Audit Log"]) await expect(page.getByRole("row", { name })).toContainText("Entitled");
  // Limits against use: this server is one live replica of the two licensed, with no proxies.
  await expect(page.getByRole("row", { name: "High Availability" })).toContainText(/Limit\s*2\s*In use\s*1\s*live replicas/);
  await expect(page.getByRole("row", { name: "Workspace Proxy" })).toContainText(/Limit\s*5\s*In use\s*0\s*live proxies; demo proxies are not counted/);
  await page.goto(`${server.url}/audit`);
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("license_uploaded");

  // Deleting it (after confirming) locks the audit log again.
  await page.goto(`${server.url}/licenses`);
  await row.getByRole("button", { name: /^Delete license/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No license uploaded")).toBeVisible();
  await page.goto(`${server.url}/audit`);
  await expect(page.getByRole("heading", { name: "Audit Log is a Premium feature" })).toBeVisible();
});
