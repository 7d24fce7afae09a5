// Builds the OpenAPI 3.1 document of /api/v2 from the routes themselves: each handler made by
// route() carries its key and spec (the zod schemas it parses, and the one its answer follows),
// and the authorization table says who may call it. Schemas go through zod's own
// `z.toJSONSchema` (requests as input, answers as output), so the document is what the code does.
import "server-only";
import { z } from "zod";
import { apiErrorSchema } from "@/lib/api/errors";
import type { HttpMethod, JsonSchema, OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from "@/lib/api/openapi";
import { ACCESS, EMBED_SCOPE, type RouteKey } from "../auth/access";
import { SESSION_COOKIE } from "../auth/better-auth";
import { VERSION } from "../version";
import { MAX_BODY_BYTES } from "./body-limit";
import type { RouteSpec } from "./route";

/** What the document needs of a route handler: what route() attaches to it. */
export interface DocumentedRoute {
  routeKey: RouteKey;
  spec: RouteSpec;
}

/** Tags by path prefix, the longest prefix winning; their order is the reference's. */
const TAGS: { prefix: string; name: string; description: string }[] = [
  { prefix: "/api/v2/regions", name: "Regions", description: "The regions users work through, and each user's choice." },
  { prefix: "/api/v2/users/me/region", name: "Regions", description: "" },
  { prefix: "/api/v2/workspaceproxies", name: "Workspace proxies", description: "Proxies in other regions: managed by admins, registered by their agents." },
  { prefix: "/api/v2/replicas", name: "Replicas", description: "The control-plane replicas sharing the database." },
  { prefix: "/api/v2/debug/health", name: "Health", description: "The health report and its settings." },
  { prefix: "/api/v2/licenses", name: "Licenses", description: "Licenses and the features they unlock." },
  { prefix: "/api/v2/entitlements", name: "Licenses", description: "" },
  { prefix: "/api/v2/users", name: "Users and sessions", description: "First-run setup, signing in and out, and user management." },
  { prefix: "/api/v2/users/me/tokens", name: "API tokens", description: "Personal API tokens: send one as `Authorization: Bearer <key>`." },
  { prefix: "/api/v2/audit", name: "Audit log", description: "Who did what, when and from where." },
  { prefix: "/api/v2/embed", name: "Embedding", description: "Origins allowed to frame the region picker." },
  { prefix: "/api/v2/events", name: "Events", description: "Server-Sent Events naming what changed." },
  { prefix: "/api/v2/openapi.json", name: "API reference", description: "This document." },
];

/** The error answers, each with when it happens; all have the one error shape. */
const ERRORS = {
  400: ["BadRequest", "Invalid path parameters, query or body: `validations` names each field and what is wrong with it."],
  401: ["Unauthorized", "Not signed in, or the credentials are not valid (for sign-in: a wrong email or password)."],
  403: ["Forbidden", "The caller's role (or token kind) may not do this, a cross-site write was refused, or the license does not include the feature."],
  404: ["NotFound", "Nothing has this id."],
  409: ["Conflict", "The change conflicts with what exists (a name in use, an entry from the environment)."],
  413: ["PayloadTooLarge", `The body is over ${MAX_BODY_BYTES / 1024} KiB.`],
  429: ["TooManyRequests", "Too many attempts: `Retry-After` says when to try again."],
  503: ["ServiceUnavailable", "The database is unreachable: `Retry-After` says when to retry."],
} as const;
type ErrorStatus = keyof typeof ERRORS;

const SAFE = new Set(["GET", "HEAD"]);

/** Next's folder name `[id]` is OpenAPI's `{id}`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/\[(\w+)\]/g, "{$1}");
}

/** `GET /api/v2/users/me/tokens/[id]` → `getUsersMeTokensById`. */
export function operationId(key: string): string {
  const [method, path] = key.split(" ");
  const words = path
    .replace(/^\/api\/v2\//, "")
    .split(/[/._-]+/)
    .map((part) => part.replace(/^\[(\w+)\]$/, "by-$1"))
    .flatMap((part) => part.split("-"));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/**
 * A zod schema as a JSON Schema for the document: what it accepts (`input`, for requests) or
 * produces (`output`, for answers). Transforms and refinements have no JSON Schema form: they are
 * left out (`unrepresentable: "any"`), so the document is never stricter than the route.
 */
export function documentSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema & { $defs?: Record<string, JsonSchema> } {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema & { $schema?: string };
  return rest;
}

export function buildOpenApiDocument(routes: readonly DocumentedRoute[]): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { Error: documentSchemaOf(apiErrorSchema, "output") };
  /** Moves a schema's own `$defs` (recursive or reused parts) to components, where its refs can reach them. */
  const place = (name: string, schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const { $defs, ...rest } = documentSchemaOf(schema, io);
    if (!$defs) return rest;
    for (const [def, node] of Object.entries($defs)) schemas[`${name}_${def}`] = node;
    return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"#/components/schemas/${name}_`)) as JsonSchema;
  };

  const paths: OpenApiDocument["paths"] = {};
  // By path, then in the order a reader expects: read, create, replace, change, delete.
  const order = (key: string) => {
    const [method, path] = key.split(" ");
    return `${path} ${["GET", "POST", "PUT", "PATCH", "DELETE"].indexOf(method)}`;
  };
  for (const { routeKey, spec } of [...routes].sort((a, b) => order(a.routeKey).localeCompare(order(b.routeKey)))) {
    const [method, pattern] = routeKey.split(" ");
    const id = operationId(routeKey);
    const path = (paths[openApiPath(pattern)] ??= {});
    const verb = method.toLowerCase() as HttpMethod;
    if (path[verb]) throw new Error(`${routeKey} is documented twice`);
    path[verb] = operation(routeKey, spec, id, place);
  }

  const responses = Object.fromEntries(Object.values(ERRORS).map(([name, description]) => [name, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));
  const tags = [...new Map(TAGS.filter((t) => t.description).map((t) => [t.name, { name: t.name, description: t.description }])).values()];
  return {
    openapi: "3.1.0",
    info: {
      title: "Meridian API",
      version: VERSION,
      description: "The control plane's HTTP API. Every error answers with the one `Error` shape. Send writes as JSON; a browser's cookie-authenticated writes must come from the console's own origin.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags,
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The console's session cookie, set by POST /api/v2/users/login (`__Secure-` prefixed over HTTPS)." },
        apiToken: { type: "http", scheme: "bearer", description: "A personal API token (POST /api/v2/users/me/tokens); the `Meridian-Session-Token` header works too." },
        proxyToken: { type: "apiKey", in: "header", name: "Meridian-Proxy-Token", description: "A workspace proxy's token `<proxy id>:<secret>`, shown once when the proxy is created; also accepted as `Authorization: Bearer`." },
        embedToken: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A short-lived token a portal's backend mints for the embedded region picker; it reaches only a few routes." },
      },
    },
  };
}

function operation(key: RouteKey, spec: RouteSpec, id: string, place: (name: string, schema: z.ZodType, io: "input" | "output") => JsonSchema): OperationObject {
  const access = ACCESS[key];
  const [method] = key.split(" ");
  const parameters = [...parametersOf("path", spec.params, place, `${id}_params`), ...parametersOf("query", spec.query, place, `${id}_query`)];
  const op: OperationObject = {
    operationId: id,
    ...(spec.summary ? { summary: spec.summary } : {}),
    tags: [tagOf(key)],
    security: securityOf(key),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: place(`${id}_body`, spec.body, "input") } } } } : {}),
    responses: {},
    "x-meridian-access": access,
    "x-meridian-embed": EMBED_SCOPE.has(key),
    "x-meridian-route": key,
  };
  op.responses[String(spec.status ?? 200)] = success(spec, place(`${id}_response`, spec.response ?? z.unknown(), "output"));
  for (const status of errorStatuses(key, spec, method, access)) op.responses[String(status)] = { $ref: `#/components/responses/${ERRORS[status][0]}` };
  return op;
}

function success(spec: RouteSpec, schema: JsonSchema): ResponseObject {
  if (spec.status === 204) return { description: "Done: no body." };
  if (spec.stream) return { description: "A Server-Sent Events stream: each event's `data` is one JSON object of this shape.", content: { "text/event-stream": { schema } } };
  return { description: spec.status === 201 ? "Created." : "OK.", content: { "application/json": { schema } } };
}

function parametersOf(where: "path" | "query", schema: z.ZodType | undefined, place: (name: string, schema: z.ZodType, io: "input" | "output") => JsonSchema, name: string): ParameterObject[] {
  if (!schema) return [];
  const node = place(name, schema, "input");
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).map(([param, schema]) => ({ name: param, in: where, required: where === "path" || required.has(param), schema }));
}

/** Which errors a route can answer: those the wrapper gives by its spec and access, and its service's own. */
function errorStatuses(key: RouteKey, spec: RouteSpec, method: string, access: string): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(spec.errors ?? []);
  if (spec.query || spec.params || spec.body) statuses.add(400);
  if (access !== "public") statuses.add(401);
  // A role may be too low, an embed token out of its scope, or a cookie write cross-site.
  const roleBound = access === "admin" || access === "owner" || (access === "member" && !(EMBED_SCOPE.has(key) && SAFE.has(method)));
  if (roleBound || (!SAFE.has(method) && access !== "proxy")) statuses.add(403);
  if (spec.params) statuses.add(404);
  if (spec.body) statuses.add(413);
  if (spec.database !== false) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

function securityOf(key: RouteKey): Record<string, string[]>[] {
  const access = ACCESS[key];
  if (access === "public") return [];
  if (access === "proxy") return [{ proxyToken: [] }];
  return [{ session: [] }, { apiToken: [] }, ...(EMBED_SCOPE.has(key) ? [{ embedToken: [] }] : [])];
}

function tagOf(key: string): string {
  const path = key.split(" ")[1];
  const match = TAGS.filter((t) => path === t.prefix || path.startsWith(`${t.prefix}/`)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  return match?.name ?? "Other";
}
