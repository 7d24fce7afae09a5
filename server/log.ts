// The process's one logger (pino). JSON lines by default when stdout is not a terminal (what log
// collectors read), short readable lines on a terminal (`meridian: message key=value`), which is
// also what `meridian cluster` and the benchmarks read from their children. Every line carries
// this replica's id and, inside a request, the request's id (x-request-id). Secrets are redacted
// by path, whatever the message: a logged header, body or object never shows a token or password.
//
// On globalThis: the launcher and Next's server bundle are separate module graphs in one process,
// and both must write through the logger the launcher configured.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFormat = "json" | "text";

export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
  replicaId: string | null;
  /** Where lines go: stdout unless a test captures them. */
  destination: { write(line: string): void };
}

/** Header names, cookie and body fields that hold credentials, wherever they are logged. */
export const REDACTED_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["meridian-session-token"]',
  'req.headers["meridian-proxy-token"]',
  'req.headers["x-meridian-embed-token"]',
  'res.headers["set-cookie"]',
  "headers.cookie",
  "headers.authorization",
  'headers["meridian-session-token"]',
  'headers["meridian-proxy-token"]',
  ...["password", "token", "proxy_token", "session_token", "secret", "license", "jwt", "key", "cookie", "authorization"].flatMap((f) => [f, `*.${f}`]),
];

interface State {
  settings: LogSettings;
  logger: Logger;
  requests: AsyncLocalStorage<{ requestId: string }>;
}

const holder = globalThis as typeof globalThis & { __meridianLog?: State };

function create(settings: LogSettings, requests: State["requests"]): Logger {
  const out = settings.format === "text" ? textDestination(settings.destination) : settings.destination;
  return pino(
    {
      level: settings.level,
      base: { replica_id: settings.replicaId },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[Redacted]" },
      mixin: () => {
        const id = requests.getStore()?.requestId;
        return id ? { req_id: id } : {};
      },
    },
    out,
  );
}

/** Settings when nothing configured the logger (tests, one-off commands): info, by terminal. */
function defaults(): LogSettings {
  return { level: "info", format: process.stdout.isTTY ? "text" : "json", replicaId: null, destination: process.stdout };
}

function state(): State {
  if (!holder.__meridianLog) {
    const settings = defaults();
    const requests = new AsyncLocalStorage<{ requestId: string }>();
    holder.__meridianLog = { settings, requests, logger: create(settings, requests) };
  }
  return holder.__meridianLog;
}

/** Changes the process's logger settings (the launcher, once it knows its level and replica id); returns the previous ones. */
export function configureLog(changes: Partial<Omit<LogSettings, "format">> & { format?: LogFormat | "auto" }): LogSettings {
  const current = state();
  const previous = current.settings;
  const format = changes.format === "auto" ? defaults().format : (changes.format ?? current.settings.format);
  current.settings = { ...current.settings, ...changes, format };
  current.logger = create(current.settings, current.requests);
  return previous;
}

export function logger(): Logger {
  return state().logger;
}

/** Runs `fn` with `requestId` on every line it logs, through any await. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return state().requests.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return state().requests.getStore()?.requestId;
}

const HIDDEN = new Set(["level", "time", "msg", "replica_id", "pid", "hostname", "err"]);
const PREFIX: Record<string, string> = { debug: "debug: ", info: "", warn: "warning: ", error: "error: ", fatal: "error: " };

/** A JSON line as a person reads it: `meridian: [level: ]message key=value …`, then a stack if any. */
export function formatText(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  const fields = Object.entries(entry)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${typeof v === "string" && !/[\s="]/.test(v) ? v : JSON.stringify(v)}`);
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const text = [`meridian: ${PREFIX[String(entry.level)] ?? ""}${entry.msg ?? ""}`, ...fields].join(" ");
  return `${text}${err ? `\n${err.stack ?? err.message}` : ""}\n`;
}

function textDestination(target: LogSettings["destination"]): LogSettings["destination"] {
  return { write: (line) => target.write(formatText(line)) };
}
