// The shape of /api/v2/openapi.json as far as Meridian reads it back: the API reference page
// renders it, and test/openapi.test.ts checks it. Built by server/http/openapi.ts from the very
// schemas the routes parse and answer with. Browser-safe: types and a loose schema only.
import { z } from "zod";
import { ROLES } from "./users";

/** Who may call an operation, as the authorization table (server/auth/access.ts) says. */
export const ACCESS_LEVELS = ["public", ...ROLES, "proxy"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** A JSON Schema (draft 2020-12) node, as `z.toJSONSchema` writes it: only what the reference reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface ParameterObject {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

export interface MediaObject {
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaObject>;
}

export type Ref = { $ref: string };

export interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; content: Record<string, MediaObject> };
  responses: Record<string, ResponseObject | Ref>;
  "x-meridian-access": AccessLevel;
  /** True when an embed token (the iframe region picker's) may call it too. */
  "x-meridian-embed": boolean;
  /** The route's key in the authorization table, e.g. `GET /api/v2/users/[id]`. */
  "x-meridian-route": string;
}

export const HTTP_METHODS = ["get", "put", "post", "patch", "delete"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type PathItem = Partial<Record<HttpMethod, OperationObject>>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  jsonSchemaDialect?: string;
  tags: { name: string; description?: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, { type: string; description?: string; in?: string; name?: string; scheme?: string; bearerFormat?: string }>;
  };
}

/** The answer of GET /api/v2/openapi.json, checked as far as the reference relies on it. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  tags: z.array(z.looseObject({ name: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ operationId: z.string(), responses: z.record(z.string(), z.unknown()) }))),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});
