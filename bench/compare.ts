// Before any load: both servers must answer each path with the same JSON, or the comparison
// would measure two different things.
import { isDeepStrictEqual } from "node:util";

export interface Answer {
  status: number;
  bytes: number;
  json: unknown;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { cache: "no-store", headers });
  const text = await res.text();
  // Plain-text answers (/healthz) are compared as text.
  const json = res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
  return { status: res.status, bytes: Buffer.byteLength(text), json };
}

/** Fields that legitimately differ between two reads a moment apart: the serving replica's own
 * row is rewritten by its heartbeat every few seconds. Everything else must match exactly. */
function normalise(path: string, json: unknown, selfId: string): unknown {
  if (path !== "/api/v2/replicas" || !Array.isArray(json)) return json;
  return json.map((r: Record<string, unknown>) => (r.id === selfId ? { ...r, updated_at: "(heartbeat)", database_latency_us: "(heartbeat)" } : r));
}

/** First place where two JSON values differ, as a path like `[3].peers[0].hostname`. */
export function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${at || "(root)"}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return `${at || "(root)"}: ${a.length} items ≠ ${b.length} items`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const sub = Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`;
    const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], sub);
    if (diff) return diff;
  }
  return undefined;
}

/**
 * Reads `path` from both servers (Meridian with `meridianHeaders`, its credentials; the baseline
 * has no authentication) and throws unless the JSON is deep-equal after normalise().
 * Retries twice, so that a heartbeat or a live→stale flip landing between the two reads is not
 * mistaken for a difference; a real difference shows on every try.
 */
export async function assertSameAnswers(path: string, meridian: string, baseline: string, selfId: string, meridianHeaders: Record<string, string>): Promise<{ meridian: Answer; baseline: Answer }> {
  let diff = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const [m, b] = await Promise.all([get(meridian + path, meridianHeaders), get(baseline + path)]);
    if (m.status !== 200 || b.status !== 200) throw new Error(`GET ${path}: Meridian answered ${m.status}, baseline ${b.status}`);
    diff = firstDifference(normalise(path, m.json, selfId), normalise(path, b.json, selfId)) ?? "";
    if (!diff) return { meridian: m, baseline: b };
  }
  throw new Error(`GET ${path}: Meridian and the baseline disagree (Meridian ≠ baseline) at ${diff}`);
}
