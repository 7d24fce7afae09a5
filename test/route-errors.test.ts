// What the one route wrapper answers when things go wrong between the caller and the database:
// unique-constraint races, oversized and streamed bodies, and CSRF with tokens that do not authenticate.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { apiErrorSchema } from "@/lib/api/errors";
import { prisma } from "@/server/db";
import { browser, call, dispatch, ORIGIN } from "./support/api";
import { withTestDatabase } from "./support/database";
import { makeUser, PASSWORD } from "./support/users";

withTestDatabase();

const errorBody = async (res: Response) => apiErrorSchema.parse(await res.json());

describe("unique-constraint races", () => {
  it("answers 409 naming the field, never 500, when admins create one email at once", async () => {
    const admin = await makeUser("admin");
    const cookie = await admin.signIn();
    const body = { email: "twin@example.com", name: "Twin", password: PASSWORD, role: "member" };
    const answers = await Promise.all(Array.from({ length: 8 }, () => call("POST /api/v2/users", { headers: browser(cookie), body })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const res of answers.filter((r) => r.status === 409)) expect((await errorBody(res)).validations?.map((v) => v.field)).toEqual(["email"]);
    expect(await prisma().user.count({ where: { email: "twin@example.com" } })).toBe(1);
  });

  it("answers 409 naming the field when one user creates two tokens of one name at once", async () => {
    const user = await makeUser("member");
    const cookie = await user.signIn();
    const answers = await Promise.all(Array.from({ length: 8 }, () => call("POST /api/v2/users/me/tokens", { headers: browser(cookie), body: { name: "laptop" } })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const res of answers.filter((r) => r.status === 409)) expect((await errorBody(res)).validations?.map((v) => v.field)).toEqual(["name"]);
  });
});

describe("request bodies", () => {
  const login = (body: BodyInit, headers: Record<string, string> = {}) =>
    dispatch(
      new NextRequest(new URL("/api/v2/users/login", ORIGIN), {
        method: "POST",
        headers: { ...browser(), "content-type": "application/json", ...headers },
        body,
        duplex: "half",
      } as ConstructorParameters<typeof NextRequest>[1]),
    );

  it("refuses a declared Content-Length over the limit with 413 before reading", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const res = await login(stream, { "content-length": String(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect((await errorBody(res)).validations?.[0].field).toBe("body");
    expect(pulled).toBeLessThanOrEqual(2);
  });

  it("stops reading a streamed body at the limit and answers 413", async () => {
    let sent = 0;
    // An endless chunked body: the server must stop at the limit rather than read it whole.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const res = await login(stream);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(200 * 1024);
  });

  it("still reads a body just under the limit", async () => {
    const padding = " ".repeat(60 * 1024);
    const res = await login(`{"email":"nobody@example.com","password":"x"}${padding}`);
    expect(res.status).toBe(401);
  });
});

describe("CSRF", () => {
  it("checks a cookie write whose token header does not authenticate (a bogus proxy token exempts nothing)", async () => {
    const user = await makeUser("member");
    const cookie = await user.signIn();
    const crossSite = { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const bogus: Record<string, string>[] = [
      { "meridian-proxy-token": "00000000-0000-0000-0000-000000000000:nope" },
      { "meridian-session-token": "bogus" },
      { authorization: "Bearer bogus" },
    ];
    for (const header of bogus) {
      const res = await call("POST /api/v2/users/me/tokens", { headers: { ...crossSite, ...header }, body: { name: `x${Math.random()}` } });
      expect([401, 403]).toContain(res.status);
    }
    // The plain cross-site cookie write is refused, and a public route is no exception.
    expect((await call("POST /api/v2/users/me/tokens", { headers: crossSite, body: { name: "y" } })).status).toBe(403);
    const loginCsrf = await call("POST /api/v2/users/login", { headers: { ...crossSite, authorization: "Bearer bogus" }, body: { email: user.email, password: PASSWORD } });
    expect(loginCsrf.status).toBe(403);
    expect(await prisma().apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("exempts a request that really authenticated with a token", async () => {
    const user = await makeUser("member");
    const key = await user.token();
    const res = await call("POST /api/v2/users/me/tokens", { headers: { authorization: `Bearer ${key}`, origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" }, body: { name: "from-a-script" } });
    expect(res.status).toBe(201);
  });
});
