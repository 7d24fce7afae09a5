// The proxy agent's side of the registration protocol: POST …/me/register and …/me/deregister
// with the proxy token in its header. Failures are classified so the caller knows whether trying
// again can help (network, timeout, 5xx) or not (token refused, a request the primary rejects).
import "server-only";
import { PROXY_TOKEN_HEADER, registerProxyResponseSchema, type RegisterProxyRequest, type RegisterProxyResponse } from "@/lib/api/proxies";

export function tokenRefused(primaryUrl: string): string {
  return `the primary at ${primaryUrl} refused the proxy token — it was regenerated or the proxy deleted; get a new token from the Proxies page`;
}

export class PrimaryError extends Error {
  constructor(
    message: string,
    /** Trying again cannot help (the primary answered, and said no). */
    readonly permanent: boolean,
    readonly tokenRefused = false,
  ) {
    super(message);
  }
}

export interface PrimaryClient {
  register(body: RegisterProxyRequest, signal?: AbortSignal): Promise<RegisterProxyResponse>;
  deregister(replicaId: string, timeoutMs: number): Promise<void>;
}

export function primaryClient(primaryUrl: string, token: string, requestTimeoutMs: number): PrimaryClient {
  // Keeps any path prefix of the primary's URL (a console served under /meridian, say).
  const base = primaryUrl.replace(/\/+$/, "");

  async function post(path: string, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetch(`${base}/api/v2/workspaceproxies/me/${path}`, {
        method: "POST",
        headers: { [PROXY_TOKEN_HEADER]: token, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        redirect: "error",
      });
    } catch (err) {
      if (timeout.aborted) throw new PrimaryError(`request timed out after ${timeoutMs / 1000} s`, false);
      throw new PrimaryError(networkCause(err), false);
    }
  }

  return {
    async register(body, signal) {
      const res = await post("register", body, requestTimeoutMs, signal);
      if (!res.ok) throw await refusal(res, primaryUrl);
      const parsed = registerProxyResponseSchema.safeParse(await res.json().catch(() => null));
      if (!parsed.success) throw new PrimaryError(`the primary answered the registration with an unexpected body (is ${base} a Meridian console?)`, true);
      return parsed.data;
    },
    async deregister(replicaId, timeoutMs) {
      const res = await post("deregister", { replica_id: replicaId }, timeoutMs);
      if (!res.ok) throw await refusal(res, primaryUrl);
      await res.body?.cancel();
    },
  };
}

/** What the primary's error answer means for the operator. */
async function refusal(res: Response, primaryUrl: string): Promise<PrimaryError> {
  if (res.status === 401) return new PrimaryError(tokenRefused(primaryUrl), true, true);
  const body = (await res.json().catch(() => null)) as { message?: unknown; validations?: { field: string; detail: string }[] } | null;
  const message = typeof body?.message === "string" ? body.message : res.statusText;
  const fields = Array.isArray(body?.validations) ? body.validations.map((v) => `${v.field}: ${v.detail}`).join("; ") : "";
  const said = `HTTP ${res.status}${message ? `: ${message}` : ""}${fields ? ` (${fields})` : ""}`;
  if (res.status === 404) return new PrimaryError(`the primary has no proxy registration endpoint (${said}) — check the primary URL`, true);
  // Overload and gateway answers pass; any other client error will be the same next time.
  const transient = res.status >= 500 || res.status === 408 || res.status === 429;
  return new PrimaryError(transient ? said : `the primary refused the registration: ${said}`, !transient);
}

/** fetch() says only "fetch failed"; the useful part (ECONNREFUSED 127.0.0.1:4100, ENOTFOUND …) is its cause. */
function networkCause(err: unknown): string {
  let e = err as { message?: string; cause?: unknown; code?: string } | undefined;
  while (e?.cause && typeof e.cause === "object") e = e.cause as typeof e;
  return e?.message || String(err);
}
