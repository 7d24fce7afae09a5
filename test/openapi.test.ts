// The OpenAPI document against the code it describes: every route in the authorization table is in
// it and nothing else; what it documents for a route's path parameters, query and body is exactly
// what the route's handler parses with; and the real answers of every route, against a database
// with real rows, are valid under the JSON Schema it documents for their status (checked by Ajv,
// a JSON Schema validator of its own, not by the zod schemas the document came from).
import { randomUUID } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { HTTP_METHODS, type JsonSchema, type OpenApiDocument, type OperationObject, type ResponseObject } from "@/lib/api/openapi";
import { ACCESS } from "@/server/auth/access";
import { prisma } from "@/server/db";
import type { RouteSpec } from "@/server/http/route";
import { recordLatencySamples } from "@/server/topology/replicas";
import { browser, call, cookieFrom, ROUTES, type CallOptions } from "./support/api";
import { withTestDatabase } from "./support/database";
import { installLicense, makeLicense } from "./support/licenses";
import { makeUser, PASSWORD } from "./support/users";

withTestDatabase();

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

interface Handler {
  key: string;
  pattern: string;
  method: string;
  spec: RouteSpec;
}

async function handlers(): Promise<Handler[]> {
  const found: Handler[] = [];
  for (const [pattern, load] of Object.entries(ROUTES)) {
    const mod = await load();
    for (const method of METHODS) {
      const handler = mod[method] as (Partial<{ routeKey: string; spec: RouteSpec }> & object) | undefined;
      if (handler?.routeKey) found.push({ key: handler.routeKey, pattern, method, spec: handler.spec ?? {} });
    }
  }
  return found;
}

let doc: OpenApiDocument;
beforeAll(async () => {
  const res = await call("GET /api/v2/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toMatch(/public/);
  doc = (await res.json()) as OpenApiDocument;
});

function operations(): OperationObject[] {
  return Object.values(doc.paths).flatMap((item) => HTTP_METHODS.flatMap((m) => (item[m] ? [item[m]] : [])));
}

function operationFor(key: string): OperationObject {
  const [method, pattern] = key.split(" ");
  const op = doc.paths[pattern.replace(/\[(\w+)\]/g, "{$1}")]?.[method.toLowerCase() as (typeof HTTP_METHODS)[number]];
  if (!op) throw new Error(`${key} is not documented`);
  return op;
}

/** Follows a local `$ref` ("#/a/b") in `root`. */
function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`not a local ref: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), root);
}

/** The node with every local $ref replaced by what it points at (no schema here is recursive). */
function inline<T>(node: T, root: unknown): T {
  if (Array.isArray(node)) return node.map((n) => inline(n, root)) as T;
  if (!node || typeof node !== "object") return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string") return inline(pointer(root, ref) as T, root);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, root)])) as T;
}

/** What zod itself says a route accepts or answers, refs into its own $defs inlined. */
function zodSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const full = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  const { $schema: _dialect, $defs: _defs, ...rest } = inline(full, full) as Record<string, unknown>;
  return rest as JsonSchema;
}

describe("the document lists the API", () => {
  it("documents every route in the authorization table, and nothing else", async () => {
    const documented = operations().map((op) => op["x-meridian-route"]);
    expect([...documented].sort()).toEqual(Object.keys(ACCESS).sort());
    const routed = (await handlers()).map((h) => h.key);
    expect([...routed].sort()).toEqual(Object.keys(ACCESS).sort());
    for (const key of routed) expect(operationFor(key)["x-meridian-access"]).toBe(ACCESS[key as keyof typeof ACCESS]);
  });

  it("is structurally OpenAPI 3.1: unique operation ids, declared tags and path parameters, resolvable refs", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    const ids = operations().map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\/api\/v2\/[\w./{}-]+$/);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(item)) {
        expect(op.tags.every((t) => tags.has(t)), `${op.operationId} tags`).toBe(true);
        expect((op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name).sort(), `${op.operationId} path parameters`).toEqual(templated);
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${op.operationId} has a success`).toBe(true);
        for (const scheme of op.security.flatMap((s) => Object.keys(s))) expect(doc.components.securitySchemes).toHaveProperty(scheme);
      }
    }
    // Every $ref anywhere in the document points at something.
    const refs: string[] = [];
    JSON.stringify(doc, (key, value) => (key === "$ref" && typeof value === "string" ? (refs.push(value), value) : value));
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => pointer(doc, ref) === undefined)).toEqual([]);
  });

  it("has schemas that compile as JSON Schema 2020-12", () => {
    const ajv = validator();
    for (const op of operations()) {
      for (const node of [...(op.parameters ?? []).map((p) => p.schema), ...Object.values(op.requestBody?.content ?? {}).map((m) => m.schema), ...responseSchemas(op)]) {
        expect(() => ajv.compile(inline(node, doc)), op.operationId).not.toThrow();
      }
    }
  });
});

function responseSchemas(op: OperationObject): JsonSchema[] {
  return Object.values(op.responses).flatMap((r) => Object.values((inline(r, doc) as ResponseObject).content ?? {}).map((m) => m.schema));
}

describe("documented requests are what the routes parse", () => {
  it("for path parameters, query and body, schema for schema", async () => {
    for (const { key, spec } of await handlers()) {
      const op = operationFor(key);
      for (const where of ["path", "query"] as const) {
        const schema = where === "path" ? spec.params : spec.query;
        const documented = (op.parameters ?? []).filter((p) => p.in === where);
        if (!schema) {
          expect(documented, `${key} ${where}`).toEqual([]);
          continue;
        }
        const expected = zodSchema(schema, "input");
        const properties = Object.fromEntries(documented.map((p) => [p.name, inline(p.schema, doc)]));
        expect(properties, `${key} ${where}`).toEqual(expected.properties);
        const required = documented.filter((p) => p.required).map((p) => p.name).sort();
        expect(required, `${key} ${where} required`).toEqual(where === "path" ? Object.keys(expected.properties ?? {}).sort() : [...(expected.required ?? [])].sort());
      }
      const body = op.requestBody?.content["application/json"]?.schema;
      expect(body && inline(body, doc), `${key} body`).toEqual(spec.body ? zodSchema(spec.body, "input") : undefined);
    }
  });

  it("and documented answers are the schemas the routes declare", async () => {
    for (const { key, spec } of await handlers()) {
      const op = operationFor(key);
      const status = String(spec.status ?? 200);
      const success = inline(op.responses[status], doc) as ResponseObject | undefined;
      expect(success, `${key} ${status}`).toBeDefined();
      if (spec.status === 204) {
        expect(success!.content, key).toBeUndefined();
        continue;
      }
      // Every route that answers with a body says what it is.
      expect(spec.response, `${key} declares its response schema`).toBeInstanceOf(z.ZodType);
      const [media] = Object.values(success!.content ?? {});
      expect(media.schema, key).toEqual(zodSchema(spec.response!, "output"));
    }
  });
});

/** Ajv for draft 2020-12, with the formats zod writes. */
function validator() {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictRequired: false, allErrors: true });
  ajv.addFormat("date-time", (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)));
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  return ajv;
}

type Caller = "owner" | "anonymous" | "proxy";

interface Scenario {
  key: keyof typeof ACCESS;
  as: Caller;
  options?: CallOptions | (() => CallOptions | Promise<CallOptions>);
  /** The status it must answer; the documented success unless said. */
  status?: number;
}

describe("documented answers are what the routes answer", () => {
  const world = { owner: "", proxyToken: "", proxyId: "", replicaId: "", tokenId: "", licenseId: "", originId: "", memberId: "" };

  beforeAll(async () => {
    await installLicense();
    const owner = await makeUser("owner");
    world.owner = await owner.token();
    world.memberId = (await makeUser("member")).id;
    // Two replicas that measured each other, so the lists and the history have rows to show.
    const now = new Date();
    const [a, b] = [randomUUID(), randomUUID()];
    for (const id of [a, b]) await prisma().replica.create({ data: { id, hostname: `host-${id.slice(0, 4)}`, region: "openapi", relayAddress: "http://127.0.0.1:9", version: "1.0.0", startedAt: now, updatedAt: now } });
    await recordLatencySamples(a, 1500, [{ targetId: b, hostname: "b", relayAddress: "http://127.0.0.1:9", latencyMs: 0.8, error: null }]);
    world.replicaId = a;
  });

  const headersOf = (as: Caller): Record<string, string> =>
    as === "owner" ? { authorization: `Bearer ${world.owner}` } : as === "proxy" ? { "meridian-proxy-token": world.proxyToken } : {};

  // In order: writes make the rows that later reads and deletes need. Every route has one at least.
  const scenarios: Scenario[] = [
    { key: "GET /api/v2/openapi.json", as: "anonymous" },
    { key: "GET /api/v2/users/first", as: "anonymous" },
    { key: "POST /api/v2/users/first", as: "anonymous", options: { body: { email: "second-owner@example.com", name: "Second", password: PASSWORD } }, status: 409 },
    { key: "POST /api/v2/users/login", as: "anonymous", options: () => ({ headers: browser(), body: { email: "nobody@example.com", password: "wrong password" } }), status: 401 },
    { key: "POST /api/v2/users", as: "owner", options: { body: { email: `m-${randomUUID().slice(0, 8)}@example.com`, name: "Member", password: PASSWORD } } },
    { key: "PATCH /api/v2/users/[id]", as: "owner", options: () => ({ params: { id: world.memberId }, body: { role: "admin" } }) },
    { key: "GET /api/v2/users", as: "owner" },
    { key: "GET /api/v2/users/me", as: "owner" },
    { key: "POST /api/v2/users/me/tokens", as: "owner", options: { body: { name: "openapi-check" } } },
    { key: "GET /api/v2/users/me/tokens", as: "owner" },
    { key: "POST /api/v2/workspaceproxies", as: "owner", options: { body: { name: "openapi-proxy", display_name: "OpenAPI", location: { code: "eu-west" } } } },
    { key: "POST /api/v2/workspaceproxies", as: "owner", options: { body: { name: "openapi-proxy" } }, status: 409 },
    { key: "PATCH /api/v2/workspaceproxies/[id]", as: "owner", options: () => ({ params: { id: world.proxyId }, body: { regenerate_token: true } }) },
    { key: "POST /api/v2/workspaceproxies/me/register", as: "proxy", options: { body: { access_url: "http://127.0.0.1:9", version: "1.0.0", replica_id: randomUUID(), hostname: "agent" } } },
    { key: "POST /api/v2/workspaceproxies/me/deregister", as: "proxy", options: { body: { replica_id: randomUUID() } } },
    { key: "GET /api/v2/workspaceproxies", as: "owner" },
    { key: "GET /api/v2/regions", as: "owner" },
    { key: "PUT /api/v2/users/me/region", as: "owner", options: () => ({ body: { region_id: world.proxyId } }) },
    { key: "GET /api/v2/users/me/region", as: "owner" },
    { key: "GET /api/v2/workspaceproxies/[id]/history", as: "owner", options: () => ({ params: { id: world.proxyId }, query: { period: "1h" } }) },
    { key: "GET /api/v2/workspaceproxies/[id]/history", as: "owner", options: { params: { id: randomUUID() } }, status: 404 },
    { key: "GET /api/v2/replicas", as: "owner" },
    { key: "GET /api/v2/replicas/[id]/history", as: "owner", options: () => ({ params: { id: world.replicaId } }) },
    { key: "POST /api/v2/licenses", as: "owner", options: async () => ({ body: { license: await makeLicense({ trial: true }) } }) },
    { key: "GET /api/v2/licenses", as: "owner" },
    { key: "GET /api/v2/entitlements", as: "owner" },
    { key: "POST /api/v2/embed/origins", as: "owner", options: { body: { origin: "https://portal.example.com" } } },
    { key: "GET /api/v2/embed/origins", as: "owner" },
    { key: "PUT /api/v2/debug/health/settings", as: "owner", options: { body: { dismissed_sections: ["access_url"] } } },
    { key: "GET /api/v2/debug/health/settings", as: "owner" },
    { key: "GET /api/v2/debug/health", as: "owner", options: { query: { force: "true" } } },
    { key: "GET /api/v2/events", as: "owner" },
    { key: "GET /api/v2/audit", as: "owner", options: { query: { page: "1" } } },
    { key: "GET /api/v2/audit", as: "anonymous", status: 401 },
    { key: "DELETE /api/v2/embed/origins/[id]", as: "owner", options: () => ({ params: { id: world.originId } }) },
    { key: "DELETE /api/v2/licenses/[id]", as: "owner", options: () => ({ params: { id: world.licenseId } }) },
    { key: "DELETE /api/v2/users/me/tokens/[id]", as: "owner", options: () => ({ params: { id: world.tokenId } }) },
    { key: "DELETE /api/v2/workspaceproxies/[id]", as: "owner", options: () => ({ params: { id: world.proxyId } }) },
    { key: "PUT /api/v2/debug/health/settings", as: "owner", options: { body: { dismissed_sections: ["nope"] } }, status: 400 },
    { key: "POST /api/v2/users/logout", as: "owner" },
  ];

  /** Remembers the ids later scenarios need from what a write answered. */
  function remember(key: string, body: unknown) {
    if (key === "POST /api/v2/workspaceproxies") world.proxyId = (body as { proxy: { id: string } }).proxy.id;
    if (key === "POST /api/v2/workspaceproxies" || key === "PATCH /api/v2/workspaceproxies/[id]") world.proxyToken = (body as { proxy_token: string }).proxy_token;
    if (key === "POST /api/v2/users/me/tokens") world.tokenId = (body as { token: { id: string } }).token.id;
    if (key === "POST /api/v2/licenses") world.licenseId = String((body as { license: { id: number } }).license.id);
    if (key === "POST /api/v2/embed/origins") world.originId = (body as { origin: { id: string } }).origin.id;
  }

  it("covers every route", () => {
    expect([...new Set(scenarios.map((s) => s.key))].sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it("with every answer valid under the schema documented for its status", async () => {
    const ajv = validator();
    const problems: string[] = [];
    for (const scenario of scenarios) {
      const op = operationFor(scenario.key);
      const success = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s))!;
      const options = typeof scenario.options === "function" ? await scenario.options() : (scenario.options ?? {});
      const res = await call(scenario.key, { ...options, headers: { ...headersOf(scenario.as), ...options.headers } });
      const label = `${scenario.key} as ${scenario.as} → ${res.status}`;
      const want = scenario.status ?? Number(success);
      if (res.status !== want) problems.push(`${label}: wanted ${want} (${await res.text()})`);
      const documented = op.responses[String(res.status)];
      if (!documented) {
        problems.push(`${label}: status not documented`);
        continue;
      }
      const content = (inline(documented, doc) as ResponseObject).content;
      const type = res.headers.get("content-type")?.split(";")[0] ?? null;
      if (!content) {
        if (res.body && (await res.text()) !== "") problems.push(`${label}: documented without a body, answered one`);
        continue;
      }
      if (!type || !(type in content)) problems.push(`${label}: content type ${type}, documented ${Object.keys(content)}`);
      if (type === "text/event-stream") {
        await res.body?.cancel();
        continue;
      }
      const body = await res.json();
      const validate = ajv.compile(inline(content[type!].schema, doc));
      if (!validate(body)) problems.push(`${label}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 300)}`);
      if (res.ok) remember(scenario.key, body);
    }
    expect(problems).toEqual([]);
  });

  it("including a session cookie's sign-in and sign-out", async () => {
    const ajv = validator();
    const user = await makeUser("member");
    const login = await call("POST /api/v2/users/login", { headers: browser(), body: { email: user.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    const schema = inline(operationFor("POST /api/v2/users/login").responses["200"], doc) as ResponseObject;
    expect(ajv.validate(schema.content!["application/json"].schema, await login.json())).toBe(true);
    const logout = await call("POST /api/v2/users/logout", { headers: browser(cookieFrom(login)) });
    expect(logout.status).toBe(204);
  });
});
