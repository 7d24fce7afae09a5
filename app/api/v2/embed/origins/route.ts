import { NextResponse } from "next/server";
import { addEmbedOriginRequestSchema, addEmbedOriginResponseSchema, embedOriginsResponseSchema } from "@/lib/api/embed";
import { addEmbedOrigin, listEmbedOrigins } from "@/server/embed/origins";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/embed/origins", { summary: "The origins that may frame the region picker", response: embedOriginsResponseSchema }, async () => ({ origins: await listEmbedOrigins() }));

export const POST = route("POST /api/v2/embed/origins", { summary: "Allow an origin to frame the region picker", body: addEmbedOriginRequestSchema, response: addEmbedOriginResponseSchema, status: 201, errors: [409] }, async ({ identity, body, meta }) =>
  NextResponse.json({ origin: await addEmbedOrigin(identity, body, meta) }, { status: 201 }),
);
