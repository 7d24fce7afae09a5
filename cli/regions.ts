// `meridian regions`: the regions a user can work through, their choice, and the latency from the
// machine it runs on, measured as the browser measures it (lib/latency/measure.ts with a Node
// probe) and chosen by the browser's rule (lib/regions/choice.ts), so the two always agree.
// Flags win over environment variables; a bad value stops with one line naming the flag. The
// token is never printed.
import { parseArgs } from "node:util";
import { z } from "zod";
import { regionsResponseSchema, type Region } from "@/lib/api/proxies";
import { userRegionSchema, type UserRegion } from "@/lib/api/regions";
import { formatLatencyMs } from "@/lib/format";
import { DEFAULT_SAMPLES, DEFAULT_TIMEOUT_MS, MAX_SAMPLES_WHEN_SPREAD, measureLatency, type RegionLatency } from "@/lib/latency/measure";
import { ApiRequestError, apiFetch } from "@/lib/query/fetch";
import { chooseAutomatic, evaluateManual, rankRegions, type Latencies, type Problem } from "@/lib/regions/choice";
import { closeProbeConnections, nodeProbe } from "./latency-probe";
import { printHelp, wantsHelp } from "./help";
import { readStdin } from "./stdin";

const HELP = `usage: meridian regions --url URL [flags]

Lists the regions you can work through (the primary and every workspace proxy), whether the console
sees each as healthy, the latency to each from this machine (a warm-up request, then N samples of
GET /latency-check, timed as the browser times them), and which region you work through: the one
you chose, or — automatic — the healthy region with the lowest median latency from here.

flags (environment variable in brackets):
  --url URL          the console's URL [MERIDIAN_URL] (required)
  --token TOKEN      an API token <id>-<secret>, as created on the console's API tokens page
                     [MERIDIAN_SESSION_TOKEN]; prefer the variable or --token-stdin, so the token
                     stays out of shell history
  --token-stdin      read the token from standard input
  --set NAME|auto    choose the region named NAME, or automatic, then show the result
  --samples N        samples per region, 1-50 (default ${DEFAULT_SAMPLES}, and up to ${MAX_SAMPLES_WHEN_SPREAD} while they
                     disagree; a number given is taken exactly)
  --timeout-ms N     a region that does not answer a request within N ms is unreachable
                     (default ${DEFAULT_TIMEOUT_MS})
  --no-measure       list without measuring (an automatic choice then names no region)
  --json             print one JSON object instead of the table:
                       { "choice": { "automatic": bool, "region_id": uuid|null,
                                     "region_name": string|null,
                                     "problem": "unhealthy"|"unreachable"|"gone"|null,
                                     "alternative": string|null },
                         "in_use": string|null,
                         "regions": [ { "id", "name", "display_name", "healthy", "path_app_url",
                                        "latency": null | { "status": "measured", "median_ms",
                                          "min_ms", "max_ms", "jitter_ms", "samples", "accurate",
                                          "protocol", "measured_at" }
                                        | { "status": "unreachable", "reason", "measured_at" } } ] }
                     regions are ranked: usable ones by median latency, then the rest by name;
                     latency is null when a region has no URL or with --no-measure
  --help             this text

exit status: 0 done, 1 the console or the network failed, 2 a bad flag
`;

/** Keys are the flags, so an error names the flag the user typed (or the variable behind it). */
const schema = z.object({
  url: z.url({ protocol: /^https?$/, error: (issue) => (issue.input === undefined ? "is required: the console's URL (or set MERIDIAN_URL)" : "must be the console's http(s) URL, like https://meridian.example.com") }),
  token: z
    .string({ error: "is required: set MERIDIAN_SESSION_TOKEN, or use --token-stdin" })
    .trim()
    .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, "must be an API token <id>-<secret>, as created on the console's API tokens page"),
  samples: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be 1-50").max(50, "must be 1-50").optional(),
  "timeout-ms": z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be 1-600000").max(600_000, "must be 1-600000").default(DEFAULT_TIMEOUT_MS),
  set: z.string().trim().min(1, "must name a region, or be auto").optional(),
});
type Flags = z.infer<typeof schema> & { json: boolean; measure: boolean };

const ENV: Partial<Record<keyof z.infer<typeof schema>, string>> = { url: "MERIDIAN_URL", token: "MERIDIAN_SESSION_TOKEN" };

/** A failure to report in one line; `code` 2 when a flag was at fault. */
class CommandError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export function parseRegionsFlags(argv: string[], env: Record<string, string | undefined>, stdinToken?: string): Flags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(Object.keys(schema.shape).map((k) => [k, { type: "string" as const }])),
        json: { type: "boolean" },
        "no-measure": { type: "boolean" },
      },
    }));
  } catch (err) {
    throw new CommandError((err as Error).message.replace(/\. To specify.*$/s, ""), 2);
  }
  const given = (key: keyof typeof ENV) => (values[key] as string | undefined) ?? (key === "token" ? stdinToken : undefined) ?? env[ENV[key] ?? ""];
  const input = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, given(k as keyof typeof ENV) || undefined]));
  const result = schema.safeParse(input);
  if (result.success) return { ...result.data, json: values.json === true, measure: values["no-measure"] !== true };
  const issue = result.error.issues[0];
  const key = String(issue.path[0]) as keyof typeof ENV;
  const from = values[key] !== undefined || input[key] === undefined ? `--${key}` : key === "token" && stdinToken ? "the token on stdin" : ENV[key];
  // Values are echoed to help, except the token's.
  throw new CommandError(`${from}${key !== "token" && input[key] !== undefined ? ` (got "${input[key]}")` : ""}: ${issue.message}`, 2);
}

const API_TIMEOUT_MS = 30_000;

/** One call to the console's API through the browser's own typed fetch; its failures said for a shell. */
async function api<S extends z.ZodType>(flags: Flags, method: "GET" | "PUT", path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  const url = new URL(path, flags.url).toString();
  const where = `${method} ${url}`;
  try {
    return await apiFetch(url, schema, {
      method,
      headers: { authorization: `Bearer ${flags.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(API_TIMEOUT_MS),
    });
  } catch (err) {
    if (!(err instanceof ApiRequestError)) throw err;
    if (err.status === 0) {
      const cause = /timeout|aborted/i.test(err.detail ?? "") ? `no answer within ${API_TIMEOUT_MS / 1000} s` : err.detail;
      throw new CommandError(`cannot reach the console at ${flags.url} (${where}): ${cause}`);
    }
    const more = [err.detail, ...(err.validations ?? []).map((v) => `${v.field}: ${v.detail}`)].filter(Boolean).join("; ");
    const said = `${err.message}${more ? ` (${more})` : ""}`;
    if (err.status === 401) throw new CommandError(`the console at ${flags.url} refused the token: ${said} — create a token on the API tokens page`);
    throw new CommandError(`${where} failed: ${said}`);
  }
}

/** The region named `set` (case-insensitively), or null for automatic. */
function regionToSet(set: string, regions: readonly Region[]): string | null {
  if (set.toLowerCase() === "auto") return null;
  const region = regions.find((r) => r.name.toLowerCase() === set.toLowerCase());
  if (!region) throw new CommandError(`--set: no region is named "${set}" (regions: ${regions.map((r) => r.name).join(", ")}; or auto)`, 2);
  return region.id;
}

/** Every region with a URL at once; each one's samples in sequence (measureLatency's job). */
async function measureAll(regions: readonly Region[], flags: Flags): Promise<Latencies> {
  const measurable = regions.filter((r) => r.path_app_url !== "");
  // A slow region can take the whole timeout: say what is happening, where a person is watching.
  const progress = process.stderr.isTTY ? `measuring latency to ${measurable.length} regions…` : "";
  process.stderr.write(progress);
  try {
    const results = await Promise.all(
      measurable.map((r) => measureLatency(new URL(r.path_app_url, flags.url).toString(), { probe: nodeProbe, samples: flags.samples ?? DEFAULT_SAMPLES, upTo: flags.samples ?? MAX_SAMPLES_WHEN_SPREAD, timeoutMs: flags["timeout-ms"] })),
    );
    return Object.fromEntries(measurable.map((r, i) => [r.id, results[i]]));
  } finally {
    if (progress) process.stderr.write("\r\x1b[K");
    closeProbeConnections(); // kept-alive sockets would hold the process open
  }
}

export interface RegionsReport {
  choice: { automatic: boolean; region_id: string | null; region_name: string | null; problem: Problem | null; alternative: string | null };
  in_use: string | null;
  regions: (Pick<Region, "id" | "name" | "display_name" | "healthy" | "path_app_url"> & { latency: RegionLatency | null })[];
}

function report(regions: readonly Region[], mine: UserRegion, latencies: Latencies, measured: boolean): RegionsReport {
  const rows = rankRegions(regions, latencies).map(({ id, name, display_name, healthy, path_app_url }) => ({ id, name, display_name, healthy, path_app_url, latency: latencies[id] ?? null }));
  if (mine.automatic || mine.region_id === null) {
    const picked = measured ? chooseAutomatic(regions, latencies, null).region : null;
    return { choice: { automatic: true, region_id: null, region_name: null, problem: null, alternative: null }, in_use: picked?.name ?? null, regions: rows };
  }
  const manual = evaluateManual(regions, latencies, mine.region_id);
  const name = manual.region?.name ?? mine.region?.name ?? null;
  return {
    choice: { automatic: false, region_id: mine.region_id, region_name: name, problem: manual.problem, alternative: manual.alternative?.name ?? null },
    in_use: manual.region?.name ?? null,
    regions: rows,
  };
}

const PROBLEM: Record<Problem, string> = {
  unhealthy: "the console reports it unhealthy",
  unreachable: "it is unreachable from this machine",
  gone: "it was deleted",
};

const WIDTH = 80;

/** The table, ranked. Names are shortened (…) when the rows would not fit 80 columns otherwise. */
function table(r: RegionsReport, measured: boolean): string {
  const header = ["REGION", "NAME", "HEALTH", ...(measured ? ["MEDIAN", "MIN–MAX", "JITTER"] : [])];
  const rows = r.regions.map((region) => {
    const l = region.latency;
    const cells = [region.name, region.display_name, region.healthy ? "healthy" : "unhealthy"];
    if (l?.status === "measured") {
      const range = `${formatLatencyMs(l.min_ms).replace(/ ms$/, "")}–${formatLatencyMs(l.max_ms)}`;
      cells.push(`${l.accurate ? "" : "≈"}${formatLatencyMs(l.median_ms)}`, range, formatLatencyMs(l.jitter_ms));
    }
    // Said after the columns, so a long reason runs on rather than widening them.
    const note = l?.status === "unreachable" ? `unreachable: ${l.reason}` : region.path_app_url ? "" : "no URL";
    return { mark: region.name === r.in_use ? "*" : " ", cells, note };
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row.cells[i]?.length ?? 0)));
  // Over the width: the display name gives way first, then the name, neither below 8.
  for (const i of [1, 0]) widths[i] = Math.max(8, widths[i] - Math.max(0, 2 + widths.reduce((a, b) => a + b + 2, -2) - WIDTH));
  const fit = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const line = (mark: string, cells: string[], note = "") =>
    `${mark} ${[...cells.map((c, i) => (i === 3 || i === 5 ? c.padStart(widths[i]) : fit(c, widths[i]).padEnd(widths[i]))), note].join("  ")}`.trimEnd();
  return [line(" ", header), ...rows.map((row) => line(row.mark, row.cells, row.note))].join("\n");
}

function choiceLine(r: RegionsReport, measured: boolean): string {
  const { choice } = r;
  const legend = r.in_use ? "   (* = in use)" : "";
  if (choice.automatic) {
    if (!measured) return "choice: automatic (not measured: run without --no-measure to see which region it picks)";
    return r.in_use ? `choice: automatic → ${r.in_use}${legend}` : "choice: automatic → none: no healthy region answered from this machine";
  }
  const line = `choice: ${choice.region_name ?? choice.region_id} (manual)${legend}`;
  if (!choice.problem) return line;
  const instead = choice.alternative ? `best alternative: ${choice.alternative} (meridian regions --set ${choice.alternative}, or --set auto)` : "no other region is usable from here either";
  return `${line}\n  but ${PROBLEM[choice.problem]}\n  ${instead}`;
}

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(HELP);
  const fromStdin = argv.includes("--token-stdin");
  try {
    const flags = parseRegionsFlags(
      argv.filter((a) => a !== "--token-stdin"),
      process.env,
      fromStdin ? (await readStdin()).trim() : undefined,
    );
    const [{ regions }, current] = await Promise.all([
      api(flags, "GET", "/api/v2/regions", regionsResponseSchema),
      flags.set === undefined ? api(flags, "GET", "/api/v2/users/me/region", userRegionSchema) : undefined,
    ]);
    const mine = current ?? (await api(flags, "PUT", "/api/v2/users/me/region", userRegionSchema, { region_id: regionToSet(flags.set!, regions) }));
    const latencies = flags.measure ? await measureAll(regions, flags) : {};
    const result = report(regions, mine, latencies, flags.measure);
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${table(result, flags.measure)}\n\n${choiceLine(result, flags.measure)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    process.stderr.write(`meridian regions: ${err.message}\n${err.code === 2 ? "(see meridian regions --help)\n" : ""}`);
    return err.code;
  }
}

