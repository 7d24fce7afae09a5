// The command an admin runs where the proxy lives. It is built in the browser from the page's own
// origin, so it names the primary exactly as the admin reaches it.

/** Where the agent listens by default in the shown command; the admin edits it for a real host. */
export const DEFAULT_AGENT_ADDRESS = "127.0.0.1:4100";

/** Single-quotes a value for a POSIX shell (a quote inside becomes '\''). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `meridian proxy …` as run from a Meridian checkout (`node cli/index.mjs` is what `npm start`
 * runs). The token goes in the environment rather than a flag, so it stays out of `ps` output.
 */
export function agentCommand(token: string, primaryUrl: string, address = DEFAULT_AGENT_ADDRESS): string {
  return [
    `MERIDIAN_PROXY_TOKEN=${shellQuote(token)}`,
    "node cli/index.mjs proxy",
    `--primary-url ${primaryUrl}`,
    `--http-address ${address}`,
    `--access-url http://${address}`,
  ].join(" ");
}
