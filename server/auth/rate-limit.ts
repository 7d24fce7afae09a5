// Sign-in throttling kept in Postgres, so every replica sees the same counts. Counts failures
// (not requests) per account and per client address; better-auth's limiter counts requests
// per address and path only, which is why this part is ours.
import "server-only";
import { prisma } from "../db";

export const LIMITS = {
  account: { failures: 5, windowMs: 15 * 60_000 },
  address: { failures: 20, windowMs: 15 * 60_000 },
} as const;

export type LimitKind = keyof typeof LIMITS;
const key = (kind: LimitKind, value: string) => `signin:${kind}:${value}`;

/** Seconds until sign-in may be tried again for any of these, or 0 when it may be tried now. */
export async function retryAfter(subjects: Partial<Record<LimitKind, string>>): Promise<number> {
  const keys = Object.entries(subjects).map(([kind, value]) => key(kind as LimitKind, value!));
  const rows = await prisma().rateLimit.findMany({ where: { key: { in: keys }, blockedTill: { gt: new Date() } } });
  const until = Math.max(0, ...rows.map((r) => r.blockedTill!.getTime()));
  return until ? Math.ceil((until - Date.now()) / 1000) : 0;
}

/** Counts one failure for each subject; the one that reaches its limit is blocked for its window. */
export async function recordFailure(subjects: Partial<Record<LimitKind, string>>): Promise<void> {
  for (const [kind, value] of Object.entries(subjects) as [LimitKind, string][]) {
    const { failures, windowMs } = LIMITS[kind];
    const window = `${windowMs} milliseconds`;
    await prisma().$executeRaw`
      INSERT INTO rate_limits (key, count, window_start) VALUES (${key(kind, value)}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.window_start < now() - ${window}::interval THEN 1 ELSE rate_limits.count + 1 END,
        window_start = CASE WHEN rate_limits.window_start < now() - ${window}::interval THEN now() ELSE rate_limits.window_start END,
        blocked_till = CASE
          WHEN rate_limits.window_start >= now() - ${window}::interval AND rate_limits.count + 1 >= ${failures} THEN now() + ${window}::interval
          ELSE rate_limits.blocked_till END`;
  }
}

/** A successful sign-in clears the account's count (the address keeps its own). */
export async function clearFailures(account: string): Promise<void> {
  await prisma().rateLimit.deleteMany({ where: { key: key("account", account) } });
}
