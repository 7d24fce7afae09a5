// Summarises a V8 .cpuprofile (written by `node --cpu-prof`) as self time per layer of the stack
// — Next.js, Prisma, pg, Node's HTTP/net, JSON, GC — plus the hottest functions, so a run with
// --cpu-prof says where Meridian's time goes without opening DevTools.
// Also runnable alone: `node --import tsx bench/profile.ts file.cpuprofile`.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** First matching rule names the layer; order matters (the most specific paths first). */
const LAYERS: [RegExp, string][] = [
  [/^\((idle)\)$/, "idle"],
  [/^\((garbage collector)\)$/, "GC"],
  [/^\((program)\)$/, "V8/native (program)"],
  [/\.next\/server\//, "app bundle (.next/server: routes, server/*, zod)"],
  [/server\/generated\/prisma|@prisma\/client/, "Prisma client runtime"],
  [/\.wasm|wasm:\/\//, "Prisma query compiler (wasm)"],
  [/@prisma\/adapter-pg|@prisma\/driver-adapter-utils/, "Prisma pg adapter"],
  [/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-)/, "pg driver"],
  [/node_modules\/next\/dist\/compiled\/next-server\//, "Next.js route runtime (compiled next-server)"],
  [/node_modules\/next\/dist\/server\//, "Next.js server (routing, request handling)"],
  [/node_modules\/next\//, "Next.js (other)"],
  [/node_modules\/tsx\/|cli\/|server\/(?!generated)/, "launcher + heartbeat (tsx)"],
  [/^node:internal\/webstreams/, "web streams (Next's Request/Response bodies)"],
  [/^node:internal\/deps\/undici/, "undici Request/Response (Next's route API)"],
  [/^node:(internal\/)?async_hooks/, "AsyncLocalStorage (Next's request context)"],
  [/^node:internal\/(abort_controller|event_target|worker\/js_transferable)/, "AbortSignal/EventTarget (one per Next Request)"],
  [/^node:(_http|http|net|stream|internal\/streams|internal\/http|_stream)/, "Node http/net/streams"],
  [/^node:/, "Node (other internals)"],
];

function layer(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) {
    if (/^\(.*\)$/.test(functionName)) return LAYERS.find(([re]) => re.test(functionName))?.[1] ?? functionName;
    if (/^(stringify|parse|JSONStringify|JSONParse)$/.test(functionName)) return "JSON (builtin)";
    return "V8 builtins (no url)";
  }
  return LAYERS.find(([re]) => re.test(url))?.[1] ?? "other";
}

/** Index of the first sample taken while a route of the app bundle ran: the first request.
 * Samples before it are start-up, which the load figures do not include either. */
function firstRequest(profile: Profile, byId: Map<number, ProfileNode>): number {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inRoute = (id: number | undefined): boolean =>
    id !== undefined && (/\.next\/server\/app\//.test(byId.get(id)!.callFrame.url) || inRoute(parent.get(id)));
  const index = profile.samples.findIndex((id) => inRoute(id));
  return index < 0 ? 0 : index;
}

export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const from = firstRequest(profile, byId);
  // timeDeltas[i] is the gap before sample i; it is the best estimate of that sample's duration.
  for (let i = from; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));

  const layers = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const name = layer(node);
    layers.set(name, (layers.get(name) ?? 0) + us);
    const where = node.callFrame.url ? `${shorten(node.callFrame.url)}:${node.callFrame.lineNumber + 1}` : "(native)";
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${where}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const idle = layers.get("idle") ?? 0;
  const total = [...layers.values()].reduce((a, b) => a + b, 0);
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const lines = [`CPU time by layer from the first request on (self time; ${(busy / 1e6).toFixed(1)} s busy of ${(total / 1e6).toFixed(1)} s, % of busy):`];
  for (const [name, us] of [...layers].filter(([n]) => n !== "idle").sort((a, b) => b[1] - a[1])) lines.push(`  ${pct(us)}  ${name}`);
  lines.push(`hottest functions (self time, % of busy):`);
  for (const [fn, us] of [...functions].filter(([f]) => !f.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${fn}`);
  return lines.join("\n");
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

/**
 * Summarises a Chromium trace (devtools.timeline) of one page load: self time on the renderer's
 * main thread by kind of work — scripts, style, layout, paint, HTML parsing, GC — which a CPU
 * profile lumps together as "(program)".
 */
export function summariseTrace(events: TraceEvent[], top = 12): string {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1)!.end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
    stack.push({ end: e.ts + e.dur!, name: e.name });
  }
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  const lines = [`Chromium main thread by kind of work (self time; ${(busy / 1e3).toFixed(0)} ms busy):`];
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${name}`);
  return lines.join("\n");
}

function shorten(url: string): string {
  return url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "").replace(/^.*\/\.next\//, ".next/");
}

if (import.meta.filename === process.argv[1]) {
  for (const file of process.argv.slice(2)) process.stdout.write(summariseProfile(file) + "\n");
}
