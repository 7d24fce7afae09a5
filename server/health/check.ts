// One health check: GET {proxy url}/healthz-report within a deadline, classified into the status
// the console shows and a reason a person can act on. No database access here.
// The URL is chosen by whoever holds the proxy's token, so every address its host resolves to is
// checked against the destination policy before anything is sent, and the connection goes to
// those checked addresses: a second DNS answer (rebinding) never reaches the socket.
import "server-only";
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { addAbortSignal } from "node:stream";
import { proxyReportSchema, type ProxyStatus } from "@/lib/api/proxies";
import { destinationAllowed, literalAddress, type DestinationPolicy, type Refusal } from "../net/destination-policy";
import { capReportItems, healthReportUrl, reasons, unreachableReason } from "./reasons";

export interface ProxyReport {
  errors: string[];
  warnings: string[];
}

export interface CheckOutcome {
  status: ProxyStatus;
  reason: string;
  /** The proxy's own report when it sent a well-formed one, else null. */
  report: ProxyReport | null;
  /** Time to a complete answer; null when there was none. */
  latencyMs: number | null;
}

/** A host name's addresses; the system resolver unless a test gives another. */
export type Resolver = (hostname: string) => Promise<string[]>;

export interface CheckOptions {
  timeoutMs: number;
  policy: DestinationPolicy;
  /** Aborts the check (the checker is stopping or lost leadership): it then throws. */
  signal?: AbortSignal;
  resolve?: Resolver;
}

/** A real report is a few hundred bytes; anything this large is not an agent's report. */
const MAX_REPORT_BYTES = 64 * 1024;

const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

const unreachable = (reason: string): CheckOutcome => ({ status: "unreachable", reason, report: null, latencyMs: null });
const refused = (reason: string): CheckOutcome => ({ status: "unhealthy", reason, report: null, latencyMs: null });

/**
 * Checks one registered proxy. Never throws for anything the proxy does; throws only when
 * `signal` aborts, so no result gets written.
 */
export async function checkProxy(baseUrl: string, { timeoutMs, policy, signal, resolve = systemResolver }: CheckOptions): Promise<CheckOutcome> {
  let url: URL;
  try {
    url = healthReportUrl(baseUrl);
  } catch {
    return unreachable(reasons.invalidUrl());
  }
  // Refused by policy, not by the network: the proxy is misconfigured (unhealthy), and never called.
  if (url.username || url.password) return refused(reasons.credentials());
  const timeout = AbortSignal.timeout(timeoutMs);
  const deadline = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const started = performance.now();
  let answer: { status: number; body?: string };
  try {
    const addresses = await allowedAddresses(url, policy, resolve, deadline);
    if (!Array.isArray(addresses)) return refused(reasons.refusedDestination(addresses));
    // The body counts against the same deadline: a proxy that sends headers then stalls is unreachable too.
    answer = await get(url, addresses, deadline);
  } catch (err) {
    signal?.throwIfAborted();
    return unreachable(timeout.aborted ? reasons.timedOut(url.href, timeoutMs) : unreachableReason(url, err, timeoutMs));
  }
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  // Not followed: a redirect could send the primary anywhere (an internal address, say), so only its status is kept.
  if (answer.status !== 200) return { status: "unhealthy", reason: reasons.httpStatus(url.href, answer.status), report: null, latencyMs };
  if (answer.body === undefined) return { status: "unhealthy", reason: reasons.tooLarge(url.href, MAX_REPORT_BYTES), report: null, latencyMs };
  return { ...classifyReport(url.href, answer.body), latencyMs };
}

/** Status from a 200 answer's body: the agent's own errors make it unhealthy, warnings do not. */
export function classifyReport(href: string, body: string): Omit<CheckOutcome, "latencyMs"> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { status: "unhealthy", reason: reasons.badJson(href), report: null };
  }
  const parsed = proxyReportSchema.safeParse(json);
  if (!parsed.success) return { status: "unhealthy", reason: reasons.badShape(href), report: null };
  const { errors, warnings } = parsed.data;
  const report = { errors: capReportItems(errors), warnings: capReportItems(warnings) };
  if (errors.length) return { status: "unhealthy", reason: reasons.reportErrors(errors), report };
  return { status: "ok", reason: reasons.healthy(warnings), report };
}

/** Every address the URL's host stands for, or why one of them is refused (then none is used). */
async function allowedAddresses(url: URL, policy: DestinationPolicy, resolve: Resolver, signal: AbortSignal): Promise<string[] | Refusal> {
  const literal = literalAddress(url);
  const addresses = literal ? [literal] : await untilAborted(resolve(url.hostname), signal);
  if (!addresses.length) throw Object.assign(new Error("no addresses"), { code: "ENOTFOUND" });
  for (const address of addresses) {
    const refusal = destinationAllowed(address, policy);
    if (refusal) return refusal;
  }
  return addresses;
}

/** The socket's lookup: the addresses already checked, never a fresh DNS answer. */
function checkedLookup(addresses: string[]): LookupFunction {
  const entries: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const usable = options.family ? entries.filter((e) => e.family === options.family) : entries;
    if (!usable.length) return callback(Object.assign(new Error("no address of the requested family"), { code: "ENOTFOUND" }), "", 0);
    if (options.all) callback(null, usable);
    else callback(null, usable[0].address, usable[0].family);
  };
}

/** GET `url` on a fresh connection (no pooled socket from an earlier check); the body only for a 200, read up to MAX_REPORT_BYTES. */
function get(url: URL, addresses: string[], signal: AbortSignal): Promise<{ status: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      { headers: { accept: "application/json" }, agent: false, lookup: checkedLookup(addresses), signal },
      (response) => readAnswer(addAbortSignal(signal, response)).then(resolve, reject),
    );
    request.on("error", reject);
    request.end();
  });
}

async function readAnswer(response: IncomingMessage): Promise<{ status: number; body?: string }> {
  const status = response.statusCode ?? 0;
  if (status !== 200 || Number(response.headers["content-length"] ?? 0) > MAX_REPORT_BYTES) {
    response.destroy();
    return { status };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_REPORT_BYTES) {
      response.destroy();
      return { status };
    }
    chunks.push(chunk);
  }
  return { status, body: Buffer.concat(chunks).toString("utf8") };
}

/** `promise`, or a rejection as soon as `signal` aborts (a DNS lookup cannot be cancelled, only left behind). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}
