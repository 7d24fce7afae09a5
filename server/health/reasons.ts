// Every sentence the proxy health checker stores as a status reason, in one place: the console
// shows them verbatim, so each says what went wrong and what the admin can do about it.
// Pure functions (no I/O) so the wording is unit-tested beside this file.
import { describeRefusal, type Refusal } from "../net/destination-policy";

/** The agent's health endpoint, relative to the URL the proxy registered with. */
export const HEALTH_REPORT_PATH = "healthz-report";

/** Reports longer than this many listed errors are summarised, so a reason stays readable. */
const MAX_LISTED = 3;
/** A report keeps this many errors (and as many warnings), each at most this long. */
const MAX_REPORT_ITEMS = 20;
const MAX_REPORT_TEXT = 300;

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

/**
 * A reason is a category in a sentence: the registered URL (the proxy's own, shown to admins anyway)
 * and what kind of failure it was. Never what the remote end sent (a body, a redirect's Location,
 * a status text) nor a raw socket error message: the URL is chosen by whoever holds the proxy's
 * token, and the reason must not turn the checker into a way to read other services' answers.
 * Only a well-formed report's own errors and warnings are quoted, cut to size.
 */
export const reasons = {
  neverRegistered: () => "No proxy agent has registered yet — run the `meridian proxy` command shown when the proxy was created.",

  deregistered: () =>
    "The proxy agent deregistered (it was shut down) — start `meridian proxy` again with the proxy's token to bring the region back.",

  invalidUrl: () => "The proxy registered a URL that is not an http(s) URL — restart `meridian proxy` with a correct --access-url.",

  credentials: () =>
    "The proxy registered a URL with a user name or password, which is refused — restart `meridian proxy` with an --access-url without them.",

  refusedDestination: (refusal: Refusal) =>
    `The proxy's URL points to ${describeRefusal(refusal)}, which this deployment does not allow, so it was not called — register the proxy with a public address, or have an operator add its network to MERIDIAN_PROXY_ALLOWED_NETWORKS.`,

  timedOut: (url: string, timeoutMs: number) =>
    `Request to ${url} timed out after ${seconds(timeoutMs)} — check that the proxy is running and reachable from the primary.`,

  refused: (host: string) =>
    `Connection refused by ${host} — the proxy agent is not listening; start it with \`meridian proxy …\` or fix the --access-url it registered with.`,

  dnsFailed: (hostname: string) =>
    `Could not resolve ${hostname} — check the DNS record for the proxy's --access-url, as seen from the primary.`,

  noRoute: (host: string) => `No network route to ${host} — check firewalls and routing between the primary and the proxy.`,

  connectionClosed: (url: string) =>
    `The proxy closed the connection to ${url} before answering — check the proxy agent's logs, or a load balancer in front of it.`,

  notHttp: (url: string) => `The server at ${url} did not answer in HTTP — the registered --access-url points at something that is not a Meridian proxy agent.`,

  tls: (url: string, problem: string) =>
    `TLS failed for ${url}: ${problem} — check the proxy's certificate (it must be valid for its hostname and trusted by the primary).`,

  requestFailed: (url: string, code: string) =>
    `Request to ${url} failed${code ? ` (${code})` : ""} — check that the proxy is running and reachable from the primary.`,

  httpStatus: (url: string, status: number) => {
    const answer = `The proxy answered HTTP ${status} to ${url}`;
    if (status >= 300 && status < 400) return `${answer}, a redirect — the primary does not follow redirects; register the proxy with the URL it serves at (--access-url).`;
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

/** A report's errors or warnings as stored: at most MAX_REPORT_ITEMS, each cut to MAX_REPORT_TEXT characters, on one line. */
export function capReportItems(items: string[]): string[] {
  return items.slice(0, MAX_REPORT_ITEMS).map(capText);
}

function capText(text: string): string {
  const line = text.replace(/\p{Cc}+/gu, " ").trim(); // control characters, newlines included
  return line.length > MAX_REPORT_TEXT ? `${line.slice(0, MAX_REPORT_TEXT - 1)}…` : line;
}

function list(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).map((s) => capText(s).replace(/[.;]+$/, ""));
  const more = items.length - shown.length;
  return `${shown.join("; ")}${more > 0 ? `; and ${more} more (see the proxy's report)` : ""}.`;
}

interface NetworkError {
  code?: string;
  name?: string;
  cause?: NetworkError;
}

const TLS_UNTRUSTED = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE))$/;
const TLS_OTHER = /^(CERT_|ERR_TLS_|ERR_SSL_|EPROTO$)/;

/** The reason for a request that got no HTTP answer, from the error's code alone (never its message). */
export function unreachableReason(url: URL, err: unknown, timeoutMs: number): string {
  const href = url.href;
  const error = (err ?? {}) as NetworkError;
  if (error.name === "TimeoutError") return reasons.timedOut(href, timeoutMs);
  const code = error.code ?? error.cause?.code ?? "";
  switch (code) {
    case "ECONNREFUSED":
      return reasons.refused(url.host);
    case "ENOTFOUND":
    case "ENODATA":
    case "EAI_AGAIN":
    case "EAI_FAIL":
    case "EAI_NONAME":
      return reasons.dnsFailed(url.hostname);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return reasons.noRoute(url.host);
    case "ETIMEDOUT":
      return reasons.timedOut(href, timeoutMs);
    case "ECONNRESET":
    case "EPIPE":
      return reasons.connectionClosed(href);
    case "CERT_HAS_EXPIRED":
    case "CERT_NOT_YET_VALID":
      return reasons.tls(href, "its certificate has expired or is not valid yet");
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return reasons.tls(href, `its certificate is not valid for ${url.hostname}`);
  }
  if (TLS_UNTRUSTED.test(code)) return reasons.tls(href, "its certificate is not trusted (self-signed, or from an unknown authority)");
  if (TLS_OTHER.test(code)) return reasons.tls(href, "the TLS handshake failed");
  if (code.startsWith("HPE_")) return reasons.notHttp(href);
  return reasons.requestFailed(href, /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : "");
}
