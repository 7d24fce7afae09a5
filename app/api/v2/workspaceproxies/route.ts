import { NextResponse } from "next/server";
import { createProxyRequestSchema, createProxyResponseSchema, workspaceProxiesResponseSchema } from "@/lib/api/proxies";
import { answerOnce, route } from "@/server/http/route";
import { requireFeature } from "@/server/licensing/entitlements";
import { createProxy } from "@/server/topology/proxy-admin";
import { listWorkspaceProxies } from "@/server/topology/proxies";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/workspaceproxies", { summary: "Every workspace proxy with its status, flags and location", response: workspaceProxiesResponseSchema }, async () => answerOnce(await listWorkspaceProxies(), (regions) => ({ regions })));

export const POST = route("POST /api/v2/workspaceproxies", { summary: "Register a workspace proxy (premium): its token is in this answer only", body: createProxyRequestSchema, response: createProxyResponseSchema, status: 201, errors: [409] }, async ({ identity, body, meta }) => {
  await requireFeature("workspace_proxy");
  return NextResponse.json(await createProxy(identity, body, meta), { status: 201, headers: { "cache-control": "no-store" } });
});
