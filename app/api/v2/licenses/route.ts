import { NextResponse } from "next/server";
import { uploadLicenseRequestSchema } from "@/lib/api/licenses";
import { route } from "@/server/http/route";
import { listLicenses, uploadLicense } from "@/server/licensing";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/licenses", {}, async () => ({ licenses: await listLicenses() }));

export const POST = route("POST /api/v2/licenses", { body: uploadLicenseRequestSchema }, async ({ identity, body, meta }) =>
  NextResponse.json({ license: await uploadLicense(identity.user.id, body.license, meta) }, { status: 201 }),
);
