import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isStorableText, storable, STORABLE_TEXT_MESSAGE, text } from "./strings";

describe("isStorableText", () => {
  it.each(["", "plain", "héllo wörld", "😀 a surrogate pair", "\uD83D\uDE00", "tab\tand\nnewline", "\uFFFD"])("accepts %j", (value) => {
    expect(isStorableText(value)).toBe(true);
  });

  it.each(["\0", "a\0b", "\uD800", "\uDC00", "a\uDBFFb", "\uDE00\uD83D", "😀\uD800"])("refuses %j", (value) => {
    expect(isStorableText(value)).toBe(false);
  });
});

describe("text()", () => {
  it("still chains like z.string(): trim, min and max keep working", () => {
    const name = text().trim().min(1, "empty").max(3, "long");
    expect(name).toBeInstanceOf(z.ZodString);
    expect(name.parse("  ab ")).toBe("ab");
    expect(name.safeParse("   ").error?.issues.map((i) => i.message)).toEqual(["empty"]);
    expect(name.safeParse("abcd").error?.issues.map((i) => i.message)).toEqual(["long"]);
  });

  it("refuses NUL and lone surrogates with its one message, before later checks pile on", () => {
    const name = text().max(3, "long");
    for (const bad of ["a\0bcdef", "\uD800xxxxx"]) expect(name.safeParse(bad).error?.issues.map((i) => i.message)).toEqual([STORABLE_TEXT_MESSAGE]);
  });

  it("keeps its own message for something that is not a string", () => {
    expect(text({ error: "must be a name" }).safeParse(3).error?.issues.map((i) => i.message)).toEqual(["must be a name"]);
  });
});

describe("storable()", () => {
  it("covers string formats that would let a NUL through on their own", () => {
    const url = z.url({ protocol: /^https?$/ });
    expect(url.safeParse("https://example.com/\0").success).toBe(true); // why it is needed
    expect(storable(url).safeParse("https://example.com/\0").error?.issues.map((i) => i.message)).toEqual([STORABLE_TEXT_MESSAGE]);
    expect(storable(url).parse("https://example.com/ok")).toBe("https://example.com/ok");
  });

  it("keeps the format's type and checks", () => {
    const email = storable(z.email("must be an email address")).max(254);
    expect(email).toBeInstanceOf(z.ZodEmail);
    expect(email.safeParse("not an email").error?.issues.map((i) => i.message)).toEqual(["must be an email address"]);
    expect(email.safeParse("a\0@example.com").error?.issues.map((i) => i.message)).toContain(STORABLE_TEXT_MESSAGE);
  });
});
