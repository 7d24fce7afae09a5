// docs/health.md, read once per process: the console serves it at /health/docs so the report's
// "What to do" links work without a network. The server runs from the project folder (as
// server/icons.ts relies on too).
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseMarkdown, type Block } from "@/lib/markdown";

let loaded: Promise<Block[]> | undefined;

export function healthDocs(): Promise<Block[]> {
  loaded ??= readFile(path.join(process.cwd(), "docs", "health.md"), "utf8").then(parseMarkdown);
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
