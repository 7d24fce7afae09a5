// Region icons as a browser fetches them: the flag route answers only the files flag-icons ships,
// and every icon the console itself hands out (primary region, demo proxies, picker) exists.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { SUGGESTED_ICONS } from "@/components/proxies/proxy-fields";
import { flagCode, flagIconUrl } from "@/lib/icons";
import { prisma } from "@/server/db";
import { seedDemoTopology } from "@/server/demo";
import { flagSvg } from "@/server/icons";
import { primaryRegion } from "@/server/topology/proxies";
import { GET } from "@/app/icons/flags/[file]/route";
import { ORIGIN } from "./support/api";
import { withTestDatabase } from "./support/database";

withTestDatabase();

/** GET /icons/flags/<file> through the route handler, with the param as Next would pass it. */
function getFlag(file: string): Promise<Response> {
  const req = new NextRequest(new URL(`/icons/flags/${encodeURIComponent(file)}`, ORIGIN));
  return GET(req, { params: Promise.resolve({ file }) });
}

describe("GET /icons/flags/[file]", () => {
  it("serves a flag as a cacheable SVG", async () => {
    const res = await getFlag("de.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.text();
    expect(body).toMatch(/^<svg[\s>]/);
    expect(body).toContain('viewBox="0 0 640 480"'); // the 4x3 variant
  });

  it("serves the non-country flags flag-icons ships", async () => {
    for (const file of ["eu.svg", "un.svg", "gb-sct.svg"]) expect((await getFlag(file)).status, file).toBe(200);
  });

  it.each([
    ["an unknown code", "zz.svg"],
    ["a path out of the folder", "../package.json"],
    ["an encoded path out of the folder", "..%2Fpackage.json"],
    ["a path into the other variant", "../1x1/de.svg"],
    ["a trailing NUL, encoded", "de.svg%00"],
    ["a trailing NUL", "de.svg\0"],
    ["upper case (one URL per flag: the console always asks in lower case)", "DE.svg"],
    ["no extension", "de"],
    ["another extension", "de.png"],
    ["a name Object.prototype has", "constructor"],
    ["nothing", ""],
  ])("answers 404 JSON for %s", async (_, file) => {
    const res = await getFlag(file);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: expect.any(String) });
  });
});

describe("icons the console hands out", () => {
  it("names the primary region's icon after a file under public/", () => {
    const url = primaryRegion("http://localhost:3000").icon_url;
    expect(url).toMatch(/^\/icons\/[\w-]+\.svg$/);
    const file = path.join(import.meta.dirname, "../public", url);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toMatch(/^<svg[\s>]/);
  });

  it("has a served flag for every flag emoji of the demo proxies and the icon picker", async () => {
    await seedDemoTopology();
    const demo = await prisma().workspaceProxy.findMany({ where: { demo: true }, select: { icon: true } });
    const icons = [...demo.map((p) => p.icon), ...SUGGESTED_ICONS.map((s) => s.emoji)];
    const flags = icons.filter((icon) => flagCode(icon) !== null);
    expect(flags.length).toBeGreaterThanOrEqual(demo.length);
    for (const icon of flags) {
      const file = flagIconUrl(icon)!.replace("/icons/flags/", "");
      expect(flagSvg(file), icon).not.toBeNull();
    }
  });
});
