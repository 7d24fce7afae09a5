import { NextResponse } from "next/server";
import { apiTokensResponseSchema, createTokenRequestSchema, createTokenResponseSchema } from "@/lib/api/tokens";
import { audit } from "@/server/audit";
import { createToken, listTokens } from "@/server/auth/tokens";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/users/me/tokens", { summary: "The caller's API tokens (never their secrets)", response: apiTokensResponseSchema }, async ({ identity }) => ({ tokens: await listTokens(identity.user.id) }));

export const POST = route("POST /api/v2/users/me/tokens", { summary: "Create an API token: its key is in this answer only", body: createTokenRequestSchema, response: createTokenResponseSchema, status: 201, errors: [409] }, async ({ identity, body, meta }) => {
  const created = await createToken(identity.user.id, body);
  await audit({ actorId: identity.user.id, action: "token_created", resourceType: "api_token", resourceId: created.token.id, resourceName: created.token.name, diff: { expires_at: created.token.expires_at } }, meta);
  return NextResponse.json(created, { status: 201 });
});
