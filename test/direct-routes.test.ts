import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { documentedRoutes } from "@/app/api/v2/documented-routes";
import { directReads } from "@/server/http/direct-routes";

const match = directReads(documentedRoutes());
const get = (url: string, method = "GET") => match({ method, url } as IncomingMessage);

describe("API reads the launcher answers itself", () => {
  it("are every GET route that answers JSON, matched by its own path, with its parameters decoded", () => {
    for (const route of documentedRoutes()) {
      const [method, pattern] = route.routeKey.split(" ");
      const path = pattern.replace(/\[(\w+)\]/g, "a%20b");
      const found = get(`${path}?x=1`, method);
      if (method === "GET" && !route.spec.stream) {
        expect(found?.handler.routeKey, route.routeKey).toBe(route.routeKey);
        expect(Object.values(found!.params).every((v) => v === "a b")).toBe(true);
      } else expect(found?.handler.routeKey === route.routeKey, route.routeKey).toBe(false);
    }
  });

  it("prefer a fixed segment to a parameter, as Next does", () => {
    const routes = [{ routeKey: "GET /api/v2/things/[id]" }, { routeKey: "GET /api/v2/things/me" }].map((r) => Object.assign(async () => new Response(), { ...r, spec: {} })) as never;
    const fixed = directReads(routes);
    expect(fixed({ method: "GET", url: "/api/v2/things/me" } as IncomingMessage)?.handler.routeKey).toBe("GET /api/v2/things/me");
    expect(fixed({ method: "GET", url: "/api/v2/things/42" } as IncomingMessage)?.params).toEqual({ id: "42" });
  });

  it("leave everything else to Next: the event stream, other methods, trailing and double slashes, unknown paths", () => {
    expect(get("/api/v2/events")).toBeUndefined();
    expect(get("/api/v2/regions", "HEAD")).toBeUndefined();
    expect(get("/api/v2/regions", "POST")).toBeUndefined();
    expect(get("/api/v2/regions/")).toBeUndefined();
    expect(get("/api/v2//regions")).toBeUndefined();
    expect(get("/api/v2/workspaceproxies//history")).toBeUndefined();
    expect(get("/api/v2/nope")).toBeUndefined();
    expect(get("/regions")).toBeUndefined();
    expect(get("/api/v2/regions")?.handler.routeKey).toBe("GET /api/v2/regions");
  });
});
