// Every sentence the proxy health checker stores as a status reason, in one place: the console
// shows them verbatim, so each says what went wrong and what the admin can do about it.
// Pure functions (no I/O) so the wording is unit-tested beside this file.

/** The agent's health endpoint, relative to the URL the proxy registered with. */
export const HEALTH_REPORT_PATH = "healthz-report";

/** Reports longer than this many listed errors are summarised, so a reason stays readable. */
const MAX_LISTED = 3;

/**
 * `{base}/healthz-report`, keeping any path prefix of the proxy's URL (a proxy behind a reverse
 * proxy may live under `/p/eu`); query and fragment are dropped. Throws on a non-http(s) URL.
 */
export function healthReportUrl(base: string): URL {
  const url = new URL(base);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`unsupported protocol ${url.protocol}`);
  url.search = "";
  url.hash = "";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return new URL(HEALTH_REPORT_PATH, url);
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export const reasons = {
  neverRegistered: () => "No proxy agent has registered yet — run the `meridian proxy` command shown when the proxy was created.",

  deregistered: () =>
    "The proxy agent deregistered (it was shut down) — start `meridian proxy` again with the proxy's token to bring the region back.",

  invalidUrl: (url: string) =>
    `The proxy registered the URL "${url}", which is not an http(s) URL — restart \`meridian proxy\` with a correct --access-url.`,

  timedOut: (url: string, timeoutMs: number) =>
    `Request to ${url} timed out after ${seconds(timeoutMs)} — check that the proxy is running and reachable from the primary.`,

  refused: (address: string) =>
    `Connection refused by ${address} — the proxy agent is not listening; start it with \`meridian proxy …\` or fix the --access-url it registered with.`,

  dnsFailed: (hostname: string) =>
    `Could not resolve ${hostname} — check the DNS record for the proxy's --access-url, as seen from the primary.`,

  noRoute: (address: string, code: string) =>
    `No network route to ${address} (${code}) — check firewalls and routing between the primary and the proxy.`,

  connectionClosed: (url: string) =>
    `The proxy closed the connection to ${url} before answering — check the proxy agent's logs, or a load balancer in front of it.`,

  tls: (url: string, detail: string) =>
    `TLS failed for ${url}: ${detail} — check the proxy's certificate (it must be valid for its hostname and trusted by the primary).`,

  requestFailed: (url: string, detail: string) =>
    `Request to ${url} failed: ${detail} — check that the proxy is running and reachable from the primary.`,

  httpStatus: (url: string, status: number, statusText: string, location: string | null = null) => {
    const answer = `The proxy answered ${status}${statusText ? ` ${statusText}` : ""} to ${url}`;
    if (status >= 300 && status < 400) return `${answer}${location ? `, redirecting to ${location}` : ""} — the primary does not follow redirects; register the proxy with the URL it serves at (--access-url).`;
    if (status === 404) return `${answer} — the server at that URL is not a Meridian proxy agent, or the registered --access-url has a wrong path.`;
    if (status === 401 || status === 403) return `${answer} — something in front of the agent requires authentication; let the primary reach /healthz-report.`;
    if (status >= 500) return `${answer} — the proxy agent or a gateway in front of it is failing; check its logs.`;
    return `${answer} — expected 200 with a health report; check the proxy agent's version and logs.`;
  },

  tooLarge: (url: string, limitBytes: number) =>
    `The health report at ${url} is larger than ${Math.round(limitBytes / 1024)} KiB — the server at that URL is probably not a Meridian proxy agent.`,

  badJson: (url: string) =>
    `The health report at ${url} is not valid JSON — the server at that URL is probably not a Meridian proxy agent; check the registered --access-url.`,

  badShape: (url: string) =>
    `The health report at ${url} is not in the expected shape { errors: string[], warnings: string[] } — update the proxy agent to this server's version.`,

  reportErrors: (errors: string[]) => `The proxy reported ${errors.length === 1 ? "an error" : `${errors.length} errors`}: ${list(errors)}`,

  /** `ok` with warnings still says so: the report holds them, the reason points at them. */
  healthy: (warnings: string[]) => (warnings.length ? `Healthy, with ${warnings.length === 1 ? "a warning" : `${warnings.length} warnings`}: ${list(warnings)}` : ""),
};

function list(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((s) => s.trim().replace(/[.;]+$/, ""));
  const more = items.length - shown.length;
  return `${shown.join("; ")}${more > 0 ? `; and ${more} more (see the proxy's report)` : ""}.`;
}

interface NetworkCause {
  code?: string;
  message?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

const TLS_CODES = /^(CERT_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_SSL_)/;

/** The reason for a request that got no HTTP answer (fetch threw), from the error's cause. */
export function unreachableReason(url: URL, err: unknown, timeoutMs: number): string {
  const href = url.href;
  if ((err as Error | undefined)?.name === "TimeoutError") return reasons.timedOut(href, timeoutMs);
  const cause = ((err as { cause?: NetworkCause } | undefined)?.cause ?? err ?? {}) as NetworkCause;
  const code = cause.code ?? "";
  const address = cause.address ? `${cause.address}:${cause.port ?? url.port}` : url.host;
  switch (code) {
    case "ECONNREFUSED":
      return reasons.refused(address);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return reasons.dnsFailed(cause.hostname ?? url.hostname);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return reasons.noRoute(address, code);
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return reasons.timedOut(href, timeoutMs);
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return reasons.connectionClosed(href);
  }
  if (TLS_CODES.test(code)) return reasons.tls(href, cause.message ?? code);
  return reasons.requestFailed(href, cause.message || code || (err as Error | undefined)?.message || "unknown error");
}
