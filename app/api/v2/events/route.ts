import { openEventStream } from "@/server/events/stream";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/events", {}, async ({ req, identity }) => openEventStream(req.headers, req.signal, identity));
