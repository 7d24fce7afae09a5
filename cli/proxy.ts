// `meridian proxy`: runs the workspace proxy agent (server/proxy-agent) where the proxy lives.
// Flags win over environment variables; a bad value stops start-up with one line naming the
// flag. The token is never printed; pass it through the environment or stdin so it stays out of
// shell history and `ps`.
import { parseArgs } from "node:util";
import { z } from "zod";
import { printHelp, wantsHelp } from "./help";
import { readStdin } from "./stdin";

const HELP = `usage: meridian proxy --primary-url URL [flags]

Runs a workspace proxy: registers with the primary using the proxy token shown when the proxy was
created, re-registers every 30 s, serves /latency-check and /healthz-report, and deregisters on
Ctrl-C or SIGTERM.

flags (environment variable in brackets):
  --primary-url URL           the console's URL [MERIDIAN_PRIMARY_URL] (required)
  --token TOKEN               the proxy token <id>:<secret> [MERIDIAN_PROXY_TOKEN]; prefer the
                              variable or --token-stdin, so the token stays out of shell history
  --token-stdin               read the token from standard input
  --http-address HOST:PORT    where to listen [MERIDIAN_PROXY_HTTP_ADDRESS] (default 127.0.0.1:4100;
                              port 0 picks a free one; :PORT listens on every interface)
  --access-url URL            the URL users reach this proxy at [MERIDIAN_PROXY_ACCESS_URL]
                              (default http://HOST:PORT)
  --wildcard-hostname HOST    wildcard for workspace apps, like *.apps.example.com
                              [MERIDIAN_PROXY_WILDCARD_HOSTNAME]
  --simulated-latency-ms N    hold every answer back N ms [MERIDIAN_PROXY_SIMULATED_LATENCY_MS] —
                              a testing and demo aid: a local proxy stands for a distant region
  --help                      this text
`;

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? "is required" : `must be the http(s) URL ${what}`) });

/** Keys are the flags, so an error names the flag the user typed (or the variable behind it). */
const schema = z.object({
  "primary-url": httpUrl("of the console, like https://meridian.example.com"),
  token: z
    .string({ error: "is required: set MERIDIAN_PROXY_TOKEN, or use --token-stdin" })
    .trim()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:\S+$/i, "must be <proxy id>:<secret>, as shown when the proxy was created"),
  "http-address": z
    .string()
    .regex(/^(\[[0-9a-f:.]+\]|[^\s:[\]]*):\d{1,5}$/i, "must be HOST:PORT, like 127.0.0.1:4100 or :4100")
    .transform((v) => {
      const at = v.lastIndexOf(":");
      const host = v.slice(0, at).replace(/^\[(.*)\]$/, "$1");
      return { host: host || "0.0.0.0", port: Number(v.slice(at + 1)) };
    })
    .refine((a) => a.port <= 65535, "port must be 0-65535")
    .default({ host: "127.0.0.1", port: 4100 }),
  "access-url": httpUrl("users reach this proxy at").optional(),
  "wildcard-hostname": z
    .string()
    .regex(/^\*\.[a-z0-9.-]+(:\d+)?$/i, "must look like *.apps.example.com")
    .optional(),
  "simulated-latency-ms": z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be 0-60000").max(60_000, "must be 0-60000").default(0),
});
type ProxyFlags = z.infer<typeof schema>;

const ENV: Partial<Record<keyof ProxyFlags, string>> = {
  "primary-url": "MERIDIAN_PRIMARY_URL",
  token: "MERIDIAN_PROXY_TOKEN",
  "http-address": "MERIDIAN_PROXY_HTTP_ADDRESS",
  "access-url": "MERIDIAN_PROXY_ACCESS_URL",
  "wildcard-hostname": "MERIDIAN_PROXY_WILDCARD_HOSTNAME",
  "simulated-latency-ms": "MERIDIAN_PROXY_SIMULATED_LATENCY_MS",
};

class UsageError extends Error {}

/** Flags over environment; empty values count as unset. Throws UsageError naming the flag. */
export function parseProxyFlags(argv: string[], env: Record<string, string | undefined>, stdinToken?: string): ProxyFlags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: Object.fromEntries(Object.keys(schema.shape).map((k) => [k, { type: "string" }])) }));
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify.*$/s, ""));
  }
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape) as (keyof ProxyFlags)[]) {
    const value = values[key] ?? (key === "token" ? stdinToken : undefined) ?? env[ENV[key] ?? ""];
    if (value !== undefined && value !== "") merged[key] = value;
  }
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue.path[0]) as keyof ProxyFlags;
    const source = values[key] !== undefined ? `--${key}` : key === "token" && stdinToken ? "the token on stdin" : merged[key] !== undefined ? ENV[key] : `--${key}`;
    // Values are echoed to help, except the token's.
    const shown = key !== "token" && merged[key] !== undefined ? ` (got "${merged[key]}")` : "";
    throw new UsageError(`${source}${shown}: ${issue.message}`);
  }
  return result.data;
}

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(HELP);
  const fromStdin = argv.includes("--token-stdin");
  let flags: ProxyFlags;
  try {
    flags = parseProxyFlags(
      argv.filter((a) => a !== "--token-stdin"),
      process.env,
      fromStdin ? (await readStdin()).trim() : undefined,
    );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`meridian proxy: ${err.message}\n(see meridian proxy --help)\n`);
    return 2;
  }

  const log = (line: string) => process.stdout.write(`meridian proxy: ${line}\n`);
  const { startProxyAgent } = await import("../server/proxy-agent");
  let fatal: (err: Error) => void = () => {};
  const refused = new Promise<Error>((resolve) => (fatal = resolve));
  let agent;
  try {
    agent = await startProxyAgent({
      primaryUrl: flags["primary-url"],
      token: flags.token,
      host: flags["http-address"].host,
      port: flags["http-address"].port,
      accessUrl: flags["access-url"],
      wildcardHostname: flags["wildcard-hostname"],
      simulatedLatencyMs: flags["simulated-latency-ms"],
      log,
      onFatal: (err) => fatal(err),
    });
  } catch (err) {
    process.stderr.write(`meridian proxy: ${(err as Error).message}\n`);
    return 1;
  }
  const latency = flags["simulated-latency-ms"] ? ` (simulating ${flags["simulated-latency-ms"]} ms of latency)` : "";
  log(`registered as ${agent.name} with ${flags["primary-url"]}; serving on ${agent.url}${agent.accessUrl === agent.url ? "" : ` (users reach it at ${agent.accessUrl})`}${latency}`);
  for (const warning of agent.report().warnings) log(`warning: ${warning}`);

  const signalled = new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  const outcome = await Promise.race([signalled, refused]);
  if (typeof outcome === "string") log(`${outcome}: deregistering and stopping`);
  await agent.stop();
  if (outcome instanceof Error) {
    process.stderr.write(`meridian proxy: ${outcome.message}\n`);
    return 1;
  }
  log("stopped");
  return 0;
}

