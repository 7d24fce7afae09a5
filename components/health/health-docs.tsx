// docs/health.md as the console shows it: parsed by lib/markdown.ts, drawn as elements (never as
// injected HTML), each code's heading anchored at the code so the report's links land on it.
import type { Block, Inline } from "@/lib/markdown";

const HEADING_CLASS: Record<number, string> = {
  1: "text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50",
  2: "mt-10 border-b border-zinc-200 pb-1 text-xl font-semibold text-zinc-900 dark:border-zinc-800 dark:text-zinc-50",
  3: "mt-8 scroll-mt-24 text-lg font-semibold text-zinc-900 target:text-indigo-700 dark:text-zinc-50 dark:target:text-indigo-300",
};

export function HealthDocs({ blocks }: { blocks: Block[] }) {
  return <article className="max-w-3xl space-y-3 text-sm leading-6 text-zinc-700 dark:text-zinc-300">{blocks.map(renderBlock)}</article>;
}

function renderBlock(block: Block, key: number) {
  switch (block.type) {
    case "heading": {
      const Tag = `h${Math.min(block.level, 6)}` as "h1";
      return (
        <Tag key={key} id={block.id} className={HEADING_CLASS[block.level] ?? "mt-6 font-semibold text-zinc-900 dark:text-zinc-50"}>
          {block.text.map(renderInline)}
        </Tag>
      );
    }
    case "paragraph":
      return <p key={key}>{block.text.map(renderInline)}</p>;
    case "list":
      return (
        <ul key={key} className="list-disc space-y-1 pl-5">
          {block.items.map((item, i) => (
            <li key={i}>{item.map(renderInline)}</li>
          ))}
        </ul>
      );
  }
}

function renderInline(part: Inline, key: number) {
  switch (part.type) {
    case "text":
      return part.text;
    case "code":
      return (
        <code key={key} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.9em] break-words text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
          {part.text}
        </code>
      );
    case "strong":
      return (
        <strong key={key} className="font-semibold text-zinc-900 dark:text-zinc-100">
          {part.text}
        </strong>
      );
    case "link":
      return (
        <a key={key} href={part.href} className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          {part.text}
        </a>
      );
  }
}
