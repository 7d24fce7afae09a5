/** Tells a newcomer the proxies marked "demo" are sample rows, and how to start without them. */
export function DemoBanner({ count }: { count: number }) {
  return (
    <div role="note" aria-labelledby="demo-banner-title" className="flex gap-3 rounded-xl border border-violet-200 bg-violet-50 p-4 text-sm dark:border-violet-900/70 dark:bg-violet-950/40">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-5 shrink-0 text-violet-600 dark:text-violet-300" fill="currentColor">
        <path fillRule="evenodd" d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v3.25a.75.75 0 0 0 1.5 0V9.75A.75.75 0 0 0 10 9H9Z" clipRule="evenodd" />
      </svg>
      <div className="space-y-1 text-violet-900 dark:text-violet-100">
        <p id="demo-banner-title" className="font-semibold">
          Demo topology
        </p>
        <p>
          {count === 1 ? "One workspace proxy is a demo row" : `${count} workspace proxies are demo rows`}, seeded so you can see how the console looks.
          With embedded PostgreSQL, this server runs real proxy agents for some of them, holding their answers back to stand for distant regions
          (they stop with the server); a demo proxy without an agent stays <em>unregistered</em>. To start without them, run{" "}
          <code className="rounded bg-violet-100 px-1 font-mono whitespace-nowrap text-[0.85em] dark:bg-violet-900/60">meridian server --no-demo</code> or set{" "}
          <code className="rounded bg-violet-100 px-1 font-mono whitespace-nowrap text-[0.85em] dark:bg-violet-900/60">MERIDIAN_DEMO=false</code> on a new database.
        </p>
      </div>
    </div>
  );
}
