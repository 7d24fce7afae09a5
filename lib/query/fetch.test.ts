import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiRequestError, apiFetch } from "./fetch";

const schema = z.object({ n: z.number() });

function answer(status: number, body: string, statusText = "") {
  vi.stubGlobal("fetch", async () => new Response(body, { status, statusText, headers: { "content-type": "application/json" } }));
}

async function failure(p: Promise<unknown>): Promise<ApiRequestError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiRequestError);
  return err as ApiRequestError;
}

afterEach(() => vi.unstubAllGlobals());

describe("apiFetch", () => {
  it("returns the parsed body", async () => {
    answer(200, JSON.stringify({ n: 1, extra: true }));
    expect(await apiFetch("/api/v2/x", schema)).toEqual({ n: 1 });
  });

  it("throws the API's own message, detail and validations", async () => {
    answer(403, JSON.stringify({ message: "Workspace Proxy is a Premium feature. Contact sales!", detail: "no license", validations: [{ field: "name", detail: "taken" }] }));
    const err = await failure(apiFetch("/api/v2/x", schema));
    expect(err.status).toBe(403);
    expect(err.message).toBe("Workspace Proxy is a Premium feature. Contact sales!");
    expect(err.detail).toBe("no license");
    expect(err.validations).toEqual([{ field: "name", detail: "taken" }]);
    expect(err.retryable).toBe(false);
  });

  it("names the status when the error body is not the API's shape", async () => {
    answer(502, "<html>Bad gateway</html>", "Bad Gateway");
    const err = await failure(apiFetch("/api/v2/x", schema));
    expect(err.message).toBe("The server answered HTTP 502 Bad Gateway.");
    expect(err.retryable).toBe(true);
  });

  it("refuses a body that does not match the schema, saying where", async () => {
    answer(200, JSON.stringify({ n: "one" }));
    const err = await failure(apiFetch("/api/v2/x", schema));
    expect(err.message).toBe("Unexpected response from /api/v2/x.");
    expect(err.detail).toMatch(/ at n$/);
  });

  it("reports an unreachable server as status 0, worth retrying", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed");
    });
    const err = await failure(apiFetch("/api/v2/x", schema));
    expect(err.status).toBe(0);
    expect(err.message).toBe("Could not reach the Meridian server.");
    expect(err.retryable).toBe(true);
  });

  it("lets a cancellation through untouched", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new DOMException("aborted", "AbortError");
    });
    await expect(apiFetch("/api/v2/x", schema)).rejects.toHaveProperty("name", "AbortError");
  });
});
