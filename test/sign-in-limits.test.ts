// The sign-in limiter under concurrency, the owner's way back, and equal work for unknown emails.
import { describe, expect, it } from "vitest";
import { prisma } from "@/server/db";
import { browser, call } from "./support/api";
import { withTestDatabase } from "./support/database";
import { makeUser, PASSWORD } from "./support/users";

withTestDatabase();

const login = (email: string, password: string, ip: string) =>
  call("POST /api/v2/users/login", { headers: { ...browser(), "x-meridian-client-ip": ip }, body: { email, password } });

const statuses = (responses: Response[]) => responses.map((r) => r.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

describe("the sign-in limiter under concurrency", () => {
  it("checks at most five passwords for one account however many arrive at once, from many addresses", async () => {
    const user = await makeUser("member");
    // 40 wrong guesses and the right password in the middle, all at once, each from its own address.
    const guesses = Array.from({ length: 41 }, (_, i) => (i === 20 ? PASSWORD : `wrong guess ${i}`));
    const answers = statuses(await Promise.all(guesses.map((password, i) => login(user.email, password, `198.51.100.${i + 1}`))));
    expect(answers.every((s) => s === 401 || s === 429 || s === 200)).toBe(true);
    // Only five attempts got their password checked; everything else was refused before.
    expect(answers.length - count(answers, 429)).toBeLessThanOrEqual(5);
    expect(count(answers, 429)).toBeGreaterThanOrEqual(36);
    if (count(answers, 200) === 0) {
      // The account is now locked, even to the right password, from a fresh address.
      const after = await login(user.email, PASSWORD, "198.51.100.200");
      expect(after.status).toBe(429);
      expect(Number(after.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("checks at most twenty passwords from one address however many accounts it sprays at once", async () => {
    const answers = statuses(await Promise.all(Array.from({ length: 50 }, (_, i) => login(`spray${i}@example.com`, "x", "203.0.113.50"))));
    expect(count(answers, 401)).toBe(20);
    expect(count(answers, 429)).toBe(30);
  });

  it("does not let a blocked address lock the accounts it names", async () => {
    const user = await makeUser("member");
    for (let i = 0; i < 20; i++) await login(`other${i}@example.com`, "x", "203.0.113.60");
    // Refused by the address's limit: these do not count against the account.
    for (let i = 0; i < 10; i++) expect((await login(user.email, "wrong", "203.0.113.60")).status).toBe(429);
    expect((await login(user.email, PASSWORD, "203.0.113.61")).status).toBe(200);
  });

  it("gives the slot back on success: an address's good sign-ins never lock it", async () => {
    const user = await makeUser("member");
    for (let i = 0; i < 25; i++) expect((await login(user.email, PASSWORD, "203.0.113.70")).status).toBe(200);
  });
});

describe("timing", () => {
  it("spends the same password-hashing work on an unknown email as on a wrong password", async () => {
    const user = await makeUser("member");
    const time = async (email: string, ip: string) => {
      const started = performance.now();
      expect((await login(email, "wrong password", ip)).status).toBe(401);
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, four each (under the account limit of five), each from a fresh address.
    for (let i = 0; i < 4; i++) {
      known.push(await time(user.email, `192.0.2.${10 + i}`));
      unknown.push(await time(`nobody-${i}@example.com`, `192.0.2.${20 + i}`));
    }
    // Without the decoy hash an unknown email answers about ten times faster; a wide margin
    // keeps this about the class of leak, not about this machine's timing noise.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });
});

describe("rows", () => {
  it("keeps the counts in Postgres, where every replica sees them", async () => {
    await login("rows@example.com", "x", "192.0.2.99");
    const keys = (await prisma().rateLimit.findMany({ where: { key: { contains: "rows@example.com" } } })).map((r) => r.key);
    expect(keys).toEqual(["signin:account:rows@example.com"]);
  });
});
