// Item 1, 7, 8 of the foundation: a fresh start brings up embedded Postgres, migrations and the
// demo topology; SIGTERM stops cleanly; data and the replica's id survive restarts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../server/postgres/embedded";
import { expect, ownerToken, signInAsOwner, tempDir, test } from "./fixtures/meridian";

test("a fresh start on an empty data folder serves the console with the demo topology", async ({ meridian, page }) => {
  const server = await meridian();
  expect(server.output()).toContain("embedded PostgreSQL");
  expect(server.output()).toContain("seeded the demo topology");
  await signInAsOwner(page, server);
  await page.goto(server.url);
  await expect(page.getByRole("heading", { name: "Workspace proxies" })).toBeVisible();
  const proxies = page.getByRole("table", { name: "Workspace proxies" });
  await expect(proxies.getByText("Frankfurt (demo)")).toBeVisible();
  await expect(page.getByText(/demo/i).first()).toBeVisible();
  // Three demo proxies are served by real local agents that registered with their tokens.
  await expect.poll(() => server.output()).toMatch(/started 3 demo proxy agents/);
  for (const name of ["demo-frankfurt", "demo-sao-paulo", "demo-sydney"]) {
    await expect(proxies.getByRole("row", { name }).getByText("ok", { exact: true })).toBeVisible();
  }
  await expect(proxies.getByRole("row", { name: "demo-tokyo" }).getByText("unregistered", { exact: true })).toBeVisible();
  const replicas = page.getByRole("table", { name: "Replicas" });
  await expect(replicas.getByText("live", { exact: true })).toBeVisible();
});

test("SIGTERM stops the server cleanly, and the data and the replica's id survive a restart", async ({ meridian, page }) => {
  const dataDir = await tempDir("restart");
  const first = await meridian({ dataDir });
  await signInAsOwner(page, first);
  const auth = { authorization: `Bearer ${await ownerToken(page, first)}` };
  const { id: firstId, started_at: firstStart } = (await (await fetch(`${first.url}/api/v2/replicas`, { headers: auth })).json())[0];
  await expect.poll(() => first.output()).toMatch(/started 3 demo proxy agents/);
  const agentUrl = /demo-frankfurt at (http:\/\/[\d.:]+)/.exec(first.output())![1];
  expect((await fetch(`${agentUrl}/healthz`)).status).toBe(200);
  expect(await first.stop("SIGTERM")).toBe(0);
  expect(first.output()).toContain("stopped");
  // Stopping the demo stops its agents.
  await expect(fetch(`${agentUrl}/healthz`)).rejects.toThrow();

  const second = await meridian({ dataDir });
  expect(second.output()).not.toContain("seeded the demo topology");
  expect(second.output()).not.toContain("applied migrations");
  // Users, sessions and tokens survived the restart with everything else.
  // Same host, same data folder: the same replica came back (started anew), not a stopped twin beside a new one.
  const replicas: { id: string; status: string; started_at: string }[] = await (await fetch(`${second.url}/api/v2/replicas`, { headers: auth })).json();
  expect(replicas.map((r) => [r.id, r.status])).toEqual([[firstId, "live"]]);
  expect(Date.parse(replicas[0].started_at)).toBeGreaterThan(Date.parse(firstStart));
  await signInAsOwner(page, second);
  await page.goto(second.url);
  await expect(page.getByRole("table", { name: "Replicas" }).getByText("live", { exact: true })).toBeVisible();
});

test("--no-demo starts with an empty topology and says so", async ({ meridian, page }) => {
  const server = await meridian({ args: ["--no-demo"] });
  await signInAsOwner(page, server);
  await page.goto(server.url);
  await expect(page.getByText(/no workspace proxies yet/i)).toBeVisible();
});

test("a bad configuration value stops start-up with one line naming the variable", () => {
  const result = spawnSync(process.execPath, [path.resolve("cli/index.mjs"), "server"], {
    env: { ...process.env, PORT: "eighty" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).toBe(2);
  expect(result.stderr.trim()).toBe('meridian: configuration error: PORT (got "eighty"): must be a number');
});

test("a signal during start-up stops cleanly at every stage: exit 0, no error logged, no PostgreSQL left running", async () => {
  test.setTimeout(180_000);
  // While embedded PostgreSQL is being created, and once the console listens (the loops still starting).
  const stages = [
    { name: "creating PostgreSQL", reached: (dir: string) => existsSync(path.join(dir, "postgres")) },
    { name: "console listening", reached: (_: string, output: string) => output.includes("console at ") },
  ];
  for (const stage of stages) {
    const dataDir = await tempDir("early-stop");
    const child = spawn(process.execPath, [path.resolve("cli/index.mjs"), "server", "--port", String(await freePort())], { env: { ...process.env, MERIDIAN_DATA_DIR: dataDir, DATABASE_URL: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c));
    child.stderr!.on("data", (c: Buffer) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      await expect.poll(() => child.exitCode !== null || stage.reached(dataDir, output), { timeout: 120_000, intervals: [20] }).toBe(true);
      child.kill("SIGTERM");
      expect(await exited, `${stage.name}:\n${output}`).toBe(0);
      expect(output, stage.name).toMatch(/shutting down[\s\S]*stopped/);
      expect(output, stage.name).not.toMatch(/"level":"(error|fatal)"|failed to start|during shutdown/);
      expect(processesUsing(dataDir), stage.name).toEqual([]);
      expect(existsSync(path.join(dataDir, "postgres", "data", "postmaster.pid")), stage.name).toBe(false);
    } finally {
      child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  }
});

/** Command lines of the processes that name `dir` in theirs (initdb, postgres). */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (command.includes(dir)) found.push(`${pid}: ${command}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}
