// The Node counterpart of lib/latency/browser-probe.ts, for `meridian regions`: one kept-alive
// connection per region (so the warm-up opens it and samples reuse it), timed from the moment
// the request is handed to the socket to the moment the answer's headers arrive — the span of
// Resource Timing's requestStart → responseStart — minus the processing the endpoint announces.
import http from "node:http";
import https from "node:https";
import type { Probe } from "../lib/latency/measure";
import { processingFromHeader } from "../lib/latency/server-timing";

const agents = new Map<string, http.Agent>();

function agentFor(url: URL): http.Agent {
  let agent = agents.get(url.origin);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 1 };
    agent = url.protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    agents.set(url.origin, agent);
  }
  return agent;
}

export const nodeProbe: Probe = (target, signal) =>
  new Promise((resolve, reject) => {
    const url = new URL(target);
    const client = url.protocol === "https:" ? https : http;
    let sentAt = 0;
    const req = client.request(url, { agent: agentFor(url), signal, headers: { accept: "*/*" } }, (res) => {
      const firstByteAt = performance.now();
      res.resume();
      res.on("error", reject);
      res.on("end", () => {
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
        resolve({ ms: firstByteAt - sentAt - processingFromHeader([res.headers["server-timing"]].flat().join(", ")), accurate: true, protocol: `http/${res.httpVersion}` });
      });
    });
    req.on("error", reject);
    // Stamped as the request is handed over rather than on its "finish" event: on a busy machine
    // that event can run well after the bytes left, and the sample would then read short of the
    // real latency. Handing over a request on an idle kept-alive socket takes microseconds.
    sentAt = performance.now();
    req.end();
  });

/** Closes the kept-alive connections, so the command can exit. */
export function closeProbeConnections() {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
