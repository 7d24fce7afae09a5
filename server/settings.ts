// Every setting `meridian server` reads, with its flag and the text `meridian server --help`
// prints. server/env.ts derives its flags from this table, and the table is typed by env.ts's
// schema, so a variable cannot be added without its help nor documented without being parsed.
// Deployment files (deploy/) are tested against the help text, so they name only real settings.
import type { SettingName } from "./env";

export interface Setting {
  /** `port` → `--port VALUE`; a boolean flag also has `--no-<flag>`. */
  flag?: string;
  /** The placeholder after the flag; absent for a boolean flag. */
  value?: string;
  help: string;
}

export const SETTINGS: Record<SettingName, Setting> = {
  PORT: { flag: "port", value: "N", help: "HTTP port (default 3000)." },
  MERIDIAN_HOST: { flag: "host", value: "ADDRESS", help: "Listen address (default 127.0.0.1); 0.0.0.0 serves other machines (every route needs sign-in)." },
  DATABASE_URL: { flag: "database-url", value: "URL", help: "postgres:// URL of an external PostgreSQL; unset: embedded PostgreSQL under the data folder." },
  MERIDIAN_DATA_DIR: { flag: "data-dir", value: "DIR", help: "Folder for embedded PostgreSQL's data and this replica's id (default .meridian)." },
  MERIDIAN_REGION: { flag: "region", value: "NAME", help: "This replica's region, a DNS label (default primary); replicas ping same-region peers." },
  MERIDIAN_RELAY_URL: { flag: "relay-url", value: "URL", help: "Address peers reach this replica at (default http://127.0.0.1:PORT)." },
  MERIDIAN_ACCESS_URL: { flag: "access-url", value: "URL", help: "URL users reach the console at (default http://localhost:PORT); https makes cookies Secure." },
  MERIDIAN_DEMO: { flag: "demo", help: "Seed the demo topology on an empty database, install a demo license, run demo agents (default on; --no-demo in production)." },
  MERIDIAN_HEARTBEAT_INTERVAL_MS: { help: "Replica heartbeat period in ms (default 5000)." },
  MERIDIAN_REPLICA_ID: { help: "This replica's id (a UUID); default: generated once and kept in the data folder per host." },
  MERIDIAN_AUTH_SECRET: { help: "Secret signing session cookies (at least 32 characters), or @/path/to/file; the same on every replica. Required with DATABASE_URL." },
  MERIDIAN_TRUST_PROXY_HEADERS: { help: "Trust X-Forwarded-For/-Proto from a reverse proxy (client address, HSTS) (default false)." },
  MERIDIAN_LOG_LEVEL: { help: "debug, info, warn or error (default info); debug adds a line per request." },
  MERIDIAN_LOG_FORMAT: { help: "json or text (default: text on a terminal, JSON lines otherwise)." },
  MERIDIAN_PROMETHEUS_ADDRESS: { flag: "prometheus-address", value: "HOST:PORT", help: "Serve Prometheus metrics at http://HOST:PORT/metrics (default off); unauthenticated: keep it off public networks." },
  MERIDIAN_PROXY_HEALTH_INTERVAL_MS: { help: "How often the proxy health checker sweeps every proxy, in ms (default 15000)." },
  MERIDIAN_HISTORY_RETENTION_DAYS: { help: "Days of status and latency history kept (default 14)." },
  MERIDIAN_PROXY_ALLOWED_NETWORKS: { help: "Comma-separated networks (10.20.0.0/16, fd00:1::/32) a proxy URL may point into besides public addresses." },
  MERIDIAN_LICENSE_PUBLIC_KEYS: { help: "JSON Web Key Set (Ed25519) licenses are verified with, as JSON text or @/path/to/jwks.json." },
  MERIDIAN_LICENSE_DEV_KEY: { help: "Also trust the development license key (default: same as MERIDIAN_DEMO; false in production)." },
  MERIDIAN_EMBED_ALLOWED_ORIGINS: { help: "Comma-separated origins (https://portal.example.com) that may frame /embed/region-picker." },
  MERIDIAN_EMBED_SECRET: { help: "HS256 secret (at least 32 characters) portal backends sign embed tokens with; unset: embed tokens are refused." },
};

const WIDTH = 100;
const INDENT = "      ";

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && INDENT.length + line.length + 1 + word.length > WIDTH) {
      lines.push(INDENT + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, INDENT + line];
}

/** The settings part of `meridian server --help`: each variable, its flag, what it does. */
export function settingsHelp(): string {
  return Object.entries(SETTINGS)
    .map(([name, s]) => {
      const flag = !s.flag ? "" : s.value ? `, --${s.flag} ${s.value}` : `, --${s.flag} / --no-${s.flag}`;
      return [`  ${name}${flag}`, ...wrap(s.help)].join("\n");
    })
    .join("\n");
}
