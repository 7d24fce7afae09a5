// Sign-in throttling kept in Postgres, so every replica sees the same counts, per account and per
// client address (better-auth's limiter counts requests per address and path only, which is why
// this part is ours).
//
// The count and the decision are one statement: an attempt first *reserves* a slot (the upsert
// increments the count and returns it), and only an attempt whose slot is within the limit gets
// its password checked. Dozens of guesses sent at once therefore get at most `failures` checks,
// on any number of replicas. A failed attempt keeps its slot; a successful one gives it back
// (the account's count is cleared); an attempt refused by the limit gives its slots back, so
// spraying a blocked address does not also lock the accounts it names.
import "server-only";
import { prisma } from "../db";

export const LIMITS = {
  account: { failures: 5 },
  address: { failures: 20 },
} as const;
/** One window for both: counts older than this start over, and a lockout lasts this long. */
export const WINDOW_MS = 15 * 60_000;

export type LimitKind = keyof typeof LIMITS;
export type Subjects = Partial<Record<LimitKind, string>>;
const keyOf = (kind: LimitKind, value: string) => `signin:${kind}:${value}`;

/** `settle(true)`: signed in; `false`: a wrong guess, which keeps its slot; `null`: neither (an error), which gives it back. */
export type Reservation = { allowed: true; settle(succeeded: boolean | null): Promise<void> } | { allowed: false; retryAfterS: number };

interface Row {
  key: string;
  count: number;
  blocked_till: Date | null;
}

/** Takes one sign-in slot for every subject at once; `allowed` only when each is within its limit. */
export async function reserveSignIn(subjects: Subjects): Promise<Reservation> {
  const entries = (Object.entries(subjects) as [LimitKind, string][]).filter(([, value]) => value);
  const keys = entries.map(([kind, value]) => keyOf(kind, value));
  const limits = entries.map(([kind]) => LIMITS[kind].failures);
  const window = `${WINDOW_MS} milliseconds`;
  const rows = await prisma().$queryRaw<Row[]>`
    INSERT INTO rate_limits (key, count, window_start)
    SELECT key, 1, now() FROM unnest(${keys}::text[]) AS key
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start < now() - ${window}::interval AND coalesce(rate_limits.blocked_till, now()) <= now()
                   THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start < now() - ${window}::interval AND coalesce(rate_limits.blocked_till, now()) <= now()
                   THEN now() ELSE rate_limits.window_start END,
      blocked_till = CASE WHEN rate_limits.blocked_till <= now() THEN NULL ELSE rate_limits.blocked_till END
    RETURNING key, count, blocked_till`;
  const now = Date.now();
  const refused = rows.filter((row) => {
    const limit = limits[keys.indexOf(row.key)];
    return (row.blocked_till !== null && row.blocked_till.getTime() > now) || row.count > limit;
  });
  if (refused.length === 0) return { allowed: true, settle: (succeeded) => settle(keys, limits, succeeded, subjects.account) };

  await release(keys);
  const until = Math.max(...refused.map((row) => row.blocked_till?.getTime() ?? now + WINDOW_MS));
  return { allowed: false, retryAfterS: Math.max(1, Math.ceil((until - now) / 1000)) };
}

async function settle(keys: string[], limits: number[], succeeded: boolean | null, account: string | undefined): Promise<void> {
  if (succeeded === null) return release(keys);
  if (succeeded) {
    // The account starts over; the address gives back this attempt's slot and keeps its failures.
    if (account) await clearAccount(account);
    await release(keys.filter((key) => !key.startsWith("signin:account:")));
    return;
  }
  // A failure that fills a subject's slots locks it for a whole window from now.
  const window = `${WINDOW_MS} milliseconds`;
  await prisma().$executeRaw`
    UPDATE rate_limits SET blocked_till = now() + ${window}::interval
    FROM unnest(${keys}::text[], ${limits}::int[]) AS l(key, lim)
    WHERE rate_limits.key = l.key AND rate_limits.count >= l.lim`;
}

async function release(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await prisma().$executeRaw`UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ANY(${keys}::text[])`;
}

/** Lifts an account's lockout and clears its count (a successful sign-in, or an operator's unlock). */
export async function clearAccount(account: string): Promise<number> {
  return (await prisma().rateLimit.deleteMany({ where: { key: keyOf("account", account) } })).count;
}

/** Lifts an address's lockout (an operator's unlock). */
export async function clearAddress(address: string): Promise<number> {
  return (await prisma().rateLimit.deleteMany({ where: { key: keyOf("address", address) } })).count;
}
