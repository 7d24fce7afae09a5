// The command an admin runs where the proxy lives. It is built in the browser from the page's own
// origin, so it names the primary exactly as the admin reaches it.

/** Where the agent listens when the console itself is on this machine (a local trial). */
export const LOCAL_AGENT_ADDRESS = "127.0.0.1:4100";
/**
 * Otherwise: every interface, reached at the host's own name. The primary checks the agent at its
 * access URL and refuses loopback ones in production, so 127.0.0.1 would never turn healthy there.
 */
export const REMOTE_AGENT_ADDRESS = ":4100";
const REMOTE_ACCESS_URL = `"http://$(hostname -f)${REMOTE_AGENT_ADDRESS}"`;

/** Single-quotes a value for a POSIX shell (a quote inside becomes '\''). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Whether a URL's host is this machine only (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  } catch {
    return false;
  }
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * `meridian proxy …` as run from a Meridian checkout (`node cli/index.mjs` is what `npm start`
 * runs), one flag per line so it reads (and wraps) well in a narrow dialog. The token goes in the
 * environment rather than a flag, so it stays out of `ps` output.
 */
export function agentCommand(token: string, primaryUrl: string): string {
  const local = isLoopbackUrl(primaryUrl);
  return [
    `MERIDIAN_PROXY_TOKEN=${shellQuote(token)} node cli/index.mjs proxy`,
    `--primary-url ${primaryUrl}`,
    `--http-address ${local ? LOCAL_AGENT_ADDRESS : REMOTE_AGENT_ADDRESS}`,
    `--access-url ${local ? `http://${LOCAL_AGENT_ADDRESS}` : REMOTE_ACCESS_URL}`,
  ].join(" \\\n  ");
}
