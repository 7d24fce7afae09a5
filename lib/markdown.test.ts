import { describe, expect, it } from "vitest";
import { anchorFor, parseInline, parseMarkdown } from "./markdown";

describe("parseMarkdown", () => {
  it("reads headings, paragraphs over several lines, and lists with continued items", () => {
    const blocks = parseMarkdown(["# Health", "", "First line", "second line.", "", "- one", "  continued", "- two", "After the list.", "", "### EDB01: Database unreachable"].join("\n"));
    expect(blocks).toEqual([
      { type: "heading", level: 1, id: "health", text: [{ type: "text", text: "Health" }] },
      { type: "paragraph", text: [{ type: "text", text: "First line second line." }] },
      { type: "list", items: [[{ type: "text", text: "one continued" }], [{ type: "text", text: "two" }]] },
      { type: "paragraph", text: [{ type: "text", text: "After the list." }] },
      { type: "heading", level: 3, id: "edb01", text: [{ type: "text", text: "EDB01: Database unreachable" }] },
    ]);
  });

  it("anchors a code's heading at the code, others at a slug", () => {
    expect(anchorFor("EWP03: Workspace proxy version mismatch")).toBe("ewp03");
    expect(anchorFor("Access URL")).toBe("access-url");
  });
});

describe("parseInline", () => {
  it("reads code, bold and links in order", () => {
    expect(parseInline("Set `MERIDIAN_ACCESS_URL`, **then** see [EDB01](#edb01).")).toEqual([
      { type: "text", text: "Set " },
      { type: "code", text: "MERIDIAN_ACCESS_URL" },
      { type: "text", text: ", " },
      { type: "strong", text: "then" },
      { type: "text", text: " see " },
      { type: "link", text: "EDB01", href: "#edb01" },
      { type: "text", text: "." },
    ]);
  });

  it("keeps only anchors, site paths and web links as links", () => {
    expect(parseInline("[x](javascript:alert(1))")[0]).toEqual({ type: "text", text: "x" });
    expect(parseInline("[x](//evil.example)")[0]).toEqual({ type: "text", text: "x" });
    expect(parseInline("[x](/health)")[0]).toEqual({ type: "link", text: "x", href: "/health" });
  });
});
