// The arbitrary for one route and method: path parameters, query and body generated from the
// route's own zod schemas (test/fuzz/schema.ts), a caller that is mostly allowed in (so the
// authorized code runs, not only the 401), browser CSRF signals, hostile headers, and sometimes
// several identical requests at once.
import fc from "fast-check";
import { ACCESS, EMBED_SCOPE, type RouteKey } from "@/server/auth/access";
import type { RouteSpec } from "@/server/http/route";
import { headerMutations } from "./headers";
import { encodeUrlText, hostileString, insert, RAW_URL_TEXT } from "./hostile";
import { jsonText, type Body, type FuzzCase, type Site } from "./request";
import { inputFor, jsonSchemaOf, RawJson, valid, type Node } from "./schema";
import type { Caller, World } from "./world";

export interface RouteUnderTest {
  /** "PATCH /api/v2/users/[id]" */
  key: string;
  method: string;
  pattern: string;
  spec: RouteSpec;
}

const CALLERS: Caller[] = ["anonymous", "member-cookie", "admin-cookie", "owner-cookie", "member-token", "admin-token", "owner-token", "member-session-header", "proxy-bearer", "proxy-header", "embed"];

/** The callers the authorization table lets in (the others are tried too, less often). */
function allowedCallers(key: string): Caller[] {
  const access = ACCESS[key as RouteKey] as string | undefined;
  const users = (roles: string[]) => CALLERS.filter((c) => roles.some((r) => c.startsWith(`${r}-`)) && c !== "proxy-bearer" && c !== "proxy-header");
  const embed: Caller[] = EMBED_SCOPE.has(key as RouteKey) ? ["embed"] : [];
  switch (access) {
    case "proxy":
      return ["proxy-bearer", "proxy-header"];
    case "member":
      return [...users(["member", "admin", "owner"]), ...embed];
    case "admin":
      return users(["admin", "owner"]);
    case "owner":
      return users(["owner"]);
    default:
      return CALLERS;
  }
}

/** A failing case shrinks towards the first choice of each `oneof` (no body, one copy, a valid value…). */
const CROSS_SHRINK = { withCrossShrink: true } as const;

const SITES: Site[] = ["origin-only", "none", "cross-site", "foreign-origin"];

function segment(name: string, node: Node | undefined, world: World): fc.Arbitrary<string> {
  const validText = node ? valid({ ...node, field: name }, world.known).map((v) => (typeof v === "string" ? v : jsonText(v))) : fc.string({ maxLength: 12 });
  const ids = world.ids.length > 0 ? fc.constantFrom(...world.ids) : fc.uuid();
  return fc.oneof(
    CROSS_SHRINK,
    { weight: 4, arbitrary: validText.map(encodeUrlText) },
    { weight: 4, arbitrary: ids.map(encodeUrlText) },
    { weight: 3, arbitrary: hostileString(validText).map(encodeUrlText) },
    { weight: 2, arbitrary: fc.tuple(ids, fc.constantFrom(...RAW_URL_TEXT), fc.nat()).map(([id, raw, at]) => insert(id, raw, at)) },
  );
}

function pathFor(pattern: string, spec: RouteSpec, world: World): fc.Arbitrary<string> {
  const params = jsonSchemaOf(spec.params);
  const parts = pattern.split("/").map((part) => {
    const name = /^\[(\w+)\]$/.exec(part)?.[1];
    return name ? segment(name, params?.properties?.[name], world) : fc.constant(part);
  });
  return fc.tuple(...parts).map((p) => p.join("/"));
}

const ODD_QUERY_VALUES = ["", "0", "-1", "1.5", "1e400", "NaN", "99999999999999999999", "%00", "%E0%A4%A", "%ED%A0%80", "a%00b"];

/** Query text no encoder would write: odd values, repeated and bracketed keys, bare separators. */
function rawQuery(keys: string[]): fc.Arbitrary<string> {
  const key = fc.constantFrom(...keys, "__proto__", "q");
  return fc.oneof(
    fc.tuple(key, fc.constantFrom(...ODD_QUERY_VALUES)).map(([k, v]) => `${k}=${v}`),
    key.map((k) => `${k}=1&${k}=2`),
    key.map((k) => `${k}[]=x`),
    key,
    fc.constantFrom("=x", "&&", "=", ...RAW_URL_TEXT),
  );
}

function queryValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof RawJson) return value.text;
  return typeof value === "object" && value !== null ? jsonText(value) : String(value);
}

function queryFor(spec: RouteSpec, world: World): fc.Arbitrary<string> {
  const node = jsonSchemaOf(spec.query);
  const fromSchema = node
    ? inputFor(node, world.known).map((v): [string, unknown][] => (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof RawJson) ? Object.entries(v) : [["q", v]]))
    : fc.constant([] as [string, unknown][]);
  const encoded = fromSchema.map((entries) => entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${encodeUrlText(k)}=${encodeUrlText(queryValue(v))}`));
  const extra = fc.array(rawQuery(Object.keys(node?.properties ?? {})), { minLength: 1, maxLength: 2 });
  const query = fc.oneof(
    CROSS_SHRINK,
    { weight: node ? 6 : 8, arbitrary: encoded },
    { weight: 2, arbitrary: fc.tuple(encoded, extra).map(([a, b]) => [...a, ...b]) },
  );
  return query.map((parts) => (parts.length > 0 ? `?${parts.join("&")}` : ""));
}

const RAW_BODIES = [
  "", " ", "{", "[", '"', "null", "true", "0", "{} {}", '{"a":1,}', "{'a':1}", "NaN", "\uFEFF{}",
  '{"email":"a@b.co"', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":"\\x00"}', '{"__proto__":{"role":"owner"}}',
  "[".repeat(50_000), `${"[".repeat(5_000)}${"]".repeat(5_000)}`, `${'{"a":'.repeat(2_000)}1${"}".repeat(2_000)}`, "1".repeat(70_000),
];
const RAW_BYTES = [
  [0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00], // "{}" in UTF-16 with a byte order mark
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], // {"a":"<CESU-8 surrogate>"}
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x00, 0x22, 0x7d],
];

function bodyFor(route: RouteUnderTest, world: World): fc.Arbitrary<Body | undefined> {
  if (route.method === "GET" || route.method === "HEAD") return fc.constant(undefined);
  const node = jsonSchemaOf(route.spec.body);
  const json = (node ? inputFor(node, world.known) : fc.jsonValue({ maxDepth: 2 })).map((v): Body => ({ json: v }));
  const text = fc.oneof(fc.constantFrom(...RAW_BODIES), hostileString()).map((t): Body => ({ text: t }));
  const bytes = fc.oneof(fc.constantFrom(...RAW_BYTES), fc.uint8Array({ maxLength: 32 }).map((b) => [...b])).map((b): Body => ({ bytes: b }));
  return fc.oneof(
    CROSS_SHRINK,
    { weight: node ? 1 : 6, arbitrary: fc.constant(undefined) },
    { weight: node ? 10 : 2, arbitrary: json },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: bytes },
  );
}

function common(world: World, allowed: Caller[]) {
  return {
    caller: fc.oneof(CROSS_SHRINK, { weight: 7, arbitrary: fc.constantFrom(...allowed) }, { weight: 3, arbitrary: fc.constantFrom(...CALLERS) }),
    site: fc.oneof(CROSS_SHRINK, { weight: 8, arbitrary: fc.constant<Site>("same-origin") }, { weight: 3, arbitrary: fc.constantFrom(...SITES) }),
    headers: headerMutations(world),
    // A new address per case, so sign-in throttling by address rarely stands in the way.
    clientIp: fc.oneof(fc.ipV4(), fc.ipV6()),
    copies: fc.oneof(CROSS_SHRINK, { weight: 12, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }),
  };
}

export function caseFor(route: RouteUnderTest, world: World): fc.Arbitrary<FuzzCase> {
  return fc.record({
    method: fc.constant(route.method),
    target: fc.tuple(pathFor(route.pattern, route.spec, world), queryFor(route.spec, world)).map(([path, query]) => path + query),
    body: bodyFor(route, world),
    ...common(world, allowedCallers(route.key)),
  });
}

const NAMES = ["users", "me", "tokens", "region", "first", "login", "workspaceproxies", "register", "licenses", "embed", "origins", "regions", "audit", "x", "..", ".", ""];

/** Paths under /api/v2 that may name no route: the catch-all's JSON 404, or a route reached oddly. */
export function unknownPathCase(world: World): fc.Arbitrary<FuzzCase> {
  const part = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
    { weight: 2, arbitrary: hostileString().map(encodeUrlText) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_TEXT) },
  );
  return fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS").chain((method) =>
    fc.record({
      method: fc.constant(method),
      target: fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => `/api/v2/${parts.join("/")}`),
      body: bodyFor({ key: "", method, pattern: "", spec: {} }, world),
      ...common(world, CALLERS),
    }),
  );
}
