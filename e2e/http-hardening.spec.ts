// Issue 11 through the real HTTP server — the launcher, proxy.ts and Next's routing, not the
// in-process router: body limits (declared and streamed, with the server's memory watched),
// malformed and unknown paths, authentication, CSRF and the client-address header.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { apiErrorSchema } from "../lib/api/errors";
import { startEmbeddedPostgres } from "../server/postgres/embedded";
import { expect, ownerToken, signInAsOwner, startMeridian, tempDir, test, type MeridianProcess } from "./fixtures/meridian";

let server: MeridianProcess;

test.beforeAll(async () => {
  server = await startMeridian({ args: ["--no-demo"] });
});
test.afterAll(async () => {
  await server?.stop();
});

/** Every API route file as "METHOD /api/v2/…[param]", read from app/api/v2 as Next routes them. */
function apiRoutes(): { method: string; pattern: string }[] {
  const root = path.resolve(import.meta.dirname, "../app");
  const found: { method: string; pattern: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name === "route.ts") {
        const pattern = `/${path.relative(root, dir)}`;
        if (pattern.includes("[...")) continue; // the catch-all answers unknown paths
        for (const [, method] of readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)) found.push({ method, pattern });
      }
    }
  };
  walk(path.join(root, "api/v2"));
  return found;
}

/**
 * Sends a raw request (any body, any path bytes) and reads the answer; memory is the server's.
 * The body writer's `write` resolves once the chunk is on its way (after `drain` when the socket's
 * buffer is full) to whether to go on: false once the server has answered or the connection is gone.
 */
function raw(options: { method: string; path: string; headers?: Record<string, string>; body?: (write: (chunk: Buffer) => Promise<boolean>) => Promise<void> }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; bytesSent: number }>((resolve, reject) => {
    let bytesSent = 0;
    let done = false;
    let wake = () => {};
    const finish = () => {
      done = true;
      wake(); // a writer waiting for room stops instead
    };
    // A fresh connection per request: an answer that comes before the body is fully sent must not
    // leave a half-read body on a kept-alive connection for the next request.
    // Node frames a DELETE body only when told to (it sends no chunked framing for DELETE by default).
    const headers = options.body && !options.headers?.["content-length"] ? { "transfer-encoding": "chunked", ...options.headers } : options.headers;
    const req = httpRequest({ host: "127.0.0.1", port: server.port, method: options.method, path: options.path, headers, agent: false }, (res) => {
      finish();
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => {
        resolve({ status: res.statusCode!, headers: res.headers, text, bytesSent });
        req.destroy(); // whatever of the body was not sent is not wanted
      });
    });
    req.on("close", finish);
    // The server may answer and close while we are still sending: that is the point.
    req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "EPIPE" || (err as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(err)));
    if (!options.body) return req.end();
    const write = async (chunk: Buffer) => {
      if (done) return false;
      bytesSent += chunk.length;
      if (!req.write(chunk)) {
        await new Promise<void>((room) => {
          wake = room;
          req.once("drain", room);
        });
      }
      return !done;
    };
    void options.body(write).then(
      () => done || req.end(),
      () => done || req.end(),
    );
  });
}

/** A GET whose body is kept as bytes (a compressed answer is not text). */
function rawBytes(options: { path: string; headers?: Record<string, string> }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: server.port, method: "GET", path: options.path, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
}

function errorShape(text: string, what = "answer") {
  try {
    return apiErrorSchema.parse(JSON.parse(text));
  } catch (err) {
    throw new Error(`${what} is not in the error shape (${(err as Error).message}): ${JSON.stringify(text.slice(0, 200))}`);
  }
}

test.describe("request bodies", () => {
  test("a declared Content-Length over the limit is refused with 413 before the body is read", async () => {
    const res = await raw({ method: "POST", path: "/api/v2/users/login", headers: { "content-type": "application/json", "content-length": String(300 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(errorShape(res.text).validations).toEqual([{ field: "body", detail: "must be at most 65536 bytes" }]);
    expect(res.headers.connection).toBe("close");
  });

  test("a streamed (chunked) body is cut off at the limit: 413, and the server's memory stays flat", async () => {
    const pid = server.child.pid!;
    // Warm up the route first: loading Next's route code costs memory of its own.
    const small = Buffer.from(JSON.stringify({ email: "warm@example.com", password: "x" }));
    await raw({ method: "POST", path: "/api/v2/users/login", headers: { "content-type": "application/json" }, body: async (write) => void write(small) });
    const before = rssKb(pid);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const res = await raw({
      method: "POST",
      path: "/api/v2/users/login",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      // Up to 300 MB, unless the server stops listening first.
      body: async (write) => {
        for (let i = 0; i < 300 && (await write(chunk)); i++);
      },
    });
    expect(res.status).toBe(413);
    expect(errorShape(res.text).message).toMatch(/Body too large/);
    // Reading even a tenth of it whole would add ~30 MB; generous against the heap's own noise.
    expect(rssKb(pid) - before).toBeLessThan(64 * 1024);
  });
});

test.describe("paths", () => {
  test("malformed percent-encoding in any route's parameter is a 400 in the error shape, for every method", async () => {
    const routes = apiRoutes().filter((r) => r.pattern.includes("["));
    expect(routes.length).toBeGreaterThan(3);
    for (const { method, pattern } of routes) {
      for (const bad of ["%E0%A4%A", "%zz", "%"]) {
        const res = await raw({ method, path: pattern.replace(/\[\w+\]/, bad), headers: { "content-type": "application/json" } });
        expect(res.status, `${method} ${pattern} with ${bad}`).toBe(400);
        expect(errorShape(res.text).validations?.[0].field).toBe("path");
      }
    }
  });

  test("ids that are not ids answer 400 or 404 in the error shape, never 500, to anyone", async ({ page }) => {
    await signInAsOwner(page, server);
    const owner = { authorization: `Bearer ${await ownerToken(page, server)}`, "content-type": "application/json" };
    for (const { method, pattern } of apiRoutes().filter((r) => r.pattern.includes("["))) {
      for (const id of ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "%F0%9F%92%A9", "..%2F..%2Fetc%2Fpasswd", "x".repeat(300)]) {
        const path = pattern.replace(/\[\w+\]/, id);
        const anonymous = await raw({ method, path, headers: { "content-type": "application/json" } });
        expect(anonymous.status, `anonymous ${method} ${path}`).toBe(401);
        errorShape(anonymous.text, `anonymous ${method} ${path}`);
        const res = await raw({ method, path, headers: owner, body: async (write) => void write(Buffer.from("{}")) });
        expect([400, 404], `owner ${method} ${path}: ${res.text}`).toContain(res.status);
        errorShape(res.text, `owner ${method} ${path} (${res.status})`);
      }
    }
  });

  test("unknown /api/v2 paths answer a JSON 404, not an HTML page", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const res = await raw({ method, path: "/api/v2/does-not-exist/either", headers: { "content-type": "application/json" } });
      expect(res.status).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(errorShape(res.text).message).toMatch(/does-not-exist/);
    }
  });
});

test.describe("authentication, CSRF and headers", () => {
  test("protected routes answer 401 in the error shape to no credentials and to hostile ones", async () => {
    const hostile: Record<string, string>[] = [{}, { authorization: "Bearer nope" }, { "meridian-session-token": "x".repeat(10_000) }, { cookie: "meridian.session_token=%E0%A4%A" }, { authorization: "Bearer 00000000-0000-0000-0000-000000000000:proxy-token-as-user" }];
    for (const headers of hostile) {
      const res = await raw({ method: "GET", path: "/api/v2/users/me", headers });
      expect(res.status, JSON.stringify(headers).slice(0, 80)).toBe(401);
      errorShape(res.text);
    }
  });

  test("a cross-site cookie write is refused, and a token header that does not authenticate exempts nothing", async ({ page }) => {
    await signInAsOwner(page, server);
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const body = async (write: (c: Buffer) => Promise<boolean>) => void write(Buffer.from(JSON.stringify({ name: `csrf-${Date.now()}` })));
    const crossSite = { cookie, "content-type": "application/json", origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const extras: Record<string, string>[] = [{}, { "meridian-proxy-token": "00000000-0000-0000-0000-000000000000:nope" }, { authorization: "Bearer nope" }];
    for (const extra of extras) {
      const res = await raw({ method: "POST", path: "/api/v2/users/me/tokens", headers: { ...crossSite, ...extra }, body });
      expect([401, 403], JSON.stringify(extra)).toContain(res.status);
      errorShape(res.text);
    }
    const sameOrigin = await raw({ method: "POST", path: "/api/v2/users/me/tokens", headers: { ...crossSite, origin: server.url, "sec-fetch-site": "same-origin" }, body });
    expect(sameOrigin.status).toBe(201);
  });

  test("every API answer carries the security headers, and a client cannot say who it is calling as", async () => {
    const res = await raw({ method: "GET", path: "/api/v2/users/me", headers: { "x-meridian-client-ip": "203.0.113.1" } });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(res.headers["cache-control"]).toBe("no-store");
  });
});

test.describe("API reads answered by the launcher (server/http/direct-routes.ts)", () => {
  test("answer as Next would: compressed when the client accepts it, with the security headers; HEAD and a trailing slash still reach Next", async ({ page }) => {
    await signInAsOwner(page, server);
    const auth = { authorization: `Bearer ${await ownerToken(page, server)}` };
    const plain = await fetch(`${server.url}/api/v2/openapi.json`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const document = await plain.json();
    const zipped = await rawBytes({ path: "/api/v2/openapi.json", headers: { "accept-encoding": "gzip" } });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(document);

    const regions = await fetch(`${server.url}/api/v2/regions`, { headers: auth });
    expect(regions.status).toBe(200);
    expect(regions.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await regions.json()).regions.length).toBeGreaterThan(0);
    const head = await fetch(`${server.url}/api/v2/regions`, { method: "HEAD", headers: auth });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const slash = await fetch(`${server.url}/api/v2/regions/`, { headers: auth, redirect: "manual" });
    expect(slash.status).toBe(308);
    // A route's own answers keep their status and headers: the API reference's ETag gives a 304.
    const etag = plain.headers.get("etag")!;
    expect((await fetch(`${server.url}/api/v2/openapi.json`, { headers: { "if-none-match": etag } })).status).toBe(304);
  });
  test("under attack: concurrent reads with good, bad and no credentials, hostile ids, clients that hang up; the database gone and back. Never a 500", async ({ meridian, page }) => {
    test.setTimeout(240_000);
    const dir = await tempDir("pg-direct");
    let postgres = await startEmbeddedPostgres({ dir });
    try {
      const own = await meridian({ env: { DATABASE_URL: postgres.url }, args: ["--no-demo"] });
      await signInAsOwner(page, own);
      await expect.poll(() => own.output(), { timeout: 30_000 }).toMatch(/API reads are answered by their route handlers directly/);
      const owner = `Bearer ${await ownerToken(page, own)}`;
      const ids = ["00000000-0000-4000-8000-000000000000", "not-an-id", encodeURIComponent("' OR 1=1; --"), "%F0%9F%92%A9", "x".repeat(2000)];
      const paths = apiRoutes()
        .filter((r) => r.method === "GET" && !r.pattern.endsWith("/events"))
        .flatMap((r) => (r.pattern.includes("[") ? ids.map((id) => r.pattern.replace(/\[\w+\]/, id)) : [r.pattern, `${r.pattern}?${"q=%00&".repeat(200)}`]));
      const credentials = [owner, "Bearer 00000000-0000-4000-8000-000000000000:guess", `Bearer ${"A".repeat(8000)}`, undefined];
      const everything = () =>
        Promise.all(
          paths.flatMap((path) =>
            credentials.map(async (authorization) => {
              const res = await fetch(own.url + path, { headers: authorization ? { authorization } : {} });
              return { what: `GET ${path.slice(0, 80)} as ${authorization?.slice(0, 20) ?? "nobody"}`, status: res.status, retryAfter: res.headers.get("retry-after"), text: await res.text() };
            }),
          ),
        );
      /** Clients that send a read and hang up before the answer, half of them mid-request. */
      const hangUps = () =>
        Promise.all(
          Array.from({ length: 40 }, (_, i) => new Promise<void>((done) => {
            const socket = connect(own.port, "127.0.0.1", () => {
              socket.write(`GET /api/v2/regions HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: ${owner}\r\n${i % 2 ? "\r\n" : ""}`);
              socket.destroy();
              done();
            });
            socket.on("error", () => done());
          })),
        );
      const answered = (results: Awaited<ReturnType<typeof everything>>, allowed: (status: number) => boolean) => {
        for (const r of results) {
          expect(allowed(r.status), `${r.what}: ${r.status} ${r.text.slice(0, 200)}`).toBe(true);
          if (r.status >= 400) errorShape(r.text, r.what);
        }
      };

      const [up] = await Promise.all([everything(), hangUps()]);
      expect(paths.length * credentials.length).toBeGreaterThan(50);
      answered(up, (status) => status < 500);
      expect(up.filter((r) => r.status === 200).length).toBeGreaterThan(10);

      // The database goes away: reads that need it say so (503, retry later), none fails with a 500.
      await postgres.stop();
      const [down] = await Promise.all([everything(), hangUps()]);
      answered(down, (status) => status < 500 || status === 503);
      const unavailable = down.filter((r) => r.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      for (const r of unavailable) expect(Number(r.retryAfter), r.what).toBeGreaterThan(0);

      // Back on the same folder and port: the same reads answer again, without a restart.
      postgres = await startEmbeddedPostgres({ dir, port: postgres.port });
      await expect.poll(async () => (await fetch(`${own.url}/api/v2/users`, { headers: { authorization: owner } })).status, { timeout: 60_000 }).toBe(200);
      answered(await everything(), (status) => status < 500);
      expect(own.output()).not.toMatch(/could not be answered|Internal error/);
      expect((await fetch(`${own.url}/healthz`)).status).toBe(200);
    } finally {
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});


// Its own server: twenty failures lock the loopback address, which the other tests sign in from.
test("sign-in throttling counts the real client address, whatever address header the client sends", async ({ meridian }) => {
  const own = await meridian({ args: ["--no-demo"] });
  const attempt = (i: number) =>
    fetch(`${own.url}/api/v2/users/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: own.url, "x-meridian-client-ip": `198.51.100.${i}`, "x-forwarded-for": `198.51.100.${i}` },
      body: JSON.stringify({ email: `nobody${i}@example.com`, password: "wrong" }),
    });
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i).then((r) => r.status)));
  expect(answers.filter((s) => s === 401)).toHaveLength(20);
  expect(answers.filter((s) => s === 429)).toHaveLength(10);
});
