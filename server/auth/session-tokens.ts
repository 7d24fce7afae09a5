// Session tokens are stored hashed, as API tokens are: a database dump holds no usable session.
// better-auth keeps the token as it is sent, by design, and its database hooks can rewrite what
// is written but not what it then hands back (the cookie would carry the hash). So this wraps its
// database adapter instead — the one seam through which every session read and write passes:
// a `token` written to or looked up in the session model is hashed on the way in, and a row that
// comes back for a token the caller gave is handed back with that token, so better-auth's cookie,
// sign-out and revocation keep working unchanged.
import "server-only";
import { createHash } from "node:crypto";
import type { DBAdapter, DBAdapterInstance, Where } from "better-auth";

const MODEL = "session";
const FIELD = "token";

/** What the sessions table stores for a token (hex sha256, the same as `encode(sha256(token), 'hex')` in SQL). */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

type Args = { model?: string; where?: Where[]; data?: Record<string, unknown>; update?: Record<string, unknown> };
type AnyAdapter = Omit<DBAdapter, "transaction"> & { transaction?: DBAdapter["transaction"] };

export function hashingSessionTokens(inner: DBAdapterInstance): DBAdapterInstance {
  return (options) => wrap(inner(options) as AnyAdapter) as DBAdapter;
}

type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;

function wrap(adapter: AnyAdapter): AnyAdapter {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(adapter)) {
    const value = member as Method;
    if (typeof value !== "function") {
      wrapped[name] = value;
    } else if (name === "transaction") {
      // The transaction's own adapter must hash too.
      wrapped[name] = (cb: (trx: AnyAdapter) => Promise<unknown>) => value.call(adapter, (trx: AnyAdapter) => cb(wrap(trx)));
    } else {
      wrapped[name] = async (args: Args, ...rest: unknown[]) => {
        if (!args || typeof args !== "object" || args.model !== MODEL) return value.call(adapter, args, ...rest);
        const raw = new Map<string, string>(); // hash → the token the caller gave
        const hash = (token: unknown) => {
          if (typeof token !== "string") return token;
          const hashed = hashSessionToken(token);
          raw.set(hashed, token);
          return hashed;
        };
        const call: Args = { ...args };
        if (args.where) call.where = args.where.map((w) => (w.field === FIELD ? { ...w, value: Array.isArray(w.value) ? (w.value as string[]).map((v) => hash(v) as string) : (hash(w.value) as Where["value"]) } : w));
        if (args.data && FIELD in args.data) call.data = { ...args.data, [FIELD]: hash(args.data[FIELD]) };
        if (args.update && FIELD in args.update) call.update = { ...args.update, [FIELD]: hash(args.update[FIELD]) };
        return restore(await value.call(adapter, call, ...rest), raw);
      };
    }
  }
  return wrapped as unknown as AnyAdapter;
}

/** Rows for tokens the caller gave carry those tokens again; others keep their hash. */
function restore(result: unknown, raw: Map<string, string>): unknown {
  if (Array.isArray(result)) return result.map((row) => restore(row, raw));
  if (result && typeof result === "object" && FIELD in result) {
    const token = raw.get((result as Record<string, string>)[FIELD]);
    if (token !== undefined) return { ...result, [FIELD]: token };
  }
  return result;
}
