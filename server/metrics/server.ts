// The Prometheus endpoint on its own listen address (MERIDIAN_PROMETHEUS_ADDRESS, off unless set,
// as Coder does): GET /metrics and nothing else, without sign-in, so it belongs on an address only
// the scraper reaches, never beside the console's public port.
import "server-only";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { metrics } from "./registry";

export interface MetricsServer {
  /** http://host:port/metrics, with the port actually bound (port 0 picks one). */
  url: string;
  close(): Promise<void>;
}

/** `host:port` or `[v6]:port`, as server/env.ts validated it. */
export function splitAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(":");
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, "$1"), port: Number(address.slice(at + 1)) };
}

export async function startMetricsServer(address: string): Promise<MetricsServer> {
  const { registry } = metrics();
  const server = createServer((req, res) => {
    const path = req.url?.split("?", 1)[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: metrics are at /metrics\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method not allowed\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(req.method === "HEAD" ? undefined : text),
      (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(`collecting metrics failed: ${err.message}\n`),
    );
  });
  const { host, port } = splitAddress(address);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const bound = server.address() as AddressInfo;
  const shown = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${shown}:${bound.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
