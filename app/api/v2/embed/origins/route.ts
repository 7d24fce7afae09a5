import { NextResponse } from "next/server";
import { addEmbedOriginRequestSchema } from "@/lib/api/embed";
import { addEmbedOrigin, listEmbedOrigins } from "@/server/embed/origins";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/embed/origins", {}, async () => ({ origins: await listEmbedOrigins() }));

export const POST = route("POST /api/v2/embed/origins", { body: addEmbedOriginRequestSchema }, async ({ identity, body, meta }) =>
  NextResponse.json({ origin: await addEmbedOrigin(identity, body, meta) }, { status: 201 }),
);
