// The one typed fetch the browser uses for the API: every answer is parsed with its zod schema,
// every failure becomes an ApiRequestError carrying the API's own message, so views can show it.
import type { z } from "zod";
import { apiErrorSchema, type ApiErrorBody } from "@/lib/api/errors";

export class ApiRequestError extends Error {
  override readonly name = "ApiRequestError";

  constructor(
    /** HTTP status, or 0 when no answer arrived (network down, server stopped). */
    readonly status: number,
    message: string,
    readonly detail?: string,
    readonly validations?: ApiErrorBody["validations"],
  ) {
    super(message);
  }

  /** A 4xx will not fix itself by asking again; everything else may. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export async function apiFetch<S extends z.ZodType>(path: string, schema: S, init?: RequestInit): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: "application/json", ...init?.headers }, cache: "no-store" });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err; // TanStack Query cancelled it; not a failure
    // Node's fetch hides the reason (ECONNREFUSED, a timeout) in `cause`; browsers give none.
    const cause = (err as Error).cause as Error | undefined;
    throw new ApiRequestError(0, "Could not reach the Meridian server.", cause?.message ?? (err as Error).message);
  }
  const body = await readJson(res);
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(body);
    if (parsed.success) throw new ApiRequestError(res.status, parsed.data.message, parsed.data.detail, parsed.data.validations);
    throw new ApiRequestError(res.status, `The server answered HTTP ${res.status} ${res.statusText}`.trim() + ".");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new ApiRequestError(res.status, `Unexpected response from ${path}.`, `${issue?.message ?? "invalid shape"}${where}`);
  }
  return parsed.data;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // an HTML error page from a proxy in front of us: handled by the status
  }
}
