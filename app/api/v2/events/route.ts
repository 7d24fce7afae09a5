import { meridianEventSchema } from "@/lib/api/events";
import { openEventStream } from "@/server/events/stream";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/events", { summary: "Server-Sent Events naming what changed (each event's data is described here)", response: meridianEventSchema, stream: true }, async ({ req, identity }) => openEventStream(req.headers, req.signal, identity));
