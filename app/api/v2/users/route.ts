import { NextResponse } from "next/server";
import { createUserRequestSchema, userResponseSchema, usersResponseSchema } from "@/lib/api/users";
import { createUser, listUsers } from "@/server/auth/users";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/users", { summary: "Every user", response: usersResponseSchema }, async () => ({ users: await listUsers() }));

export const POST = route("POST /api/v2/users", { summary: "Create a user", body: createUserRequestSchema, response: userResponseSchema, status: 201, errors: [409] }, async ({ identity, body, meta }) =>
  NextResponse.json({ user: await createUser(identity, body, meta) }, { status: 201 }),
);
