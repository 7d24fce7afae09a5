import { describe, expect, it } from "vitest";
import { flagCode, flagIconUrl, isImageIcon } from "./icons";

const indicator = (letter: string) => String.fromCodePoint(0x1f1e6 + letter.charCodeAt(0) - 0x61);
const tags = (text: string) => Array.from(text, (c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");
const subdivisionFlag = (id: string) => `\u{1F3F4}${tags(id)}\u{E007F}`;

describe("flagCode", () => {
  it.each([
    ["🇩🇪", "de"],
    ["🇺🇸", "us"],
    ["🇯🇵", "jp"],
    ["🇪🇺", "eu"],
    ["🇺🇳", "un"],
    [" 🇮🇪\n", "ie"],
  ])("reads %j as %s", (icon, code) => expect(flagCode(icon)).toBe(code));

  it("reads every pair of regional indicators, lower-case", () => {
    expect(flagCode(indicator("a") + indicator("z"))).toBe("az");
    expect(flagCode(indicator("z") + indicator("z"))).toBe("zz");
  });

  it("names flags that flag-icons files elsewhere by its name", () => {
    expect(flagCode("🇦🇨")).toBe("sh-ac");
    expect(flagCode("🇹🇦")).toBe("sh-ta");
    expect(flagCode("🇪🇦")).toBe("es");
  });

  it("reads subdivision flags (tag sequences)", () => {
    expect(flagCode("🏴󠁧󠁢󠁳󠁣󠁴󠁿")).toBe("gb-sct");
    expect(flagCode(subdivisionFlag("gbeng"))).toBe("gb-eng");
    expect(flagCode(subdivisionFlag("gbwls"))).toBe("gb-wls");
    expect(flagCode(subdivisionFlag("usca"))).toBe("us-ca");
  });

  it.each([
    ["a lone regional indicator", indicator("d")],
    ["three regional indicators", indicator("d") + indicator("e") + indicator("u")],
    ["two flags", "🇩🇪🇫🇷"],
    ["a flag with text", "🇩🇪 DE"],
    ["a flag with a variation selector", "🇩🇪\uFE0F"],
    ["plain letters", "de"],
    ["a globe", "🌍"],
    ["a building", "🏢"],
    ["the cloud with its variation selector", "☁️"],
    ["a black flag alone", "🏴"],
    ["the pirate flag", "🏴‍☠️"],
    ["the rainbow flag", "🏳️‍🌈"],
    ["a tag sequence without the cancel tag", `\u{1F3F4}${tags("gbsct")}`],
    ["a tag sequence too short for a subdivision", subdivisionFlag("gb")],
    ["a tag sequence too long", subdivisionFlag("gbabcde")],
    ["a tag sequence starting with digits", subdivisionFlag("12abc")],
    ["upper-case tag letters", subdivisionFlag("GBSCT")],
    ["a lone surrogate", "\uD83C"],
    ["an image path", "/icons/primary.svg"],
    ["nothing", ""],
  ])("is null for %s", (_, icon) => expect(flagCode(icon)).toBeNull());
});

describe("flagIconUrl", () => {
  it("points a flag emoji at the served SVG, and nothing else anywhere", () => {
    expect(flagIconUrl("🇩🇪")).toBe("/icons/flags/de.svg");
    expect(flagIconUrl("🏴󠁧󠁢󠁳󠁣󠁴󠁿")).toBe("/icons/flags/gb-sct.svg");
    expect(flagIconUrl("🌐")).toBeNull();
    expect(flagIconUrl("https://cdn.example.com/de.svg")).toBeNull();
  });
});

describe("isImageIcon", () => {
  it.each([
    ["🇩🇪", false],
    ["🌐", false],
    ["/icons/primary.svg", true],
    ["https://cdn.example.com/x.png", true],
    ["HTTP://cdn.example.com/x.png", true],
    ["data:image/png;base64,AAAA", true],
    ["  /icons/x.svg", true],
    ["javascript:alert(1)", false],
    ["", false],
  ])("isImageIcon(%j) is %s", (icon, image) => expect(isImageIcon(icon)).toBe(image));
});
