import { NextResponse } from "next/server";
import { firstUserRequestSchema, setupStateSchema, userResponseSchema } from "@/lib/api/users";
import { createFirstOwner, needsSetup } from "@/server/auth/users";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/users/first", { summary: "Whether Meridian still needs its first user (the owner)", response: setupStateSchema }, async () => ({ needs_setup: await needsSetup() }));

export const POST = route("POST /api/v2/users/first", { summary: "Create the owner on first run", body: firstUserRequestSchema, response: userResponseSchema, status: 201, errors: [409] }, async ({ body, meta }) =>
  NextResponse.json({ user: await createFirstOwner(body, meta) }, { status: 201 }),
);
