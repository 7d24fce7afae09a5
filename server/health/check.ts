// One health check: GET {proxy url}/healthz-report within a deadline, classified into the status
// the console shows and a reason a person can act on. No database access here.
import "server-only";
import { proxyReportSchema, type ProxyStatus } from "@/lib/api/proxies";
import { healthReportUrl, reasons, unreachableReason } from "./reasons";

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

/** A real report is a few hundred bytes; anything this large is not an agent's report. */
const MAX_REPORT_BYTES = 64 * 1024;

/**
 * Checks one registered proxy. Never throws for anything the proxy does; throws only when
 * `signal` aborts (the checker is stopping or lost leadership), so no result gets written.
 */
export async function checkProxy(baseUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<CheckOutcome> {
  let url: URL;
  try {
    url = healthReportUrl(baseUrl);
  } catch {
    return { status: "unreachable", reason: reasons.invalidUrl(baseUrl), report: null, latencyMs: null };
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  let response: Response;
  let body: string | undefined;
  try {
    response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      headers: { accept: "application/json" },
      cache: "no-store",
      // Not followed: the registered URL is what users reach, and a proxy must not be able to send
      // the primary's requests anywhere else (an internal address, say).
      redirect: "manual",
    });
    // The body counts against the same deadline: a proxy that sends headers then stalls is unreachable too.
    body = response.status === 200 ? await readCapped(response, MAX_REPORT_BYTES) : (await response.body?.cancel(), undefined);
  } catch (err) {
    signal?.throwIfAborted();
    return { status: "unreachable", reason: unreachableReason(url, err, timeoutMs), report: null, latencyMs: null };
  }
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  if (response.status !== 200) return { status: "unhealthy", reason: reasons.httpStatus(url.href, response.status, response.statusText, response.headers.get("location")), report: null, latencyMs };
  if (body === undefined) return { status: "unhealthy", reason: reasons.tooLarge(url.href, MAX_REPORT_BYTES), report: null, latencyMs };
  return { ...classifyReport(url.href, body), latencyMs };
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
  const report = { errors: parsed.data.errors, warnings: parsed.data.warnings };
  if (report.errors.length) return { status: "unhealthy", reason: reasons.reportErrors(report.errors), report };
  return { status: "ok", reason: reasons.healthy(report.warnings), report };
}

/** The body as text, or undefined once it exceeds `limit` bytes (the rest is not read). */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  if (Number(response.headers.get("content-length") ?? 0) > limit) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
