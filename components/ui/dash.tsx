/** "Nothing here" that reads as a word to screen readers rather than "em dash". */
export function Dash({ label = "none" }: { label?: string }) {
  return (
    <>
      <span aria-hidden="true" className="text-zinc-400 dark:text-zinc-500">
        —
      </span>
      <span className="sr-only">{label}</span>
    </>
  );
}
