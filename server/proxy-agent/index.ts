// The workspace proxy agent (`meridian proxy`, and the demo's local proxies): serves the latency
// and health endpoints, registers with the primary with its proxy token, re-registers on the
// primary's interval, and deregisters when stopped. Importable: it never exits the process or
// handles signals, so the demo can run several in the launcher's process.
//
// Start-up fails fast and loudly (a few retries, then reject with the primary URL and the cause);
// once running it keeps serving through a primary outage, retrying and saying so in
// /healthz-report, because users may still be relaying through it.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import os from "node:os";
import type { RegisterProxyRequest } from "@/lib/api/proxies";
import { VERSION } from "../version";
import { createAgentServer, type AgentReport } from "./http";
import { PrimaryError, primaryClient } from "./primary";

export type { AgentReport } from "./http";

export interface ProxyAgentOptions {
  /** The console's URL, as the agent reaches it. */
  primaryUrl: string;
  /** `<proxy id>:<secret>`, as shown once when the proxy was created. */
  token: string;
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Listen port; default 4100; 0 picks a free one. */
  port?: number;
  /** The URL users reach this proxy at; default http://<host>:<port actually bound>. */
  accessUrl?: string;
  /** Like `*.apps.example.com`; empty when the proxy serves no wildcard apps. */
  wildcardHostname?: string;
  /** Hold every HTTP answer back this long (a testing and demo aid: a local proxy stands for a distant one). */
  simulatedLatencyMs?: number;
  /** Default: package.json's version. */
  version?: string;
  /** Default: os.hostname(). */
  hostname?: string;
  /** Overrides the primary's `register_interval_ms` (tests, demo). */
  registerIntervalMs?: number;
  /** Registration attempts at start-up before giving up; default 5. */
  startupAttempts?: number;
  /** First delay between failed attempts, doubled each time up to the register interval; default 1000. */
  retryDelayMs?: number;
  /** Per-request timeout for register calls; default 10 s. */
  requestTimeoutMs?: number;
  /** Deregistration on stop waits at most this long; default 2 s. */
  deregisterTimeoutMs?: number;
  /** Notable changes while running (lost/regained the primary); one line each. */
  log?: (line: string) => void;
  /** The primary refused the token while running: the agent stopped re-registering and will not recover. */
  onFatal?: (error: Error) => void;
}

export interface ProxyAgent {
  /** Where this agent listens (http://host:port). */
  url: string;
  accessUrl: string;
  /** The proxy's name and id, as the primary knows it. */
  name: string;
  proxyId: string;
  replicaId: string;
  report(): AgentReport;
  /** Deregisters (bounded wait) and closes the HTTP server. Idempotent. */
  stop(): Promise<void>;
}

const DEFAULT_PORT = 4100;

export async function startProxyAgent(options: ProxyAgentOptions): Promise<ProxyAgent> {
  const opts = { host: "127.0.0.1", port: DEFAULT_PORT, startupAttempts: 5, retryDelayMs: 1_000, requestTimeoutMs: 10_000, deregisterTimeoutMs: 2_000, log: () => {}, ...options };
  const version = opts.version ?? VERSION;
  const replicaId = randomUUID();
  const primary = primaryClient(opts.primaryUrl, opts.token, opts.requestTimeoutMs);

  const state = { error: null as string | null, warning: null as string | null };
  const report = (): AgentReport => ({ errors: state.error ? [state.error] : [], warnings: state.warning ? [state.warning] : [] });
  const server = createAgentServer({ report, simulatedLatencyMs: opts.simulatedLatencyMs ?? 0 });
  const url = await listen(server, opts.host, opts.port);
  const body: RegisterProxyRequest = {
    access_url: opts.accessUrl ?? url,
    wildcard_hostname: opts.wildcardHostname ?? "",
    version,
    replica_id: replicaId,
    hostname: opts.hostname ?? os.hostname(),
  };

  const registerOnce = async (signal?: AbortSignal) => {
    const answer = await primary.register(body, signal);
    state.warning =
      answer.primary_version === version ? null : `this proxy runs version ${version} but the primary runs ${answer.primary_version}: run the same version on both`;
    return answer;
  };

  let first;
  try {
    first = await withRetries(registerOnce, opts.startupAttempts, opts.retryDelayMs);
  } catch (err) {
    await close(server);
    const cause = (err as Error).message;
    throw new Error(err instanceof PrimaryError && err.tokenRefused ? cause : `could not register with the primary at ${opts.primaryUrl}: ${cause}`, { cause: err });
  }
  const interval = opts.registerIntervalMs ?? first.register_interval_ms;

  // Re-registration loop: one attempt at a time, faster retries while the primary is away.
  let stopped = false;
  let refused = false;
  let timer: NodeJS.Timeout | undefined;
  let inflight: { abort: AbortController; done: Promise<void> } | undefined;
  let failingSince: Date | null = null;
  let failures = 0;
  const schedule = (delay: number) => {
    if (!stopped) timer = setTimeout(tick, delay);
  };
  const tick = () => {
    const abort = new AbortController();
    const done = registerOnce(abort.signal).then(
      () => {
        if (failingSince) opts.log(`registered with the primary at ${opts.primaryUrl} again`);
        failingSince = null;
        failures = 0;
        state.error = null;
        schedule(interval);
      },
      (err: Error) => {
        if (stopped) return;
        if (err instanceof PrimaryError && err.tokenRefused) {
          state.error = err.message;
          opts.log(`${err.message}; no longer registering`);
          stopped = refused = true;
          opts.onFatal?.(err);
          return;
        }
        // A refusal other than the token's (a 400, say) means this agent and the primary disagree.
        const problem = err instanceof PrimaryError && err.permanent ? "cannot register with" : "cannot reach";
        if (!failingSince) opts.log(`${problem} the primary at ${opts.primaryUrl}: ${err.message}; still serving, retrying`);
        failingSince ??= new Date();
        state.error = `${problem} the primary at ${opts.primaryUrl} since ${failingSince.toISOString()}: ${err.message}`;
        schedule(Math.min(interval, opts.retryDelayMs * 2 ** failures++));
      },
    );
    inflight = { abort, done };
  };
  schedule(interval);

  let stopping: Promise<void> | undefined;
  return {
    url,
    accessUrl: body.access_url,
    name: first.proxy_name,
    proxyId: first.proxy_id,
    replicaId,
    report,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        // Let a registration already on the wire land before deregistering, so it cannot undo it.
        if (inflight) {
          const grace = new Promise((resolve) => setTimeout(resolve, opts.deregisterTimeoutMs).unref());
          await Promise.race([inflight.done, grace]);
          inflight.abort.abort();
          await inflight.done;
        }
        if (!refused) await primary.deregister(replicaId, opts.deregisterTimeoutMs).catch((err: Error) => opts.log(`could not deregister: ${err.message}`));
        await close(server);
      })();
      return stopping;
    },
  };
}

async function withRetries<T>(attempt: () => Promise<T>, attempts: number, delayMs: number): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if ((err instanceof PrimaryError && err.permanent) || i >= attempts) {
        if (err instanceof PrimaryError && !err.permanent) err.message = `${err.message} (gave up after ${i} attempt${i === 1 ? "" : "s"})`;
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (i - 1)));
    }
  }
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === "EADDRINUSE" ? `cannot listen on ${host}:${port}: the address is in use` : `cannot listen on ${host}:${port}: ${err.message}`)),
    );
    server.listen(port, host, () => {
      const bound = (server.address() as { port: number }).port;
      // A wildcard bind is reached from this machine as localhost; elsewhere, --access-url says how.
      const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
      resolve(`http://${shown}:${bound}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
