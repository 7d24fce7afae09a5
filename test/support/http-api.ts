// The /api/v2 route handlers behind a real node:http server on 127.0.0.1, for tests whose client
// is another program speaking HTTP (the proxy agent, a child `meridian` process). Requests go
// through the same header preparation as the launcher's server, then to the route modules that
// test/support/api.ts dispatches to.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { NextRequest } from "next/server";
import { prepareRequest } from "@/server/http/headers";
import { dispatch } from "./api";

export interface HttpApi {
  url: string;
  port: number;
  /** Every request answered, in order: what the primary saw on the wire. */
  requests: { method: string; path: string; status: number }[];
  /** Closes the listener and drops open connections, as a primary that goes away. */
  close(): Promise<void>;
}

/** Port 0 picks a free one; pass a former server's port to bring "the same primary" back. */
export async function startHttpApi(port = 0): Promise<HttpApi> {
  const requests: HttpApi["requests"] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      prepareRequest(req, res, false);
      const answer = await dispatch(await toNextRequest(req, port));
      requests.push({ method: req.method ?? "GET", path: req.url ?? "/", status: answer.status });
      const headers: Record<string, string | string[]> = {};
      answer.headers.forEach((value, name) => {
        if (name !== "set-cookie") headers[name] = value;
      });
      const cookies = answer.headers.getSetCookie();
      if (cookies.length) headers["set-cookie"] = cookies;
      res.writeHead(answer.status, headers);
      // Streamed, so a Server-Sent Events answer flows as it is produced.
      const reader = answer.body?.getReader();
      for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) res.write(part.value);
      res.end();
    } catch (err) {
      console.error(`test http api: ${req.method} ${req.url}:`, err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "test server error" }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function toNextRequest(req: IncomingMessage, port: number): Promise<NextRequest> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" || chunks.length === 0 ? undefined : Buffer.concat(chunks);
  return new NextRequest(new URL(req.url ?? "/", `http://127.0.0.1:${port}`), { method, headers, body });
}
