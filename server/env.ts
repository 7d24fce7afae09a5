// The one place that reads configuration. Every variable and flag is parsed here with zod;
// a bad value stops start-up with one line naming the variable and what is wrong.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { originProblem } from "@/lib/api/embed";
import { canonicalOrigin } from "@/lib/origin";
import { parseNetwork, type Network } from "./net/destination-policy";
import { SETTINGS, type Setting } from "./settings";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { error: "must be true or false" })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

/** Days of history (status changes, check and latency samples) kept when MERIDIAN_HISTORY_RETENTION_DAYS is unset. */
export const DEFAULT_HISTORY_RETENTION_DAYS = 14;

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

// A new variable also needs its line in ./settings.ts (flag and --help text): the type checker insists.
const schema = z.object({
  PORT: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be 0-65535").max(65535, "must be 0-65535").default(3000),
  MERIDIAN_HOST: z.string().min(1, "must not be empty").default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
    .optional(),
  MERIDIAN_DATA_DIR: z.string().min(1, "must not be empty").default(".meridian"),
  MERIDIAN_REGION: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a lower-case DNS label like us-east").default("primary"),
  MERIDIAN_RELAY_URL: httpUrl.optional(),
  MERIDIAN_ACCESS_URL: httpUrl.optional(),
  MERIDIAN_DEMO: bool.default(true),
  MERIDIAN_HEARTBEAT_INTERVAL_MS: z.coerce.number({ error: "must be a number" }).int().min(200, "must be at least 200").default(5000),
  MERIDIAN_REPLICA_ID: z.uuid("must be a UUID").optional(),
  /** Signs session cookies: the secret itself, or `@/path/to/file` holding it (a mounted Secret). */
  MERIDIAN_AUTH_SECRET: z
    .string()
    .transform((v, ctx) => {
      if (!v.startsWith("@")) return v;
      try {
        return readFileSync(v.slice(1), "utf8").trim();
      } catch (err) {
        ctx.addIssue({ code: "custom", message: `cannot read the file ${v.slice(1)} (${(err as NodeJS.ErrnoException).code ?? "error"})` });
        return z.NEVER;
      }
    })
    .pipe(z.string().min(32, "must be at least 32 characters"))
    .optional(),
  MERIDIAN_TRUST_PROXY_HEADERS: bool.default(false),
  MERIDIAN_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** json or text; unset: text on a terminal, JSON lines otherwise (server/log.ts). */
  MERIDIAN_LOG_FORMAT: z.enum(["json", "text"], { error: "must be json or text" }).optional(),
  /** host:port of the Prometheus endpoint (server/metrics/server.ts); unset: no metrics endpoint. */
  MERIDIAN_PROMETHEUS_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/, "must be host:port, like 127.0.0.1:2112")
    .refine((v) => Number(v.slice(v.lastIndexOf(":") + 1)) <= 65535, "the port must be 0-65535")
    .optional(),
  MERIDIAN_PROXY_HEALTH_INTERVAL_MS: z.coerce.number({ error: "must be a number" }).int().min(200, "must be at least 200").default(15_000),
  /** How long status changes and health/latency samples are kept for the history pages. */
  MERIDIAN_HISTORY_RETENTION_DAYS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(DEFAULT_HISTORY_RETENTION_DAYS),
  /** Networks a proxy's URL may point into besides public addresses: comma-separated CIDRs (server/net/destination-policy.ts). */
  MERIDIAN_PROXY_ALLOWED_NETWORKS: z
    .string()
    .transform((v, ctx) => {
      const networks: Network[] = [];
      for (const item of v.split(",").map((s) => s.trim()).filter(Boolean)) {
        const network = parseNetwork(item);
        if ("problem" in network) {
          ctx.addIssue({ code: "custom", message: `"${item}" ${network.problem}` });
          return z.NEVER;
        }
        networks.push(network);
      }
      return networks;
    })
    .default([]),
  /** Public keys licenses are verified with: a JSON Web Key Set as JSON text, or `@/path/to/jwks.json`. */
  MERIDIAN_LICENSE_PUBLIC_KEYS: z.string().optional(),
  /** Trust the development license key (the one in the repository). Defaults to on in demo mode only. */
  MERIDIAN_LICENSE_DEV_KEY: bool.optional(),
  /** Origins allowed to frame /embed/region-picker besides those added in the console: comma-separated `https://portal.example.com`. */
  MERIDIAN_EMBED_ALLOWED_ORIGINS: z
    .string()
    .transform((v, ctx) => {
      const origins: string[] = [];
      for (const item of v.split(",").map((s) => s.trim()).filter(Boolean)) {
        const problem = originProblem(item);
        if (problem) {
          ctx.addIssue({ code: "custom", message: `"${item}" ${problem}` });
          return z.NEVER;
        }
        origins.push(canonicalOrigin(item)!);
      }
      return origins;
    })
    .default([]),
  /** HS256 secret that portal backends sign embed tokens with (at least 32 characters). Unset: embed tokens are refused. */
  MERIDIAN_EMBED_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
});


export type Config = z.infer<typeof schema> & {
  /** The relay address peers use to reach this replica. */
  relayUrl: string;
  /** The URL users reach the console (and the primary region) at. */
  accessUrl: string;
  /** Whether licenses signed with the development key are accepted (demo and tests only). */
  trustDevLicenseKey: boolean;
  /** Whether a proxy's URL may point at loopback: demo agents, and agents in development, run there. */
  proxyLoopbackAllowed: boolean;
};

export class ConfigError extends Error {}

/** The variables `meridian server` reads; each needs its flag and help line in ./settings. */
export type SettingName = keyof z.input<typeof schema>;

/** CLI flags win over environment variables; each flag names the variable it sets (./settings). */
const FLAGS: Record<string, SettingName | { name: SettingName; value: string }> = Object.fromEntries(
  (Object.entries(SETTINGS) as [SettingName, Setting][]).flatMap(([name, s]): [string, SettingName | { name: SettingName; value: string }][] => {
    if (!s.flag) return [];
    if (s.value) return [[`--${s.flag}`, name]];
    return [[`--${s.flag}`, { name, value: "true" }], [`--no-${s.flag}`, { name, value: "false" }]];
  }),
);

export function flagsToEnv(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const target = FLAGS[flag];
    if (!target) throw new ConfigError(`unknown flag ${flag} (known: ${Object.keys(FLAGS).join(", ")})`);
    if (typeof target === "object") {
      out[target.name] = target.value;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${flag} needs a value`);
    out[target] = value;
  }
  return out;
}

export function parseConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  // Empty variables count as unset, as in most twelve-factor tools.
  const merged = Object.fromEntries(Object.entries({ ...env, ...flagsToEnv(argv) }).filter(([, v]) => v !== ""));
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? "configuration");
    // A database URL may hold a password; secrets and key material are never echoed either.
    const secret = name === "DATABASE_URL" || /SECRET|KEYS?$/.test(name);
    const shown = merged[name] === undefined || secret ? "" : ` (got "${merged[name]}")`;
    throw new ConfigError(`${name}${shown}: ${issue.message}`);
  }
  const config = result.data;
  return {
    ...config,
    relayUrl: config.MERIDIAN_RELAY_URL ?? `http://127.0.0.1:${config.PORT}`,
    accessUrl: config.MERIDIAN_ACCESS_URL ?? `http://localhost:${config.PORT}`,
    trustDevLicenseKey: config.MERIDIAN_LICENSE_DEV_KEY ?? config.MERIDIAN_DEMO,
    proxyLoopbackAllowed: config.MERIDIAN_DEMO || merged.NODE_ENV !== "production",
  };
}

/**
 * What only the server needs (one-off commands such as `meridian users unlock` do not sign
 * cookies): with a shared database the signing secret must come from outside it, so a dump of the
 * database is not enough to forge session cookies. Embedded PostgreSQL keeps a generated one.
 */
export function checkServerConfig(config: Config): void {
  if (config.DATABASE_URL && !config.MERIDIAN_AUTH_SECRET) {
    throw new ConfigError("MERIDIAN_AUTH_SECRET: required with an external DATABASE_URL (at least 32 characters, the same on every replica, or @/path/to/file); only embedded PostgreSQL keeps a generated one in the database");
  }
}

let cached: Config | undefined;

/** The running process's configuration (environment only: the launcher exports flags as env). */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
