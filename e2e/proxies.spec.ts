// Workspace proxies as an admin uses them: under a license, create a proxy, copy the command the
// page shows, run the real agent with it and watch the proxy turn `ok`; kill the agent and watch
// it turn `unreachable`; rename, edit, re-key and delete it. Without a license the create button is
// locked (not hidden) and the API refuses with the premium message. Axe checks the page.
import AxeBuilder from "@axe-core/playwright";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../server/postgres/embedded";
import { expect, LOOPBACK_PROXIES, signInAsOwner, test } from "./fixtures/meridian";
import { uploadLicense } from "./fixtures/topology";

const ROOT = path.resolve(import.meta.dirname, "..");
const HEALTH_INTERVAL_MS = 2_000;

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function seriousViolations(page: import("@playwright/test").Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Splits the shown shell command into its leading VAR='value' assignments and its argv (single quotes only, as the page writes them). */
function parseCommand(command: string): { env: Record<string, string>; argv: string[] } {
  // A backslash at the end of a line continues the command, as in the shell.
  const words = [...command.replace(/ \\\n\s*/g, " ").matchAll(/(?:[^\s']+|'[^']*')+/g)].map((m) => m[0].replace(/'([^']*)'/g, "$1"));
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? "")) {
    const [name, ...value] = words.shift()!.split("=");
    env[name] = value.join("=");
  }
  return { env, argv: words };
}

/** Runs the command as shown, except on a free port (4100 may be taken on a shared machine). */
async function startAgent(command: string): Promise<{ child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const { env, argv } = parseCommand(command.replaceAll("127.0.0.1:4100", `127.0.0.1:${port}`));
  expect(argv.slice(0, 3)).toEqual(["node", "cli/index.mjs", "proxy"]);
  const child = spawn(process.execPath, argv.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

/** The status cell's text ends with the status word (a column label precedes it for narrow screens). */
const statusCell = (row: import("@playwright/test").Locator) => row.getByRole("cell").nth(1);

test("an admin registers a proxy, runs the real agent with the shown command, and sees it healthy, then unreachable", async ({ meridian, page }) => {
  test.setTimeout(180_000);
  const server = await meridian({ args: ["--no-demo"], env: { MERIDIAN_LICENSE_DEV_KEY: "true", MERIDIAN_PROXY_HEALTH_INTERVAL_MS: String(HEALTH_INTERVAL_MS), ...LOOPBACK_PROXIES } });
  await signInAsOwner(page, server);
  await uploadLicense(page.request, server);
  let agent: Awaited<ReturnType<typeof startAgent>> | undefined;
  try {
    await page.goto(server.url);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Proxies" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Workspace proxies" })).toBeVisible();
    await expect(page.getByText("No workspace proxies yet")).toBeVisible();

    // The server's validation lands on the name field.
    await page.getByRole("button", { name: "New proxy" }).click();
    const form = page.getByRole("dialog", { name: "New workspace proxy" });
    await form.getByLabel("Name", { exact: true }).fill("primary");
    await form.getByRole("button", { name: "Create proxy" }).click();
    await expect(form.getByText(/reserved for the control plane/)).toBeVisible();
    await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Name", { exact: true }).fill("eu-test");
    await form.getByLabel("Display name", { exact: true }).fill("Test Europe");
    await form.getByRole("button", { name: "Germany flag" }).click();
    await expect(form.getByLabel("Icon", { exact: true })).toHaveValue("🇩🇪");
    await form.getByLabel("Location", { exact: true }).selectOption("eu-central");
    await form.getByRole("button", { name: "Create proxy" }).click();

    // The token, once, with the command to run.
    const shown = page.getByRole("dialog", { name: "Proxy eu-test created" });
    await expect(shown.getByText("this token will not be shown again")).toBeVisible();
    const token = await shown.getByLabel("Proxy token", { exact: true }).inputValue();
    expect(token).toMatch(/^[0-9a-f-]{36}:\S+$/);
    await shown.getByRole("button", { name: "Copy command to start the proxy" }).click();
    await expect(shown.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toBe(await shown.getByLabel("Command to start the proxy", { exact: true }).inputValue());
    expect(command).toContain(`MERIDIAN_PROXY_TOKEN='${token}'`);
    expect(command).toContain(`--primary-url ${server.url}`);
    await shown.getByRole("button", { name: "Done" }).click();
    await expect(shown).toBeHidden();

    const row = page.getByRole("table", { name: "Workspace proxies" }).getByRole("row", { name: "eu-test", exact: true });
    await expect(row).toContainText("Test Europe");
    await expect(row).toContainText("Europe Central (Frankfurt)");
    await expect(statusCell(row)).toHaveText(/unregistered$/);

    // A second proxy with the same name is refused on the name field (409).
    await page.getByRole("button", { name: "New proxy" }).click();
    await form.getByLabel("Name", { exact: true }).fill("EU-TEST");
    await form.getByRole("button", { name: "Create proxy" }).click();
    await expect(form.getByText(/already used by another proxy/)).toBeVisible();
    await form.getByRole("button", { name: "Cancel" }).click();

    // The real agent, started with the command as shown: the proxy turns ok on screen.
    agent = await startAgent(command);
    await expect(statusCell(row), `agent output:\n${agent.output()}`).toHaveText(/ok$/, { timeout: 30_000 });
    await expect(row.getByRole("cell").nth(3)).toContainText("http://127.0.0.1:");

    // The agent dies without a word: within one health interval (plus the page's poll) it is unreachable.
    agent.child.kill("SIGKILL");
    await expect(statusCell(row)).toHaveText(/unreachable$/, { timeout: HEALTH_INTERVAL_MS + 10_000 });
    await expect(row.getByRole("cell").nth(2)).not.toBeEmpty();

    // Rename it and change its display name.
    await page.getByRole("button", { name: "Edit eu-test" }).click();
    const edit = page.getByRole("dialog", { name: "Edit eu-test" });
    await edit.getByLabel("Name", { exact: true }).fill("eu-central");
    await edit.getByLabel("Display name", { exact: true }).fill("Frankfurt test");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toHaveCount(0);
    const renamed = page.getByRole("table", { name: "Workspace proxies" }).getByRole("row", { name: "eu-central", exact: true });
    await expect(renamed).toContainText("Frankfurt test");

    // Regenerate the token: confirmed, then shown once; the old one is refused.
    await page.getByRole("button", { name: "Regenerate token for eu-central" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Regenerate the token for eu-central?" });
    await expect(confirm).toContainText("stops working at once");
    await confirm.getByRole("button", { name: "Regenerate token" }).click();
    const rekeyed = page.getByRole("dialog", { name: "New token for eu-central" });
    const newToken = await rekeyed.getByLabel("Proxy token", { exact: true }).inputValue();
    expect(newToken).not.toBe(token);
    await rekeyed.getByRole("button", { name: "Done" }).click();
    const register = (t: string) =>
      fetch(`${server.url}/api/v2/workspaceproxies/me/register`, {
        method: "POST",
        headers: { "content-type": "application/json", "meridian-proxy-token": t },
        body: JSON.stringify({ access_url: "http://127.0.0.1:9", version: "0.1.0", replica_id: crypto.randomUUID(), hostname: "e2e" }),
      });
    expect((await register(token)).status).toBe(401);

    // Delete, confirmed by name: the row goes, and the token stops working.
    await page.getByRole("button", { name: "Delete eu-central" }).click();
    const del = page.getByRole("alertdialog", { name: "Delete Frankfurt test?" });
    await expect(del).toContainText("token stops working");
    await del.getByRole("button", { name: "Delete" }).click();
    await expect(renamed).toHaveCount(0);
    await expect(page.getByText("No workspace proxies yet")).toBeVisible();
    expect((await register(newToken)).status).toBe(401);
  } finally {
    if (agent && agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill("SIGKILL");
  }
});

test("without a license, creating a proxy is locked on the page and refused by the API", async ({ meridian, page }) => {
  const server = await meridian({ args: ["--no-demo"] });
  await signInAsOwner(page, server);
  await page.goto(`${server.url}/proxies`);
  const create = page.getByRole("button", { name: /New proxy/ });
  await expect(create).toBeDisabled();
  await expect(create).toContainText("Premium");
  const note = page.getByRole("note").filter({ hasText: "Workspace Proxy is locked" });
  await expect(note).toContainText("Register workspace proxies in other regions");
  await expect(note.getByRole("link", { name: "Upload a license" })).toHaveAttribute("href", "/licenses");

  const res = await page.request.post(`${server.url}/api/v2/workspaceproxies`, { data: { name: "eu-west" }, headers: { origin: server.url } });
  expect(res.status()).toBe(403);
  expect((await res.json()).message).toBe("Workspace Proxy is a Premium feature. Contact sales!");
});

test("the proxies page has no serious axe violations, in light and dark mode, and fits a phone", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  // Demo mode: demo proxies under the demo license, so the table and its actions are on screen.
  const server = await meridian();
  await signInAsOwner(page, server);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}/proxies`);
    await expect(page.getByRole("table", { name: "Workspace proxies" })).toBeVisible();
    expect(await seriousViolations(page), `/proxies in ${scheme} mode`).toEqual([]);
    await page.getByRole("button", { name: "New proxy" }).click();
    await expect(page.getByRole("dialog", { name: "New workspace proxy" })).toBeVisible();
    expect(await seriousViolations(page), `new proxy dialog in ${scheme} mode`).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "New workspace proxy" })).toBeHidden();
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/proxies`);
  await expect(page.getByRole("table", { name: "Workspace proxies" }).getByRole("row").nth(1)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("with more proxies than a page holds, the list pages and filters by text and status, and the URL keeps both", async ({ meridian, page }) => {
  test.setTimeout(120_000);
  const server = await meridian({ args: ["--no-demo"], env: { MERIDIAN_LICENSE_DEV_KEY: "true" } });
  await signInAsOwner(page, server);
  await uploadLicense(page.request, server, "workspace_proxy=100");
  for (let i = 0; i < 62; i++) {
    const data = { name: `edge-${String(i).padStart(3, "0")}`, display_name: i % 20 === 0 ? `Tokyo ${i}` : `Edge ${i}` };
    const res = await page.request.post(`${server.url}/api/v2/workspaceproxies`, { data, headers: { origin: server.url } });
    expect(res.status(), await res.text()).toBe(201);
  }

  await page.goto(`${server.url}/proxies`);
  const table = page.getByRole("table", { name: "Workspace proxies" });
  const pager = page.getByRole("navigation", { name: "Proxy pages" });
  await expect(pager.getByRole("status")).toHaveText("Showing 1–50 of 62");
  await expect(table.getByRole("row")).toHaveCount(51); // the header and 50 proxies
  await pager.getByRole("button", { name: "Next page" }).click();
  await expect(pager.getByRole("status")).toHaveText("Showing 51–62 of 62");
  await expect(table.getByRole("row", { name: "edge-061", exact: true })).toBeVisible();
  await expect(table.getByRole("row", { name: "edge-000", exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/\/proxies\?page=2$/);

  // A filter goes back to the first page; every word must match.
  const search = page.getByRole("searchbox", { name: "Filter proxies" });
  await search.fill("tokyo 4");
  await expect(pager.getByRole("status")).toHaveText("Showing 1–1 of 1 matching (of 62)");
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row", { name: "edge-040", exact: true })).toBeVisible();
  await search.fill("tokyo");
  await expect(pager.getByRole("status")).toHaveText("Showing 1–4 of 4 matching (of 62)");
  await expect(page).toHaveURL(/\/proxies\?q=tokyo$/);

  // The URL brings the filters back after a reload.
  const status = page.getByRole("combobox", { name: "Status" });
  await expect(status.getByRole("option", { name: "unregistered (62)" })).toHaveCount(1);
  await status.selectOption("ok");
  await expect(page).toHaveURL(/\/proxies\?q=tokyo&status=ok$/);
  await page.reload();
  await expect(search).toHaveValue("tokyo");
  await expect(status).toHaveValue("ok");
  await expect(page.getByText("No proxy matches these filters")).toBeVisible();
  await expect(pager.getByRole("status")).toHaveText("No proxy of 62 matches");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(pager.getByRole("status")).toHaveText("Showing 1–50 of 62");
  await expect(page).toHaveURL(/\/proxies$/);
});
