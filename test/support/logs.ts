// Captures what the process's logger (server/log.ts) writes, as parsed JSON lines.
import { configureLog, type LogLevel } from "@/server/log";

export interface CapturedLogs {
  /** Every line so far, parsed. */
  lines(): Record<string, unknown>[];
  /** The raw text written, to search for anything that must never appear. */
  text(): string;
  restore(): void;
}

export function captureLogs(level: LogLevel = "info"): CapturedLogs {
  let text = "";
  const previous = configureLog({ format: "json", level, destination: { write: (line) => void (text += line) } });
  return {
    lines: () => text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => text,
    restore: () => void configureLog(previous),
  };
}
