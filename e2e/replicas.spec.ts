// Item 4 of the foundation: two servers on one Postgres see each other and the latency between
// them; when one is killed outright, the other shows it stale within 20 s.
import { REPLICA_STALE_AFTER_MS } from "../lib/api/replicas";
import { freePort } from "../server/postgres/embedded";
import { expect, ownerToken, signInAsOwner, test } from "./fixtures/meridian";

test("two replicas list each other with mesh latency; a SIGKILLed one turns stale", async ({ meridian, postgres, page }) => {
  test.setTimeout(120_000);
  const [portA, portB] = [await freePort(), await freePort()];
  const common = { DATABASE_URL: postgres.url };
  const a = await meridian({ env: { ...common, MERIDIAN_RELAY_URL: `http://127.0.0.1:${portA}` }, port: portA });
  const b = await meridian({ env: { ...common, MERIDIAN_RELAY_URL: `http://127.0.0.1:${portB}` }, port: portB });
  const [idA, idB] = [replicaId(a.output()), replicaId(b.output())];

  await signInAsOwner(page, a);
  const auth = { authorization: `Bearer ${await ownerToken(page, a)}` };
  await page.goto(a.url);
  const table = page.getByRole("table", { name: "Replicas" });
  const rowA = table.getByRole("row").filter({ hasText: "this replica" });
  const rowB = table.getByRole("row").filter({ hasText: `127.0.0.1:${portB}` });
  await expect(table.getByText("live", { exact: true })).toHaveCount(2);
  // Each measures the other: a latency in ms, shown on both rows once a heartbeat has pinged.
  await expect(rowA).toContainText(/\d+(\.\d+)?\s?ms/, { timeout: 15_000 });
  await expect(rowB).toContainText(/\d+(\.\d+)?\s?ms/, { timeout: 15_000 });

  const fromB = await (await fetch(`${b.url}/api/v2/replicas`, { headers: auth })).json();
  expect(fromB.find((r: { id: string }) => r.id === idB).peers).toEqual([expect.objectContaining({ replica_id: idA, error: null, latency_ms: expect.any(Number) })]);

  await b.stop("SIGKILL");
  // Worst case: unseen for the stale threshold after its last heartbeat, plus the page's 5 s poll;
  // 10 s more margin for a busy machine (the assertion is about turning stale, not about speed).
  await expect(rowB.getByText("stale", { exact: true })).toBeVisible({ timeout: REPLICA_STALE_AFTER_MS + 5_000 + 10_000 });
  await expect(rowA.getByText("live", { exact: true })).toBeVisible();
});

function replicaId(output: string): string {
  const match = /\(replica ([0-9a-f-]{36})\)/.exec(output);
  if (!match) throw new Error(`no replica id in output:\n${output}`);
  return match[1];
}
