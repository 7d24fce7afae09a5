import { NextResponse } from "next/server";
import { firstUserRequestSchema } from "@/lib/api/users";
import { createFirstOwner, needsSetup } from "@/server/auth/users";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/users/first", {}, async () => ({ needs_setup: await needsSetup() }));

export const POST = route("POST /api/v2/users/first", { body: firstUserRequestSchema }, async ({ body, meta }) =>
  NextResponse.json({ user: await createFirstOwner(body, meta) }, { status: 201 }),
);
