import { describe, expect, it } from "vitest";
import { allowedParentOrigin, parseInbound, themeFromQuery, tokenFromFragment } from "./protocol";

describe("messages from the parent", () => {
  it("accepts set-theme and set-token of version 1", () => {
    expect(parseInbound({ type: "meridian:set-theme", version: 1, theme: "dark", accent: "#0ea5e9" })).toEqual({ type: "meridian:set-theme", version: 1, theme: "dark", accent: "#0ea5e9" });
    expect(parseInbound({ type: "meridian:set-token", version: 1, token: "a.b.c" })).toMatchObject({ token: "a.b.c" });
  });

  it("ignores other versions, unknown types, bad colours and things that are not ours", () => {
    for (const data of [
      { type: "meridian:set-theme", version: 2, theme: "dark" },
      { type: "meridian:set-theme", version: 1, accent: "red; background: url(x)" },
      { type: "meridian:set-theme", version: 1, theme: "neon" },
      { type: "meridian:region-selected", version: 1 },
      { type: "meridian:set-token", version: 1, token: "" },
      "meridian:set-theme",
      null,
      { type: "webpackHotUpdate" },
    ])
      expect(parseInbound(data)).toBeNull();
  });
});

describe("theme from the query string", () => {
  it("takes a known theme and a hex accent, and drops anything else", () => {
    expect(themeFromQuery(new URLSearchParams("theme=dark&accent=%23ff6600"))).toEqual({ theme: "dark", accent: "#ff6600" });
    expect(themeFromQuery(new URLSearchParams("theme=</style>&accent=url(x)"))).toEqual({ theme: "auto", accent: null });
  });
});

describe("the parent's origin", () => {
  const allowed = ["https://portal.example.com"];
  it("is the framing origin when it is allowed (or our own)", () => {
    expect(allowedParentOrigin("https://portal.example.com", "", allowed, "https://meridian.example.com")).toBe("https://portal.example.com");
    expect(allowedParentOrigin(undefined, "https://portal.example.com/some/page?x=1", allowed, "https://meridian.example.com")).toBe("https://portal.example.com");
    expect(allowedParentOrigin("https://meridian.example.com", "", allowed, "https://meridian.example.com")).toBe("https://meridian.example.com");
  });

  it("is null for any other origin, a look-alike, or no evidence", () => {
    for (const [ancestor, referrer] of [
      ["https://evil.example.com", ""],
      ["https://portal.example.com.evil.test", ""],
      ["http://portal.example.com", ""],
      [undefined, ""],
      [undefined, "not a url"],
    ] as const)
      expect(allowedParentOrigin(ancestor, referrer, allowed, "https://meridian.example.com")).toBeNull();
  });
});

describe("the embed token in the fragment", () => {
  it("is read from #token=…", () => {
    expect(tokenFromFragment("#token=a.b.c&theme=dark")).toBe("a.b.c");
    expect(tokenFromFragment("")).toBeNull();
    expect(tokenFromFragment(`#token=${"x".repeat(9000)}`)).toBeNull();
  });
});
