// Hostile credentials and browser headers: junk bearer tokens, token-shaped and proxy-token-shaped
// junk (which reach the database lookups), JWTs with any claims signed with the right secret or
// a wrong one, session cookies with bad signatures and bad percent-encoding, odd content types.
import fc from "fast-check";
import { ORIGIN } from "../support/api";
import { hostileString, RAW_URL_TEXT } from "./hostile";
import type { HeaderValue, Jwt } from "./request";
import type { World } from "./world";

const alnum = (length: number) => fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), minLength: length, maxLength: length });
const junk = fc.oneof(hostileString(), fc.string({ maxLength: 40 }), fc.constantFrom(...RAW_URL_TEXT));

function known(world: World): fc.Arbitrary<string> {
  return world.ids.length > 0 ? fc.constantFrom(...world.ids) : fc.uuid();
}

/** Credentials that look like ours but are not: each shape reaches a different check. */
function credential(world: World): fc.Arbitrary<string> {
  return fc.oneof(
    junk,
    fc.tuple(alnum(10), alnum(32)).map(([id, secret]) => `${id}-${secret}`), // API-token shaped
    fc.tuple(known(world), junk).map(([id, secret]) => `${id}-${secret}`),
    fc.tuple(fc.uuid(), junk).map(([id, secret]) => `${id}:${secret}`), // proxy-token shaped
    fc.tuple(known(world), fc.oneof(junk, fc.constant("x".repeat(257)), fc.constant(""))).map(([id, secret]) => `${id}:${secret}`),
    fc.tuple(junk, junk, junk).map((parts) => parts.map((p) => Buffer.from(p).toString("base64url")).join(".")), // JWT shaped
    fc.constantFrom("eyJhbGciOiJIUzI1NiJ9.e30.", "a.b.c", ".", ":", "-", "::", "a:b:c"),
  );
}

const claimValue = fc.oneof(hostileString(), fc.integer(), fc.double(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.constant({}));
const seconds = fc.oneof(fc.integer({ min: -3600, max: 3600 }), fc.constantFrom(0, 60, 300, 899, 901, 10 ** 10, -(10 ** 10)));

/** A JWT with any claims: the embed-token checks after the signature get to run. */
function jwt(world: World): fc.Arbitrary<Jwt> {
  const sub = fc.oneof(world.known.strings.length > 0 ? fc.constantFrom(...world.known.strings.filter((s) => s.includes("@")), "x@example.com") : fc.emailAddress(), claimValue);
  return fc
    .record({
      claims: fc.record({ sub, aud: fc.oneof(fc.constant("meridian-embed"), claimValue), nbf: claimValue, extra: claimValue }, { requiredKeys: [] }),
      iat: fc.option(seconds, { nil: undefined }),
      exp: fc.option(seconds, { nil: undefined }),
      secret: fc.constantFrom("right" as const, "right" as const, "wrong" as const),
      alg: fc.constantFrom("HS256" as const, "HS256" as const, "HS512" as const, "none" as const),
    })
    .map((spec) => ({ jwt: spec }));
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "APPLICATION/JSON",
  "application/jsonp",
  "text/plain",
  "text/plain; application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
  "*/*",
];

/** One header the request sets after its caller's own, replacing them when the name is the same. */
export function headerMutation(world: World): fc.Arbitrary<[string, HeaderValue]> {
  const pair = (name: string, value: fc.Arbitrary<HeaderValue>) => value.map((v): [string, HeaderValue] => [name, v]);
  const cookieValue = fc.oneof(junk, fc.tuple(credential(world), junk).map(([token, sig]) => `${token}.${sig}`), fc.constantFrom(...RAW_URL_TEXT));
  return fc.oneof(
    pair("authorization", fc.oneof(credential(world).map((c) => `Bearer ${c}`), jwt(world), fc.constantFrom("Bearer", "Bearer ", "bearer  x y", "Basic YTpi", "Bearer\tx"), junk)),
    pair("authorization", jwt(world)), // again: JWTs reach the most code
    pair("meridian-session-token", fc.oneof(credential(world), jwt(world))),
    pair("meridian-proxy-token", credential(world)),
    pair(
      "cookie",
      fc.oneof(
        cookieValue.map((v) => `meridian.session_token=${v}`),
        cookieValue.map((v) => `__Secure-meridian.session_token=${v}`),
        cookieValue.map((v) => `a=b; meridian.session_token=${v}; meridian.session_token=x`),
        fc.constantFrom("meridian.session_token", "meridian.session_token=", ";;;=", "=x"),
        junk,
      ),
    ),
    pair("content-type", fc.oneof(fc.constantFrom(...CONTENT_TYPES), junk)),
    pair("origin", fc.oneof(fc.constantFrom(ORIGIN, `${ORIGIN}/`, "HTTP://LOCALHOST:3000", "null", "https://evil.example", "http://localhost"), junk)),
    pair("sec-fetch-site", fc.oneof(fc.constantFrom("same-origin", "same-site", "cross-site", "none", "SAME-ORIGIN"), junk)),
    pair("host", fc.oneof(fc.constantFrom("localhost:3000", "evil.example", "[::1]:3000", ""), junk)),
    pair("x-forwarded-proto", fc.oneof(fc.constantFrom("https", "http", "https, http"), junk)),
    // Node's HTTP parser refuses a Content-Length that is not digits; a wrong number can still arrive.
    pair("content-length", fc.constantFrom("0", "1", "65536", "65537", "99999999999999999999")),
    pair("user-agent", junk),
  );
}

export function headerMutations(world: World): fc.Arbitrary<[string, HeaderValue][]> {
  return fc.oneof({ withCrossShrink: true }, { weight: 3, arbitrary: fc.constant<[string, HeaderValue][]>([]) }, { weight: 2, arbitrary: fc.array(headerMutation(world), { minLength: 1, maxLength: 3 }) });
}
