// GET /icons/flags/<name>.svg: a flag from flag-icons (server/icons.ts). Public like any static
// file: flags are no secret, and pages outside the console (sign-in, embeds) show regions too.
import { flagSvg } from "@/server/icons";

export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const svg = flagSvg((await params).file);
  if (svg === null) return Response.json({ message: "No such flag." }, { status: 404 });
  return new Response(svg, {
    headers: { "content-type": "image/svg+xml", "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
  });
}
