// A status as a shape and a colour, so the map does not rely on colour alone: healthy is a dot,
// a warning a triangle, a failure a diamond, "nothing there yet" an empty ring.
import type { Tone } from "@/components/ui/badge";

const SHAPES = {
  circle: <circle cx="8" cy="8" r="6" />,
  triangle: <path d="M8 1.5 15 14H1Z" strokeLinejoin="round" />,
  diamond: <path d="M8 1 15 8 8 15 1 8Z" strokeLinejoin="round" />,
  ring: <circle cx="8" cy="8" r="5" strokeWidth="3" />,
} as const;

type Shape = keyof typeof SHAPES;

const SHAPE: Record<Tone, Shape> = { good: "circle", warn: "triangle", bad: "diamond", neutral: "ring", info: "circle", demo: "circle" };

// A light edge around filled shapes keeps them apart from the land they sit on.
const COLOUR: Record<Tone, string> = {
  good: "fill-emerald-600 stroke-white dark:fill-emerald-400 dark:stroke-zinc-950",
  warn: "fill-amber-500 stroke-white dark:fill-amber-400 dark:stroke-zinc-950",
  bad: "fill-red-600 stroke-white dark:fill-red-400 dark:stroke-zinc-950",
  neutral: "fill-white stroke-zinc-500 dark:fill-zinc-950 dark:stroke-zinc-400",
  info: "fill-sky-600 stroke-white dark:fill-sky-400 dark:stroke-zinc-950",
  demo: "fill-violet-600 stroke-white dark:fill-violet-400 dark:stroke-zinc-950",
};

/** Decorative: whatever holds it names the status in words. */
export function MarkerGlyph({ tone, className = "size-4" }: { tone: Tone; className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" strokeWidth="1.5" className={`${className} shrink-0 overflow-visible ${COLOUR[tone]}`}>
      {SHAPES[SHAPE[tone]]}
    </svg>
  );
}
