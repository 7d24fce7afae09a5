import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { openApiDocumentSchema } from "@/lib/api/openapi";
import { route } from "@/server/http/route";
import { apiDocument } from "../documented-routes";

export const dynamic = "force-dynamic";

let etag: string | undefined;

// Public, like most API documents: it describes the code, which is no secret, and holds no data.
export const GET = route("GET /api/v2/openapi.json", { summary: "This API's OpenAPI 3.1 document", response: openApiDocumentSchema, database: false }, async ({ req }) => {
  const document = apiDocument();
  etag ??= `"${createHash("sha256").update(JSON.stringify(document)).digest("base64url").slice(0, 27)}"`;
  const headers = { "cache-control": "public, max-age=300, must-revalidate", etag };
  if (req.headers.get("if-none-match") === etag) return new NextResponse(null, { status: 304, headers });
  return NextResponse.json(document, { headers });
});
