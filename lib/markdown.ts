// A small Markdown reader for the console's own documents (docs/health.md): headings, paragraphs,
// bullet lists, `code`, **bold** and [links](#anchor). It returns data, not HTML, so a component
// renders it as React elements and nothing in a document can inject markup.

export type Inline = { type: "text"; text: string } | { type: "code"; text: string } | { type: "strong"; text: string } | { type: "link"; text: string; href: string };

export type Block = { type: "heading"; level: number; id: string; text: Inline[] } | { type: "paragraph"; text: Inline[] } | { type: "list"; items: Inline[][] };

const HEADING = /^(#{1,6})\s+(.*)$/;
const ITEM = /^[-*]\s+(.*)$/;
/** A heading that starts with a health code ("EDB01: …") is anchored at the code, in lower case. */
const CODE_HEADING = /^([A-Z]+\d+)\b/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ type: "paragraph", text: parseInline(paragraph.join(" ")) });
    if (list) blocks.push({ type: "list", items: list.map(parseInline) });
    paragraph = [];
    list = null;
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = HEADING.exec(line);
    const item = ITEM.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ type: "heading", level: heading[1].length, id: anchorFor(heading[2]), text: parseInline(heading[2]) });
    } else if (item) {
      if (paragraph.length) flush();
      (list ??= []).push(item[1]);
    } else if (list && raw.startsWith(" ")) list[list.length - 1] += ` ${line}`;
    else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

export function anchorFor(heading: string): string {
  const code = CODE_HEADING.exec(heading);
  if (code) return code[1].toLowerCase();
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-");
}

/** Anchors, paths on this site and web links; never `javascript:` or the like. */
const SAFE_HREF = /^(#|\/(?!\/)|https?:\/\/)/;
const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) out.push({ type: "text", text: text.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ type: "code", text: m[1] });
    else if (m[2] !== undefined) out.push({ type: "strong", text: m[2] });
    else if (SAFE_HREF.test(m[4])) out.push({ type: "link", text: m[3], href: m[4] });
    else out.push({ type: "text", text: m[3] });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ type: "text", text: text.slice(at) });
  return out;
}
