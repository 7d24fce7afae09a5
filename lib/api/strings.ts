// The one check every client-supplied string passes before it can reach PostgreSQL. Postgres
// cannot store U+0000 in text, nor a lone UTF-16 surrogate (no UTF-8 encoding; in jsonb, an
// unsupported escape), so either used to end in a 500 from the database. Refusing them at the
// schema boundary turns that into a 400 naming the field. Browser-safe: shared with the console.
import { z } from "zod";

export const STORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

// With the `u` flag a surrogate pair reads as one astral code point, so only an unpaired
// surrogate is in the Cs category. (String.prototype.isWellFormed is ES2024; this is ES2018.)
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** True when PostgreSQL can store `value` as text (and as a jsonb string) unchanged. */
export function isStorableText(value: string): boolean {
  return !value.includes("\0") && !UNPAIRED_SURROGATE.test(value);
}

/**
 * Adds the storable-text check to a string schema of any kind (`z.string()`, `z.email()`,
 * `z.url()`, …) and keeps its type, so `.min()`, `.max()`, `.trim()` still chain. It aborts on
 * failure: a string that cannot be stored gets this one message, not every later check's too.
 */
export function storable<T extends z.ZodType<string, string>>(schema: T): T {
  return schema.check(z.refine(isStorableText, { error: STORABLE_TEXT_MESSAGE, abort: true }));
}

/** `z.string()` for anything a client sends: body, query, path parameter or signed claim. */
export function text(params?: Parameters<typeof z.string>[0]): z.ZodString {
  return storable(z.string(params));
}
