// Liveness: answers while the process serves HTTP. Unauthenticated by design; says nothing secret.
export const dynamic = "force-dynamic";

export function GET() {
  return new Response("OK", { headers: { "content-type": "text/plain", "cache-control": "no-store" } });
}
