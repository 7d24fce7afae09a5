/** The circular arrow of refresh-like buttons; it spins while `busy` (unless the user asked for less motion). */
export function RefreshIcon({ busy }: { busy: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 ${busy ? "motion-safe:animate-spin" : ""}`} fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M16.5 10a6.5 6.5 0 1 1-1.9-4.6M16.5 3.5v3.5H13" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
