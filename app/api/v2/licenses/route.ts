import { NextResponse } from "next/server";
import { licensesResponseSchema, uploadLicenseRequestSchema, uploadLicenseResponseSchema } from "@/lib/api/licenses";
import { route } from "@/server/http/route";
import { listLicenses, uploadLicense } from "@/server/licensing";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/licenses", { summary: "The uploaded licenses and their state", response: licensesResponseSchema }, async () => ({ licenses: await listLicenses() }));

export const POST = route("POST /api/v2/licenses", { summary: "Upload a license (a signed JWT)", body: uploadLicenseRequestSchema, response: uploadLicenseResponseSchema, status: 201, errors: [409] }, async ({ identity, body, meta }) =>
  NextResponse.json({ license: await uploadLicense(identity.user.id, body.license, meta) }, { status: 201 }),
);
